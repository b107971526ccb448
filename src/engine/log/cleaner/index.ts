export { LogCleaner, type CleanerSettings, type CleaningSummary, type LogCleanerOptions } from './LogCleaner';
export { CLEANER_OFFSET_CHECKPOINT_FILE, LogCleanerManager } from './LogCleanerManager';
export { Cleaner, groupSegmentsBySize, type CleanerStats } from './Cleaner';
export { cleanableOffsets, compactedBelow, logSegments, mayBeCompactedAway, logToClean, maxCompactionDelay, type CleanableRange, type LogToClean, type OffsetsToClean } from './LogToClean';
export { OffsetMap, offsetMapSlots } from './OffsetMap';
export { buildRetainedBatch, emptyBatchHeader } from './RetainedBatch';
