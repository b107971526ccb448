export * from './StoragePort';
export { MemoryStorage, applyStorageOp, cloneCluster } from './MemoryStorage';
