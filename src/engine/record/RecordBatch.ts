/** The v2 record batch API in one import. */
export * from './types';
export { bodySizeOf, estimateRecordSize } from './DefaultRecord';
export { encodeRecordBatch } from './RecordBatchBuilder';
export {
  RecordBatchView, baseOffsetAt, batchSizeAt, iterateBatches, lastOffsetAt, maxTimestampAt,
  setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch,
} from './RecordBatchView';
export type { CompressionType } from './compression/CompressionType';
export { MemoryRecordsBuilder } from './MemoryRecordsBuilder';
export { NO_HEADERS, RecordCursor } from './RecordCursor';
