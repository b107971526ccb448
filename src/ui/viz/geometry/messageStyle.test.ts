import { describe, expect, it } from 'vitest';
import { DROPPED_FILL, apiFamily, messageLook, pillWidthPx } from './messageStyle';

const m = { apiKey: 'Produce', direction: 'request' as const, dropped: false, sizeBytes: 1000 };

describe('messageLook', () => {
  it('groups API keys into families', () => {
    expect(apiFamily('Produce')).toBe('produce');
    expect(apiFamily('Fetch')).toBe('fetch');
    expect(apiFamily('ListOffsets')).toBe('listOffsets');
    expect(apiFamily('CreateTopics')).toBe('admin');
    expect(apiFamily('LeaderAndIsr')).toBe('controller');
    expect(apiFamily('SomethingNew')).toBe('other');
  });

  it('shades responses lighter than requests of the same family', () => {
    const req = messageLook(m);
    const res = messageLook({ ...m, direction: 'response' });
    expect(res.fill).not.toBe(req.fill);
    expect(res.stroke).toBe(req.fill);
  });

  it('colours dropped messages red whatever their API', () => {
    expect(messageLook({ ...m, dropped: true }).fill).toBe(DROPPED_FILL);
    expect(messageLook({ ...m, apiKey: 'Fetch', dropped: true }).fill).toBe(DROPPED_FILL);
  });

  it('sizes pills by bytes, bounded', () => {
    expect(pillWidthPx(0)).toBe(18);
    expect(pillWidthPx(65536)).toBe(38);
    expect(pillWidthPx(10_000_000)).toBe(38);
    expect(pillWidthPx(4096)).toBeGreaterThan(pillWidthPx(100));
  });
});
