import { describe, expect, it } from 'vitest';
import { KafkaLogError } from '../../log';
import { logErrorName } from './logErrors';

describe('logErrorName', () => {
  it('passes the log layer\'s Kafka error through', () => {
    expect(logErrorName(new KafkaLogError('OFFSET_OUT_OF_RANGE', 'past the end'))).toBe('OFFSET_OUT_OF_RANGE');
    expect(logErrorName(new KafkaLogError('CORRUPT_MESSAGE', 'bad crc'))).toBe('CORRUPT_MESSAGE');
  });

  it('maps internal invariants and foreign errors to UNKNOWN_SERVER_ERROR', () => {
    expect(logErrorName(new KafkaLogError('OFFSETS_OUT_OF_ORDER', 'x'))).toBe('UNKNOWN_SERVER_ERROR');
    expect(logErrorName(new Error('boom'))).toBe('UNKNOWN_SERVER_ERROR');
  });
});
