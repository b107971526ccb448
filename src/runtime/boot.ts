/**
 * Wires the runtime to the real engine, storage and tab ownership. The only place that
 * knows all three; everything else depends on the ports.
 */
import { KafkaLab } from '../engine/lab/KafkaLab';
import type { KafkaVersion } from '../engine/config';
import { claimOwnership, openLabStorage, type OpenLabStorageOptions } from '../storage';
import { journalKey } from '../storage/ShutdownJournal';
import type { AppRuntime } from './appTypes';
import { applyClassroomPacing, CLASSROOM_BROKER_CONFIG, CLASSROOM_LINK, settleRestart, setupClients, setupFirstRun } from './labActions';
import { captureSession } from './session';
import type { ShareParse } from './shareLink';
import { LabRuntime } from './LabRuntime';
import { browserScheduler, type OpenedStorage } from './ports';
import { DEFAULT_BROKER_COUNT, DEFAULT_SEED, brokersFromSearch, linkWarnings, seedFromSearch, versionFromSearch } from './seed';
import { adaptIdbStore } from './storageAdapter';
import { useLabStore } from './store';

export const LAB_DB_NAME = 'kafka-lab';

async function openStorage(dbName: string, open?: OpenLabStorageOptions['open']): Promise<OpenedStorage> {
  const forceMemory = new URLSearchParams(location.search).get('storage') === 'memory';
  const opened = await openLabStorage({ dbName, forceMemory, ...(open ? { open } : {}) });
  if (opened.mode === 'memory') return opened;
  return { mode: 'indexeddb', store: adaptIdbStore(opened.store, { storage: localStorage, key: journalKey(dbName) }) };
}

/** What dev and test builds plug in (src/runtime/testApi.ts): a store with test hooks. */
export interface AppRuntimeTesting {
  openStore: NonNullable<OpenLabStorageOptions['open']>;
}

type ShareLinkModule = typeof import('./shareLink');

/**
 * The share link in the address (validated), and the hash taken out once it is opened. The
 * parser is its own chunk, loaded only when the address has a fragment.
 */
async function readShare(): Promise<{ share: ShareParse; links: ShareLinkModule | null }> {
  if (location.hash.length <= 1) return { share: null, links: null };
  const links = await import('./shareLink');
  return { share: links.parseShareHash(location.hash, { ...CLASSROOM_LINK, brokerConfig: CLASSROOM_BROKER_CONFIG }), links };
}

function forgetShareHash(): void {
  const url = new URL(location.href);
  url.hash = '';
  history.replaceState(history.state, '', url.toString());
}

export async function createAppRuntime(testing?: AppRuntimeTesting): Promise<AppRuntime> {
  const { share, links } = await readShare();
  const shared = share?.ok ? share.script : null;
  const describe = (script: NonNullable<typeof shared>): string => links?.describeScript(script) ?? '';
  return new LabRuntime<KafkaLab>({
    dbName: LAB_DB_NAME,
    firstRunSeed: shared?.seed ?? seedFromSearch(location.search) ?? DEFAULT_SEED,
    kafkaVersion: shared?.kafkaVersion ?? versionFromSearch(location.search) ?? '3.9',
    linkWarnings: (hasStoredLab: boolean) => (shared ? [] : linkWarnings(location.search, hasStoredLab)),
    shareStatus: (hasStoredLab) => {
      if (!share) return null;
      if (!share.ok) return { state: 'error', message: share.error };
      return hasStoredLab ? { state: 'offer', summary: describe(share.script) } : { state: 'opened', summary: describe(share.script) };
    },
    captureSession,
    // A saved session is read back with the scenario parser, its own chunk (see sessionRestore.ts).
    restoreSession: async (lab, session) => (await import('./sessionRestore')).restoreSession(lab, session),
    brokerCount: shared?.brokers ?? brokersFromSearch(location.search) ?? DEFAULT_BROKER_COUNT,
    claimOwnership: (name) => claimOwnership(name),
    openStorage: () => openStorage(LAB_DB_NAME, testing?.openStore),
    createLab: (o) =>
      KafkaLab.create({
        seed: o.seed,
        kafkaVersion: (o.kafkaVersion ?? '3.9') as KafkaVersion,
        // Classroom pacing from the first event on, so early timings match later ones.
        link: CLASSROOM_LINK,
        // Kafka checks retention every 5 minutes by default; a class should see it within 30 s.
        brokerConfig: CLASSROOM_BROKER_CONFIG,
        ...(o.brokerCount !== undefined ? { brokerCount: o.brokerCount } : {}),
        ...(o.storage ? { storage: o.storage } : {}),
        ...(o.restore ? { restore: o.restore } : {}),
        ...(o.startTimeMs !== undefined ? { startTimeMs: o.startTimeMs } : {}),
        ...(o.downBrokers ? { downBrokers: o.downBrokers } : {}),
      }),
    setupFirstRun: shared
      ? async (runtime, lab) => {
          applyClassroomPacing(runtime, lab);
          links?.replaySession(lab, shared);
          forgetShareHash();
        }
      : setupFirstRun,
    setupClients,
    settleRestart,
    scheduler: browserScheduler,
    store: useLabStore,
    reload: (seed, kafkaVersion, brokerCount) => {
      const url = new URL(location.href);
      url.searchParams.set('seed', String(seed));
      if (kafkaVersion) url.searchParams.set('version', kafkaVersion);
      if (brokerCount !== undefined) url.searchParams.set('brokers', String(brokerCount));
      // Same address (a share link's fragment kept): replace() would only scroll, so reload.
      if (url.toString() === location.href) location.reload();
      else location.replace(url.toString());
    },
  });
}
