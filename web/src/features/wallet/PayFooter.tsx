import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { ErrorMessage, LocalError } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { useWallet } from './api';
import './wallet.css';

export function TopUpLink() {
  const { t } = useTranslation();
  return (
    <Link to="/more/wallet" className="btn-link" data-testid="top-up-link">
      {t('wallet.topUpLink')}
    </Link>
  );
}

interface Props {
  /** What Pay charges, in won. */
  total: number;
  pending: boolean;
  /** What the server said when paying failed. */
  error: unknown;
  /** A problem found before asking the server, such as a field to fix. */
  problem?: string | null;
  /** Points sit beside the balance for gift coupons; orders never spend them, so other payments leave them out. */
  showPoints?: boolean;
  testIds: { wallet: string; pay: string };
  /**
   * The payment can top a short wallet up by the shortfall in the same request (see `useShortfall`): the button then
   * says "Top up ₩X and pay", with the sandbox named, instead of sending the person to the wallet first.
   */
  topUpInline?: boolean;
}

/** How much the wallet lacks for `total` (0 when it is enough, or not yet known). */
export function useShortfall(total: number): number {
  const wallet = useWallet();
  return wallet.data ? Math.max(0, total - wallet.data.balance.amount) : 0;
}

/**
 * The foot of every wallet payment (a gift, a delivery gift, a checkout): the balance, whether it is short and where
 * to top up, what went wrong, and the Pay button, which submits the form it sits in.
 */
export function PayFooter({ total, pending, error, problem, showPoints = false, testIds, topUpInline = false }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const wallet = useWallet();
  // Payments come out of the wallet's balance, so the button warns before the server would refuse.
  const short = wallet.data ? wallet.data.balance.amount < total : false;
  const shortfall = useShortfall(total);
  const inline = topUpInline && shortfall > 0;
  const points = showPoints ? wallet.data?.points.amount : undefined;
  return (
    <div className="send-footer">
      {wallet.data ? (
        <div className={`wallet-line ${short ? 'is-short' : ''}`} data-testid={testIds.wallet}>
          <span>
            {t('gifts.send.balance', { balance: formatMoney(wallet.data.balance, lang) })}
            {points ? ` · ${t('gifts.send.points', { points: formatMoney(points, lang) })}` : ''}
          </span>
          {short && !inline ? (
            <span className="wallet-line-short">
              {t('gifts.send.short')} <TopUpLink />
            </span>
          ) : null}
          {inline ? <span className="wallet-line-short">{t('gifts.send.short')}</span> : null}
        </div>
      ) : null}
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={error} />
      {isApiError(error) && error.code === 'insufficient_funds' && !short ? <TopUpLink /> : null}
      {inline ? (
        <p className="top-up-inline-note" data-testid="top-up-inline-note">
          <span className="badge badge-yellow">{t('wallet.sandbox')}</span> {t('wallet.topUpAndPayHint')}
        </p>
      ) : null}
      <button
        type="submit"
        className="btn btn-primary btn-block btn-large"
        disabled={pending}
        aria-busy={pending}
        data-testid={testIds.pay}
        data-top-up={inline ? shortfall : undefined}
      >
        {pending
          ? t('gifts.send.paying')
          : inline
            ? t('wallet.topUpAndPay', { amount: formatMoney(shortfall, lang) })
            : t('gifts.send.pay', { price: formatMoney(total, lang) })}
      </button>
    </div>
  );
}
