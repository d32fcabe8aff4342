import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { SkeletonRows } from '../../ui/Spinner';
import { PayableBelowZero, payoutTitle, payoutToast, StatementRow } from '../../ui/Statement';
import { useToast } from '../../ui/Toast';
import { usePayOut, usePayouts } from './api';
import { Figure } from './EarningsPanel';
import { formatDay } from './format';
import './subscriptions.css';

/** What the host's rooms earned in all, what is payable and paid out, with the fees (₩0), and Pay out now. */
export function PayoutsPanel() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const payouts = usePayouts();
  const payOut = usePayOut();
  if (payouts.isPending) return <SkeletonRows count={4} />;
  if (payouts.isError) return <ErrorState error={payouts.error} onRetry={() => void payouts.refetch()} />;
  const p = payouts.data;
  return (
    <div className="sub-panel" data-testid="payouts">
      <p className="field-hint">{t('subscriptions.payouts.hint')}</p>
      <dl className="sub-figures">
        <Figure label={t('subscriptions.payouts.payable')} value={formatMoney(p.payable, lang)} testId="payouts-payable" strong />
        <Figure label={t('subscriptions.payouts.earned')} value={formatMoney(p.earned, lang)} testId="payouts-earned" />
        <Figure label={t('subscriptions.payouts.paidOut')} value={formatMoney(p.paidOut, lang)} testId="payouts-paid-out" />
      </dl>
      <PayableBelowZero payable={p.payable} explain={(amount) => t('subscriptions.payouts.payableBelowZero', { amount })} testId="payouts-payable-below-zero" />
      <p className="sub-fees" data-testid="payouts-fees-paid" data-amount={p.feesPaid.amount}>
        <strong>{t('subscriptions.payouts.feesPaid', { amount: formatMoney(p.feesPaid, lang) })}</strong>
      </p>
      <ErrorMessage error={payOut.error} />
      <button
        type="button"
        className="btn btn-primary btn-block"
        disabled={payOut.isPending || p.payable.amount <= 0}
        aria-busy={payOut.isPending}
        onClick={() =>
          payOut.mutate(undefined, {
            onSuccess: (payout) =>
              toast(payout ? payoutToast(payout, t('subscriptions.payouts.paidToast', { amount: formatMoney(payout.amount, lang) }), t) : t('subscriptions.payouts.nothing')),
          })
        }
        data-testid="payout-now"
      >
        {t('subscriptions.payouts.payNow')}
      </button>
      <h4 className="sub-subtitle">{t('subscriptions.payouts.list')}</h4>
      {p.payouts.length === 0 ? (
        <p className="sub-empty">{t('subscriptions.payouts.none')}</p>
      ) : (
        <ul className="statement-list" data-testid="payout-list">
          {p.payouts.map((payout) => (
            <StatementRow
              key={payout.id}
              when={formatDay(payout.createdAt, lang)}
              title={payoutTitle(payout, t)}
              detail={`${payout.provider} · ${t('subscriptions.payouts.fee', { amount: formatMoney(payout.fee, lang) })}`}
              money={payout.amount}
              testId="payout-row"
            />
          ))}
        </ul>
      )}
    </div>
  );
}
