/** The per-topic log settings the log layer uses, with Kafka 3.9 defaults (semantics §1.1). */
export interface LogConfig {
  /** segment.bytes */
  segmentBytes: number;
  /** segment.ms */
  segmentMs: number;
  /** segment.jitter.ms */
  segmentJitterMs: number;
  /** segment.index.bytes: capacity of each .index/.timeindex */
  segmentIndexBytes: number;
  /** index.interval.bytes */
  indexIntervalBytes: number;
  /** retention.ms; -1 = no time limit */
  retentionMs: number;
  /** retention.bytes per partition; -1 = unlimited */
  retentionBytes: number;
  /** cleanup.policy: "delete", "compact" or "compact,delete" */
  cleanupPolicy: string;
  /** max.message.bytes: largest batch (including its 12-byte log overhead) a producer may append */
  maxMessageBytes: number;
  /** message.timestamp.type */
  messageTimestampType: 'CreateTime' | 'LogAppendTime';
  /** file.delete.delay.ms: how long a deleted segment lingers as *.deleted */
  fileDeleteDelayMs: number;
  /** min.cleanable.dirty.ratio: compact once dirty bytes / all bytes exceeds this */
  minCleanableDirtyRatio: number;
  /** min.compaction.lag.ms: a segment whose newest record is younger than this is not compacted */
  minCompactionLagMs: number;
  /** max.compaction.lag.ms: dirty records older than this make the log eligible whatever its ratio */
  maxCompactionLagMs: number;
  /** delete.retention.ms: how long compaction keeps a tombstone */
  deleteRetentionMs: number;
}

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1073741824,
  segmentMs: 604800000,
  segmentJitterMs: 0,
  segmentIndexBytes: 10485760,
  indexIntervalBytes: 4096,
  retentionMs: 604800000,
  retentionBytes: -1,
  cleanupPolicy: 'delete',
  maxMessageBytes: 1048588,
  messageTimestampType: 'CreateTime',
  fileDeleteDelayMs: 60000,
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: 2 ** 63,
  deleteRetentionMs: 86400000,
});

export function hasDeletePolicy(config: LogConfig): boolean {
  return config.cleanupPolicy.split(',').some((p) => p.trim() === 'delete');
}

export function hasCompactPolicy(config: LogConfig): boolean {
  return config.cleanupPolicy.split(',').some((p) => p.trim() === 'compact');
}
