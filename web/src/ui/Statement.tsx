import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Money, PayoutStatus } from '@maum/protocol';
import { currentLanguage } from '../i18n';
import { formatMoney } from './money';

/** One figure in a statement's totals (`<dl className="statement-totals">`): a label and an amount of money. */
export function StatementTotal({ label, money, testId, strong }: { label: string; money: Money; testId: string; strong?: boolean }) {
  const lang = currentLanguage();
  return (
    <div className={`statement-total ${strong ? 'is-strong' : ''}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{formatMoney(money, lang)}</dd>
    </div>
  );
}

/**
 * Why a payable stands below ₩0 (refunds after the last payout came to more than what was earned since), with how much
 * later earnings make up before anything is paid out again; nothing while it is ₩0 or more.
 */
export function PayableBelowZero({ payable, explain, testId }: { payable: Money; explain: (shortfall: string) => string; testId: string }) {
  const lang = currentLanguage();
  if (payable.amount >= 0) return null;
  return (
    <p className="field-hint" role="note" data-testid={testId} data-amount={-payable.amount}>
      {explain(formatMoney({ ...payable, amount: -payable.amount }, lang))}
    </p>
  );
}

interface RowProps {
  when: ReactNode;
  title: ReactNode;
  detail: ReactNode;
  money: Money;
  /** Shown after the amount, such as a "voided" badge. */
  badge?: ReactNode;
  className?: string | undefined;
  testId: string;
}

/** One line of a statement (`<ul className="statement-list">`): when, what and where, and how much. */
export function StatementRow({ when, title, detail, money, badge, className, testId }: RowProps) {
  const lang = currentLanguage();
  return (
    <li className={className ? `statement-row ${className}` : 'statement-row'} data-testid={testId}>
      <span className="statement-when">{when}</span>
      <span className="statement-what">
        <span className="statement-product">{title}</span>
        <span className="statement-store">{detail}</span>
      </span>
      <span className="statement-amount">
        {formatMoney(money, lang)}
        {badge}
      </span>
    </li>
  );
}

/** What a payout's line is called: the provider's reference once it has taken the payout, else where it stands. */
export function payoutTitle(payout: { status: PayoutStatus; payoutReference: string | null }, t: TFunction): string {
  return payout.payoutReference ?? t(`common.payoutStatus.${payout.status}`);
}

/**
 * What to say once a payout was asked for: `paid` (the caller's own words for money paid out) unless the payment
 * provider has not confirmed it yet, or refused it.
 */
export function payoutToast(payout: { status: PayoutStatus; amount: Money }, paid: string, t: TFunction): string {
  if (payout.status === 'paid') return paid;
  return t(`common.payoutToast.${payout.status}`, { amount: formatMoney(payout.amount, currentLanguage()) });
}
