/**
 * Internal topics (__consumer_offsets, created when a group is first used: 50 partitions) stay
 * out of the cluster view unless asked for, as Kafka's tools leave them out unless asked
 * (kafka-topics --exclude-internal, the consumer's exclude.internal.topics). This checkbox, in
 * the Topics tab and the Groups tab, brings them in; a group's own offsets partition is a link
 * in the Groups tab either way (its log shows in the partition log).
 */
import { useId } from 'react';
import { useLabStore, type LabStoreState } from '../../runtime/store';
import { useUiStore } from '../uiStore';
import './internalToggle.css';

const selectInternalPartitions = (s: LabStoreState): number =>
  (s.snapshot?.topics ?? []).reduce((n, t) => n + (t.isInternal ? t.partitions.length : 0), 0);

export function InternalTopicsToggle() {
  const partitions = useLabStore(selectInternalPartitions);
  const show = useUiStore((s) => s.showInternalTopics);
  const setShow = useUiStore((s) => s.setShowInternalTopics);
  const id = useId();
  if (partitions === 0) return null;
  return (
    <div className="internal-toggle checkbox">
      <input id={id} type="checkbox" checked={show} title="__consumer_offsets: where consumer groups commit their offsets" onChange={(e) => setShow(e.target.checked)} />
      <label htmlFor={id}>
        Show internal topics in the cluster view <span className="muted">(__consumer_offsets: {partitions} partitions)</span>
      </label>
    </div>
  );
}
