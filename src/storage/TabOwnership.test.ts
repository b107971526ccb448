import { describe, expect, it } from 'vitest';
import { claimOwnership, type ChannelLike, type LockManagerLike } from './TabOwnership';

/** Web Locks for tabs in one process: exclusive locks, ifAvailable and steal. */
class FakeLocks implements LockManagerLike {
  private readonly held = new Map<string, { abort: (e: Error) => void }>();

  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown> {
    const holder = this.held.get(name);
    if (holder && options.ifAvailable) return Promise.resolve(callback(null));
    if (holder && !options.steal) throw new Error('FakeLocks does not queue');
    if (holder) holder.abort(new DOMException('stolen', 'AbortError'));
    return new Promise((resolve, reject) => {
      const entry = { abort: reject };
      this.held.set(name, entry);
      Promise.resolve(callback({ name })).then((value) => {
        if (this.held.get(name) === entry) this.held.delete(name);
        resolve(value);
      }, reject);
    });
  }
}

/** BroadcastChannel for tabs in one process: async delivery to every other instance of the name. */
function fakeChannels() {
  const all = new Set<FakeChannel>();
  class FakeChannel implements ChannelLike {
    private readonly listeners: ((e: { data: unknown }) => void)[] = [];
    constructor(readonly name: string) {
      all.add(this);
    }
    postMessage(data: unknown): void {
      for (const other of all) {
        if (other !== this && other.name === this.name) setTimeout(() => other.listeners.forEach((l) => l({ data })), 1);
      }
    }
    addEventListener(_type: 'message', listener: (e: { data: unknown }) => void): void {
      this.listeners.push(listener);
    }
    close(): void {
      all.delete(this);
    }
  }
  return FakeChannel;
}

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TabOwnership with Web Locks', () => {
  it('a second tab sees the lab owned; taking over tells the first', async () => {
    const locks = new FakeLocks();
    const BroadcastChannel = fakeChannels();
    const first = await claimOwnership('lab', { locks, BroadcastChannel, tabId: 'a' });
    const second = await claimOwnership('lab', { locks, BroadcastChannel, tabId: 'b' });
    expect(first.state).toBe('owner');
    expect(second.state).toBe('other-tab-owns');
    let lost = 0;
    first.onLost(() => lost++);
    await second.takeOver();
    await tick();
    expect(second.state).toBe('owner');
    expect(first.state).toBe('other-tab-owns');
    expect(lost).toBe(1);
    second.release();
    await tick(); // the browser frees a released lock asynchronously too
    const third = await claimOwnership('lab', { locks, BroadcastChannel, tabId: 'c' });
    expect(third.state).toBe('owner');
  });

  it('the lock alone tells the old owner, without a BroadcastChannel', async () => {
    const locks = new FakeLocks();
    const first = await claimOwnership('lab', { locks, BroadcastChannel: null });
    const second = await claimOwnership('lab', { locks, BroadcastChannel: null });
    const lost = new Promise<void>((resolve) => first.onLost(resolve));
    await second.takeOver();
    await lost;
    expect(first.state).toBe('other-tab-owns');
  });
});

describe('TabOwnership without Web Locks (ping/pong)', () => {
  it('finds the owner by ping and hands over by message', async () => {
    const BroadcastChannel = fakeChannels();
    const deps = { locks: null, BroadcastChannel, pingTimeoutMs: 20 };
    const first = await claimOwnership('lab', { ...deps, tabId: 'a' });
    const second = await claimOwnership('lab', { ...deps, tabId: 'b' });
    expect(first.state).toBe('owner');
    expect(second.state).toBe('other-tab-owns');
    let lost = 0;
    first.onLost(() => lost++);
    await second.takeOver();
    await tick();
    expect([first.state, second.state, lost]).toEqual(['other-tab-owns', 'owner', 1]);
  });

  it('two tabs claiming at once end with exactly one owner', async () => {
    const BroadcastChannel = fakeChannels();
    // Wide enough that a busy test machine still delivers the replies inside the window.
    const deps = { locks: null, BroadcastChannel, pingTimeoutMs: 200 };
    const [x, y] = await Promise.all([claimOwnership('lab', { ...deps, tabId: 'x' }), claimOwnership('lab', { ...deps, tabId: 'y' })]);
    expect([x.state, y.state].sort()).toEqual(['other-tab-owns', 'owner']);
  });
});
