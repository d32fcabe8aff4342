import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomEarnings } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorState } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { SkeletonRows } from '../../ui/Spinner';
import { useEarnings } from './api';
import { formatDay, statusTone } from './format';
import './subscriptions.css';

/** One figure of a console: a label and its value, each read from the server as it is. */
export function Figure({ label, value, testId, strong = false }: { label: string; value: ReactNode; testId: string; strong?: boolean }) {
  return (
    <div className={`sub-figure ${strong ? 'is-strong' : ''}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** What a room's subscriptions bring in, every figure the server's: by tier, MRR, churn, renewals, fees (₩0) and who. */
export function EarningsPanel({ roomId }: { roomId: string }) {
  const earnings = useEarnings(roomId);
  if (earnings.isPending) return <SkeletonRows count={4} />;
  if (earnings.isError) return <ErrorState error={earnings.error} onRetry={() => void earnings.refetch()} />;
  return <Earnings data={earnings.data} />;
}

function Earnings({ data }: { data: RoomEarnings }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const money = (m: RoomEarnings['mrr']) => formatMoney(m, lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(data.churn.rate);
  return (
    <div className="sub-panel" data-testid="earnings">
      <dl className="sub-figures">
        <Figure label={t('subscriptions.earnings.mrr')} value={money(data.mrr)} testId="earnings-mrr" strong />
        <Figure label={t('subscriptions.earnings.charged')} value={money(data.charged)} testId="earnings-charged" />
        <Figure label={t('subscriptions.earnings.refunded')} value={money(data.refunded)} testId="earnings-refunded" />
        <Figure
          label={t('subscriptions.earnings.renewalsDue')}
          value={t('subscriptions.earnings.renewalsDueValue', { count: data.renewalsDue.count, amount: money(data.renewalsDue.amount) })}
          testId="earnings-renewals-due"
        />
        <Figure label={t('subscriptions.earnings.failedRenewals')} value={data.failedRenewals} testId="earnings-failed-renewals" />
        <Figure label={t('subscriptions.earnings.churn')} value={t('subscriptions.earnings.churnValue', { count: data.churn.count, rate: percent })} testId="earnings-churn" />
      </dl>
      <p className="sub-fees" data-testid="earnings-fees-paid" data-amount={data.feesPaid.amount}>
        <strong>{t('subscriptions.earnings.feesPaid', { amount: money(data.feesPaid) })}</strong>
        <span>{t('subscriptions.earnings.feesNote')}</span>
      </p>
      <h4 className="sub-subtitle">{t('subscriptions.earnings.byTier')}</h4>
      <ul className="sub-rows">
        {data.tiers.map(({ tier, subscribers }) => (
          <li key={tier.id} className="sub-row" data-testid="earnings-tier" data-tier-name={tier.name} data-count={subscribers}>
            <span className="sub-row-main">{tier.name}</span>
            <span className="sub-row-side">{t('subscriptions.host.subscribers', { count: subscribers })}</span>
          </li>
        ))}
      </ul>
      <h4 className="sub-subtitle">{t('subscriptions.earnings.payments')}</h4>
      {data.payments.length === 0 ? (
        <p className="sub-empty">{t('subscriptions.earnings.noPayments')}</p>
      ) : (
        <ul className="sub-rows">
          {data.payments.map((p, i) => (
            <li key={`${p.at}-${i}`} className="sub-row" data-testid="earnings-payment" data-kind={p.kind} data-amount={p.amount.amount}>
              <span className="sub-row-main">
                <span className="sub-row-title">{t(`subscriptions.earnings.${p.kind}`)}</span>
                <span className="sub-row-detail">{t('subscriptions.earnings.paymentDetail', { name: p.displayName, tier: p.tier, period: p.period, date: formatDay(p.at, lang) })}</span>
              </span>
              <span className="sub-row-side">{p.kind === 'refund' ? `−${money(p.amount)}` : money(p.amount)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4 className="sub-subtitle">{t('subscriptions.earnings.list')}</h4>
      {data.subscribers.length === 0 ? (
        <p className="sub-empty">{t('subscriptions.earnings.none')}</p>
      ) : (
        <ul className="sub-rows">
          {data.subscribers.map((s, i) => (
            <li key={`${s.displayName}-${s.since}-${i}`} className="sub-row" data-testid="earnings-subscriber" data-name={s.displayName} data-status={s.status} data-tier={s.tier}>
              <span className="sub-row-main">
                <span className="sub-row-title">
                  {s.displayName} <span className="badge sub-tier-badge">{s.tier}</span>
                </span>
                <span className="sub-row-detail">
                  {t('subscriptions.earnings.since', { date: formatDay(s.since, lang) })} ·{' '}
                  {s.nextChargeAt
                    ? t('subscriptions.earnings.nextCharge', { date: formatDay(s.nextChargeAt, lang) })
                    : t('subscriptions.earnings.periodEnd', { date: formatDay(s.periodEnd, lang) })}
                </span>
              </span>
              <span className={`badge sub-tone-${statusTone(s.status)}`}>{t(`subscriptions.status.${s.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
