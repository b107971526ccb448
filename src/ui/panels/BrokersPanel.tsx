/**
 * Break a broker on purpose: crash it, shut it down cleanly, start it again. Each button
 * issues a LabCommand through the runtime's one entry, so the action is in the command log
 * (export, share link) like any other. The cluster view shows the result; the event log
 * says what ZooKeeper and the controller did about it.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LabCommand } from '../../engine/lab/commands';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { describeError, type ShownError } from '../errors';
import { useRuntime } from '../RuntimeContext';

/** "id\0alive\0controller" per broker: re-renders only when one of these changes. */
const selectBrokerRows = (s: LabStoreState): string[] =>
  (s.snapshot?.brokers ?? []).map((b) => `${b.id}\u0000${b.alive ? 1 : 0}\u0000${b.isController ? 1 : 0}\u0000${b.isolated ? 1 : 0}`);

interface BrokerRow {
  id: number;
  alive: boolean;
  controller: boolean;
  isolated: boolean;
}

function parseRow(row: string): BrokerRow {
  const [id = '0', alive = '0', controller = '0', isolated = '0'] = row.split('\u0000');
  return { id: Number(id), alive: alive === '1', controller: controller === '1', isolated: isolated === '1' };
}

const DONE: Record<'crash-broker' | 'power-off-broker' | 'stop-broker' | 'start-broker' | 'isolate' | 'rejoin', (id: number) => string> = {
  isolate: (id) => `Broker ${id} is cut off from every node, ZooKeeper included. It keeps running; ZooKeeper ends its session after zookeeper.session.timeout.ms.`,
  rejoin: (id) => `Broker ${id} is back on the network (if its session had expired, it registered again).`,
  'crash-broker': (id) => `Broker ${id} crashed. ZooKeeper ends its session after zookeeper.session.timeout.ms without heartbeats; only then does the controller move its partitions.`,
  'power-off-broker': (id) =>
    `Broker ${id} lost power: every byte it had not flushed (above each log's recovery point) is gone, acknowledged records included. ZooKeeper notices after zookeeper.session.timeout.ms.`,
  'stop-broker': (id) => `Broker ${id} shut down cleanly and closed its ZooKeeper session, so the controller reacts at once.`,
  'start-broker': (id) => `Broker ${id} started: it recovered its logs and registered in ZooKeeper; the controller brings its offline partitions back.`,
};

type BrokerAction = keyof typeof DONE;

/** What can be done to a broker in its state, in the order the buttons show. */
function actionsFor(b: BrokerRow): { type: BrokerAction; label: string; style: string }[] {
  if (!b.alive) return [{ type: 'start-broker', label: 'Start', style: ' btn-accent' }];
  return [
    { type: 'crash-broker', label: 'Crash', style: ' btn-danger' },
    { type: 'power-off-broker', label: 'Power off', style: ' btn-danger' },
    { type: 'stop-broker', label: 'Shut down', style: '' },
    b.isolated ? { type: 'rejoin', label: 'Rejoin', style: ' btn-accent' } : { type: 'isolate', label: 'Isolate', style: '' },
  ];
}

export function BrokersPanel() {
  const rows = useLabStore(useShallow(selectBrokerRows)).map(parseRow);
  const runtime = useRuntime();
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = async (type: BrokerAction, broker: number): Promise<void> => {
    setError(null);
    setNotice(null);
    const command: LabCommand = { type, broker };
    try {
      await runtime.apply(command);
      setNotice(DONE[type](broker));
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <div className="panel-body">
      <section className="card" aria-label="Brokers">
        <h3>Brokers</h3>
        <p className="hint">
          Break a broker and watch the cluster react. With replication factor 1 its partitions go offline (leader none) until it is back. A crash keeps
          what the broker wrote (the page cache survives); a power loss loses what it had not flushed.
        </p>
        <table className="table compact" data-testid="broker-list">
          <thead>
            <tr>
              <th scope="col">broker</th>
              <th scope="col">state</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td>
                  Broker {b.id}
                  {b.controller && <span className="pill">controller</span>}
                </td>
                <td>{b.alive ? (b.isolated ? 'isolated' : 'running') : 'down'}</td>
                <td className="broker-actions">
                  {actionsFor(b).map(({ type, label, style }) => (
                    <button key={type} type="button" className={`btn btn-small${style}`} aria-label={`${label} broker ${b.id}`} onClick={() => void act(type, b.id)}>
                      {label}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
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
      </section>
    </div>
  );
}
