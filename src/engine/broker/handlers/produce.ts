import type { Envelope } from '../../network';
import type { ProducePartitionResponse, ProduceRequest } from '../../protocol';
import type { RequestContext } from '../BrokerContext';
import { isInternalTopic } from '../../controller/topicValidation';
import type { ProduceResult } from '../ReplicaManager';

/**
 * KafkaApis.handleProduceRequest: ReplicaManager.appendRecords does the work; acks=0 gets no
 * response. Clients may not append to an internal topic (only the coordinator writes
 * __consumer_offsets): ReplicaManager.appendToLocalLog's InvalidTopicException.
 */
export function handleProduce(broker: RequestContext, envelope: Envelope, request: ProduceRequest): void {
  const entries = request.topicData.flatMap((t) => t.partitionData.map((p) => ({ topic: t.topic, partition: p.partition, records: p.records })));
  const refused: ProduceResult[] = entries.filter((e) => isInternalTopic(e.topic)).map((e) => ({
    topic: e.topic,
    response: { partition: e.partition, errorCode: 'INVALID_TOPIC_EXCEPTION', errorMessage: `Cannot append to internal topic ${e.topic}`, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 },
  }));
  for (const r of refused) broker.kernel.emit('broker', broker.actor, `rejected a produce to ${r.topic}-${r.response.partition}: INVALID_TOPIC_EXCEPTION (clients cannot append to an internal topic)`, `${r.topic}-${r.response.partition}`);
  const allowed = refused.length === 0 ? entries : entries.filter((e) => !isInternalTopic(e.topic));
  if (allowed.length === 0) {
    if (request.acks !== 0) respondProduce(broker, envelope, refused);
    return;
  }
  broker.replicaManager.appendRecords(request.timeoutMs, request.acks, allowed, (results) => respondProduce(broker, envelope, [...refused, ...results]));
}

function respondProduce(broker: RequestContext, envelope: Envelope, results: ProduceResult[]): void {
  const byTopic = new Map<string, ProducePartitionResponse[]>();
  for (const { topic, response } of results) {
    const list = byTopic.get(topic) ?? [];
    list.push(response);
    byTopic.set(topic, list);
  }
  const responses = [...byTopic].map(([topic, partitionResponses]) => ({ topic, partitionResponses }));
  const errors = results.filter((r) => r.response.errorCode !== 'NONE').length;
  broker.respond(envelope, { apiKey: 'Produce', responses }, errors > 0 ? `Produce response (${errors} error(s))` : 'Produce response: ok');
}
