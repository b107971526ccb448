/**
 * Kafka's org.apache.kafka.common.config.ConfigException: the message names the key and
 * says what is wrong, in Kafka's own wording where Kafka has one.
 */
export class ConfigException extends Error {
  readonly key: string;

  constructor(key: string, message: string) {
    super(message);
    this.name = 'ConfigException';
    this.key = key;
  }

  /** Kafka's `new ConfigException(name, value, message)` wording. */
  static invalidValue(key: string, value: unknown, reason?: string): ConfigException {
    const shown = Array.isArray(value) ? value.join(',') : String(value);
    const suffix = reason === undefined || reason.length === 0 ? '' : `: ${reason}`;
    return new ConfigException(key, `Invalid value ${shown} for configuration ${key}${suffix}`);
  }
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so that
 * "lingr.ms" and "linegr.ms" both land on "linger.ms".
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The closest candidate, or null when nothing is close enough to be a plausible typo.
 * Ties go to the alphabetically first name so the suggestion never depends on table order.
 */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== null && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : null;
}
