export { IdbLogStore, DEFAULT_DB_NAME, type FlushResult, type FlushStats, type IdbLogStoreOptions } from './IdbLogStore';
export { QUOTA_MESSAGE, FENCED_MESSAGE, type StorageHealth, type SavedHealth, type StoreFailure } from './storeStatus';
export { openLabStorage, FORCED_MEMORY_REASON, type LabStorage, type OpenLabStorageOptions } from './openLabStorage';
export { claimOwnership, type OwnershipHandle, type OwnershipState, type OwnershipDeps } from './TabOwnership';
