/**
 * What the Brokers tab offers for each broker and what it says after each action: pure, so
 * the panel stays a thin view. Every action is one LabCommand (recorded, exported, replayed).
 */
import type { LabCommand } from '../../engine/lab/commands';
import type { BrokerView } from '../../engine/snapshot';

/** What the tab knows of a broker (one string per broker keeps its renders narrow). */
export interface BrokerRow {
  readonly id: number;
  readonly alive: boolean;
  readonly controller: boolean;
  readonly isolated: boolean;
  readonly paused: boolean;
  readonly slowMs: number;
  /** Its ZooKeeper link alone is cut (cut-link broker-N zookeeper). */
  readonly zkCut: boolean;
}

const SEP = '\u0000';

export function encodeRow(b: BrokerView, zkCut: boolean): string {
  return [b.id, b.alive ? 1 : 0, b.isController ? 1 : 0, b.isolated ? 1 : 0, b.paused ? 1 : 0, b.slowFetchDelayMs ?? 0, zkCut ? 1 : 0].join(SEP);
}

export function parseRow(row: string): BrokerRow {
  const [id = '0', alive = '0', controller = '0', isolated = '0', paused = '0', slowMs = '0', zkCut = '0'] = row.split(SEP);
  return { id: Number(id), alive: alive === '1', controller: controller === '1', isolated: isolated === '1', paused: paused === '1', slowMs: Number(slowMs), zkCut: zkCut === '1' };
}

/** "running", "down", "paused · ZooKeeper link cut · slow follower +500 ms". */
export function stateText(b: BrokerRow): string {
  if (!b.alive) return 'down';
  const parts = [b.isolated ? 'isolated' : b.paused ? 'paused' : 'running'];
  if (b.isolated && b.paused) parts.push('paused');
  if (b.zkCut) parts.push('ZooKeeper link cut');
  if (b.slowMs > 0) parts.push(`slow follower +${b.slowMs} ms`);
  return parts.join(' · ');
}

export type ToggleAction = 'crash-broker' | 'power-off-broker' | 'stop-broker' | 'start-broker' | 'isolate' | 'rejoin' | 'pause-broker' | 'resume-broker' | 'cut-zk' | 'heal-zk';

export interface ActionButton {
  readonly action: ToggleAction;
  /** The button's text. */
  readonly label: string;
  /** Its accessible name (the text alone would repeat for every broker). */
  readonly name: string;
  readonly style: '' | ' btn-danger' | ' btn-accent';
}

const button = (action: ToggleAction, label: string, id: number, style: ActionButton['style'] = '', name = `${label} broker ${id}`): ActionButton => ({ action, label, name, style });

/** The buttons a broker's state allows, in two groups: the process, and its connections. */
export function actionsFor(b: BrokerRow): { process: ActionButton[]; network: ActionButton[] } {
  if (!b.alive) return { process: [button('start-broker', 'Start', b.id, ' btn-accent')], network: [] };
  return {
    process: [
      button('crash-broker', 'Crash', b.id, ' btn-danger'),
      button('power-off-broker', 'Power off', b.id, ' btn-danger'),
      button('stop-broker', 'Shut down', b.id),
      b.paused ? button('resume-broker', 'Resume', b.id, ' btn-accent') : button('pause-broker', 'Pause', b.id),
    ],
    network: [
      b.isolated ? button('rejoin', 'Rejoin', b.id, ' btn-accent') : button('isolate', 'Isolate', b.id),
      b.zkCut
        ? button('heal-zk', 'Heal ZooKeeper link', b.id, ' btn-accent', `Heal ZooKeeper link of broker ${b.id}`)
        : button('cut-zk', 'Cut ZooKeeper link', b.id, '', `Cut ZooKeeper link of broker ${b.id}`),
    ],
  };
}

/** The command a button issues. */
export function commandFor(action: ToggleAction, broker: number): LabCommand {
  if (action === 'cut-zk' || action === 'heal-zk') return { type: action === 'cut-zk' ? 'cut-link' : 'heal-link', a: `broker-${broker}`, b: 'zookeeper' };
  return { type: action, broker };
}

/** What happened and what comes next, after an action succeeded. */
export const DONE: Record<ToggleAction, (id: number) => string> = {
  isolate: (id) => `Broker ${id} is cut off from every node, ZooKeeper included. It keeps running; ZooKeeper ends its session after zookeeper.session.timeout.ms.`,
  rejoin: (id) => `Broker ${id} is back on the network (if its session had expired, it registered again).`,
  'crash-broker': (id) =>
    `Broker ${id} crashed. ZooKeeper ends its session after zookeeper.session.timeout.ms without heartbeats; only then does the controller move its partitions to another replica in the ISR.`,
  'power-off-broker': (id) =>
    `Broker ${id} lost power: every byte it had not flushed (above each log's recovery point) is gone, acknowledged records included. ZooKeeper notices after zookeeper.session.timeout.ms.`,
  'stop-broker': (id) => `Broker ${id} shut down cleanly: a controlled shutdown moved its leaderships first, then it closed its ZooKeeper session.`,
  'start-broker': (id) => `Broker ${id} started: it recovered its logs and registered in ZooKeeper; its replicas fetch from their leaders and rejoin the ISR once caught up.`,
  'pause-broker': (id) =>
    `Broker ${id} is paused (a long stop-the-world GC pause): it runs nothing and sends no heartbeats. ZooKeeper ends its session after zookeeper.session.timeout.ms; resumed, it carries on as if no time had passed.`,
  'resume-broker': (id) => `Broker ${id} resumed: it handles what waited for it. If its leaderships moved meanwhile, it learns it is a follower now.`,
  'cut-zk': (id) =>
    `Broker ${id}'s link to ZooKeeper is cut; its other links stay up. It keeps serving as if nothing happened until ZooKeeper ends its session after zookeeper.session.timeout.ms and the controller moves its leaderships.`,
  'heal-zk': (id) => `Broker ${id} reconnected to ZooKeeper (if its session had expired, it registered again).`,
};

/** After slow-broker: a slow follower, or back to full speed. */
export function slowDone(id: number, delayMs: number): string {
  return delayMs > 0
    ? `Broker ${id} is a slow follower: each of its fetches waits ${delayMs} ms more. Once it has not caught up for replica.lag.time.max.ms, its leaders drop it from the ISR.`
    : `Broker ${id} fetches at full speed again; it rejoins the ISR of each partition once it has caught up.`;
}

/** A delay typed in the box: a whole number of ms from 1 to 600,000, else why not. */
export function parseDelay(text: string): { delayMs: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: 'The delay is a whole number of milliseconds, e.g. 500.' };
  const delayMs = Number(trimmed);
  if (delayMs < 1 || delayMs > 600_000) return { error: 'Choose a delay from 1 to 600000 ms (0 would mean no delay: use End instead).' };
  return { delayMs };
}
