import { Random } from '../../src/engine/kernel/Random';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { TestingIdbLogStore } from '../../src/storage/testing/TestingIdbLogStore';
import { describeCluster, RandomOps } from '../../src/storage/testing/randomStorageOps';

/**
 * The Node tests run on fake-indexeddb; this runs the same MemoryStorage equivalence in real
 * Chromium (key ranges, aborts, reopen), including an injected quota failure and a restart.
 * Returns null when the stored cluster matches, else where it first differed.
 */
export async function selfCheck(seed: number): Promise<string | null> {
  const random = new Random(seed);
  const ops = new RandomOps(random.fork(1));
  const memory = new MemoryStorage();
  let store = await TestingIdbLogStore.open({ dbName: `self-check-${seed}` });
  for (let round = 0; round < 20; round++) {
    for (let i = 1 + random.nextInt(40); i > 0; i--) {
      const op = ops.next();
      memory.submit(op);
      store.submit(op);
    }
    if (round % 5 === 2) {
      store.injectFailure('quota');
      const failed = await store.flush();
      if (failed.ok || failed.status.state !== 'quota-exceeded') return `round ${round}: injected quota failure not reported`;
    }
    const result = await store.flush();
    if (!result.ok) return `round ${round}: ${result.status.message}`;
    if (round % 4 === 3) {
      store.close();
      store = await TestingIdbLogStore.open({ dbName: `self-check-${seed}` });
    }
  }
  const stored = JSON.stringify(describeCluster(await store.load()));
  const expected = JSON.stringify(describeCluster(memory.load()));
  await store.destroy();
  if (stored === expected) return null;
  let at = 0;
  while (stored[at] === expected[at]) at++;
  return `stored cluster differs at char ${at}: …${stored.slice(at - 40, at + 40)}… vs …${expected.slice(at - 40, at + 40)}…`;
}
