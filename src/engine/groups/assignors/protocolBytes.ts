import { parseTpName } from '../../protocol/topicPartition';
import { getInt16, getInt32, setInt16, setInt32 } from '../../util/bytes';
import { decodeUtf8, utf8 } from '../../util/utf8';

/**
 * Kafka's non-flexible protocol types (big-endian) for the consumer protocol and the sticky userData:
 * INT16, INT32, STRING (int16 length + UTF-8), NULLABLE_STRING (length -1 = null), NULLABLE_BYTES
 * (int32 length, -1 = null), ARRAY (int32 count + items).
 */

/** Kafka's SchemaException: bytes that do not parse as the schema says. */
export class SchemaException extends Error {
  override readonly name = 'SchemaException';
}

export class ProtocolReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  private need(bytes: number): void {
    if (this.pos + bytes > this.buf.length) throw new SchemaException('Buffer underflow');
  }

  int16(): number {
    this.need(2);
    const v = getInt16(this.buf, this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = getInt32(this.buf, this.pos);
    this.pos += 4;
    return v;
  }

  private utf8(length: number): string {
    this.need(length);
    const s = decodeUtf8(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return s;
  }

  /** Type.STRING: a negative or overlong length is a SchemaException, as in Kafka. */
  string(): string {
    const length = this.int16();
    if (length < 0) throw new SchemaException(`String length ${length} cannot be negative`);
    return this.utf8(length);
  }

  nullableString(): string | null {
    const length = this.int16();
    return length < 0 ? null : this.utf8(length);
  }

  nullableBytes(): Uint8Array | null {
    const length = this.int32();
    if (length < 0) return null;
    this.need(length);
    const bytes = this.buf.slice(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  arraySize(): number {
    const size = this.int32();
    if (size < 0) throw new SchemaException(`Array size ${size} cannot be negative`);
    if (size > this.buf.length - this.pos) throw new SchemaException(`Error reading array of size ${size}`);
    return size;
  }

  array<T>(readItem: () => T): T[] {
    const items: T[] = [];
    for (let i = this.arraySize(); i > 0; i--) items.push(readItem());
    return items;
  }
}

export class ProtocolWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }

  int16(value: number): this {
    const b = new Uint8Array(2);
    setInt16(b, 0, value);
    return this.push(b);
  }

  int32(value: number): this {
    const b = new Uint8Array(4);
    setInt32(b, 0, value);
    return this.push(b);
  }

  string(value: string): this {
    const bytes = utf8(value);
    if (bytes.length > 0x7fff) throw new SchemaException(`String length ${bytes.length} is larger than the maximum string length.`);
    return this.int16(bytes.length).push(bytes);
  }

  nullableString(value: string | null): this {
    return value === null ? this.int16(-1) : this.string(value);
  }

  nullableBytes(value: Uint8Array | null): this {
    return value === null ? this.int32(-1) : this.int32(value.length).push(value);
  }

  array<T>(items: readonly T[], writeItem: (item: T) => void): this {
    this.int32(items.length);
    for (const item of items) writeItem(item);
    return this;
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let pos = 0;
    for (const part of this.parts) {
      out.set(part, pos);
      pos += part.length;
    }
    return out;
  }
}

/** "orders-3" → ["orders", 3]. */
export function splitTopicPartition(name: string): [string, number] {
  const { topic, partition } = parseTpName(name);
  return [topic, partition];
}
