import { formatOffsetRange } from '../../kernel/format';
import type { FetchPartitionResponse } from '../../protocol';
import type { Partition } from '../Partition';
import type { FetchOutcome } from './ReplicaFetcherThread';

/** What the follower side of a fetch reports (the ReplicaManager turns it into events). */
export interface FollowerFetchReport {
  /** Truncations and errors: events a learner must see. */
  emit(text: string | (() => string)): void;
  /** Routine appends of fetched records (the 'replication' kind); `emit` when not given. */
  fetched?(text: () => string): void;
}

const UNDEFINED = -1;

/**
 * ReplicaFetcherThread.processPartitionData plus AbstractFetcherThread's error handling for
 * one partition: truncate on a diverging epoch (before anything else, KAFKA-14704), append
 * the records keeping their offsets and epochs, then take the leader's HW clamped to the
 * local LEO (so a follower's HW can go down) and the leader's log start offset.
 */
export function processFollowerFetch(partition: Partition, leaderId: number, fetchOffset: number, data: FetchPartitionResponse, nowMs: number, report: FollowerFetchReport): FetchOutcome {
  const log = partition.log;
  if (!log) return 'failed';
  switch (data.errorCode) {
    case 'NONE':
      break;
    case 'FENCED_LEADER_EPOCH':
      report.emit(`stopped fetching ${partition.tp} from broker ${leaderId}: FENCED_LEADER_EPOCH (its leader epoch ${partition.leaderEpoch} is older than the leader's); it waits for the controller's next LeaderAndIsr`);
      return 'failed';
    case 'OFFSET_OUT_OF_RANGE':
      return handleOutOfRange(partition, leaderId, fetchOffset, data, report);
    default:
      return 'backoff'; // NOT_LEADER_OR_FOLLOWER, UNKNOWN_LEADER_EPOCH, …: retried after replica.fetch.backoff.ms
  }
  if (data.divergingEpoch) {
    truncateOnDivergingEpoch(partition, leaderId, data.divergingEpoch, report);
    return 'continue';
  }
  if (fetchOffset !== log.logEndOffset) return 'continue'; // the log moved meanwhile (a truncation): fetch again
  if (data.records.byteLength > 0) {
    const info = log.appendAsFollower(data.records, nowMs);
    partition.recordFollowerAppend(data.records);
    const hwBefore = log.highWatermark;
    log.forceHighWatermark(Math.min(data.highWatermark, log.logEndOffset));
    const { firstOffset, lastOffset } = info;
    const leo = log.logEndOffset;
    const hw = log.highWatermark;
    (report.fetched ?? report.emit)(() => `fetched ${formatOffsetRange(firstOffset, lastOffset)} of ${partition.tp} from leader broker ${leaderId}: LEO ${leo}, HW ${hw}${hw !== hwBefore ? ` (was ${hwBefore})` : ''}`);
  } else if (data.highWatermark >= 0) {
    const before = log.highWatermark;
    const hw = log.forceHighWatermark(Math.min(data.highWatermark, log.logEndOffset));
    if (hw !== before) partition.version++;
  }
  if (data.logStartOffset > log.logStartOffset) log.maybeIncrementLogStartOffset(Math.min(data.logStartOffset, log.highWatermark), 'the leader\'s log start offset moved');
  return 'continue';
}

/**
 * AbstractFetcherThread.getOffsetTruncationState (KIP-101, KIP-279): the leader said our last
 * epoch ends at `endOffset` on its log (or named an earlier epoch). Truncate to where both
 * logs agree; if the leader named an epoch we do not have, truncate to the end of our largest
 * epoch below it and ask again with the next fetch.
 */
export function truncateOnDivergingEpoch(partition: Partition, leaderId: number, diverging: { epoch: number; endOffset: number }, report: FollowerFetchReport): void {
  const log = partition.log!;
  const leo = log.logEndOffset;
  let target: number;
  let why: string;
  if (diverging.endOffset === UNDEFINED) {
    target = log.highWatermark;
    why = 'the leader knows none of its epochs, so it truncates to its high watermark';
  } else {
    const own = log.leaderEpochCache.endOffsetFor(diverging.epoch, leo);
    if (own.endOffset === UNDEFINED) {
      target = Math.min(diverging.endOffset, leo);
      why = `it has no epoch at or below ${diverging.epoch}`;
    } else if (own.epoch !== diverging.epoch) {
      target = Math.min(own.endOffset, leo);
      why = `it does not have the leader's epoch ${diverging.epoch}: it truncates to the end of its own epoch ${own.epoch} and asks again (KIP-279)`;
    } else {
      target = Math.min(own.endOffset, diverging.endOffset, leo);
      why = `epoch ${diverging.epoch} ends at offset ${diverging.endOffset} on the leader`;
    }
  }
  truncateFollower(partition, target, `the leader (broker ${leaderId}) answered with a diverging epoch: ${why}`, report);
}

/** Truncate a follower's log (and its producer state) and say what was cut and why. */
export function truncateFollower(partition: Partition, offset: number, reason: string, report: FollowerFetchReport): void {
  const log = partition.log!;
  const leo = log.logEndOffset;
  if (offset >= leo) {
    log.truncateTo(offset); // cuts no record, but drops epoch entries at the LEO (see UnifiedLog.truncateTo)
    partition.version++;
    report.emit(`${partition.tp}: no truncation needed at offset ${offset} (LEO ${leo}); ${reason}`);
    return;
  }
  log.truncateTo(offset);
  partition.producerState.truncateTo(offset);
  partition.version++;
  report.emit(`truncated ${partition.tp} from LEO ${leo} to ${offset}, removing offsets ${formatOffsetRange(offset, leo - 1)}: ${reason}`);
}

/**
 * A fetch outside the leader's log. Below its log start: start over at the leader's log
 * start. Above its end (our log is longer, which only unclean elections or lab.truncation=hw
 * allow): truncate to the leader's HW (Kafka asks the leader's LEO with ListOffsets; the lab
 * uses the HW the response carries, see docs/FIDELITY.md).
 */
function handleOutOfRange(partition: Partition, leaderId: number, fetchOffset: number, data: FetchPartitionResponse, report: FollowerFetchReport): FetchOutcome {
  const log = partition.log!;
  if (data.logStartOffset >= 0 && fetchOffset < data.logStartOffset) {
    log.truncateFullyAndStartAt(data.logStartOffset);
    partition.producerState.truncateTo(0);
    partition.version++;
    report.emit(`${partition.tp}: offset ${fetchOffset} is below leader broker ${leaderId}'s log start ${data.logStartOffset}; the follower deleted its log and starts again there`);
    return 'continue';
  }
  if (data.highWatermark >= 0 && data.highWatermark < log.logEndOffset) {
    truncateFollower(partition, Math.max(data.highWatermark, log.logStartOffset), `offset ${fetchOffset} is beyond leader broker ${leaderId}'s log (OFFSET_OUT_OF_RANGE)`, report);
    return 'continue';
  }
  return 'backoff';
}
