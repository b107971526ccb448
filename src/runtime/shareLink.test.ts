import { describe, expect, it } from 'vitest';
import { exportScenario, type SessionScript } from '../scenario/exportScenario';
import { encodeBase64Url, parseShareHash, shareUrl } from './shareLink';

const BROWSER = { latencyMs: 80, jitterMs: 20, brokerConfig: { 'log.retention.check.interval.ms': '30000' } };
const SCRIPT: SessionScript = {
  seed: 42,
  kafkaVersion: '3.9',
  brokers: 3,
  ...BROWSER,
  commands: [
    { atMs: 0, command: { type: 'create-topic', topic: 'orders', partitions: 6, replicationFactor: 1, configs: {} } },
    { atMs: 1234.5, command: { type: 'send', producer: 'producer-1', topic: 'orders', key: 'ключ', value: 'wert ✓' } },
  ],
  endMs: 2000,
};
const hashOf = (text: string) => `#lab=${encodeBase64Url(text)}`;

describe('share links', () => {
  it('carry seed, version, brokers and every command, and read back exactly', () => {
    const url = shareUrl('https://lab.example/?seed=1#x', SCRIPT);
    const parsed = parseShareHash(new URL(url).hash, BROWSER);
    expect(parsed).toEqual({ ok: true, script: SCRIPT });
    expect(new URL(url).search).toBe('');
  });

  it('are absent from a URL without #lab=', () => {
    expect(parseShareHash('', BROWSER)).toBeNull();
    expect(parseShareHash('#other=1', BROWSER)).toBeNull();
  });

  it.each([
    ['not base64url', '#lab=***', /cut off or damaged/],
    ['not UTF-8', `#lab=${btoa('\xff\xfe').replace(/=+$/, '')}`, /cut off or damaged/],
    ['code instead of a session', hashOf('alert(1)'), /a session starts with a lab line/],
    ['an untimed line', hashOf('lab seed=1 version=3.9 brokers=3 latency=80 jitter=20 log.retention.check.interval.ms=30000\nadvance 1s'), /not an at line/],
    ['an unknown version', hashOf('lab seed=1 version=0.8 brokers=3 latency=80 jitter=20 log.retention.check.interval.ms=30000'), /knows Kafka 3\.9 and 2\.4, not "0\.8"/],
    ['too many brokers', hashOf('lab seed=1 version=3.9 brokers=12 latency=80 jitter=20 log.retention.check.interval.ms=30000'), /1 to 9 brokers/],
    ['another link pacing', hashOf('lab seed=1 version=3.9 brokers=3 latency=5 jitter=0 log.retention.check.interval.ms=30000'), /5 ± 0 ms/],
    ['a negative seed', hashOf('lab seed=-4 version=3.9 brokers=3 latency=80 jitter=20 log.retention.check.interval.ms=30000'), /seed/],
    ['a bad command', hashOf(`${exportScenario(SCRIPT)}at 3000ms add-partitions orders count=many`), /count must be a whole number/],
    ['too long', `#lab=${'A'.repeat(70_000)}`, /longer than/],
  ])('refuse %s with one sentence that says nothing changed', (_, hash, why) => {
    const parsed = parseShareHash(hash, BROWSER);
    expect(parsed?.ok).toBe(false);
    const error = (parsed as { error: string }).error;
    expect(error).toMatch(/^This share link cannot be opened: /);
    expect(error).toMatch(why);
    expect(error).toMatch(/Nothing was changed\.$/);
  });
});
