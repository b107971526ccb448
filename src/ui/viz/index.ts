export { ClusterView, tilesByBroker, type ClusterViewProps } from './ClusterView';
export { PartitionLogStrip, consumerPositions, type PartitionLogStripProps } from './PartitionLogStrip';
export {
  FrameClockContext,
  createRafFrameClock,
  snapshotFrameClock,
  useFrameClock,
  type FrameListener,
  type SubscribeFrame,
} from './frameClock';
export { replicaAriaLabel, replicaRole, type ReplicaRole } from './ReplicaTile';
export * from './geometry/bezier';
export * from './geometry/clusterLayout';
export * from './geometry/format';
export * from './geometry/labelLanes';
export * from './geometry/logStripLayout';
export * from './geometry/messageMotion';
export * from './geometry/messageStyle';
export * from './geometry/rect';
export * from './geometry/tileGrid';
