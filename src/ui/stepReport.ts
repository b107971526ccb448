/**
 * Step, then say what ran: the kernel's `lastStep` names the task and the events it emitted;
 * the report highlights them in the event log and the cluster view until time runs again.
 */
import type { LabEvent } from '../engine/kernel';
import type { AppRuntime } from '../runtime/appTypes';
import { useUiStore, type StepReport } from './uiStore';

/** "broker 0" and "broker-0" name one node; the cluster view uses the dashed ids. */
export function nodeIdOf(actor: string): string {
  return actor.trim().replace(/\s+/g, '-');
}

export function buildStepReport(
  step: { label: string; timeMs: number; firstEventSeq: number; endEventSeq: number },
  events: readonly LabEvent[],
): StepReport {
  const tps = new Set<string>();
  const nodes = new Set<string>();
  // Network deliveries are labelled "deliver Produce request producer-1→broker-0".
  const hop = /(\S+)→(\S+)/.exec(step.label);
  if (hop) {
    nodes.add(nodeIdOf(hop[1]!));
    nodes.add(nodeIdOf(hop[2]!));
  }
  for (const e of events) {
    if (e.tp) tps.add(e.tp);
    nodes.add(nodeIdOf(e.actor));
  }
  return {
    ...step,
    events: events.map((e) => ({ seq: e.seq, kind: e.kind, actor: e.actor, text: e.text, ...(e.tp ? { tp: e.tp } : {}) })),
    tps: [...tps],
    nodes: [...nodes],
  };
}

/** Run one engine event (pauses first) and report it. Returns false when nothing was scheduled. */
export function stepAndReport(runtime: AppRuntime): boolean {
  const ran = runtime.step();
  const kernel = runtime.lab?.kernel;
  const step = kernel?.lastStep ?? null;
  if (!ran || !kernel || !step) {
    useUiStore.getState().setStepReport(null);
    return ran;
  }
  useUiStore.getState().setStepReport(buildStepReport(step, kernel.log.slice(step.firstEventSeq, step.endEventSeq)));
  return ran;
}
