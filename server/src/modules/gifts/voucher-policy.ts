import type { RefundOption, RefundTarget } from '@maum/protocol';

/**
 * The voucher rules, in one place. Each rule follows the Korean Fair Trade Commission's standard terms for
 * mobile and other new-type vouchers (신유형 상품권 표준약관, 공정거래위원회 표준약관; made in 2015, revised in 2020).
 * The percentages and periods are configuration; the defaults below are the standard terms' own figures.
 */
export interface VoucherTerms {
  /** 표준약관 (유효기간 도래 통지): the issuer tells the holder before expiry; since the 2020 revision, 30 days before, and 7 days before. */
  noticeDaysBefore: number[];
  /** 표준약관 (유효기간 연장): on the holder's request before expiry, the issuer extends the validity by 3 months. */
  extensionMonths: number;
  /** 표준약관 (소멸시효): claims on a voucher last 5 years from purchase (상사채권 소멸시효); no extension or refund past it. */
  prescriptionYears: number;
  /** 표준약관 (유효기간 경과 후 환불): after expiry, within the prescription period, 90% of the price is refunded. */
  expiredRefundPercent: number;
  /** Over `highValueOver` won, the refund after expiry is 95%. */
  expiredRefundPercentHighValue: number;
  highValueOver: number;
  /** Non-cash points instead of money: 100% of the price. */
  expiredPointsPercent: number;
  /** 표준약관 (잔액 환불): a cash voucher's remaining balance is refunded once 60% of its face value is used… */
  remainderAfterUsedPercent: number;
  /** …or 80% when its face value is ₩10,000 or less. */
  remainderAfterUsedPercentSmall: number;
  smallFaceValueAtMost: number;
}

export const defaultVoucherTerms: VoucherTerms = {
  noticeDaysBefore: [30, 7],
  extensionMonths: 3,
  prescriptionYears: 5,
  expiredRefundPercent: 90,
  expiredRefundPercentHighValue: 95,
  highValueOver: 50_000,
  expiredPointsPercent: 100,
  remainderAfterUsedPercent: 60,
  remainderAfterUsedPercentSmall: 80,
  smallFaceValueAtMost: 10_000,
};

/** What the policy needs to know about a coupon. */
export interface VoucherFacts {
  kind: 'exchange' | 'cash';
  status: string;
  /** What the buyer paid for this coupon. */
  price: number;
  faceValue: number;
  balance: number;
  expiresAt: Date;
  /** When it was bought: the prescription period runs from here. */
  purchasedAt: Date;
}

export type PolicyAnswer<T> = { ok: true; value: T } | { ok: false; reason: string };

const DAY = 86_400_000;
/** Coupon states that still hold value the holder has not used. */
export const HOLDING_STATES = ['issued', 'accepted', 'partially_used'] as const;
const HOLDING: ReadonlySet<string> = new Set(HOLDING_STATES);

export function addMonths(date: Date, months: number): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

export class VoucherPolicy {
  readonly terms: VoucherTerms;

  /** `overrides` are the figures an operator configured; the standard terms' defaults fill in the rest. */
  constructor(overrides: Partial<VoucherTerms> = {}) {
    this.terms = { ...defaultVoucherTerms, ...overrides };
  }

  private prescribedAt(facts: VoucherFacts): Date {
    return addMonths(facts.purchasedAt, this.terms.prescriptionYears * 12);
  }

  /** Expired means past its validity, whether or not the sweep has marked it `expired` yet. */
  isExpired(facts: VoucherFacts, now: Date): boolean {
    return facts.status === 'expired' || (HOLDING.has(facts.status) && facts.expiresAt <= now);
  }

  /**
   * 표준약관 (구매자의 청약철회): while a voucher is valid and unused, its buyer may cancel for 100%. In the gift flow the
   * buyer is the sender, until the recipient accepts the gift and the voucher becomes theirs.
   */
  buyerMayCancel(facts: VoucherFacts | null, now: Date): boolean {
    if (!facts) return true; // not yet issued: nothing has been used
    return (facts.status === 'issued') && facts.balance === facts.faceValue && facts.expiresAt > now;
  }

