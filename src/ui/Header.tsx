import { useLabStore } from '../runtime/store';
import { SessionMenu } from './panels/SessionControls';
import { ResetLabButton } from './ResetDialog';
import { selectKafkaVersion, selectSeed, selectStorage } from './selectors';
import { TimeControls } from './TimeControls';

/** Where the lab is saved, always visible: "saved in this browser" or "in memory". */
function StorageBadge() {
  const storage = useLabStore(selectStorage);
  if (storage.mode === 'memory') {
    if (storage.reason === 'starting') return null;
    return (
      <span className="badge badge-warn" title={storage.reason}>
        in memory · not saved
      </span>
    );
  }
  if (!('message' in storage)) {
    return (
      <span className="badge" title="Segments are saved in this browser (IndexedDB); a reload restarts the cluster from them">
        saved in browser
      </span>
    );
  }
  return (
    <span className="badge badge-error" title={storage.message}>
      {storage.state === 'quota-exceeded' ? 'storage full' : 'not saving'}
    </span>
  );
}

export function Header() {
  const seed = useLabStore(selectSeed);
  const kafkaVersion = useLabStore(selectKafkaVersion);
  return (
    <header className="app-header">
      <h1 className="app-title">
        <span className="logo" aria-hidden="true" />
        Kafka Lab
      </h1>
      <TimeControls />
      <div className="header-meta">
        {kafkaVersion && seed !== null && (
          <span
            className="badge"
            title="Kafka release whose defaults the lab reproduces, and the lab's random seed (same seed + same actions = same run)"
            data-testid="seed"
          >
            Kafka {kafkaVersion} · seed {seed}
          </span>
        )}
        <StorageBadge />
        <SessionMenu />
        <ResetLabButton />
      </div>
    </header>
  );
}
