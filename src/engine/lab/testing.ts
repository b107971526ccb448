import { KafkaLab } from './KafkaLab';
import { settleInSimulation } from './settle';
import type { LabOptions } from './types';

/** Drive the simulation until `promise` settles (see settleInSimulation). */
export function settle<T>(lab: KafkaLab, promise: Promise<T>, maxMs = 120000): Promise<T> {
  return settleInSimulation(lab.kernel, promise, { maxMs });
}

/** A lab whose cluster is up (controller elected, metadata propagated). */
export function startedLab(options: Partial<LabOptions> = {}): KafkaLab {
  const lab = KafkaLab.create({ seed: 42, ...options });
  lab.kernel.advanceBy(500);
  return lab;
}
