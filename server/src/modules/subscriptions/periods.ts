export { addMonths } from '@maum/protocol';

const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The share of a paid period not yet used at `now`, in whole won, rounded down (never more than was paid). */
export function unusedShare(paid: number, start: Date, end: Date, now: Date): number {
  const total = end.getTime() - start.getTime();
  const left = Math.min(Math.max(end.getTime() - now.getTime(), 0), total);
  return total <= 0 ? 0 : Math.floor((paid * left) / total);
}
