/** "40–51", or "40" for a single offset: how the event log names a run of offsets. */
export function formatOffsetRange(first: number, last: number): string {
  return first === last ? `${first}` : `${first}–${last}`;
}

/** Human-readable byte count: "812 B", "1.2 KB", "16.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
