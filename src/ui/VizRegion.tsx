import { useLabStore } from '../runtime/store';
import { selectSelectedTp } from './selectors';
import { ClusterView, PartitionLogStrip } from './viz';

/** The cluster view (center) and the selected partition's log strip under it. */
export function ClusterRegion() {
  return <ClusterView />;
}

export function LogStripRegion() {
  const selected = useLabStore(selectSelectedTp);
  return <PartitionLogStrip tp={selected} />;
}
