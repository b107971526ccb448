/**
 * How saving is going, in words a learner can act on: the one type the store, the runtime's port and
 * the UI's status share (no converters between layers).
 */
export type StorageHealth =
  | { mode: 'indexeddb'; state: 'ok' }
  | { mode: 'indexeddb'; state: StorageProblem; message: string }
  /** No IndexedDB (or the URL turned it off): a reload starts a new lab. */
  | { mode: 'memory'; reason: string };

/**
 * 'behind': more is unsaved than a reload could rescue (a warning, saving goes on);
 * 'fenced': another tab owns the lab now, this one must never write again.
 */
export type StorageProblem = 'behind' | 'quota-exceeded' | 'error' | 'fenced';

/** The health of a lab saved in IndexedDB. */
export type SavedHealth = Extract<StorageHealth, { mode: 'indexeddb' }>;
/** Why a flush failed. */
export type StoreFailure = { mode: 'indexeddb'; state: 'quota-exceeded' | 'error' | 'fenced'; message: string };

export const SAVED_OK: SavedHealth = { mode: 'indexeddb', state: 'ok' };

export const QUOTA_MESSAGE =
  'The browser refused to store more data (quota exceeded). The lab keeps running in memory; ' +
  'everything saved before this point is safe. Free space or reset the lab.';

export const FENCED_MESSAGE = 'Another tab took over this lab, so this tab stopped saving. Reload to continue here.';

/**
 * Browsers report a full quota in several ways: a QuotaExceededError on the request, or only
 * as the transaction's error when it aborts at commit. Check both.
 */
export function describeFailure(error: unknown, transactionError: unknown): StoreFailure {
  if (isQuotaError(error) || isQuotaError(transactionError)) return { mode: 'indexeddb', state: 'quota-exceeded', message: QUOTA_MESSAGE };
  const cause = errorText(transactionError) ?? errorText(error) ?? 'unknown error';
  return {
    mode: 'indexeddb',
    state: 'error',
    message: `Saving to the browser failed (${cause}). The lab keeps running in memory; everything saved before this point is safe.`,
  };
}

export function sameHealth(a: StorageHealth, b: StorageHealth): boolean {
  if (a.mode === 'memory' || b.mode === 'memory') return a.mode === b.mode && 'reason' in a && 'reason' in b && a.reason === b.reason;
  return a.state === b.state && ('message' in a ? a.message : '') === ('message' in b ? b.message : '');
}

export function fencedHealth(message = FENCED_MESSAGE): StoreFailure {
  return { mode: 'indexeddb', state: 'fenced', message };
}


function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !isDomExceptionLike(error)) return false;
  const { name, message } = error as { name: string; message: string };
  return name === 'QuotaExceededError' || /quota/i.test(message);
}

function errorText(error: unknown): string | null {
  if (!error || (!(error instanceof Error) && !isDomExceptionLike(error))) return null;
  const { name, message } = error as { name: string; message: string };
  return message ? `${name}: ${message}` : name;
}

function isDomExceptionLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value;
}
