import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WalletEntry } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconWallet } from '../../ui/Icons';
import { formatMoney, formatSignedMoney } from '../../ui/money';
import { PageHeader } from '../../ui/PageHeader';
import { SkeletonRows, Spinner } from '../../ui/Spinner';
import { relativeTime } from '../../ui/time';
import { useToast } from '../../ui/Toast';
import { useTopUp, useWallet, useWalletHistory } from './api';
import './wallet.css';

const amounts = [10_000, 30_000, 50_000, 100_000] as const;

const entryKinds = ['top_up', 'gift_purchase', 'gift_refused', 'gift_cancelled', 'gift_exchange', 'coupon_refund', 'order_payment', 'order_refund'] as const;
type EntryKind = (typeof entryKinds)[number];

/** What a movement was, for its label; refunds carry the voucher rule they were made under (`coupon_refund_<rule>`). */
function entryKind(kind: string): EntryKind | 'other' {
  if (kind.startsWith('coupon_refund_')) return 'coupon_refund';
  return entryKinds.find((k) => k === kind) ?? 'other';
}

/** The wallet: what is in it, a sandbox top-up, and every movement in and out. */
export function WalletPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const wallet = useWallet();

  return (
    <div className="page">
      <PageHeader title={t('wallet.title')} back="/more" />
      <div className="page-body">
        {wallet.isError ? (
          <ErrorState error={wallet.error} onRetry={() => void wallet.refetch()} />
        ) : (
          // The card keeps its size while the balance loads, so the amounts below do not move under a finger.
          <section className="wallet-card" data-testid="wallet-card" aria-busy={wallet.isPending}>
            <span className="wallet-card-label">{t('wallet.balance')}</span>
            {wallet.isPending ? (
              <>
                <span className="wallet-balance wallet-balance-loading">
                  <Spinner size={24} label={t('common.loading')} />
                </span>
                <span className="wallet-points">&nbsp;</span>
              </>
            ) : (
              <>
                <strong className="wallet-balance" data-testid="wallet-balance">
                  {formatMoney(wallet.data.balance, lang)}
                </strong>
                <span className="wallet-points" data-testid="wallet-points">
                  {t('wallet.points', { points: formatMoney(wallet.data.points, lang) })}
                </span>
              </>
            )}
            <span className="wallet-points-hint">{t('wallet.pointsHint')}</span>
          </section>
        )}
        <TopUp />
        <History />
      </div>
    </div>
  );
}

function TopUp() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const topUp = useTopUp();
  const [amount, setAmount] = useState<number>(amounts[0]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (topUp.isPending) return;
    topUp.pay(amount, { onSuccess: () => toast(t('wallet.toppedUp', { amount: formatMoney(amount, lang) })) });
  };

  return (
    <form className="page-section top-up" onSubmit={submit}>
      <h2 className="section-title">
        {t('wallet.topUp')} <span className="badge badge-dark">{t('wallet.sandbox')}</span>
      </h2>
      <p className="field-hint">{t('wallet.sandboxHint')}</p>
      <div className="chip-row" role="radiogroup" aria-label={t('wallet.topUpAmount')}>
        {amounts.map((value) => (
          <label key={value} className={`chip ${amount === value ? 'is-on' : ''}`} data-testid="top-up-amount" data-amount={value}>
            <input type="radio" className="sr-only" name="top-up" checked={amount === value} onChange={() => setAmount(value)} />
            {formatMoney(value, lang)}
          </label>
        ))}
      </div>
      <ErrorMessage error={topUp.error} />
      <button type="submit" className="btn btn-primary btn-block" disabled={topUp.isPending} aria-busy={topUp.isPending} data-testid="top-up-submit">
        {t('wallet.topUpSubmit', { amount: formatMoney(amount, lang) })}
      </button>
    </form>
  );
}

function History() {
  const { t } = useTranslation();
  const history = useWalletHistory();
  return (
    <section className="page-section wallet-history">
      <h2 className="section-title">{t('wallet.history')}</h2>
      {history.isPending ? (
        <SkeletonRows count={3} />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState icon={<IconWallet size={32} />} title={t('wallet.noHistory')} />
      ) : (
        <ul className="list" data-testid="wallet-history">
          {history.data.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EntryRow({ entry }: { entry: WalletEntry }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className="row wallet-entry" data-testid="wallet-entry" data-kind={entry.kind}>
      <span className="row-text">
        <span className="row-title">{t(`wallet.kinds.${entryKind(entry.kind)}`)}</span>
        <span className="row-subtitle">{relativeTime(entry.createdAt, lang)}</span>
      </span>
      <span className={`wallet-amount ${entry.amount > 0 ? 'is-in' : ''}`}>{formatSignedMoney(entry.amount, lang)}</span>
    </li>
  );
}
