import { KAFKA_ERRORS, type KafkaErrorName } from '../../protocol';

/** Map an error thrown by the log layer to Kafka's error name. */
export function logErrorName(error: unknown): KafkaErrorName {
  const named = error as { errorName?: unknown; code?: unknown } | null;
  for (const candidate of [named?.errorName, named?.code]) {
    if (typeof candidate === 'string' && candidate in KAFKA_ERRORS) return candidate as KafkaErrorName;
  }
  return 'UNKNOWN_SERVER_ERROR';
}
