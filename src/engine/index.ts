/**
 * Kafka Lab's engine: its one public entry. Pure TypeScript with no DOM, timers, wall clock
 * or unseeded randomness, so it runs unchanged in Node (tests, benchmarks, `npm run lab`) and
 * in the browser. Everything below is deterministic for a given seed and input sequence.
 */

// The lab: a simulated cluster plus the clients people drive.
export { KafkaLab, DEFAULT_BROKER_COUNT } from './lab/KafkaLab';
export type {
  ConsumerRecord,
  LabAdmin,
  LabOptions,
  NewTopic,
  ProducerRecord,
  RecordMetadata,
  StreamOptions,
  TopicPartition,
} from './lab/types';
export type * from './snapshot';
// The sizes the lab can show (topics, partitions); larger requests are refused up front.
export { LAB_LIMITS } from './controller/labLimits';

// Simulation kernel: simulated time, one seeded random source, the event log.
export { SimKernel, Random, EventLog, formatEvent, formatTime } from './kernel';
export type { LabEvent, LabEventKind, LabEventListener, TaskId } from './kernel';

// Kafka's hash helpers, under Kafka's names (Utils.murmur2, Utils.toPositive, Utils.abs).
export { murmur2, toPositive, utilsAbs, javaStringHashCode, utf8, fromUtf8 } from './util/hash';
export { crc32c } from './util/crc32c';

// Consumer groups: the coordinator's __consumer_offsets partition and Kafka's four partition assignors.
export { groupCoordinatorPartition } from './groups/coordinatorPartition';
export {
  RangeAssignor,
  RoundRobinAssignor,
  StickyAssignor,
  CooperativeStickyAssignor,
  assignorByName,
  selectRebalanceProtocol,
  DEFAULT_GENERATION,
  CONSUMER_PROTOCOL_TYPE,
  consumerProtocolVersion,
  serializeSubscription,
  deserializeSubscription,
  serializeAssignment,
  deserializeAssignment,
  joinGroupProtocols,
  performAssignment,
} from './groups/assignors';
export type {
  ConsumerAssignment,
  ConsumerPartitionAssignor,
  ConsumerSubscription,
  GroupAssignment,
  JoinGroupMember,
  JoinGroupProtocol,
  JoiningMemberState,
  LeaderAssignment,
  MemberSubscription,
  RebalanceProtocol,
} from './groups/assignors';
// Each group's sink (a lab model of the application's database, not Kafka) and the remedies for records delivered twice.
export { GroupSink, GroupSinks, SINK_REMEDIES, isSinkRemedy } from './groups/sink';
export type { SinkRemedy, SinkRow, SinkView, SinkWriteOutcome } from './groups/sink';

// Kafka's wire and disk formats.
export {
  encodeRecordBatch,
  iterateBatches,
  RecordBatchView,
  initCodecs,
  compress,
  decompress,
  RECORD_BATCH_OVERHEAD,
  LOG_OVERHEAD,
} from './record';
export type { CompressionType, LogRecord, RecordHeader, SimpleRecord, BatchOptions } from './record';
export { UnifiedLog, LogSegment, OffsetIndex, TimeIndex, LeaderEpochCache, DEFAULT_LOG_CONFIG, filenamePrefixFromOffset, KafkaLogError } from './log';
export type { LogConfig, RecoveryReport } from './log';

// Requests, responses and Kafka's error codes.
export { KAFKA_ERRORS, KafkaError, errorCode, isRetriable, EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from './protocol';
export type { ApiKey, KafkaErrorName, KafkaRequest, KafkaResponse } from './protocol';

// Configuration with Kafka's names and per-version defaults.
export {
  ConfigException,
  KAFKA_VERSIONS,
  DEFAULT_KAFKA_VERSION,
  brokerConfig,
  producerConfig,
  consumerConfig,
  validateTopicConfigs,
  describeTopicConfigs,
  configDefs,
} from './config';
export type { BrokerConfig, ConfigDef, ConfigInput, ConsumerConfig, KafkaVersion, ProducerConfig, TopicConfigEntry } from './config';

// Clients, for driving the engine directly (benchmarks, scenarios).
export { KafkaProducer, KafkaConsumer, LabProducer, LabConsumer, ClientException } from './clients';

// The network and the storage port the engine declares.
export { SimNetwork, NetworkClient, DEFAULT_LINK } from './network';
export type { Envelope, LinkOptions, NodeId } from './network';
export { MemoryStorage, NULL_SINK } from './storage';
export type { StorageOp, StorageSink, StoredCluster, StoredLogDir, StoredSegmentFiles } from './storage';
