import { useTranslation } from 'react-i18next';
import type { Redemption } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { Spinner } from '../../ui/Spinner';
import { SortableTable, type Column } from '../../ui/SortableTable';
import { StatementRow, StatementTotal } from '../../ui/Statement';
import { formatMoney } from '../../ui/money';
import { clockTime, shortDate } from '../../ui/time';
import { useWide } from '../../ui/useWide';
import { useStatement } from './api';
import './store.css';

/** The brand's seller statement: each redemption, and what it came to, with the fee as the ledger records it. */
export function StatementPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const statement = useStatement();
  const wide = useWide();
  if (statement.isPending) {
    return (
      <div className="room-loading">
        <Spinner size={32} label={t('common.loading')} />
      </div>
    );
  }
  if (statement.isError) return <ErrorState error={statement.error} onRetry={() => void statement.refetch()} />;
  const s = statement.data;
  return (
    <div className="store-statement" data-testid="statement">
      <section className="store-card">
        <h2 className="store-card-title">{t('store.statementTitle', { brand: s.brand.name })}</h2>
        <p className="store-period">{t('store.period', { from: shortDate(s.from, lang), to: shortDate(s.to, lang) })}</p>
        <dl className="statement-totals">
          <StatementTotal label={t('store.gross')} money={s.gross} testId="statement-gross" />
          <StatementTotal label={t('store.feesPaid')} money={s.fee} testId="statement-fee" />
          <StatementTotal label={t('store.net')} money={s.net} testId="statement-net" strong />
          <StatementTotal label={t('store.payable')} money={s.payableBalance} testId="statement-payable" />
        </dl>
      </section>
      <section className="store-card">
        <h2 className="store-card-title">{t('store.redemptions', { count: s.redemptions.length })}</h2>
        {s.redemptions.length === 0 ? (
          <EmptyState title={t('store.noRedemptions')} />
        ) : wide ? (
          <RedemptionTable redemptions={s.redemptions} />
        ) : (
          <ul className="statement-list" data-testid="statement-list">
            {s.redemptions.map((r) => (
              <RedemptionRow key={r.id} redemption={r} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The redemptions as a table on a wide screen, newest first until a column is chosen. */
function RedemptionTable({ redemptions }: { redemptions: Redemption[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const columns: Column<Redemption>[] = [
    { key: 'when', label: t('common.table.when'), cell: (r) => `${shortDate(r.createdAt, lang)} ${clockTime(r.createdAt, lang)}`, sortBy: (r) => r.createdAt },
    { key: 'product', label: t('common.table.product'), cell: (r) => r.coupon.productName, sortBy: (r) => r.coupon.productName.toLowerCase() },
    { key: 'store', label: t('common.table.store'), cell: (r) => r.storeName, sortBy: (r) => r.storeName.toLowerCase() },
    {
      key: 'status',
      label: t('common.table.status'),
      cell: (r) => (r.voidedAt ? <span className="badge badge-plain">{t('store.voidedBadge')}</span> : t('common.table.valid')),
      sortBy: (r) => (r.voidedAt ? 1 : 0),
    },
    { key: 'amount', label: t('common.table.amount'), cell: (r) => formatMoney(r.amount, lang), sortBy: (r) => r.amount.amount, numeric: true },
  ];
  return (
    <SortableTable
      rows={redemptions}
      columns={columns}
      rowKey={(r) => r.id}
      initial={{ key: 'when', dir: 'desc' }}
      caption={t('store.redemptions', { count: redemptions.length })}
      testId="statement-table"
      rowProps={() => ({ 'data-testid': 'statement-row' })}
      rowClass={(r) => (r.voidedAt ? 'is-voided' : undefined)}
    />
  );
}

function RedemptionRow({ redemption: r }: { redemption: Redemption }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <StatementRow
      when={`${shortDate(r.createdAt, lang)} ${clockTime(r.createdAt, lang)}`}
      title={r.coupon.productName}
      detail={r.storeName}
      money={r.amount}
      badge={r.voidedAt ? <span className="badge badge-plain">{t('store.voidedBadge')}</span> : null}
      className={r.voidedAt ? 'is-voided' : undefined}
      testId="statement-row"
    />
  );
}
