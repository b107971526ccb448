import { GroupSink, type SinkClock } from './GroupSink';
import type { ConsumerRecord } from '../../lab/types';
import type { ProcessingBatch, ProcessingSink, SinkView } from './types';

/**
 * Every group's sink, made on first use (a group's members start writing as soon as they
 * process a record, whether or not anyone picked a remedy yet). KafkaLab owns one and hands it
 * to its consumers as their ProcessingSink.
 */
export class GroupSinks implements ProcessingSink {
  private readonly byGroup = new Map<string, GroupSink>();

  constructor(private readonly clock: SinkClock) {}

  sink(groupId: string): GroupSink {
    let sink = this.byGroup.get(groupId);
    if (!sink) this.byGroup.set(groupId, (sink = new GroupSink(groupId, this.clock)));
    return sink;
  }

  /** The sink of `groupId` if any member wrote to it or a remedy was picked (no side effect). */
  find(groupId: string): GroupSink | undefined {
    return this.byGroup.get(groupId);
  }

  all(): GroupSink[] {
    return [...this.byGroup.values()];
  }

  views(): SinkView[] {
    return this.all().map((s) => s.view());
  }

  openBatch(groupId: string, member: string, records: readonly ConsumerRecord[]): ProcessingBatch {
    return this.sink(groupId).openBatch(member, records);
  }
}
