import type { TaskId } from '../../kernel';
import type { ConsumerRecord } from '../../lab/types';
import type { ProcessingBatch, ProcessingSink } from './types';

/** The kernel as the processing needs it: one task per record. */
export interface ProcessingClock {
  schedule(delayMs: number, label: string, run: () => void): TaskId;
  cancel(id: TaskId | undefined): void;
}

/**
 * A group member's application processing the batch a poll handed it: one record after
 * another, `perRecordMs` each, each written into the group's sink when its processing ends
 * (a kernel task per record, so the writes are spread over the processing time). A crash
 * stops the writes: what was written but not committed is what the next owner processes again.
 */
export class SinkProcessing {
  private work: { batch: ProcessingBatch; records: readonly ConsumerRecord[]; next: number; task: TaskId | undefined } | null = null;

  constructor(
    private readonly clock: ProcessingClock,
    private readonly sink: ProcessingSink,
    private readonly member: string,
  ) {}

  /** Start processing `records` (finishing the batch in hand first: one batch at a time). */
  start(groupId: string, records: readonly ConsumerRecord[], perRecordMs: number): void {
    if (records.length === 0) return;
    this.finish();
    const work = { batch: this.sink.openBatch(groupId, this.member, records), records: [...records], next: 0, task: undefined as TaskId | undefined };
    this.work = work;
    if (perRecordMs <= 0) return this.finish();
    const step = (): void => {
      work.task = undefined;
      if (this.work !== work) return;
      work.batch.write(work.records[work.next++]!);
      if (work.next < work.records.length) work.task = this.clock.schedule(perRecordMs, `${this.member} processes a record`, step);
      else this.finish();
    };
    work.task = this.clock.schedule(perRecordMs, `${this.member} processes a record`, step);
  }

  /** The batch's processing is over (the next poll is due): write what is left and close it. */
  finish(): void {
    const work = this.work;
    if (work === null) return;
    this.work = null;
    this.clock.cancel(work.task);
    while (work.next < work.records.length) work.batch.write(work.records[work.next++]!);
    work.batch.close();
  }

  /** The process died: the records not yet processed are never written. */
  stop(reason: string): void {
    const work = this.work;
    if (work === null) return;
    this.work = null;
    this.clock.cancel(work.task);
    work.batch.close({ reason, unprocessed: work.records.length - work.next });
  }
}
