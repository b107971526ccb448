import { formatBytes } from '../../kernel/format';
import type { Envelope } from '../../network';
import type { FetchRequest } from '../../protocol';
import type { RequestContext } from '../BrokerContext';

/**
 * KafkaApis.handleFetchRequest: ReplicaManager.fetchMessages reads whole batches from the
 * leader logs (below the HW for consumers) and calls back at once or after a delayed fetch.
 */
export function handleFetch(broker: RequestContext, envelope: Envelope, request: FetchRequest): void {
  broker.replicaManager.fetchMessages(request, (read) => {
    const summary = read.bytes > 0 ? `Fetch response (${formatBytes(read.bytes)})` : 'Fetch response (empty)';
    broker.respond(envelope, { apiKey: 'Fetch', errorCode: 'NONE', responses: read.responses }, summary);
  });
}
