export * from './errors';
export * from './messages';
export * from './groupMessages';
export * from './topicPartition';
