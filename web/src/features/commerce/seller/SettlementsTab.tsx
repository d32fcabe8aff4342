import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { ErrorMessage, ErrorState } from '../../../ui/ErrorMessage';
import { formatMoney } from '../../../ui/money';
import { SortableTable, type Column } from '../../../ui/SortableTable';
import { Spinner } from '../../../ui/Spinner';
import { PayableBelowZero, payoutTitle, payoutToast, StatementRow, StatementTotal } from '../../../ui/Statement';
import { useToast } from '../../../ui/Toast';
import { useWide } from '../../../ui/useWide';
import { dateTime } from '../parts';
import { useLedger, useSettle } from './api';
import '../commerce.css';

/** What the shop sold and was paid, read from the ledger, with the fee it recorded (always nothing). */
export function SettlementsTab() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const ledger = useLedger();
  const settle = useSettle();
  const wide = useWide();
  if (ledger.isPending) return <Spinner size={28} label={t('common.loading')} />;
  if (ledger.isError) return <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />;
  const l = ledger.data;
  type Run = (typeof l.settlements)[number];
  const columns: Column<Run>[] = [
    { key: 'when', label: t('common.table.when'), cell: (s) => dateTime(s.createdAt, lang), sortBy: (s) => s.createdAt },
    { key: 'payout', label: t('common.table.payout'), cell: (s) => payoutTitle(s, t), sortBy: (s) => payoutTitle(s, t) },
    { key: 'provider', label: t('common.table.provider'), cell: (s) => `${s.provider} · ${t('commerce.seller.runFee', { amount: formatMoney(s.fee, lang) })}` },
    { key: 'amount', label: t('common.table.amount'), cell: (s) => formatMoney(s.amount, lang), sortBy: (s) => s.amount.amount, numeric: true },
  ];
  return (
    <div className="store-statement" data-testid="settlements">
      <section className="store-card">
        <h2 className="store-card-title">{t('commerce.seller.tabs.settlements')}</h2>
        <dl className="statement-totals">
          <StatementTotal label={t('commerce.seller.sales')} money={l.sales} testId="ledger-sales" />
          <StatementTotal label={t('commerce.seller.refunds')} money={l.refunds} testId="ledger-refunds" />
          <StatementTotal label={t('commerce.seller.netSales')} money={l.netSales} testId="ledger-net" strong />
          <StatementTotal label={t('commerce.seller.payable')} money={l.payable} testId="ledger-payable" />
          <StatementTotal label={t('commerce.seller.paidOut')} money={l.paidOut} testId="ledger-paid-out" />
        </dl>
        <PayableBelowZero payable={l.payable} explain={(amount) => t('commerce.seller.payableBelowZero', { amount })} testId="ledger-payable-below-zero" />
        <p className="fees-line" data-testid="ledger-fees">
          {t('commerce.seller.feesPaid', { amount: formatMoney(l.feesPaid, lang) })}
        </p>
        <ErrorMessage error={settle.error} />
        <button
          type="button"
          className="btn btn-primary btn-large"
          disabled={settle.isPending || l.payable.amount <= 0}
          aria-busy={settle.isPending}
          onClick={() =>
            settle.mutate(undefined, {
              onSuccess: ({ settlement }) =>
                toast(settlement ? payoutToast(settlement, t('commerce.seller.settled', { amount: formatMoney(settlement.amount, lang) }), t) : t('commerce.seller.nothingToSettle')),
            })
          }
          data-testid="settle-now"
        >
          {t('commerce.seller.settleNow')}
        </button>
      </section>
      <section className="store-card">
        <h2 className="store-card-title">{t('commerce.seller.runs')}</h2>
        {l.settlements.length === 0 ? (
          <p className="muted">{t('commerce.seller.noRuns')}</p>
        ) : wide ? (
          <SortableTable
            rows={l.settlements}
            columns={columns}
            rowKey={(s) => s.id}
            initial={{ key: 'when', dir: 'desc' }}
            caption={t('commerce.seller.runs')}
            testId="settlement-table"
            rowProps={() => ({ 'data-testid': 'settlement-row' })}
          />
        ) : (
          <ul className="statement-list" data-testid="settlement-list">
            {l.settlements.map((s) => (
              <StatementRow
                key={s.id}
                when={dateTime(s.createdAt, lang)}
                title={payoutTitle(s, t)}
                detail={`${s.provider} · ${t('commerce.seller.runFee', { amount: formatMoney(s.fee, lang) })}`}
                money={s.amount}
                testId="settlement-row"
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
