import { describe, expect, it } from 'vitest';
import * as engine from './index';

describe('the engine public entry', () => {
  it("exports Kafka's hash helpers under Kafka's names with Java's signed results", () => {
    expect(engine.murmur2(engine.utf8('21'))).toBe(-973932308);
    expect(engine.toPositive(-973932308)).toBe(1173551340);
    expect(engine.toPositive(engine.murmur2(engine.utf8('日本'))) % 6).toBe(3);
  });

  it('builds a lab from the public surface alone', () => {
    const lab = engine.KafkaLab.create({ seed: 3 });
    lab.kernel.advanceBy(100);
    expect(lab.snapshot().brokers.map((b) => b.port)).toEqual([9092, 9093, 9094]);
    expect(engine.KAFKA_VERSIONS).toContain('2.4');
    expect(engine.filenamePrefixFromOffset(368769)).toBe('00000000000000368769');
  });
});
