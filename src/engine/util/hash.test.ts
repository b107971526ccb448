import { loadKafkaVectors } from '../../testdata/kafkaVectors';
import { describe, expect, it } from 'vitest';
import { javaStringHashCode, murmur2, toPositive, utf8, utf8Length, utilsAbs } from './hash';

interface Vectors {
  murmur2_utils_test: Array<{ input: string; murmur2: number; toPositive: number }>;
  murmur2_kafkajs_default: Array<{ input: string; murmur2: number }>;
  murmur2_kafkajs_legacy_NOT_java_compatible: Array<{ input: string; murmur2: number }>;
  keyed_partition: Array<{ key: string; murmur2: number; partitions: Record<string, number> }>;
  coordinator_partition: Array<{ groupId: string; hashCode: number; partitionOf50: number }>;
}

const vectors = loadKafkaVectors<Vectors>();

describe('murmur2', () => {
  it.each(vectors.murmur2_utils_test)('UtilsTest $input', ({ input, murmur2: expected, toPositive: positive }) => {
    expect(murmur2(utf8(input))).toBe(expected);
    expect(toPositive(murmur2(utf8(input)))).toBe(positive);
  });

  it.each(vectors.murmur2_kafkajs_default)('kafkajs default $input', ({ input, murmur2: expected }) => {
    expect(murmur2(utf8(input))).toBe(expected);
  });

  it.each(vectors.murmur2_kafkajs_legacy_NOT_java_compatible)('is not the legacy overflowing hash for $input', ({ input, murmur2: legacy }) => {
    expect(murmur2(utf8(input))).not.toBe(legacy);
  });

  it.each(vectors.keyed_partition)('partitions key "$key"', ({ key, murmur2: expected, partitions }) => {
    const h = murmur2(utf8(key));
    expect(h).toBe(expected);
    for (const [n, p] of Object.entries(partitions)) expect(toPositive(h) % Number(n)).toBe(p);
  });

  it.each([
    ['é', 2, 186971271, 3],
    ['日本', 6, -700811021, 3],
    ['🚀', 4, 761778625, 1],
  ])('hashes the UTF-8 bytes of non-ASCII key %s', (key, length, expected, partitionOf6) => {
    const bytes = utf8(key);
    expect(bytes.length).toBe(length);
    expect(utf8Length(key)).toBe(length);
    expect(murmur2(bytes)).toBe(expected);
    expect(toPositive(murmur2(bytes)) % 6).toBe(partitionOf6);
  });
});

describe('toPositive vs Utils.abs', () => {
  it.each([
    [-2147483648, 0, 0],
    [-1, 2147483647, 1],
    [-10, 2147483638, 10],
    [-973932308, 1173551340, 973932308],
    [0, 0, 0],
  ])('%d', (x, positive, abs) => {
    expect(toPositive(x)).toBe(positive);
    expect(utilsAbs(x)).toBe(abs);
  });
});

describe('coordinator partition', () => {
  it.each(vectors.coordinator_partition)('$groupId', ({ groupId, hashCode, partitionOf50 }) => {
    expect(javaStringHashCode(groupId)).toBe(hashCode);
    expect(utilsAbs(javaStringHashCode(groupId)) % 50).toBe(partitionOf50);
  });
});
