export * from './RecordBatch';
export * from './compression';
