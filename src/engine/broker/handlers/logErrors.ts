import { KafkaLogError } from '../../log';
import { KAFKA_ERRORS, type KafkaErrorName } from '../../protocol';

/** Map an error thrown by the log layer to the Kafka error a broker sends back. */
export function logErrorName(error: unknown): KafkaErrorName {
  if (error instanceof KafkaLogError && error.error in KAFKA_ERRORS) return error.error as KafkaErrorName;
  return 'UNKNOWN_SERVER_ERROR';
}
