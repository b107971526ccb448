/** "orders-10" after "orders-9": topic name, then partition number. */
export function byTp(a: string, b: string): number {
  const i = a.lastIndexOf('-');
  const j = b.lastIndexOf('-');
  const ta = a.slice(0, i);
  const tb = b.slice(0, j);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return Number(a.slice(i + 1)) - Number(b.slice(j + 1));
}
