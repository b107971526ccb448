/**
 * A reload's second half (see session.ts): the saved command log read back and the clients
 * started again. Its own chunk: it needs the scenario parser, which a fresh lab never loads.
 */
import { applyCommand, type LabCommand, type LoggedCommand } from '../engine/lab/commands';
import type { KafkaLab } from '../engine/lab/KafkaLab';
import { isCommandWord, lineToCommand, splitAtLine } from '../scenario/commandLines';
import { explicitTps } from '../scenario/exportScenario';
import { parseScenario } from '../scenario/parse';
import type { SessionMeta } from './session';

/**
 * After a reload: put the earlier command log back and start the clients again as they were.
 * The restoring commands are not logged (the log already holds what built that state).
 * Returns one plain sentence per client for the restart notice.
 */
export function restoreSession(lab: KafkaLab, session: SessionMeta): string[] {
  lab.commandLog.restore(parseTimedLines(session.commands));
  const said: string[] = [];
  const run = (command: LabCommand): void => void applyCommand(lab, command).catch(() => {});
  for (const p of session.producers) {
    if (lab.producer(p.id)) continue;
    run({ type: 'producer', id: p.id, config: p.config });
    if (p.stream) run({ type: 'stream', producer: p.id, ...p.stream });
    said.push(`${p.id} started again${configWords(p.config)}${p.stream ? `, streaming ${p.stream.recordsPerSecond} records/s to ${p.stream.topic}` : ''}.`);
  }
  for (const c of session.consumers) {
    if (lab.consumer(c.id)) continue;
    run({ type: 'consumer', id: c.id, config: c.config });
    // A group member rejoins its group by subscribing (its positions come from the group's
    // committed offsets); one that had crashed or closed stays down.
    const membership = groupMembership(lab.commandLog.entries, c.id);
    if (membership.ended) {
      run({ type: membership.ended, consumer: c.id });
      said.push(`${c.id} stays ${membership.ended === 'close' ? 'closed' : 'crashed'}, as it was.`);
      continue;
    }
    if (membership.subscription) {
      run({ type: 'subscribe', consumer: c.id, topics: membership.subscription });
      if (c.processingMs) run({ type: 'slow-consumer', consumer: c.id, perRecordMs: c.processingMs });
      if (c.polling) run({ type: 'start-polling', consumer: c.id });
      said.push(`${c.id} started again${configWords(c.config)} and rejoins its group for ${membership.subscription.join(', ')}${c.polling ? ', polling' : ''}.`);
      continue;
    }
    if (c.assignment.length > 0) run({ type: 'assign', consumer: c.id, partitions: c.assignment });
    for (const p of c.positions) run({ type: 'seek', consumer: c.id, partitions: [{ topic: p.topic, partition: p.partition }], to: { offset: p.offset } });
    if (c.polling) run({ type: 'start-polling', consumer: c.id });
    const where = c.positions.length > 0 ? ` at ${c.positions.map((p) => `${p.topic}-${p.partition}@${p.offset}`).join(', ')}` : '';
    const joined = c.subscription && c.subscription.length > 0 ? ` and rejoined its group for ${c.subscription.join(', ')} (it resumes from the group's committed offsets)` : ` with ${c.assignment.length} assigned partition${c.assignment.length === 1 ? '' : 's'}${where}`;
    said.push(`${c.id} started again${configWords(c.config)}${joined}${c.polling ? ', polling' : ''}.`);
  }
  return said;
}

/**
 * From the command log: the consumer's topics if its last subscribe/assign was a subscribe to
 * some topics, and whether it was closed or crashed after its last creation.
 */
export function groupMembership(log: readonly LoggedCommand[], consumer: string): { subscription: string[] | null; ended: 'close' | 'crash-consumer' | null } {
  let subscription: string[] | null = null;
  let ended: 'close' | 'crash-consumer' | null = null;
  for (const { command: c } of log) {
    if (c.type === 'consumer' && c.id === consumer) [subscription, ended] = [null, null];
    if (c.type === 'subscribe' && c.consumer === consumer) subscription = c.topics.length > 0 ? [...c.topics] : null;
    if (c.type === 'assign' && c.consumer === consumer) subscription = null;
    if ((c.type === 'close' || c.type === 'crash-consumer') && c.consumer === consumer) ended = c.type;
  }
  return { subscription, ended };
}

function configWords(config: Record<string, string>): string {
  const entries = Object.entries(config);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/** Timed lines written by captureSession → log entries (lines that do not parse are dropped). */
export function parseTimedLines(text: string): LoggedCommand[] {
  const out: LoggedCommand[] = [];
  let lines;
  try {
    lines = parseScenario(text);
  } catch {
    return out;
  }
  for (const line of lines) {
    try {
      const at = splitAtLine(line);
      if (at?.command && isCommandWord(at.command.name)) out.push({ atMs: at.atMs, command: lineToCommand(at.command, explicitTps) });
    } catch {
      // A line this version cannot read: skip it rather than lose the whole session.
    }
  }
  return out;
}
