/**
 * Errors of the log layer. KafkaLogError carries the Kafka protocol error a broker would send back
 * (name and numeric code), so request handlers can map it directly.
 */
export type KafkaLogErrorName =
  | 'OFFSET_OUT_OF_RANGE'
  | 'CORRUPT_MESSAGE'
  | 'MESSAGE_TOO_LARGE'
  | 'RECORD_LIST_TOO_LARGE'
  | 'INVALID_RECORD'
  // Not protocol errors in Kafka (they surface as UNKNOWN_SERVER_ERROR): follower-append invariants.
  | 'UNEXPECTED_APPEND_OFFSET'
  | 'OFFSETS_OUT_OF_ORDER';

/** Kafka's Errors.java codes. */
export const KAFKA_ERROR_CODES: Record<KafkaLogErrorName, number> = {
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  MESSAGE_TOO_LARGE: 10,
  RECORD_LIST_TOO_LARGE: 18,
  INVALID_RECORD: 87,
  UNEXPECTED_APPEND_OFFSET: -1,
  OFFSETS_OUT_OF_ORDER: -1,
};

export class KafkaLogError extends Error {
  override readonly name = 'KafkaLogError';
  readonly errorCode: number;

  constructor(readonly error: KafkaLogErrorName, message: string) {
    super(`${error}: ${message}`);
    this.errorCode = KAFKA_ERROR_CODES[error];
  }
}

/** An index append that would break the strictly increasing order (Kafka's InvalidOffsetException). */
export class InvalidOffsetException extends Error {
  override readonly name = 'InvalidOffsetException';
}

/** An offset too far from the segment base to store as an int32 relative offset. */
export class IndexOffsetOverflowException extends Error {
  override readonly name = 'IndexOffsetOverflowException';
}
