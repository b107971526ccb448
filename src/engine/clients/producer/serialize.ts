import type { ProducerConfig } from '../../config/producerConfig';
import type { ProducerRecord } from '../../lab/types';
import { NO_HEADERS, type RecordHeader } from '../../record';
import { encodeUtf8Into, utf8 } from '../../util/hash';
import { ClientException } from '../errors';
import { recordSizeBytes, singleRecordBatchBytes, type PendingRecord, type SendCallback } from './ProducerBatch';

/** Strings longer than this are encoded into their own array instead of the reused scratch. */
const SCRATCH_MAX_CHARS = 64 * 1024;

/** The record being sent; reused for every send (the batch copies what it keeps). */
class SerializedRecord implements PendingRecord {
  key: Uint8Array | null = null;
  value: Uint8Array | null = null;
  headers: RecordHeader[] = NO_HEADERS;
  timestampMs = 0;
  sizeBytes = 0;
  callback: SendCallback = () => {};
}

/**
 * A reusable encoding buffer. Views of its first n bytes are made once per length: subarray() costs
 * about as much as encoding a short key, and records of one topic tend to repeat a few lengths.
 */
class Scratch {
  private bytes: Uint8Array;
  private views: (Uint8Array | undefined)[] = [];

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  /** UTF-8 of s, valid until the next encode. */
  encode(s: string): Uint8Array {
    if (s.length > SCRATCH_MAX_CHARS) return utf8(s);
    if (this.bytes.length < s.length * 3) {
      this.bytes = new Uint8Array(capacityFor(s.length * 3));
      this.views = [];
    }
    const n = encodeUtf8Into(s, this.bytes, 0);
    return (this.views[n] ??= this.bytes.subarray(0, n));
  }
}

/**
 * Kafka's StringSerializer for key, value and header values (UTF-8; null stays null). Keys and values
 * are encoded into scratch buffers owned by the serializer: the views it returns are valid until the
 * next serialize(), which is all the accumulator needs, and no arrays are allocated per record.
 */
export class RecordSerializer {
  private readonly keys = new Scratch(256);
  private readonly values = new Scratch(1024);
  private readonly out = new SerializedRecord();

  serialize(record: ProducerRecord, nowMs: number, callback: SendCallback): PendingRecord {
    const out = this.out;
    const key = record.key;
    out.key = key === undefined || key === null ? null : this.keys.encode(key);
    out.value = record.value === null ? null : this.values.encode(record.value);
    out.headers = record.headers === undefined ? NO_HEADERS : serializeHeaders(record.headers);
    // CreateTime: the record's own timestamp, else the time send() got to it (whole ms, as Java's clock).
    out.timestampMs = record.timestampMs ?? Math.floor(nowMs);
    out.sizeBytes = recordSizeBytes(out.key, out.value, out.headers);
    out.callback = callback;
    return out;
  }
}

function capacityFor(bytes: number): number {
  let capacity = 256;
  while (capacity < bytes) capacity *= 2;
  return capacity;
}

function serializeHeaders(headers: Record<string, string>): RecordHeader[] {
  const out = Object.entries(headers).map(([key, value]): RecordHeader => ({ key, value: utf8(value) }));
  return out.length === 0 ? NO_HEADERS : out;
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
