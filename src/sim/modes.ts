/**
 * The configurations the fault-schedule simulation runs: one that Kafka promises never loses an
 * acknowledged record, and three that give up one piece of that promise each.
 */

export const SIM_MODES = ['safe', 'acks1', 'unclean', 'hw-truncation'] as const;
export type SimMode = (typeof SIM_MODES)[number];

export const UNSAFE_MODES: readonly SimMode[] = ['acks1', 'unclean', 'hw-truncation'];

export interface ModeSetup {
  readonly mode: SimMode;
  /** One line: what this mode gives up. */
  readonly description: string;
  /** Broker configs on top of the simulation's timing configs. */
  readonly brokerConfig: Readonly<Record<string, string>>;
  /** Topic configs on top of the simulation's segment size. */
  readonly topicConfig: Readonly<Record<string, string>>;
  /** Producer configs on top of the simulation's timeouts. */
  readonly producerConfig: Readonly<Record<string, string>>;
}

const SAFE_TOPIC = { 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false' };
const SAFE_PRODUCER = { acks: 'all', 'enable.idempotence': 'true' };

const SETUPS: Record<SimMode, ModeSetup> = {
  safe: {
    mode: 'safe',
    description: 'acks=all, idempotent producer, min.insync.replicas=2, unclean election off, leader-epoch truncation (KIP-101)',
    brokerConfig: { 'lab.truncation': 'epoch' },
    topicConfig: SAFE_TOPIC,
    producerConfig: SAFE_PRODUCER,
  },
  acks1: {
    mode: 'acks1',
    description: 'acks=1 (the leader answers before any follower has the record), otherwise as safe',
    brokerConfig: { 'lab.truncation': 'epoch' },
    topicConfig: SAFE_TOPIC,
    producerConfig: { acks: '1', 'enable.idempotence': 'false' },
  },
  unclean: {
    mode: 'unclean',
    description: 'unclean.leader.election.enable=true with min.insync.replicas=1 (acks=all is then satisfied by the leader alone)',
    brokerConfig: { 'lab.truncation': 'epoch' },
    topicConfig: { 'min.insync.replicas': '1', 'unclean.leader.election.enable': 'true' },
    producerConfig: SAFE_PRODUCER,
  },
  'hw-truncation': {
    mode: 'hw-truncation',
    description: 'lab.truncation=hw: followers truncate to their high watermark (before KIP-101), otherwise as safe',
    brokerConfig: { 'lab.truncation': 'hw' },
    topicConfig: SAFE_TOPIC,
    producerConfig: SAFE_PRODUCER,
  },
};

export function modeSetup(mode: SimMode): ModeSetup {
  return SETUPS[mode];
}

export function isSimMode(value: string): value is SimMode {
  return (SIM_MODES as readonly string[]).includes(value);
}