  /** 표준약관 (유효기간 연장): before expiry, by `extensionMonths`, never past the prescription period. */
  extension(facts: VoucherFacts, now: Date): PolicyAnswer<Date> {
    if (!HOLDING.has(facts.status)) return { ok: false, reason: `A ${facts.status.replace('_', ' ')} coupon cannot be extended.` };
    if (facts.expiresAt <= now) return { ok: false, reason: 'An expired coupon cannot be extended; it can be refunded instead.' };
    const next = addMonths(facts.expiresAt, this.terms.extensionMonths);
    if (next > this.prescribedAt(facts)) {
      return { ok: false, reason: `A coupon is valid for at most ${this.terms.prescriptionYears} years from purchase.` };
    }
    return { ok: true, value: next };
  }

  /** Every refund the holder may claim now; empty (with the reason) when there is none. */
  refundOptions(facts: VoucherFacts, now: Date): PolicyAnswer<RefundOption[]> {
    if (this.isExpired(facts, now)) return this.afterExpiry(facts, now);
    if (!HOLDING.has(facts.status)) return { ok: false, reason: `A ${facts.status.replace('_', ' ')} coupon cannot be refunded.` };
    return this.remainder(facts);
  }

  /**
   * 표준약관 (유효기간 경과 후 환불): within the prescription period, the holder gets 90% of the unused value back in
   * money (95% over ₩50,000), or 100% as non-cash points. The unused value is the price for an exchange coupon, and
   * the share of the price still on the balance for a cash coupon.
   */
  private afterExpiry(facts: VoucherFacts, now: Date): PolicyAnswer<RefundOption[]> {
    if (now > this.prescribedAt(facts)) {
      return { ok: false, reason: `Claims on a coupon end ${this.terms.prescriptionYears} years after purchase.` };
    }
    const unused = facts.kind === 'exchange' ? facts.price : Math.floor((facts.price * facts.balance) / facts.faceValue);
    if (unused <= 0) return { ok: false, reason: 'Nothing is left on this coupon.' };
    const percent = facts.faceValue > this.terms.highValueOver ? this.terms.expiredRefundPercentHighValue : this.terms.expiredRefundPercent;
    return {
      ok: true,
      value: [
        option('wallet', Math.floor((unused * percent) / 100), percent, 'expired_refund'),
        option('points', Math.floor((unused * this.terms.expiredPointsPercent) / 100), this.terms.expiredPointsPercent, 'expired_points'),
      ],
    };
  }

  /** 표준약관 (잔액 환불): a valid cash coupon's remaining balance, in full, once enough of it has been used. */
  private remainder(facts: VoucherFacts): PolicyAnswer<RefundOption[]> {
    if (facts.kind !== 'cash') return { ok: false, reason: 'An unexpired exchange coupon is used at the store, or cancelled by its buyer.' };
    const needed = facts.faceValue <= this.terms.smallFaceValueAtMost ? this.terms.remainderAfterUsedPercentSmall : this.terms.remainderAfterUsedPercent;
    const used = facts.faceValue - facts.balance;
    if (facts.balance <= 0) return { ok: false, reason: 'Nothing is left on this coupon.' };
    if (used * 100 < facts.faceValue * needed) {
      return { ok: false, reason: `The balance can be refunded once ${needed}% of the coupon is used.` };
    }
    return { ok: true, value: [option('wallet', facts.balance, 100, 'cash_remainder')] };
  }

  /**
   * 표준약관 (유효기간 도래 통지): the notice that is due now, as days before expiry (30, then 7), given the last one
   * sent; null when none is due. A coupon found late gets only the nearest notice, not every missed one.
   */
  noticeDue(facts: VoucherFacts, lastNoticeDays: number | null, now: Date): number | null {
    if (!HOLDING.has(facts.status) || facts.expiresAt <= now) return null;
    const daysLeft = (facts.expiresAt.getTime() - now.getTime()) / DAY;
    const due = [...this.terms.noticeDaysBefore].sort((a, b) => a - b).find((d) => daysLeft <= d);
    if (due === undefined || (lastNoticeDays !== null && lastNoticeDays <= due)) return null;
    return due;
  }

  /** The widest notice window, so the scheduler looks only at coupons that could need one. */
  get noticeHorizonDays(): number {
    return Math.max(0, ...this.terms.noticeDaysBefore);
  }
}

function option(to: RefundTarget, amount: number, percent: number, rule: string): RefundOption {
  return { to, amount: { amount, currency: 'KRW' }, percent, rule };
}
