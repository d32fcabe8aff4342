/**
 * Days as Maum counts them for profile events: calendar days in UTC, written `YYYY-MM-DD`. A yearly event falls on its
 * month and day each year; one on 29 February falls on the 28th in other years.
 */

const DAY_MS = 86_400_000;
/** How long after its day an occurrence still gathers celebrations, wishes and gifts. */
export const WALL_DAYS_AFTER = 7;

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function parse(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(parse(day) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to) - parse(from)) / DAY_MS);
}

/** The day a yearly event with this `date` falls on in `year`. */
export function anniversary(date: string, year: number): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The occurrence an event's celebrations gather around on `today`: for a yearly event, the first of its days (never
 * before `date` itself) that is at most `WALL_DAYS_AFTER` days past; for a one-off, its day.
 */
export function occurrenceOf(event: { date: string; yearly: boolean }, today: string): string {
  if (!event.yearly) return event.date;
  const earliest = addDays(today, -WALL_DAYS_AFTER);
  const year = Number(earliest.slice(0, 4));
  for (const candidate of [anniversary(event.date, year), anniversary(event.date, year + 1)]) {
    if (candidate >= earliest) return candidate < event.date ? event.date : candidate;
  }
  return anniversary(event.date, year + 2);
}

/** The `month_day` values that fall on `today` (29 February's events fall on the 28th in other years). */
export function monthDaysOn(today: string): string[] {
  const monthDay = today.slice(5);
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-28' && !leap ? ['02-28', '02-29'] : [monthDay];
}
