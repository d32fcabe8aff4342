import { describe, expect, it } from 'vitest';
import { addMonths, unusedShare } from './periods';

describe('subscription periods', () => {
  it('counts calendar months from the anchor, ending a month early on its last day and never drifting', () => {
    const anchor = new Date('2027-01-31T09:30:00.000Z');
    expect(addMonths(anchor, 1).toISOString()).toBe('2027-02-28T09:30:00.000Z');
    expect(addMonths(anchor, 2).toISOString()).toBe('2027-03-31T09:30:00.000Z');
    expect(addMonths(anchor, 3).toISOString()).toBe('2027-04-30T09:30:00.000Z');
    expect(addMonths(new Date('2028-01-31T00:00:00.000Z'), 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addMonths(anchor, 12).toISOString()).toBe('2028-01-31T09:30:00.000Z');
    expect(addMonths(new Date('2027-12-15T00:00:00.000Z'), 1).toISOString()).toBe('2028-01-15T00:00:00.000Z');
  });

  it('refunds the unused share of a period rounded down, between nothing and all of it', () => {
    const start = new Date('2027-03-01T00:00:00.000Z');
    const end = new Date('2027-03-31T00:00:00.000Z');
    expect(unusedShare(3000, start, end, start)).toBe(3000);
    expect(unusedShare(3000, start, end, new Date('2027-03-11T00:00:00.000Z'))).toBe(2000);
    expect(unusedShare(1000, start, end, new Date('2027-03-21T00:00:00.000Z'))).toBe(333);
    expect(unusedShare(3000, start, end, end)).toBe(0);
    expect(unusedShare(3000, start, end, new Date('2027-04-05T00:00:00.000Z'))).toBe(0);
    expect(unusedShare(3000, start, end, new Date('2027-02-01T00:00:00.000Z'))).toBe(3000);
  });
});
