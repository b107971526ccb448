import { formatOffsetRange } from '../../kernel/format';
import type { Envelope } from '../../network';
import type { KafkaErrorName, ProducePartitionResponse, ProduceRequest } from '../../protocol';
import { iterateBatches } from '../../record';
import type { KafkaBroker } from '../KafkaBroker';
import type { Partition } from '../Partition';
import { logErrorName } from './logErrors';

interface Appended {
  topic: string;
  response: ProducePartitionResponse;
  /** The HW a successful acks=all write waits for (last offset + 1). */
  requiredOffset: number;
  partition: Partition | null;
}

/** KafkaApis.handleProduceRequest + ReplicaManager.appendRecords for the leader side. */
export function handleProduce(broker: KafkaBroker, envelope: Envelope, request: ProduceRequest): void {
  const results: Appended[] = [];
  for (const topicData of request.topicData) {
    for (const data of topicData.partitionData) {
      results.push(appendToPartition(broker, topicData.topic, data.partition, data.records, request.acks));
    }
  }
  if (request.acks === 0) return; // no response at all, as Kafka
  const respond = (timedOut: boolean): void => respondProduce(broker, envelope, results, timedOut);
  const waiting = results.filter((r) => r.response.errorCode === 'NONE' && request.acks === -1);
  if (waiting.length === 0) return respond(false);
  broker.produceWaits.tryCompleteElseWatch(
    {
      tryComplete: () => {
        if (!waiting.every((r) => hwReached(r))) return false;
        respond(false);
        return true;
      },
      onExpiration: () => respond(true),
    },
    waiting.map((r) => r.partition!.tp),
    request.timeoutMs,
  );
}

function hwReached(r: Appended): boolean {
  const log = r.partition?.log;
  return log !== null && log !== undefined && log.highWatermark >= r.requiredOffset;
}

function respondProduce(broker: KafkaBroker, envelope: Envelope, results: Appended[], timedOut: boolean): void {
  const byTopic = new Map<string, ProducePartitionResponse[]>();
  for (const r of results) {
    const response = timedOut && r.response.errorCode === 'NONE' && !hwReached(r)
      ? { ...r.response, errorCode: 'REQUEST_TIMED_OUT' as const, errorMessage: 'acks=all: the ISR did not reach this offset within the request timeout' }
      : r.response;
    const list = byTopic.get(r.topic) ?? [];
    list.push(response);
    byTopic.set(r.topic, list);
  }
  const responses = [...byTopic].map(([topic, partitionResponses]) => ({ topic, partitionResponses }));
  const errors = results.filter((r) => r.response.errorCode !== 'NONE').length;
  broker.respond(envelope, { apiKey: 'Produce', responses }, errors > 0 ? `Produce response (${errors} error(s))` : 'Produce response: ok');
}

function appendToPartition(broker: KafkaBroker, topic: string, index: number, records: Uint8Array, acks: number): Appended {
  const tp = `${topic}-${index}`;
  const fail = (errorCode: KafkaErrorName, errorMessage?: string): Appended => {
    if (errorCode !== 'NONE') broker.kernel.emit('broker', broker.actor, `rejected a produce to ${tp}: ${errorCode}${errorMessage ? ` (${errorMessage})` : ''}`, tp);
    return { topic, response: { partition: index, errorCode, ...(errorMessage ? { errorMessage } : {}), baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 }, requiredOffset: 0, partition: null };
  };
  if (acks !== 0 && acks !== 1 && acks !== -1) return fail('INVALID_REQUIRED_ACKS');
  const partition = broker.replicaManager.partitions.get(tp);
  if (!partition) return fail(broker.metadataCache.hasTopic(topic) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION');
  if (!partition.isLeader || !partition.log) return fail('NOT_LEADER_OR_FOLLOWER');
  const minIsr = broker.minInsyncReplicas(topic);
  if (acks === -1 && partition.isr.length < minIsr) {
    return fail('NOT_ENOUGH_REPLICAS', `The size of the current ISR [${partition.isr.join(', ')}] is insufficient to satisfy the min.isr requirement of ${minIsr} for partition ${tp}`);
  }
  const header = iterateBatches(records).next().value;
  if (!header) return fail('CORRUPT_MESSAGE', 'the request carried no complete record batch');
  const check = partition.producerState.check(header.producerId, header.producerEpoch, header.baseSequence, header.baseSequence + header.lastOffsetDelta);
  if (check.kind === 'error') return fail(check.errorName, check.message);
  if (check.kind === 'duplicate') {
    broker.kernel.emit('broker', broker.actor, `${tp}: producer ${header.producerId} retried a batch it already wrote (sequence ${header.baseSequence}); answered with the original offsets ${formatOffsetRange(check.firstOffset, check.lastOffset)} instead of writing it twice`, tp);
    return { topic, response: { partition: index, errorCode: 'NONE', baseOffset: check.firstOffset, logAppendTimeMs: -1, logStartOffset: partition.log.logStartOffset }, requiredOffset: check.lastOffset + 1, partition };
  }
  return appendAsLeader(broker, partition, topic, index, records, header.producerId, header.producerEpoch, header.baseSequence, acks, minIsr);
}

function appendAsLeader(
  broker: KafkaBroker,
  partition: Partition,
  topic: string,
  index: number,
  records: Uint8Array,
  producerId: number,
  producerEpoch: number,
  baseSequence: number,
  acks: number,
  minIsr: number,
): Appended {
  const log = partition.log!;
  const tp = partition.tp;
  let info;
  try {
    info = log.appendAsLeader(records, partition.leaderEpoch, broker.kernel.nowMs);
  } catch (error) {
    const name = logErrorName(error);
    const full = error instanceof Error ? error.message : String(error);
    // The log's errors start with their name; the response and the event name it once.
    const message = full.startsWith(`${name}: `) ? full.slice(name.length + 2) : full;
    broker.kernel.emit('broker', broker.actor, `rejected a produce to ${tp}: ${name} (${message})`, tp);
    return { topic, response: { partition: index, errorCode: name, errorMessage: message, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: log.logStartOffset }, requiredOffset: 0, partition: null };
  }
  partition.producerState.record(producerId, producerEpoch, {
    firstSeq: baseSequence,
    lastSeq: baseSequence + (info.lastOffset - info.firstOffset),
    firstOffset: info.firstOffset,
    lastOffset: info.lastOffset,
    timestampMs: info.maxTimestamp,
  });
  partition.version++;
  const hwMoved = partition.maybeIncrementLeaderHW(minIsr);
  const segment = log.activeSegment.fileName;
  broker.kernel.emit(
    'broker',
    broker.actor,
    `appended offsets ${formatOffsetRange(info.firstOffset, info.lastOffset)} (${info.numRecords} record${info.numRecords === 1 ? '' : 's'}) to ${tp}/${segment}; LEO ${log.logEndOffset}, HW ${log.highWatermark}${acks === -1 ? ' (acks=all)' : acks === 0 ? ' (acks=0: no response)' : ''}`,
    tp,
  );
  if (hwMoved) {
    broker.produceWaits.checkAndComplete(tp);
    broker.fetchWaits.checkAndComplete(tp);
  }
  return {
    topic,
    response: { partition: index, errorCode: 'NONE', baseOffset: info.firstOffset, logAppendTimeMs: info.logAppendTimeMs, logStartOffset: log.logStartOffset },
    requiredOffset: info.lastOffset + 1,
    partition,
  };
}
