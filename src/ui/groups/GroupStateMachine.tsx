/** The classic group state machine, drawn as a row of states with the group's state lit. */
import { memo } from 'react';

const STEPS = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable'] as const;

/** What each state means, in plain words (Kafka's GroupState names stay as they are). */
export const STATE_WORDS: Readonly<Record<string, string>> = {
  Empty: 'No members right now. The group and its committed offsets are kept for when members come back.',
  PreparingRebalance: 'Rebalance, step 1: the coordinator waits for every member to send JoinGroup again (a member joined, left or timed out).',
  CompletingRebalance: 'Rebalance, step 2: everyone has joined; the leader member runs the assignor and sends the plan in SyncGroup.',
  Stable: 'Every member has its partitions and fetches them; heartbeats keep each membership alive.',
  Dead: 'The group is gone from this coordinator (no members and no offsets left, or its coordinator moved).',
  Unknown: 'No running broker coordinates this group right now: its coordinator is down or not found yet.',
};

/** "PreparingRebalance" → "Preparing rebalance" (the state names wrap and read better as words). */
export function stateLabel(state: string): string {
  return state.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ ([A-Z])/g, (_, c: string) => ` ${c.toLowerCase()}`);
}

export const GroupStateMachine = memo(function GroupStateMachine({ state, generation }: { state: string; generation: number }) {
  const steps: readonly string[] = [...STEPS, 'Dead'];
  return (
    <div className="group-sm">
      <ol className="group-sm-steps" aria-label="Group state machine">
        {steps.map((s, i) => (
          <li key={s} className={`group-sm-step${s === state ? ' is-current' : ''}${s === 'Dead' ? ' is-dead' : ''}`} aria-current={s === state ? 'step' : undefined}>
            {i > 0 && s !== 'Dead' && (
              <span className="group-sm-arrow" aria-hidden="true">
                →
              </span>
            )}
            <span className="group-sm-name">
              {stateLabel(s)}
              {s === 'Stable' && generation >= 0 && <span className="group-sm-gen"> gen {generation}</span>}
            </span>
          </li>
        ))}
      </ol>
      <p className="group-sm-words" aria-live="polite">
        <strong>{stateLabel(state)}</strong>: {STATE_WORDS[state] ?? ''}
      </p>
    </div>
  );
});
