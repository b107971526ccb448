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
});

export function hasDeletePolicy(config: LogConfig): boolean {
  return config.cleanupPolicy.split(',').some((p) => p.trim() === 'delete');
}

export function hasCompactPolicy(config: LogConfig): boolean {
  return config.cleanupPolicy.split(',').some((p) => p.trim() === 'compact');
}
