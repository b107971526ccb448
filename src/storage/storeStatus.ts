/** How saving is going, in words a learner can act on. */
export type StoreFailure =
  | { kind: 'quota-exceeded'; message: string }
  | { kind: 'error'; message: string }
  /** Another tab owns the lab now; this one must never write again. */
  | { kind: 'fenced'; message: string };

export type StoreStatus = 'ok' | StoreFailure;

export const QUOTA_MESSAGE =
  'The browser refused to store more data (quota exceeded). The lab keeps running in memory; ' +
  'everything saved before this point is safe. Free space or reset the lab.';

export const FENCED_MESSAGE = 'Another tab took over this lab, so this tab stopped saving. Reload to continue here.';

/**
 * Browsers report a full quota in several ways: a QuotaExceededError on the request, or only
 * as the transaction's error when it aborts at commit. Check both.
 */
export function describeFailure(error: unknown, transactionError: unknown): StoreFailure {
  if (isQuotaError(error) || isQuotaError(transactionError)) return { kind: 'quota-exceeded', message: QUOTA_MESSAGE };
  const cause = errorText(transactionError) ?? errorText(error) ?? 'unknown error';
  return {
    kind: 'error',
    message: `Saving to the browser failed (${cause}). The lab keeps running in memory; everything saved before this point is safe.`,
  };
}

export function sameStatus(a: StoreStatus, b: StoreStatus): boolean {
  if (a === 'ok' || b === 'ok') return a === b;
  return a.kind === b.kind && a.message === b.message;
}

export function injectedFailure(kind: 'quota' | 'error'): DOMException {
  return kind === 'quota'
    ? new DOMException('Injected: quota exceeded', 'QuotaExceededError')
    : new DOMException('Injected: write failed', 'UnknownError');
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
