import { describe, expect, it } from 'vitest';
import { countRequests } from '../clients/testSupport';
import { settle, startedLab } from './testing';

describe('LabAdminClient', () => {
  it('finds the controller once and reuses it, like AdminClient\'s cached metadata', async () => {
    const lab = startedLab();
    const metadata = countRequests(lab, 'admin', 'Metadata');
    const start = lab.nowMs;
    for (let i = 0; i < 10; i++) await settle(lab, lab.admin.createTopic({ name: `t${i}`, partitions: 1 }));
    expect(metadata.count).toBe(1);
    // One round trip per topic after the first: ten topics in about a second of simulated time.
    expect(lab.nowMs - start).toBeLessThan(1200);
    await settle(lab, lab.admin.deleteTopic('t0'));
    expect(metadata.count).toBe(1);
  });
});
