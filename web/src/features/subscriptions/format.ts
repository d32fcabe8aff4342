import type { Subscription, SubscriptionStatus } from '@maum/protocol';

/**
 * When a month bought now would end, for the confirm sheet before paying: the same day next month, or that month's
 * last day when it has no such day (31 January → 28 or 29 February), counted in UTC with the time of day kept, as the
 * server counts periods. Once paid, the server's `periodEnd` is shown instead.
 */
export function firstPeriodEnd(start: Date): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(start);
  end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
  return end;
}

/** A day as the reader's language writes it: "12 Mar 2026". */
export function formatDay(iso: string | Date, lang: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** What a subscriber may do about a subscription now. */
export interface StatusActions {
  cancel: boolean;
  refund: boolean;
  /** `pay`: settle a renewal in grace; `again`: subscribe again after it lapsed, ended or was refunded. */
  renew: 'pay' | 'again' | null;
}

const renewals: Record<SubscriptionStatus, StatusActions['renew']> = {
  active: null,
  cancelled: null,
  grace: 'pay',
  lapsed: 'again',
  ended: 'again',
  refunded: 'again',
};

export function statusActions(subscription: Pick<Subscription, 'status' | 'refundable'>): StatusActions {
  const { status } = subscription;
  return {
    cancel: status === 'active' || status === 'grace',
    refund: subscription.refundable,
    renew: renewals[status],
  };
}

/** The badge colour of a status: good while it renews or lasts, a warning when money is due, plain when it is over. */
export function statusTone(status: SubscriptionStatus): 'ok' | 'warn' | 'off' {
  if (status === 'active' || status === 'cancelled') return 'ok';
  if (status === 'grace' || status === 'lapsed') return 'warn';
  return 'off';
}
