/** Kafka's test vectors (see README.md beside this file), for tests only. */
import { readFileSync } from 'node:fs';

export function loadKafkaVectors<T>(): T {
  return JSON.parse(readFileSync(new URL('./kafka-vectors.json', import.meta.url), 'utf8')) as T;
}
