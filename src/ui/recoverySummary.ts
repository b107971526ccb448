/** Condenses the engine's recovery report for the restart notice. */

export interface RecoveryDigest {
  /** Partitions the report mentions, e.g. ["orders-1", "orders-2"]. */
  partitions: string[];
  /** Lines a learner should notice: data loss or repair (truncation, corruption), a broker left down. */
  problems: { line: string; tp: string | null }[];
  /** Every partition was loaded after a clean shutdown: Kafka skipped log recovery. */
  cleanShutdown: boolean;
}

const LINE = /^Broker \d+: ([^:\s]+): /;
const PROBLEM = /corrupt batch|truncated|deleted|invalid|missing segment|stays down/i;

export function digestRecovery(lines: readonly string[]): RecoveryDigest {
  const partitions = new Set<string>();
  const problems: RecoveryDigest['problems'] = [];
  let cleanLines = 0;
  for (const line of lines) {
    const tp = LINE.exec(line)?.[1] ?? null;
    if (tp) partitions.add(tp);
    if (/clean shutdown/i.test(line)) cleanLines++;
    if (PROBLEM.test(line) && !/no corruption/i.test(line)) problems.push({ line, tp });
  }
  return { partitions: [...partitions].sort(), problems, cleanShutdown: lines.length > 0 && cleanLines === partitions.size && problems.length === 0 };
}
