/**
 * View state of the app shell that the engine never sees: presenter mode, the tucked-away
 * panels and the shortcut help. Kept apart from the lab store so a snapshot never re-renders it.
 */
import { create } from 'zustand';

/** What the last Step ran: the task, its time, and the events it emitted (seq in [first, end)). */
export interface StepReport {
  readonly label: string;
  readonly timeMs: number;
  readonly firstEventSeq: number;
  readonly endEventSeq: number;
  readonly events: readonly { seq: number; kind: string; actor: string; text: string; tp?: string }[];
  /** Partitions the step touched ("orders-3"), for highlighting tiles. */
  readonly tps: readonly string[];
  /** Node ids taking part ("broker-0", "producer-1"), for highlighting cards and clients. */
  readonly nodes: readonly string[];
}

/** What the area under the cluster shows: the partition log (short windows only), the event log, the guarantees, the consumer groups. */
export type BottomTab = 'log' | 'events' | 'guarantees' | 'groups';

/** A request to show one event in the event log; `n` tells two requests for one event apart. */
export interface EventJump {
  readonly seq: number;
  readonly n: number;
}

export interface UiState {
  /** Classroom projection: cluster, partition log and event log fill the screen in large type. */
  presenter: boolean;
  /** In presenter mode the sidebar is tucked away; this shows it over the event log. */
  panelsOpen: boolean;
  helpOpen: boolean;
  /** Shown after Step until time runs again. */
  stepReport: StepReport | null;
  bottomTab: BottomTab;
  eventJump: EventJump | null;
  /** Draw internal topics' replicas (__consumer_offsets: 50 partitions) in the cluster view; hidden by default, as Kafka's tools do. */
  showInternalTopics: boolean;
  setShowInternalTopics(show: boolean): void;
  setBottomTab(tab: BottomTab): void;
  /** Show event `seq` in the event log (its tab comes to the front; the log scrolls to it). */
  jumpToEvent(seq: number): void;
  setStepReport(report: StepReport | null): void;
  setPresenter(on: boolean): void;
  togglePresenter(): void;
  setPanelsOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
}

/** `?presenter=1` opens the lab in presenter mode (a link a teacher can bookmark). */
export function presenterFromSearch(search: string): boolean {
  const raw = new URLSearchParams(search).get('presenter');
  return raw === '1' || raw === 'true' || raw === '';
}

export const createUiStore = (presenter = false) =>
  create<UiState>()((set) => ({
    presenter,
    panelsOpen: false,
    helpOpen: false,
    stepReport: null,
    bottomTab: 'log',
    eventJump: null,
    showInternalTopics: false,
    setShowInternalTopics: (show) => set({ showInternalTopics: show }),
    setStepReport: (report) => set({ stepReport: report }),
    setBottomTab: (tab) => set({ bottomTab: tab }),
    jumpToEvent: (seq) => set((s) => ({ bottomTab: 'events', eventJump: { seq, n: (s.eventJump?.n ?? 0) + 1 } })),
    setPresenter: (on) => set({ presenter: on, panelsOpen: false }),
    togglePresenter: () => set((s) => ({ presenter: !s.presenter, panelsOpen: false })),
    setPanelsOpen: (open) => set({ panelsOpen: open }),
    setHelpOpen: (open) => set({ helpOpen: open }),
  }));

export const useUiStore = createUiStore(typeof location === 'undefined' ? false : presenterFromSearch(location.search));

/**
 * How much presenter mode enlarges the cluster view and the partition log: their smallest
 * labels are 13 px, so at 1920×1080 they are drawn 1.85× (24 px); smaller screens scale
 * down with the window, never below 1.2×.
 */
export const PRESENTER_MIN_TEXT_PX = 13;
export function presenterScale(widthPx: number, heightPx: number): number {
  const fit = Math.min(widthPx / 1920, heightPx / 1080);
  const s = (24 / PRESENTER_MIN_TEXT_PX) * fit;
  return Math.round(Math.min(2.6, Math.max(1.2, s)) * 100) / 100;
}
