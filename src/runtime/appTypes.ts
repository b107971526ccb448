import type { KafkaLab } from '../engine/lab/KafkaLab';
import type { LabRuntime } from './LabRuntime';

/** The runtime the app runs: LabRuntime over the real engine facade. */
export type AppRuntime = LabRuntime<KafkaLab>;
