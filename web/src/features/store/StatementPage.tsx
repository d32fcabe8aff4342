import { useTranslation } from 'react-i18next';
import type { Redemption } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { Spinner } from '../../ui/Spinner';
import { StatementRow, StatementTotal } from '../../ui/Statement';
import { clockTime, shortDate } from '../../ui/time';
import { useStatement } from './api';
import './store.css';

/** The brand's seller statement: each redemption, and what it came to, with the fee as the ledger records it. */
export function StatementPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const statement = useStatement();
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
