/** Shared helpers for the clients' tests (not shipped code paths). */
import type { KafkaVersion } from '../config/types';
import type { KafkaLab } from '../lab/KafkaLab';
import { settle, startedLab } from '../lab/testing';
import type { ConfigInput } from '../lab/types';
import type { Random } from '../kernel';
import type { ApiKey } from '../protocol';

export { settle };

export interface TopicLabOptions {
  seed?: number;
  kafkaVersion?: KafkaVersion;
  partitions?: number;
  topic?: string;
  brokerConfig?: ConfigInput;
}

/** A started 3-broker lab with one topic (RF 1). */
export async function labWithTopic(options: TopicLabOptions = {}): Promise<KafkaLab> {
  const lab = startedLab({
    seed: options.seed ?? 42,
    ...(options.kafkaVersion ? { kafkaVersion: options.kafkaVersion } : {}),
    ...(options.brokerConfig ? { brokerConfig: options.brokerConfig } : {}),
  });
  await settle(lab, lab.admin.createTopic({ name: options.topic ?? 'orders', partitions: options.partitions ?? 6 }));
  return lab;
}

/** Count requests of one API a node puts on the wire. */
export function countRequests(lab: KafkaLab, from: string, apiKey: ApiKey): { readonly count: number } {
  const counter = { count: 0 };
  const send = lab.network.send.bind(lab.network);
  // Every argument passes through: a response must go back on its request's connection.
  lab.network.send = (src, dst, direction, correlationId, body, summary, connectionId) => {
    if (src === from && direction === 'request' && body.apiKey === apiKey) counter.count++;
    return send(src, dst, direction, correlationId, body, summary, connectionId);
  };
  return counter;
}

/** Cut (or heal) every link between a client and the brokers. */
export function setClientCut(lab: KafkaLab, client: string, cut: boolean): void {
  for (const broker of lab.brokers) lab.network.setLinkCut(client, broker.nodeId, cut);
}

/** Broker id that leads `tp` right now. */
export function leaderOf(lab: KafkaLab, tp: string): number {
  const broker = lab.brokers.find((b) => b.replicaManager.partitions.get(tp)?.isLeader);
  if (!broker) throw new Error(`no leader for ${tp}`);
  return broker.id;
}

/** A Random stand-in that returns the given 32-bit draws in order (then repeats the last). */
export function scriptedRandom(draws: number[]): Random {
  let i = 0;
  const next = (): number => draws[Math.min(i++, draws.length - 1)]!;
  return { nextInt32: next, nextUint32: () => next() >>> 0, nextFloat: () => 0.5, nextInt: (bound: number) => next() % bound, between: (a: number) => a } as unknown as Random;
}

/** Text of the events one client emitted. */
export function eventsOf(lab: KafkaLab, actor: string): string[] {
  return lab.kernel.log.recent().filter((e) => e.actor === actor).map((e) => e.text);
}
