import { useLabStore } from '../runtime/store';
import { DEMO_KEYS, DEMO_RECORDS_PER_SECOND, DEMO_TOPIC, startDemo, stopDemo } from '../runtime/labActions';
import { formatSpeed } from '../runtime/framePacing';
import type { LabStoreState } from '../runtime/store';
import { useRuntime } from './RuntimeContext';
import { errorLine } from './errors';
import { useState } from 'react';
import { PlayIcon, StopIcon } from './Icons';
import { selectSpeed } from './selectors';
import { StepReportLine, useHasStepReport } from './StepReportCard';

const selectDemoState = (s: LabStoreState): 'no-topic' | 'idle' | 'streaming' => {
  const snap = s.snapshot;
  if (!snap || !snap.topics.some((t) => t.name === DEMO_TOPIC)) return 'no-topic';
  return snap.producers[0]?.stream ? 'streaming' : 'idle';
};
/** What the first producer's stream really does (it may have been restarted at another rate). */
const selectStreamText = (s: LabStoreState): string | null => {
  const stream = s.snapshot?.producers[0]?.stream;
  if (!stream) return null;
  const keys = stream.keys === null || stream.keys.length === 0 ? 'no keys' : stream.keys.length <= 2 ? `keys ${stream.keys.join(', ')}` : `keys ${stream.keys[0]}…${stream.keys.length}`;
  return `${stream.recordsPerSecond} rec/s, ${keys} → ${stream.topic}`;
};
/** The topic the first producer streams to (the ready topic when it is not streaming). */
const selectStreamTopic = (s: LabStoreState): string => s.snapshot?.producers[0]?.stream?.topic ?? DEMO_TOPIC;
const recordCountOf =
  (topic: string) =>
  (s: LabStoreState): number =>
    s.snapshot?.topics.find((t) => t.name === topic)?.partitions.reduce((n, p) => n + (p.log?.logEndOffset ?? 0), 0) ?? 0;

/** The first screen's one obvious action and a one-line hint of what happens. */
export function QuickStart() {
  const runtime = useRuntime();
  const state = useLabStore(selectDemoState);
  const streamTopic = useLabStore(selectStreamTopic);
  const records = useLabStore(recordCountOf(streamTopic));
  const streamText = useLabStore(selectStreamText);
  const speed = useLabStore(selectSpeed);
  const [error, setError] = useState<string | null>(null);
  const stepReport = useHasStepReport();
  const run = (f: () => void): void => {
    try {
      setError(null);
      f();
      runtime.play();
    } catch (e) {
      setError(errorLine(e));
    }
  };
  return (
    <div className="quick-start">
      {state === 'streaming' ? (
        <button type="button" className="btn btn-primary" onClick={() => run(() => stopDemo(runtime.requireLab()))}>
          <StopIcon /> Stop producing
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          disabled={state === 'no-topic'}
          onClick={() => run(() => startDemo(runtime.requireLab()))}
        >
          <PlayIcon /> Start producing
        </button>
      )}
      {stepReport ? (
        <StepReportLine />
      ) : error ? (
        <p className="quick-hint quick-hint--error" role="alert">
          {error}
        </p>
      ) : (
        <p className="quick-hint">
          {state === 'no-topic'
            ? `The ready topic "${DEMO_TOPIC}" is gone: create it again in Topics to use this button.`
            : state === 'streaming'
              ? `${streamText ?? `${DEMO_RECORDS_PER_SECOND} rec/s, keys ${DEMO_KEYS[0]}…${DEMO_KEYS.length} → ${DEMO_TOPIC}`} · ${records} records in ${streamTopic}` +
                (speed < 1 ? ` · ${formatSpeed(speed)} slow motion` : '')
              : `Press ▶ Start producing to send records to the ${DEMO_TOPIC} topic`}
        </p>
      )}
    </div>
  );
}
