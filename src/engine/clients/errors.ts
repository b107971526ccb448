/**
 * The client-side exceptions Kafka's Java clients throw that have no broker error code
 * (org.apache.kafka.common.errors.*). Broker errors travel as KafkaError with their name.
 */
export type ClientErrorName =
  | 'TimeoutException'
  | 'RecordTooLargeException'
  | 'KafkaException'
  | 'NoOffsetForPartitionException'
  | 'OffsetOutOfRangeException'
  | 'LogTruncationException'
  | 'IllegalArgumentException'
  | 'IllegalStateException'
  | 'InvalidTopicException'
  | 'CommitFailedException'
  | 'InvalidGroupIdException'
  | 'RebalanceInProgressException'
  | 'RetriableCommitFailedException';

export class ClientException extends Error {
  constructor(name: ClientErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export const timeoutException = (message: string): ClientException => new ClientException('TimeoutException', message);
export const kafkaException = (message: string): ClientException => new ClientException('KafkaException', message);
export const illegalArgument = (message: string): ClientException => new ClientException('IllegalArgumentException', message);
export const illegalState = (message: string): ClientException => new ClientException('IllegalStateException', message);
