/** The record popover of a __consumer_offsets partition: commits read as commits, tombstones as tombstones. */
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { describeOffsetsRecord, offsetCommitKey, offsetCommitValue, offsetTombstone } from '../../engine/groups/schemas';
import { RecordDetails } from './PartitionLogStripDetails';

const decode = (html: string): string => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/<!-- -->/g, '');

function popover(meaning: ReturnType<typeof describeOffsetsRecord> | null): string {
  return decode(renderToString(<RecordDetails id="pop" tp="__consumer_offsets-12" offset={4} committed highWatermark={9} record={undefined} meaning={meaning} anchor={() => null} />));
}

describe('the record popover on __consumer_offsets', () => {
  it("shows a commit's sentence and Kafka's formatter line in monospace", () => {
    const value = offsetCommitValue({ offset: 42, leaderEpoch: 0, metadata: '', commitTimestamp: 5000, expireTimestamp: null });
    const meaning = describeOffsetsRecord(offsetCommitKey('g1', 'orders', 3), value, '3.9');
    const html = popover(meaning);
    expect(html).toContain(`<p class="kl-record-meaning-text"><strong>Offset commit:</strong> ${meaning.summary}</p>`);
    expect(html).toContain(`<code class="kl-record-meaning-line">${meaning.formatted}</code>`);
    expect(meaning.formatted).toMatch(/^\[g1,orders,3\]::OffsetAndMetadata\(offset=42,/);
  });

  it('calls a null value a tombstone', () => {
    const tombstone = offsetTombstone('g1', 'orders', 3);
    const html = popover(describeOffsetsRecord(tombstone.key, tombstone.value, '3.9'));
    expect(html).toContain('(a tombstone)');
    expect(html).toContain('[g1,orders,3]::NULL');
  });

  it("says the key and value are binary structs instead of printing their bytes as text", () => {
    const value = offsetCommitValue({ offset: 42, leaderEpoch: 0, metadata: '', commitTimestamp: 5000, expireTimestamp: null });
    const key = offsetCommitKey('g1', 'orders', 3);
    const batch = { baseOffset: 4, lastOffset: 4, recordCount: 1, compression: 'none', timestampType: 'CreateTime' as const, maxTimestampMs: 5000, partitionLeaderEpoch: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, isTransactional: false, isControl: false, position: 0, sizeBytes: 100, segment: '00000000000000000000.log' };
    const record = { offset: 4, timestampMs: 5000, key: 'garbled', keySizeBytes: key.length, keyHash: 1, value: 'garbled', valueSizeBytes: value.length, headers: [], batch };
    const html = decode(renderToString(<RecordDetails id="pop" tp="__consumer_offsets-12" offset={4} committed highWatermark={9} record={record} meaning={describeOffsetsRecord(key, value, '3.9')} anchor={() => null} />));
    expect(html).toContain(`binary struct (${key.length} B), decoded above`);
    expect(html).toContain(`binary struct (${value.length} B), decoded above`);
    expect(html).not.toContain('garbled');
  });

  it('adds nothing for records of other topics', () => {
    expect(popover(null)).not.toContain('kl-record-meaning');
  });
});
