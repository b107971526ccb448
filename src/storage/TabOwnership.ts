/**
 * One tab owns a lab: only the owner runs the engine against the database. Two tabs writing
 * the same log dirs would interleave segments like two brokers sharing one disk.
 *
 * With Web Locks the owner holds an exclusive lock for the tab's whole life (the browser
 * frees it when the tab dies); another tab takes over with `steal`. A BroadcastChannel tells
 * the old owner at once, so it stops writing. Without Web Locks, tabs find the owner by
 * ping/pong on the channel. Either way, pair this with IdbLogStore.claimWriterEpoch so a
 * flush the old tab had already started cannot land after the take-over.
 */

export type OwnershipState = 'owner' | 'other-tab-owns';

export interface OwnershipHandle {
  readonly state: OwnershipState;
  /** Makes this tab the owner; the previous owner's onLost listeners run. */
  takeOver(): Promise<void>;
  /** Called once when another tab takes the lab from this one: stop writing (IdbLogStore.fence). */
  onLost(listener: () => void): () => void;
  release(): void;
}

/** The part of navigator.locks used here. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<unknown> | unknown): Promise<unknown>;
}

export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export interface OwnershipDeps {
  /** navigator.locks; null when the browser has none. */
  locks?: LockManagerLike | null;
  /** The BroadcastChannel constructor; null when the browser has none. */
  BroadcastChannel?: (new (name: string) => ChannelLike) | null;
  tabId?: string;
  /** How long a claimant without Web Locks waits for an owner to answer. */
  pingTimeoutMs?: number;
}

type Message = { type: 'taken-over' | 'ping' | 'pong' | 'claiming'; from: string };

export async function claimOwnership(name: string, deps: OwnershipDeps = {}): Promise<OwnershipHandle> {
  const locks = deps.locks !== undefined ? deps.locks : (globalThis.navigator?.locks ?? null);
  const Channel = deps.BroadcastChannel !== undefined ? deps.BroadcastChannel : (globalThis.BroadcastChannel ?? null);
  const tab = new Tab(name, deps.tabId ?? randomTabId(), locks, Channel ? new Channel(`${name}:ownership`) : null);
  await tab.claim(deps.pingTimeoutMs ?? 300);
  return tab;
}

class Tab implements OwnershipHandle {
  state: OwnershipState = 'other-tab-owns';
  private readonly lostListeners = new Set<() => void>();
  private releaseLock: (() => void) | null = null;
  private pongSeen = false;
  private claiming = false;
  private released = false;

  constructor(
    private readonly name: string,
    private readonly id: string,
    private readonly locks: LockManagerLike | null,
    private readonly channel: ChannelLike | null,
  ) {
    channel?.addEventListener('message', (event) => this.onMessage(event.data as Message));
  }

  async claim(pingTimeoutMs: number): Promise<void> {
    if (this.locks) {
      if (await this.requestLock({ ifAvailable: true })) this.state = 'owner';
      return;
    }
    if (!this.channel) {
      // Nothing to coordinate with: a browser this old has one tab's worth of guarantees.
      this.state = 'owner';
      return;
    }
    this.claiming = true;
    this.post('ping');
    await new Promise((resolve) => setTimeout(resolve, pingTimeoutMs));
    this.claiming = false;
    if (!this.pongSeen && !this.released) this.state = 'owner';
  }

  async takeOver(): Promise<void> {
    if (this.state === 'owner') return;
    if (this.locks) await this.requestLock({ steal: true });
    this.state = 'owner';
    this.post('taken-over');
  }

  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  release(): void {
    this.released = true;
    this.state = 'other-tab-owns';
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel?.close();
  }

  /** Resolves true once the lock is held (held until release), false if another tab holds it. */
  private requestLock(options: { ifAvailable?: boolean; steal?: boolean }): Promise<boolean> {
    return new Promise<boolean>((resolveGranted) => {
      this.locks!.request(this.name, options, (lock) => {
        if (!lock) {
          resolveGranted(false);
          return undefined;
        }
        resolveGranted(true);
        return new Promise<void>((release) => (this.releaseLock = release));
      }).catch(() => {
        // A steal rejects the holder's request with AbortError: another tab owns the lab now.
        this.releaseLock = null;
        this.lose();
      });
    });
  }

  private onMessage(message: Message): void {
    if (message.from === this.id || this.released) return;
    switch (message.type) {
      case 'ping':
        if (this.state === 'owner') this.post('pong');
        // A ping sent before this tab's channel existed was lost: say we are claiming too.
        else if (this.claiming) this.post('claiming');
        if (this.claiming && message.from < this.id) this.pongSeen = true;
        return;
      case 'claiming':
        // Two tabs claiming at once without Web Locks: the smaller id wins, so exactly one does.
        if (this.claiming && message.from < this.id) this.pongSeen = true;
        return;
      case 'pong':
        this.pongSeen = true;
        return;
      case 'taken-over':
        if (this.state !== 'owner') return;
        this.releaseLock?.();
        this.releaseLock = null;
        this.lose();
        return;
    }
  }

  private post(type: Message['type']): void {
    this.channel?.postMessage({ type, from: this.id } satisfies Message);
  }

  private lose(): void {
    if (this.state !== 'owner') return;
    this.state = 'other-tab-owns';
    for (const listener of this.lostListeners) listener();
  }
}

function randomTabId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
}
