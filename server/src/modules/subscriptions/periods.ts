/**
 * Subscription periods are calendar months counted from an anchor: the n-th month after 31 January is the last day
 * of a shorter month (28 or 29 February, 30 April), and the month after that is the 31st again, so periods never
 * drift. Times of day are kept.
 */
export function addMonths(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()));
}

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
