import type { Subscription, SubscriptionStatus } from '@maum/protocol';

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
