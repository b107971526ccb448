/** Kafka's test vectors (see README.md beside this file), for tests only. */
import { readFileSync } from 'node:fs';

export function loadKafkaVectors<T>(): T {
  return JSON.parse(readFileSync(new URL('./kafka-vectors.json', import.meta.url), 'utf8')) as T;
}

/** One `coordinator_partition` vector: Java's String.hashCode of the group id and its partition of 50. */
export interface CoordinatorPartitionVector {
  groupId: string;
  hashCode: number;
  partitionOf50: number;
}

/** How a vector's expected assignment is compared (see `_sources.compare_modes`). */
export type AssignorCompareMode = 'set' | 'exact-list' | 'sorted-list' | 'exact-map';

/** One `range` / `roundrobin` / `sticky` vector, as Kafka's assignor tests state it. */
export interface AssignorVector {
  name: string;
  partitions: Record<string, number>;
  subs: Record<string, string[]>;
  groupInstanceIds?: Record<string, string>;
  owned?: Record<string, string[]>;
  generation?: number;
  expect: Record<string, string[]>;
  transferring?: Record<string, string>;
  compare: AssignorCompareMode;
  assignors?: string[];
  note?: string;
  source?: string;
}

export interface KafkaVectors {
  coordinator_partition: CoordinatorPartitionVector[];
  range: AssignorVector[];
  roundrobin: AssignorVector[];
  sticky: AssignorVector[];
  java_hashmap_iteration_order: { keys: string[]; order: string[] };
}

/** The vectors file with types for the groups the group-coordinator and assignor tests read. */
export function kafkaVectors(): KafkaVectors {
  return loadKafkaVectors<KafkaVectors>();
}
