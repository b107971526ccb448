import { tpName } from '../protocol';

/**
 * Kafka's offset checkpoint files (server-common CheckpointFile): a version line, an entry
 * count, then "topic partition offset" per line. Used for recovery-point-offset-checkpoint,
 * log-start-offset-checkpoint and replication-offset-checkpoint.
 */
export const CHECKPOINT_FILES = {
  recoveryPoint: 'recovery-point-offset-checkpoint',
  logStartOffset: 'log-start-offset-checkpoint',
  highWatermark: 'replication-offset-checkpoint',
  cleanShutdown: '.kafka_cleanshutdown',
  /** Per partition directory: "<dir>/leader-epoch-checkpoint". */
  leaderEpoch: 'leader-epoch-checkpoint',
} as const;

export function leaderEpochCheckpointPath(dir: string): string {
  return `${dir}/${CHECKPOINT_FILES.leaderEpoch}`;
}

/** leader-epoch-checkpoint: version 0, the count, then "epoch startOffset" per line. */
export function formatEpochCheckpoint(entries: readonly { epoch: number; startOffset: number }[]): string {
  return `${['0', String(entries.length), ...entries.map((e) => `${e.epoch} ${e.startOffset}`)].join('\n')}\n`;
}

export function parseEpochCheckpoint(contents: string | undefined): { epoch: number; startOffset: number }[] | undefined {
  if (!contents) return undefined;
  const lines = contents.split('\n').filter((l) => l.length > 0);
  if (lines[0] !== '0') return undefined;
  const entries: { epoch: number; startOffset: number }[] = [];
  for (const line of lines.slice(2, 2 + Number(lines[1]))) {
    const [epoch, startOffset] = line.split(' ').map(Number);
    if (!Number.isInteger(epoch) || !Number.isInteger(startOffset)) return undefined;
    entries.push({ epoch: epoch!, startOffset: startOffset! });
  }
  return entries;
}

export function formatOffsetCheckpoint(entries: ReadonlyMap<string, number>): string {
  const lines = ['0', String(entries.size)];
  for (const [dir, offset] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { topic, partition } = parsePartitionDir(dir);
    lines.push(`${topic} ${partition} ${offset}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parse a checkpoint file into partition dir ("orders-3") → offset. Malformed files give an empty map. */
export function parseOffsetCheckpoint(contents: string | undefined): Map<string, number> {
  const result = new Map<string, number>();
  if (!contents) return result;
  const lines = contents.split('\n').filter((l) => l.length > 0);
  if (lines[0] !== '0') return result;
  const count = Number(lines[1]);
  for (let i = 0; i < count; i++) {
    const parts = (lines[2 + i] ?? '').split(' ');
    if (parts.length !== 3) return new Map();
    const [topic, partition, offset] = parts as [string, string, string];
    if (!/^\d+$/.test(partition) || !/^-?\d+$/.test(offset)) return new Map();
    result.set(tpName(topic, Number(partition)), Number(offset));
  }
  return result;
}

/** "orders-3" → { topic: "orders", partition: 3 } (topic names may contain '-'). */
export function parsePartitionDir(dir: string): { topic: string; partition: number } {
  const i = dir.lastIndexOf('-');
  const partition = Number(dir.slice(i + 1));
  if (i <= 0 || !Number.isInteger(partition)) throw new Error(`not a partition directory: ${dir}`);
  return { topic: dir.slice(0, i), partition };
}

