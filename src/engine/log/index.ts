export { UnifiedLog } from './UnifiedLog';
export { LogSegment, type SegmentRead, type SegmentSettings } from './LogSegment';
export { OffsetIndex, type OffsetPosition } from './OffsetIndex';
export { TimeIndex, type TimestampOffset } from './TimeIndex';
export { FileRecords, type LogOffsetPosition, type TimestampAndOffset } from './FileRecords';
export { LeaderEpochCache, type EpochEntry, type EpochEndOffset } from './LeaderEpochCache';
export { DEFAULT_LOG_CONFIG, hasCompactPolicy, hasDeletePolicy, type LogConfig } from './LogConfig';
export * from './LogFileNames';
export * from './errors';
export { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_TIMESTAMP } from './LogReads';
export type {
  LogAppendInfo, LogEventSink, LogReadResult, LogSink, LogSinkOp, RecoveryReport, StoredSegment,
  UnifiedLogLoadOptions, UnifiedLogOptions,
} from './LogTypes';
