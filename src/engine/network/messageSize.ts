import type { KafkaRequest, KafkaResponse } from '../protocol';

/** Rough request/response header cost (size, api key/version, correlation id, client id). */
const HEADER_BYTES = 24;

/**
 * Approximate wire size of a message: exact for record data (the real batch bytes),
 * a fixed estimate per field elsewhere. Used for animations and fetch.max.bytes accounting
 * is done on record bytes, never on this estimate.
 */
export function messageSizeBytes(body: KafkaRequest | KafkaResponse): number {
  switch (body.apiKey) {
    case 'Produce':
      if ('topicData' in body) {
        let n = HEADER_BYTES + 8;
        for (const t of body.topicData) {
          n += 4 + t.topic.length;
          for (const p of t.partitionData) n += 8 + p.records.byteLength;
        }
        return n;
      }
      return HEADER_BYTES + 32 * body.responses.reduce((s, t) => s + t.partitionResponses.length, 0);
    case 'Fetch':
      if ('topics' in body) return HEADER_BYTES + 32 + 28 * body.topics.reduce((s, t) => s + t.partitions.length, 0);
      {
        let n = HEADER_BYTES + 8;
        for (const t of body.responses) for (const p of t.partitions) n += 40 + p.records.byteLength;
        return n;
      }
    default:
      return HEADER_BYTES + 64;
  }
}
