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

/** One member of an oracle case, in the order it was put into Kafka's HashMap of subscriptions. */
export interface OracleMember {
  id: string;
  topics: string[];
  groupInstanceId?: string;
  generation?: number;
  owned?: string[];
}

/** A group Kafka's own assignor classes assigned (see kafka-assignor-oracle.json's `_source`). */
export interface AssignorOracleCase {
  name: string;
  assignor: string;
  partitions: Record<string, number>;
  members: OracleMember[];
  expect: Record<string, string[]>;
}

/** Kafka's answers for seeded random groups, per version profile ('3.9', '2.4'). */
export function kafkaAssignorOracle(): { _source: string; cases: Record<'3.9' | '2.4', AssignorOracleCase[]> } {
  return JSON.parse(readFileSync(new URL('./kafka-assignor-oracle.json', import.meta.url), 'utf8')) as {
    _source: string;
    cases: Record<'3.9' | '2.4', AssignorOracleCase[]>;
  };
}
