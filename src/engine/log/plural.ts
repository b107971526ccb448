/** "1 segment", "3 segments": event text reads as plain English. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : noun.endsWith('ch') ? 'es' : 's'}`;
}
