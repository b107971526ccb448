/** Errors from the engine in plain words, for inline messages. */

export interface ShownError {
  /** Kafka's error name (e.g. TOPIC_ALREADY_EXISTS) or "ConfigException". */
  title: string;
  message: string;
  /** For ConfigException: the config key the message is about. */
  key: string | null;
}

export function describeError(e: unknown): ShownError {
  if (e && typeof e === 'object') {
    const err = e as { errorName?: unknown; key?: unknown; message?: unknown; name?: unknown };
    const message = typeof err.message === 'string' ? err.message : String(e);
    if (typeof err.errorName === 'string') {
      // KafkaError messages start with "NAME: "; show the name once.
      const prefix = `${err.errorName}: `;
      return { title: err.errorName, message: message.startsWith(prefix) ? message.slice(prefix.length) : message, key: null };
    }
    if (typeof err.key === 'string') return { title: 'ConfigException', message, key: err.key };
    return { title: typeof err.name === 'string' ? err.name : 'Error', message, key: null };
  }
  return { title: 'Error', message: String(e), key: null };
}

export function errorLine(e: unknown): string {
  const shown = describeError(e);
  return shown.title === 'Error' ? shown.message : `${shown.title}: ${shown.message}`;
}
