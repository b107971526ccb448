/** Small text formatters shared by the views (pure, locale-independent for stable tests). */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trim1(bytes / 1024)} KB`;
  return `${trim1(bytes / (1024 * 1024))} MB`;
}

function trim1(v: number): string {
  const s = v.toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** 1234567 → "1,234,567" (fixed grouping, not the browser locale). */
export function groupDigits(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Simulated milliseconds as "12.345 s" (the lab's clock starts at 0). */
export function formatSimMs(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/**
 * Fit a segment file name into `widthPx`: the whole name, or its tail with a leading
 * ellipsis ("…00041.log"), or nothing when not even 4 digits and the extension fit.
 */
export function fitFileName(name: string, widthPx: number, charWPx: number): string {
  const maxChars = Math.floor(widthPx / charWPx);
  if (name.length <= maxChars) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot) : '';
  const keep = maxChars - 1;
  if (keep < ext.length + 4) return '';
  return `…${name.slice(name.length - keep)}`;
}

/** A short on-tile label: internal topics get abbreviated ("__consumer_offsets-3" → "__co-3"). */
export function tileLabel(tp: string, topic: string, isInternal: boolean): string {
  if (!isInternal) return tp;
  const abbrev = `__${topic
    .replace(/^_+/, '')
    .split(/[_.-]/)
    .filter(Boolean)
    .map((w) => w[0])
    .join('')}`;
  return abbrev + tp.slice(topic.length);
}
