import { describe, expect, it } from 'vitest';
import { VoucherPolicy, type VoucherFacts } from './voucher-policy';

const now = new Date('2027-01-10T00:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

function coupon(facts: Partial<VoucherFacts>): VoucherFacts {
  return {
    kind: 'exchange',
    status: 'accepted',
    price: 4500,
    faceValue: 4500,
    balance: 4500,
    expiresAt: days(100),
    purchasedAt: days(-266),
    ...facts,
  };
}

const policy = new VoucherPolicy();
const refunds = (facts: VoucherFacts) => {
  const answer = policy.refundOptions(facts, now);
  return answer.ok ? answer.value.map((o) => `${o.to} ${o.amount.amount} (${o.percent}%, ${o.rule})`) : `none: ${answer.reason}`;
};

describe('voucher policy: refunds', () => {
  // One row per rule, and the edges on either side of each threshold.
  const table: Array<[string, Partial<VoucherFacts>, string[] | RegExp]> = [
    ['expired exchange coupon: 90% to the wallet or 100% as points', { expiresAt: days(-1) }, ['wallet 4050 (90%, expired_refund)', 'points 4500 (100%, expired_points)']],
    ['marked expired by the sweep: the same', { status: 'expired', expiresAt: days(-40) }, ['wallet 4050 (90%, expired_refund)', 'points 4500 (100%, expired_points)']],
    ['expired, face value exactly ₩50,000: still 90%', { kind: 'cash', price: 50_000, faceValue: 50_000, balance: 50_000, expiresAt: days(-1) }, ['wallet 45000 (90%, expired_refund)', 'points 50000 (100%, expired_points)']],
    ['expired, face value over ₩50,000: 95%', { price: 68_000, faceValue: 68_000, balance: 68_000, expiresAt: days(-1) }, ['wallet 64600 (95%, expired_refund)', 'points 68000 (100%, expired_points)']],
    ['expired cash coupon, partly used: on what is left', { kind: 'cash', price: 30_000, faceValue: 30_000, balance: 10_000, status: 'partially_used', expiresAt: days(-1) }, ['wallet 9000 (90%, expired_refund)', 'points 10000 (100%, expired_points)']],
    ['expired more than 5 years after purchase: nothing', { expiresAt: days(-1), purchasedAt: days(-5 * 366) }, /none: .*5 years/],
    ['expired and used up: nothing', { kind: 'cash', status: 'used', balance: 0, expiresAt: days(-1) }, /none/],
    ['valid exchange coupon: used at the store, not refunded', {}, /none: .*exchange coupon/],
    ['valid cash coupon, 60% used: the rest in full', { kind: 'cash', price: 30_000, faceValue: 30_000, balance: 12_000, status: 'partially_used' }, ['wallet 12000 (100%, cash_remainder)']],
    ['valid cash coupon, just under 60% used: not yet', { kind: 'cash', price: 30_000, faceValue: 30_000, balance: 12_001, status: 'partially_used' }, /none: .*60%/],
    ['valid ₩10,000 cash coupon, 80% used: the rest in full', { kind: 'cash', price: 10_000, faceValue: 10_000, balance: 2000, status: 'partially_used' }, ['wallet 2000 (100%, cash_remainder)']],
    ['valid ₩10,000 cash coupon, 60% used: not yet (80% for ₩10,000 or less)', { kind: 'cash', price: 10_000, faceValue: 10_000, balance: 4000, status: 'partially_used' }, /none: .*80%/],
    ['refused coupon: nothing', { status: 'refused' }, /none/],
    ['refunded coupon: not twice', { status: 'refunded', balance: 0, expiresAt: days(-1) }, /none/],
  ];
  it.each(table)('%s', (_name, facts, expected) => {
    const answer = refunds(coupon(facts));
    if (expected instanceof RegExp) expect(answer).toMatch(expected);
    else expect(answer).toEqual(expected);
  });

  it('takes its percentages and thresholds from configuration', () => {
    const custom = new VoucherPolicy({ expiredRefundPercent: 80, remainderAfterUsedPercent: 50 });
    const expired = custom.refundOptions(coupon({ expiresAt: days(-1) }), now);
    expect(expired.ok && expired.value[0]!.amount.amount).toBe(3600);
    const half = custom.refundOptions(coupon({ kind: 'cash', price: 30_000, faceValue: 30_000, balance: 15_000, status: 'partially_used' }), now);
    expect(half.ok).toBe(true);
  });
});

describe('voucher policy: extension, cancellation and notices', () => {
  it('extends a valid coupon by 3 months, from its current expiry', () => {
    const answer = policy.extension(coupon({ expiresAt: new Date('2027-01-31T00:00:00Z') }), now);
    expect(answer).toEqual({ ok: true, value: new Date('2027-05-01T00:00:00Z') });
  });

  it('does not extend an expired, used or refunded coupon, nor past 5 years from purchase', () => {
    expect(policy.extension(coupon({ expiresAt: days(-1) }), now).ok).toBe(false);
    expect(policy.extension(coupon({ status: 'used', balance: 0 }), now).ok).toBe(false);
    expect(policy.extension(coupon({ status: 'refunded' }), now).ok).toBe(false);
    expect(policy.extension(coupon({ purchasedAt: days(-5 * 365 + 30), expiresAt: days(10) }), now).ok).toBe(false);
  });

  it('lets the buyer cancel only while the coupon is valid and unused', () => {
    expect(policy.buyerMayCancel(null, now)).toBe(true);
    expect(policy.buyerMayCancel(coupon({ status: 'issued' }), now)).toBe(true);
    expect(policy.buyerMayCancel(coupon({ status: 'issued', expiresAt: days(-1) }), now)).toBe(false);
    expect(policy.buyerMayCancel(coupon({ status: 'accepted' }), now)).toBe(false);
    expect(policy.buyerMayCancel(coupon({ kind: 'cash', status: 'partially_used', faceValue: 10_000, balance: 5000 }), now)).toBe(false);
  });

  it('sends the 30-day notice, then the 7-day one, each once', () => {
    expect(policy.noticeDue(coupon({ expiresAt: days(31) }), null, now)).toBeNull();
    expect(policy.noticeDue(coupon({ expiresAt: days(30) }), null, now)).toBe(30);
    expect(policy.noticeDue(coupon({ expiresAt: days(20) }), 30, now)).toBeNull();
    expect(policy.noticeDue(coupon({ expiresAt: days(7) }), 30, now)).toBe(7);
    expect(policy.noticeDue(coupon({ expiresAt: days(3) }), 7, now)).toBeNull();
    // Found late (say, after downtime): only the nearest notice, not both.
    expect(policy.noticeDue(coupon({ expiresAt: days(5) }), null, now)).toBe(7);
    expect(policy.noticeDue(coupon({ expiresAt: days(-1) }), null, now)).toBeNull();
    expect(policy.noticeDue(coupon({ status: 'used', expiresAt: days(5) }), null, now)).toBeNull();
  });
});
