import { describe, expect, it } from 'vitest';
import { subscriptionStatuses } from '@maum/protocol';
import { firstPeriodEnd, statusActions, statusTone } from './format';

const day = (d: Date) => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m, d, h, min));

describe('the first month shown before paying', () => {
  it('ends on the same day next month, at the same time of day', () => {
    const end = firstPeriodEnd(utc(2026, 2, 12, 15, 30));
    expect(end.toISOString()).toBe('2026-04-12T15:30:00.000Z');
  });

  it('ends on the month’s last day when it has no such day, and crosses the year', () => {
    expect(day(firstPeriodEnd(utc(2026, 0, 31)))).toEqual([2026, 2, 28]);
    expect(day(firstPeriodEnd(utc(2028, 0, 30)))).toEqual([2028, 2, 29]);
    expect(day(firstPeriodEnd(utc(2026, 11, 31)))).toEqual([2027, 1, 31]);
    expect(day(firstPeriodEnd(utc(2026, 7, 31)))).toEqual([2026, 9, 30]);
  });
});

describe('what a subscriber may do about a subscription', () => {
  it('cancels one that renews or is in grace, and pays one in grace', () => {
    expect(statusActions({ status: 'active', refundable: false })).toEqual({ cancel: true, refund: false, renew: null });
    expect(statusActions({ status: 'grace', refundable: false })).toEqual({ cancel: true, refund: false, renew: 'pay' });
  });

  it('keeps a cancelled one to its end, and subscribes again once it is over', () => {
    expect(statusActions({ status: 'cancelled', refundable: false })).toEqual({ cancel: false, refund: false, renew: null });
    for (const status of ['lapsed', 'ended', 'refunded'] as const) {
      expect(statusActions({ status, refundable: false })).toEqual({ cancel: false, refund: false, renew: 'again' });
    }
  });

  it('offers a refund exactly when the server says one may be asked for', () => {
    expect(statusActions({ status: 'active', refundable: true }).refund).toBe(true);
    expect(statusActions({ status: 'cancelled', refundable: true }).refund).toBe(true);
  });

  it('gives every status a tone', () => {
    expect(subscriptionStatuses.map(statusTone)).toEqual(['ok', 'ok', 'warn', 'warn', 'off', 'off']);
  });
});
