/** The lab's Kafka clients: the public wrappers and the Kafka-named internals they are built from. */
export { LabProducer } from './LabProducer';
export { LabConsumer } from './LabConsumer';
export { KafkaProducer, type KafkaProducerOptions } from './producer/KafkaProducer';
export { KafkaConsumer, type KafkaConsumerOptions, type PollCallback } from './consumer/KafkaConsumer';
export type { OffsetAndTimestamp, TimeQuery } from './consumer/OffsetFetcher';
export { Metadata, type MetadataOptions, type PartitionInfo } from './Metadata';
export { ClientException, type ClientErrorName } from './errors';
