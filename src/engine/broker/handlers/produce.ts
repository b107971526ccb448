import type { Envelope } from '../../network';
import type { ProducePartitionResponse, ProduceRequest } from '../../protocol';
import type { RequestContext } from '../BrokerContext';
import type { ProduceResult } from '../ReplicaManager';

/** KafkaApis.handleProduceRequest: ReplicaManager.appendRecords does the work; acks=0 gets no response. */
export function handleProduce(broker: RequestContext, envelope: Envelope, request: ProduceRequest): void {
  const entries = request.topicData.flatMap((t) => t.partitionData.map((p) => ({ topic: t.topic, partition: p.partition, records: p.records })));
  broker.replicaManager.appendRecords(request.timeoutMs, request.acks, entries, (results) => respondProduce(broker, envelope, results));
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
