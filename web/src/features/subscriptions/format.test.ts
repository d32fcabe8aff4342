import { describe, expect, it } from 'vitest';
import { subscriptionStatuses } from '@maum/protocol';
import { statusActions, statusTone } from './format';


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
