/** Kafka's CompressionType: the id is what attribute bits 0-2 of a v2 record batch hold. */
export type CompressionType = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export const COMPRESSION_TYPES: readonly CompressionType[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export function compressionTypeId(type: CompressionType): number {
  const id = COMPRESSION_TYPES.indexOf(type);
  if (id < 0) throw new Error(`unknown compression type ${String(type)}`);
  return id;
}

/** CompressionType.forId: ids 5-7 are reserved and rejected, as Kafka does. */
export function compressionTypeForId(id: number): CompressionType {
  const type = COMPRESSION_TYPES[id];
  if (type === undefined) throw new Error(`Unknown compression type id: ${id}`);
  return type;
}
