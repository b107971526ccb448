/**
 * Kafka's classic Struct encoding (org.apache.kafka.common.protocol.types.Type), the layout of every
 * record the group coordinator writes to __consumer_offsets and of the consumer protocol's embedded
 * subscription and assignment: big-endian integers, STRING = int16 length + UTF-8, NULLABLE_STRING with
 * length -1 for null, BYTES = int32 length + bytes (-1 for null when nullable), ARRAY = int32 count.
 * Also the compact ("flexible") forms that 3.9 can read for the v4 values (unsigned varint length + 1,
 * tagged fields), which nothing in either profile writes.
 */
import { ByteReader, ByteWriter } from '../../util/bytes';
import { decodeUtf8, utf8 } from '../../util/utf8';

/** Kafka's SchemaException: bytes that do not fit the schema. */
export class SchemaException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaException';
  }
}

/** Java's Short.MAX_VALUE: Type.STRING refuses longer strings. */
const MAX_STRING_BYTES = 32767;

export class StructWriter {
  private readonly out = new ByteWriter(64);

  int16(value: number): this {
    this.out.writeInt16(value);
    return this;
  }

  int32(value: number): this {
    this.out.writeInt32(value);
    return this;
  }

  int64(value: number): this {
    this.out.writeInt64(value);
    return this;
  }

  string(value: string): this {
    const bytes = utf8(value);
    if (bytes.length > MAX_STRING_BYTES) {
      throw new SchemaException(`String length ${bytes.length} is larger than the maximum string length.`);
    }
    this.out.writeInt16(bytes.length);
    this.out.writeBytes(bytes);
    return this;
  }

  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1);
    return this.string(value);
  }

  bytes(value: Uint8Array): this {
    this.out.writeInt32(value.length);
    this.out.writeBytes(value);
    return this;
  }

  nullableBytes(value: Uint8Array | null): this {
    if (value === null) return this.int32(-1);
    return this.bytes(value);
  }

  array<T>(items: readonly T[], writeItem: (item: T) => void): this {
    this.out.writeInt32(items.length);
    for (const item of items) writeItem(item);
    return this;
  }

  toBytes(): Uint8Array {
    return this.out.toBytes();
  }
}

/**
 * Reads Struct fields in order. Errors carry Kafka's wording (Type.STRING, Type.BYTES, ArrayOf) and,
 * through `field`, Schema.read's "Error reading field 'x': …" prefix.
 */
export class StructReader {
  private readonly reader: ByteReader;
  /** The last length prefix read, for the "cannot be negative" messages of the non-nullable types. */
  private lastLength = 0;

  constructor(buf: Uint8Array, start = 0) {
    this.reader = new ByteReader(buf, start);
  }

  get remaining(): number {
    return this.reader.remaining;
  }

  /** Schema.read: a failure inside a field names the field (nested names nest, as in Kafka). */
  field<T>(name: string, read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw new SchemaException(`Error reading field '${name}': ${messageOf(error)}`);
    }
  }

  int16(): number {
    this.need(2);
    return this.reader.readInt16();
  }

  int32(): number {
    this.need(4);
    return this.reader.readInt32();
  }

  int64(): number {
    this.need(8);
    return this.reader.readInt64();
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new SchemaException(`String length ${this.lastLength} cannot be negative`);
    return value;
  }

  nullableString(): string | null {
    const length = this.int16();
    this.lastLength = length;
    if (length < 0) return null;
    if (length > this.remaining) {
      throw new SchemaException(`Error reading string of length ${length}, only ${this.remaining} bytes available`);
    }
    return this.utf8(length);
  }

  bytes(): Uint8Array {
    const value = this.nullableBytes();
    if (value === null) throw new SchemaException(`Bytes size ${this.lastLength} cannot be negative`);
    return value;
  }

  nullableBytes(): Uint8Array | null {
    const size = this.int32();
    this.lastLength = size;
    if (size < 0) return null;
    if (size > this.remaining) {
      throw new SchemaException(`Error reading bytes of size ${size}, only ${this.remaining} bytes available`);
    }
    return this.reader.readBytes(size).slice();
  }

  array<T>(readItem: () => T): T[] {
    const size = this.int32();
    if (size < 0) throw new SchemaException(`Array size ${size} cannot be negative`);
    if (size > this.remaining) {
      throw new SchemaException(`Error reading array of size ${size}, only ${this.remaining} bytes available`);
    }
    const items: T[] = [];
    for (let i = 0; i < size; i++) items.push(readItem());
    return items;
  }

  // Compact (flexible-version) forms, read only: 3.9's decoders accept the v4 values.

  unsignedVarint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift > 28) throw new SchemaException('Varint is too long, the most significant bit in the 5th byte is set');
      this.need(1);
      const b = this.reader.readInt8() & 0xff;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
  }

  compactNullableString(): string | null {
    const length = this.unsignedVarint() - 1;
    if (length < 0) return null;
    if (length > this.remaining) {
      throw new SchemaException(`Error reading string of length ${length}, only ${this.remaining} bytes available`);
    }
    return this.utf8(length);
  }

  compactString(): string {
    const value = this.compactNullableString();
    if (value === null) throw new SchemaException('non-nullable field was serialized as null');
    return value;
  }

  compactBytes(): Uint8Array {
    const size = this.unsignedVarint() - 1;
    if (size < 0) throw new SchemaException('non-nullable field was serialized as null');
    if (size > this.remaining) {
      throw new SchemaException(`Error reading bytes of size ${size}, only ${this.remaining} bytes available`);
    }
    return this.reader.readBytes(size).slice();
  }

  compactArray<T>(readItem: () => T): T[] {
    const size = this.unsignedVarint() - 1;
    if (size < 0) throw new SchemaException('non-nullable field was serialized as null');
    if (size > this.remaining) {
      throw new SchemaException(`Error reading array of size ${size}, only ${this.remaining} bytes available`);
    }
    const items: T[] = [];
    for (let i = 0; i < size; i++) items.push(readItem());
    return items;
  }

  /** A tagged-field section: every field is unknown to these schemas, so each is skipped. */
  skipTaggedFields(): void {
    const count = this.unsignedVarint();
    for (let i = 0; i < count; i++) {
      this.unsignedVarint();
      const size = this.unsignedVarint();
      this.need(size);
      this.reader.readBytes(size);
    }
  }

  private utf8(length: number): string {
    const start = this.reader.pos;
    this.reader.readBytes(length);
    return decodeUtf8(this.reader.buf, start, start + length);
  }

  /** Java's ByteBuffer throws BufferUnderflowException, whose message is null: Kafka prints the class name. */
  private need(n: number): void {
    if (n > this.remaining) throw new SchemaException('java.nio.BufferUnderflowException');
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
