/**
 * What a broker card says about a broker that is not simply running: down, isolated, paused
 * (a long GC pause), without ZooKeeper (its link cut, or it cannot reach it), a slow follower.
 * Several can hold at once (a paused broker also has no ZooKeeper session); cards have little
 * room, so each state has a long and a short form and the card shows what fits.
 */
import type { BrokerView } from '../../../engine/snapshot';

export type BrokerStateKey = 'offline' | 'isolated' | 'paused' | 'nozk' | 'slow' | 'session';

export interface BrokerStateWord {
  readonly key: BrokerStateKey;
  readonly long: string;
  readonly short: string;
}

type StateInput = Pick<BrokerView, 'alive' | 'isolated' | 'paused' | 'zkDisconnected' | 'slowFetchDelayMs' | 'zkSessionExpiresAtMs'>;

/** "19.5 s": when ZooKeeper will end a silent broker's session, on the lab's clock. */
function sessionEnd(b: StateInput): BrokerStateWord[] {
  if (b.zkSessionExpiresAtMs === undefined) return [];
  const at = `${(b.zkSessionExpiresAtMs / 1000).toFixed(1)} s`;
  return [{ key: 'session', long: `session ends ${at}`, short: `ends ${at}` }];
}

/** The broker's states, most important first (the first one colours the card's text). */
export function brokerStateWords(b: StateInput): BrokerStateWord[] {
  // A dead broker's session lives on until ZooKeeper's timeout: only then does the controller react.
  if (!b.alive) return [{ key: 'offline', long: 'offline', short: 'offline' }, ...sessionEnd(b)];
  const words: BrokerStateWord[] = [];
  if (b.isolated) words.push({ key: 'isolated', long: 'isolated', short: 'isolated' });
  if (b.paused) words.push({ key: 'paused', long: 'paused', short: 'paused' });
  // Isolated and paused brokers have no ZooKeeper connection either; saying it again adds nothing.
  if (b.zkDisconnected && !b.isolated && !b.paused) words.push({ key: 'nozk', long: 'no ZooKeeper', short: 'no ZK' });
  if ((b.slowFetchDelayMs ?? 0) > 0) words.push({ key: 'slow', long: `slow +${b.slowFetchDelayMs} ms`, short: 'slow' });
  words.push(...sessionEnd(b));
  return words;
}

/** Advance of a 13 px proportional character (the card's meta text). */
export const STATE_CHAR_W_PX = 7.4;

/** The longest text of `words` that fits `availPx`: long forms, short forms, then the first and "+N". */
export function fitStateText(words: readonly BrokerStateWord[], availPx: number, charWPx = STATE_CHAR_W_PX): string | null {
  if (words.length === 0) return null;
  const fits = (t: string): boolean => t.length * charWPx <= availPx;
  const long = words.map((w) => w.long).join(' · ');
  if (fits(long)) return long;
  const short = words.map((w) => w.short).join(' · ');
  if (fits(short) || words.length === 1) return short;
  return `${words[0]!.short} +${words.length - 1}`;
}

/** "paused, slow follower (each fetch waits 500 ms more)": the card's tooltip and summary words. */
export function describeBrokerState(b: StateInput): string {
  const parts = brokerStateWords(b).map((w) => {
    switch (w.key) {
      case 'nozk':
        return 'no ZooKeeper connection';
      case 'slow':
        return `slow follower (each fetch waits ${b.slowFetchDelayMs} ms more)`;
      case 'paused':
        return 'paused (runs nothing until resumed)';
      case 'session':
        return `ZooKeeper ends its session at ${((b.zkSessionExpiresAtMs ?? 0) / 1000).toFixed(1)} s unless it hears from it`;
      default:
        return w.long;
    }
  });
  return parts.length > 0 ? parts.join(', ') : 'running';
}
