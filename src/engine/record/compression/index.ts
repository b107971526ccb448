export { COMPRESSION_TYPES, compressionTypeForId, compressionTypeId, type CompressionType } from './CompressionType';
export { compress, decompress, initCodecs, type CodecInitOptions } from './codecs';
