import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppRuntime } from './runtime/boot';
import { installTestApi, TestStorageHooks } from './runtime/testApi';
import { App } from './ui/App';
import { RuntimeContext } from './ui/RuntimeContext';

// Dev and test builds open storage with its test hooks; production builds leave them out entirely.
const testHooks = import.meta.env.DEV || import.meta.env.MODE === 'test' ? new TestStorageHooks() : undefined;
const runtime = createAppRuntime(testHooks);
if (testHooks) installTestApi(runtime, testHooks);

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

const root = document.getElementById('root');
if (!root) throw new Error('index.html needs <div id="root">');
createRoot(root).render(
  <StrictMode>
    <RuntimeContext.Provider value={runtime}>
      <App />
    </RuntimeContext.Provider>
  </StrictMode>,
);
void runtime.start();
