import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initCodecs } from './engine/record/compression/codecs';
import { App } from './ui/App';
import { RuntimeContext } from './ui/RuntimeContext';

/** How long the lab waits for the codecs before starting without them (compressed sends then fail with a reason). */
const CODEC_WAIT_MS = 5000;

const root = document.getElementById('root');
if (!root) throw new Error('index.html needs <div id="root">');
const reactRoot = createRoot(root);
// The engine and the runtime are their own chunk: the page says what it is doing while it loads
// (in parallel with the codecs), instead of staying blank.
reactRoot.render(
  <p className="app-starting" role="status">
    Starting Kafka Lab…
  </p>,
);
const boot = import('./runtime/boot');

// The codecs load once before the engine runs (restored compressed batches and compression.type
// need them): zstd is WebAssembly; gzip, lz4 and snappy are their own chunks, so the first
// screen does not carry them. They load in parallel with the engine's chunk.
const codecs = Promise.race([
  initCodecs().catch((e: unknown) => console.warn('Kafka Lab: a compression codec could not be loaded', e)),
  new Promise<void>((resolve) => setTimeout(resolve, CODEC_WAIT_MS)),
]);

/**
 * The rest runs once the engine's chunk is in. Not a top-level await: the engine's chunk imports
 * modules this entry chunk holds, and an entry still waiting on a top-level await would never
 * let that import finish (the page would stay on "Starting…" in a production build).
 */
async function startLab(): Promise<void> {
  // Dev and test builds open storage with its test hooks and install window.__kafkaLab; the
  // module is its own chunk and production builds leave it out entirely.
  const testModule = import.meta.env.DEV || import.meta.env.MODE === 'test' ? await import('./runtime/testApi') : undefined;
  const testHooks = testModule ? new testModule.TestStorageHooks() : undefined;
  const runtime = await (await boot).createAppRuntime(testHooks);
  if (testModule && testHooks) testModule.installTestApi(runtime, testHooks);

  // A page that goes away shuts the cluster down cleanly (checkpoints + clean-shutdown marker).
  window.addEventListener('pagehide', () => runtime.shutdown());
  // Going to the background (tab switch, phone lock) is often the last chance to save.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void runtime.persist(true);
  });
  // Restored from the back/forward cache after that shutdown: start again properly.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) location.reload();
  });

  reactRoot.render(
    <StrictMode>
      <RuntimeContext.Provider value={runtime}>
        <App />
      </RuntimeContext.Provider>
    </StrictMode>,
  );
  // The runtime reports its own start-up trouble (storage, another tab) in the page.
  void codecs.then(() => runtime.start());
}

startLab().catch((error: unknown) => {
  console.error('Kafka Lab could not start', error);
  reactRoot.render(
    <p className="app-starting" role="alert">
      Kafka Lab could not start: {error instanceof Error ? error.message : String(error)}. Reload the page to try again.
    </p>,
  );
});
