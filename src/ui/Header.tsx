import { useLabStore } from '../runtime/store';
import { SessionMenu } from './panels/SessionControls';
import { ResetLabButton } from './ResetLabButton';
import { selectKafkaVersion, selectSeed, selectStorage } from './selectors';
import { TimeControls } from './TimeControls';
import { useUiStore } from './uiStore';

/** Presenter mode, the tucked-away panels (in presenter mode) and the shortcut list. */
function ViewButtons() {
  const presenter = useUiStore((s) => s.presenter);
  const panelsOpen = useUiStore((s) => s.panelsOpen);
  const ui = useUiStore.getState;
  return (
    <>
      {presenter && (
        <button
          type="button"
          className="btn btn-quiet"
          aria-pressed={panelsOpen}
          onClick={() => ui().setPanelsOpen(!panelsOpen)}
          title="Show the Producer, Consumer, Topics and Brokers panels over the event log"
        >
          Panels
        </button>
      )}
      <button
        type="button"
        className={presenter ? 'btn btn-accent' : 'btn btn-quiet'}
        aria-pressed={presenter}
        onClick={() => ui().togglePresenter()}
        title="Presenter mode: the cluster, the partition log and the event log in large type (P)"
      >
        Presenter
      </button>
      <button
        type="button"
        className="btn btn-quiet btn-icon-only"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => ui().setHelpOpen(true)}
      >
        ?
      </button>
    </>
  );
}

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
      <span className="badge badge-saved" title="Segments are saved in this browser (IndexedDB); a reload restarts the cluster from them">
        saved<span className="wide-only"> in browser</span>
      </span>
    );
  }
  if (storage.state === 'behind') {
    return (
      <span className="badge badge-warn" title={storage.message}>
        saving behind
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
            <span className="wide-only">Kafka </span>
            {kafkaVersion} · seed {seed}
          </span>
        )}
        <StorageBadge />
      </div>
      <div className="header-actions">
        <ViewButtons />
        <SessionMenu />
        <ResetLabButton />
      </div>
    </header>
  );
}
