import { describe, expect, it } from 'vitest';
import { addDays, anniversary, daysBetween, monthDaysOn, occurrenceOf } from './calendar';

describe('profile event calendar', () => {
  it('finds the next yearly occurrence, and keeps the last one for a week', () => {
    const birthday = { date: '1995-03-10', yearly: true };
    expect(occurrenceOf(birthday, '2026-03-01')).toBe('2026-03-10');
    expect(occurrenceOf(birthday, '2026-03-10')).toBe('2026-03-10');
    expect(occurrenceOf(birthday, '2026-03-17')).toBe('2026-03-10');
    expect(occurrenceOf(birthday, '2026-03-18')).toBe('2027-03-10');
    expect(occurrenceOf({ date: '1995-12-30', yearly: true }, '2027-01-05')).toBe('2026-12-30');
  });

  it('never puts a yearly event before its own first day, and a one-off keeps its day', () => {
    expect(occurrenceOf({ date: '2027-06-01', yearly: true }, '2026-12-05')).toBe('2027-06-01');
    expect(occurrenceOf({ date: '2020-06-01', yearly: false }, '2026-12-05')).toBe('2020-06-01');
  });

  it('moves 29 February to the 28th in common years', () => {
    expect(anniversary('2000-02-29', 2027)).toBe('2027-02-28');
    expect(anniversary('2000-02-29', 2028)).toBe('2028-02-29');
    expect(occurrenceOf({ date: '2000-02-29', yearly: true }, '2027-02-01')).toBe('2027-02-28');
    expect(monthDaysOn('2027-02-28')).toEqual(['02-28', '02-29']);
    expect(monthDaysOn('2028-02-28')).toEqual(['02-28']);
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2026-12-29', '2027-01-02')).toBe(4);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-03-10', '2026-03-07')).toBe(-3);
  });
});
