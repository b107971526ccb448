export * from './bytes';
export { crc32c, crc32cUpdate } from './crc32c';
export * from './hash';
export { xxhash32 } from './xxhash32';
