/**
 * Break a broker on purpose: crash it, shut it down, pause it, make it a slow follower, cut
 * it off (from everyone, or from ZooKeeper alone), start it again. Each button issues a
 * LabCommand through the runtime's one entry, so the action is in the command log (export,
 * share link) like any other. The cluster view and the partition log show the result; the
 * event log says what ZooKeeper and the controller did about it.
 */
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LabCommand } from '../../engine/lab/commands';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { describeError, type ShownError } from '../errors';
import { useRuntime } from '../RuntimeContext';
import './brokers.css';
import { actionsFor, commandFor, DONE, encodeRow, parseDelay, parseRow, slowDone, stateText, type ActionButton, type BrokerRow, type ToggleAction } from './brokerActions';

/** One string per broker: the tab re-renders only when a broker's state changes. */
function useBrokerRows(): BrokerRow[] {
  const select = (s: LabStoreState): string[] => (s.snapshot?.brokers ?? []).map((b) => encodeRow(b, b.zkLinkCut === true));
  return useLabStore(useShallow(select)).map(parseRow);
}

export function BrokersPanel() {
  const rows = useBrokerRows();
  const runtime = useRuntime();
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (command: LabCommand, done: string): Promise<void> => {
    setError(null);
    setNotice(null);
    try {
      await runtime.apply(command);
      setNotice(done);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const act = (action: ToggleAction, broker: number): Promise<void> => run(commandFor(action, broker), DONE[action](broker));
  const slow = (broker: number, delayMs: number): Promise<void> => run({ type: 'slow-broker', broker, delayMs }, slowDone(broker, delayMs));

  return (
    <div className="panel-body">
      <section className="card" aria-label="Brokers">
        <h3>Brokers</h3>
        <p className="hint">
          Break a broker and watch the cluster react. Once ZooKeeper notices (zookeeper.session.timeout.ms), the controller moves its leaderships to another replica in
          the ISR, with a new leader epoch; a partition with no replica left (replication factor 1) goes offline until one is back.
        </p>
        <table className="table compact broker-table" data-testid="broker-list">
          <thead>
            <tr>
              <th scope="col">broker</th>
              <th scope="col">state</th>
            </tr>
          </thead>
          {rows.map((b) => (
            <BrokerEntry key={b.id} broker={b} act={act} slow={slow} />
          ))}
        </table>
        {notice && (
          <p className="ok-text" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            <strong>{`${error.title}: `}</strong>
            {error.message}
          </p>
        )}
        <p className="hint">
          A <strong>crash</strong> keeps what the broker wrote (the page cache survives); a <strong>power loss</strong> loses what it had not flushed.{' '}
          <strong>Pause</strong> is a long GC pause: the broker runs nothing, then carries on as if no time had passed. A <strong>slow follower</strong> fetches late and
          leaves the ISR after replica.lag.time.max.ms. <strong>Cut ZooKeeper link</strong> keeps the broker serving while ZooKeeper ends its session: a zombie leader.
        </p>
      </section>
    </div>
  );
}

/** A broker's name and state, then its actions on a full-width row (room for them on a 1024 px screen). */
function BrokerEntry({ broker: b, act, slow }: { broker: BrokerRow; act: (a: ToggleAction, id: number) => Promise<void>; slow: (id: number, ms: number) => Promise<void> }) {
  const { process, network } = actionsFor(b);
  return (
    <tbody className="broker-entry">
      <tr>
        <td>
          Broker {b.id}
          {b.controller && <span className="pill">controller</span>}
        </td>
        <td>{stateText(b)}</td>
      </tr>
      <tr className="broker-actions-row">
        <td colSpan={2}>
          <div className="broker-actions" role="group" aria-label={`Actions for broker ${b.id}`}>
            <Buttons list={process} id={b.id} act={act} />
            {network.length > 0 && <Buttons list={network} id={b.id} act={act} />}
            {b.alive && <SlowFollower broker={b} slow={slow} />}
          </div>
        </td>
      </tr>
    </tbody>
  );
}

function Buttons({ list, id, act }: { list: readonly ActionButton[]; id: number; act: (a: ToggleAction, id: number) => Promise<void> }) {
  return (
    <span className="broker-action-group">
      {list.map((a) => (
        <button key={a.action} type="button" className={`btn btn-small${a.style}`} aria-label={a.name} onClick={() => void act(a.action, id)}>
          {a.label}
        </button>
      ))}
    </span>
  );
}

/** "Slow follower [500] ms [Apply] [End]": each fetch of the broker waits that much more. */
function SlowFollower({ broker: b, slow }: { broker: BrokerRow; slow: (id: number, ms: number) => Promise<void> }) {
  const [text, setText] = useState(b.slowMs > 0 ? String(b.slowMs) : '500');
  const [invalid, setInvalid] = useState<string | null>(null);
  const id = useId();
  const apply = (): void => {
    const parsed = parseDelay(text);
    if ('error' in parsed) return setInvalid(parsed.error);
    setInvalid(null);
    void slow(b.id, parsed.delayMs);
  };
  return (
    <form
      className="broker-action-group slow-follower"
      aria-label={`Slow follower: broker ${b.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label htmlFor={`${id}-ms`}>Slow follower</label>
      <input
        id={`${id}-ms`}
        className="slow-ms"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label={`Slow follower delay of broker ${b.id} (ms)`}
        aria-invalid={invalid !== null}
        aria-describedby={invalid ? `${id}-err` : undefined}
      />
      <span aria-hidden="true">ms</span>
      <button type="submit" className="btn btn-small" aria-label={`Apply slow follower delay to broker ${b.id}`}>
        Apply
      </button>
      {b.slowMs > 0 && (
        <button type="button" className="btn btn-small btn-accent" aria-label={`End slow follower on broker ${b.id}`} onClick={() => void slow(b.id, 0)}>
          End
        </button>
      )}
      {invalid && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {invalid}
        </span>
      )}
    </form>
  );
}
