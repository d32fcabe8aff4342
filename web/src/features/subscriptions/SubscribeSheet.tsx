import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths, type Money, type Subscription } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { PayFooter } from '../wallet';
import { useSubscribe } from './api';
import { formatDay } from './format';
import './subscriptions.css';

export interface SubscribeSheetProps {
  roomId: string;
  roomName: string;
  tier: { id: string; name: string };
  /** What Pay charges: the tier's price, or what a subscription in grace owes. */
  amount: Money;
  /** The end of the period being paid, when the server has named it (a renewal in grace); else a month from today. */
  periodEnd?: string;
  /** Fields of the caller's own (the profile to join as, an entry code), above the payment. */
  children?: ReactNode;
  /** Why Pay cannot go yet (a field to fill), or null. */
  problem?: string | null;
  /** What follows a payment, such as joining the room and opening it; its failure is shown, and it can be tried again. */
  afterPay?: () => Promise<void>;
  /** Told of the subscription as soon as it is paid. */
  onPaid?: (subscription: Subscription) => void;
  onClose: () => void;
}

/**
 * The last look before paying a month: the tier, its price, when the month ends and that the wallet pays it, then
 * Pay. One press of Pay is one intent (see `usePayingMutation`); what comes after (joining) can be retried alone.
 */
export function SubscribeSheet({ roomId, roomName, tier, amount, periodEnd, children, problem, afterPay, onPaid, onClose }: SubscribeSheetProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const subscribe = useSubscribe(roomId);
  const [paid, setPaid] = useState<Subscription | null>(null);
  const [next, setNext] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const [showProblem, setShowProblem] = useState(false);
  const [now] = useState(() => new Date());
  const ends = periodEnd ?? addMonths(now, 1).toISOString();

  const proceed = () => {
    if (!afterPay) return onClose();
    setNext({ pending: true, error: null });
    afterPay().then(
      () => setNext({ pending: false, error: null }),
      (error: unknown) => setNext({ pending: false, error }),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (subscribe.isPending) return;
    if (problem) return setShowProblem(true);
    subscribe.pay(tier.id, {
      onSuccess: (subscription) => {
        setPaid(subscription);
        onPaid?.(subscription);
        proceed();
      },
    });
  };

  const already = isApiError(subscribe.error) && subscribe.error.code === 'already_subscribed';
  return (
    <Sheet onClose={onClose} title={t('subscriptions.confirm.title', { room: roomName })} testId="subscribe-sheet">
      <form className="sheet-form" onSubmit={submit}>
        <dl className="sub-confirm">
          <div>
            <dt>{t('subscriptions.confirm.tier')}</dt>
            <dd data-testid="subscribe-tier-name">{tier.name}</dd>
          </div>
          <div>
            <dt>{t('subscriptions.confirm.price')}</dt>
            <dd data-testid="subscribe-price">{t('subscriptions.perMonth', { price: formatMoney(amount, lang) })}</dd>
          </div>
          <div>
            <dt>{periodEnd ? t('subscriptions.confirm.paidPeriodEnd') : t('subscriptions.confirm.periodEnd')}</dt>
            <dd data-testid="subscribe-period-end">{formatDay(paid?.periodEnd ?? ends, lang)}</dd>
          </div>
        </dl>
        <p className="sub-confirm-wallet">{t('subscriptions.confirm.wallet')}</p>
        <p className="field-hint">{t('subscriptions.confirm.renews')}</p>
        {paid ? (
          <AfterPay pending={next.pending} error={next.error} onRetry={proceed} />
        ) : (
          <>
            {children}
            <PayFooter
              total={amount.amount}
              pending={subscribe.isPending}
              error={subscribe.error}
              problem={showProblem ? problem : null}
              testIds={{ wallet: 'subscribe-wallet', pay: 'subscribe-confirm' }}
            />
            {already && afterPay ? (
              <button type="button" className="btn btn-secondary btn-block" onClick={proceed} disabled={next.pending} data-testid="subscribe-open-room">
                {t('subscriptions.confirm.alreadyOpen')}
              </button>
            ) : null}
            {already ? <ErrorMessage error={next.error} /> : null}
          </>
        )}
      </form>
    </Sheet>
  );
}

/** Paid: the step after it (joining, opening the room) is under way, or failed and can be tried again on its own. */
function AfterPay({ pending, error, onRetry }: { pending: boolean; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="sub-paid" role="status" data-testid="subscribe-paid">
      <p className="sub-paid-text">{t('subscriptions.confirm.paid')}</p>
      <ErrorMessage error={error} />
      <button type="button" className="btn btn-primary btn-block" onClick={onRetry} disabled={pending} aria-busy={pending} data-testid="subscribe-enter">
        {pending ? t('subscriptions.confirm.entering') : t('subscriptions.confirm.enter')}
      </button>
    </div>
  );
}
