/**
 * Kafka's error codes (org.apache.kafka.common.protocol.Errors), the subset the lab
 * speaks. Names and numbers are Kafka's; `retriable` mirrors whether the Java client
 * treats the exception as a RetriableException.
 */
export const KAFKA_ERRORS = {
  NONE: { code: 0, retriable: false, message: '' },
  UNKNOWN_SERVER_ERROR: { code: -1, retriable: false, message: 'The server experienced an unexpected error when processing the request.' },
  OFFSET_OUT_OF_RANGE: { code: 1, retriable: false, message: 'The requested offset is not within the range of offsets maintained by the server.' },
  CORRUPT_MESSAGE: { code: 2, retriable: true, message: 'This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt.' },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retriable: true, message: 'This server does not host this topic-partition.' },
  INVALID_FETCH_SIZE: { code: 4, retriable: false, message: 'The requested fetch size is invalid.' },
  LEADER_NOT_AVAILABLE: { code: 5, retriable: true, message: 'There is no leader for this topic-partition as we are in the middle of a leadership election.' },
  NOT_LEADER_OR_FOLLOWER: { code: 6, retriable: true, message: 'For requests intended only for the leader, this error indicates that the broker is not the current leader.' },
  REQUEST_TIMED_OUT: { code: 7, retriable: true, message: 'The request timed out.' },
  BROKER_NOT_AVAILABLE: { code: 8, retriable: false, message: 'The broker is not available.' },
  REPLICA_NOT_AVAILABLE: { code: 9, retriable: true, message: 'The replica is not available for the requested topic-partition.' },
  STALE_CONTROLLER_EPOCH: { code: 11, retriable: false, message: 'The controller moved to another broker.' },
  MESSAGE_TOO_LARGE: { code: 10, retriable: false, message: 'The request included a message larger than the max message size the server will accept.' },
  OFFSET_METADATA_TOO_LARGE: { code: 12, retriable: false, message: 'The metadata field of the offset request was too large.' },
  COORDINATOR_LOAD_IN_PROGRESS: { code: 14, retriable: true, message: 'The coordinator is loading and hence can\'t process requests.' },
  NETWORK_EXCEPTION: { code: 13, retriable: true, message: 'The server disconnected before a response was received.' },
  COORDINATOR_NOT_AVAILABLE: { code: 15, retriable: true, message: 'The coordinator is not available.' },
  NOT_COORDINATOR: { code: 16, retriable: true, message: 'This is not the correct coordinator.' },
  INVALID_TOPIC_EXCEPTION: { code: 17, retriable: false, message: 'The request attempted to perform an operation on an invalid topic.' },
  RECORD_LIST_TOO_LARGE: { code: 18, retriable: false, message: 'The request included message batch larger than the configured segment size on the server.' },
  NOT_ENOUGH_REPLICAS: { code: 19, retriable: true, message: 'Messages are rejected since there are fewer in-sync replicas than required.' },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: { code: 20, retriable: true, message: 'Messages are written to the log, but to fewer in-sync replicas than required.' },
  INVALID_REQUIRED_ACKS: { code: 21, retriable: false, message: 'Produce request specified an invalid value for required acks.' },
  ILLEGAL_GENERATION: { code: 22, retriable: false, message: 'Specified group generation id is not valid.' },
  INCONSISTENT_GROUP_PROTOCOL: { code: 23, retriable: false, message: "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list." },
  INVALID_GROUP_ID: { code: 24, retriable: false, message: 'The configured groupId is invalid.' },
  UNKNOWN_MEMBER_ID: { code: 25, retriable: false, message: 'The coordinator is not aware of this member.' },
  INVALID_SESSION_TIMEOUT: { code: 26, retriable: false, message: 'The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms).' },
  REBALANCE_IN_PROGRESS: { code: 27, retriable: false, message: 'The group is rebalancing, so a rejoin is needed.' },
  INVALID_COMMIT_OFFSET_SIZE: { code: 28, retriable: false, message: 'The committing offset data size is not valid.' },
  INVALID_TIMESTAMP: { code: 32, retriable: false, message: 'The timestamp of the message is out of acceptable range.' },
  TOPIC_ALREADY_EXISTS: { code: 36, retriable: false, message: 'Topic with this name already exists.' },
  INVALID_PARTITIONS: { code: 37, retriable: false, message: 'Number of partitions is below 1.' },
  INVALID_REPLICATION_FACTOR: { code: 38, retriable: false, message: 'Replication factor is below 1 or larger than the number of available brokers.' },
  INVALID_REPLICA_ASSIGNMENT: { code: 39, retriable: false, message: 'Replica assignment is invalid.' },
  INVALID_CONFIG: { code: 40, retriable: false, message: 'Configuration is invalid.' },
  NOT_CONTROLLER: { code: 41, retriable: true, message: 'This is not the correct controller for this cluster.' },
  INVALID_REQUEST: { code: 42, retriable: false, message: 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.' },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, retriable: false, message: 'The broker received an out of order sequence number.' },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, retriable: false, message: 'The broker received a duplicate sequence number.' },
  INVALID_PRODUCER_EPOCH: { code: 47, retriable: false, message: "Producer attempted to produce with an old epoch." },
  TOPIC_AUTHORIZATION_FAILED: { code: 29, retriable: false, message: 'Topic authorization failed.' },
  UNSUPPORTED_VERSION: { code: 35, retriable: false, message: 'The version of API is not supported.' },
  POLICY_VIOLATION: { code: 44, retriable: false, message: 'Request parameters do not satisfy the configured policy.' },
  KAFKA_STORAGE_ERROR: { code: 56, retriable: true, message: 'Disk error when trying to access log file on the disk.' },
  LOG_DIR_NOT_FOUND: { code: 57, retriable: false, message: 'The user-specified log directory is not found in the broker config.' },
  UNKNOWN_PRODUCER_ID: { code: 59, retriable: false, message: 'This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question.' },
  FENCED_LEADER_EPOCH: { code: 74, retriable: true, message: 'The leader epoch in the request is older than the epoch on the broker.' },
  UNKNOWN_LEADER_EPOCH: { code: 75, retriable: true, message: 'The leader epoch in the request is newer than the epoch on the broker.' },
  GROUP_ID_NOT_FOUND: { code: 69, retriable: false, message: 'The group id does not exist.' },
  NON_EMPTY_GROUP: { code: 68, retriable: false, message: 'The group is not empty.' },
  OFFSET_NOT_AVAILABLE: { code: 78, retriable: true, message: 'The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing.' },
  MEMBER_ID_REQUIRED: { code: 79, retriable: false, message: 'The group member needs to have a valid member id before actually entering a consumer group.' },
  PREFERRED_LEADER_NOT_AVAILABLE: { code: 80, retriable: true, message: 'The preferred leader was not available.' },
  GROUP_MAX_SIZE_REACHED: { code: 81, retriable: false, message: 'The consumer group has reached its max size.' },
  FENCED_INSTANCE_ID: { code: 82, retriable: false, message: 'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.' },
  ELIGIBLE_LEADERS_NOT_AVAILABLE: { code: 83, retriable: true, message: 'Eligible topic partition leaders are not available.' },
  ELECTION_NOT_NEEDED: { code: 84, retriable: false, message: 'Leader election not needed for topic partition.' },
  INVALID_RECORD: { code: 87, retriable: false, message: 'This record has failed the validation on broker and hence will be rejected.' },
  THROTTLING_QUOTA_EXCEEDED: { code: 89, retriable: true, message: 'The throttling quota has been exceeded.' },
} as const;

export type KafkaErrorName = keyof typeof KAFKA_ERRORS;
export type ErrorName = KafkaErrorName;

export function errorCode(name: KafkaErrorName): number {
  return KAFKA_ERRORS[name].code;
}

export function isRetriable(name: KafkaErrorName): boolean {
  return KAFKA_ERRORS[name].retriable;
}

/**
 * An error raised to a lab user or a client API, carrying Kafka's error name
 * (e.g. `TOPIC_ALREADY_EXISTS`) so callers can branch on it like on Kafka's exceptions.
 */
export class KafkaError extends Error {
  readonly errorName: KafkaErrorName;
  readonly retriable: boolean;

  constructor(errorName: KafkaErrorName, message?: string) {
    const detail = message && message.length > 0 ? message : KAFKA_ERRORS[errorName].message;
    // A broker's message may already start with the name (the log layer's errors do): say it once.
    super(detail.startsWith(`${errorName}: `) ? detail : `${errorName}: ${detail}`);
    this.name = 'KafkaError';
    this.errorName = errorName;
    this.retriable = KAFKA_ERRORS[errorName].retriable;
  }
}
