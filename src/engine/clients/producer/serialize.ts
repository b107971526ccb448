import type { ProducerConfig } from '../../config/producerConfig';
import type { ProducerRecord } from '../../lab/types';
import type { RecordHeader } from '../../record';
import { utf8 } from '../../util/hash';
import { ClientException } from '../errors';
import { recordSizeBytes, singleRecordBatchBytes, type PendingRecord, type SendCallback } from './ProducerBatch';

/** StringSerializer for key, value and header values (UTF-8; null stays null). */
export function serializeRecord(record: ProducerRecord, nowMs: number, callback: SendCallback): PendingRecord {
  const key = record.key === undefined || record.key === null ? null : utf8(record.key);
  const value = record.value === null ? null : utf8(record.value);
  const headers: RecordHeader[] = Object.entries(record.headers ?? {}).map(([k, v]) => ({ key: k, value: utf8(v) }));
  // CreateTime: the record's own timestamp, else the time send() got to it (whole ms, as Java's clock).
  const timestampMs = record.timestampMs ?? Math.floor(nowMs);
  return { key, value, headers, timestampMs, sizeBytes: recordSizeBytes(key, value, headers, timestampMs), callback };
}

/** KafkaProducer.ensureValidRecordSize: a record alone in a batch must fit a request and the buffer. */
export function ensureValidRecordSize(recordBytes: number, config: ProducerConfig): Error | null {
  const bytes = singleRecordBatchBytes(recordBytes);
  if (bytes > config.maxRequestSize) {
    return new ClientException('RecordTooLargeException', `The message is ${bytes} bytes when serialized which is larger than ${config.maxRequestSize}, which is the value of the max.request.size configuration.`);
  }
  if (bytes > config.bufferMemory) {
    return new ClientException('RecordTooLargeException', `The message is ${bytes} bytes when serialized which is larger than the total memory buffer you have configured with the buffer.memory configuration.`);
  }
  return null;
}
