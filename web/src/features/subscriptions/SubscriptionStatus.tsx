import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Subscription } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { ConfirmDialog } from '../../ui/Sheet';
import { useToast } from '../../ui/Toast';
import { useCancel, useRefund, useRoomSubscriptions } from './api';
import { formatDay, statusActions, statusTone } from './format';
import { SubscribeSheet } from './SubscribeSheet';
import './subscriptions.css';

type Open = 'cancel' | 'refund' | 'renew' | null;

/**
 * Where a subscription stands and what can be done about it, every date and amount as the server gave them: its
 * status, access and until when, the next charge; Cancel, Refund (while it may be asked for), and Pay now or
 * Subscribe again when it is in grace or over.
 */
export function SubscriptionStatus({ subscription: s, showRoom = false }: { subscription: Subscription; showRoom?: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [open, setOpen] = useState<Open>(null);
  const actions = statusActions(s);
  const access = !s.access
    ? t('subscriptions.noAccess')
    : s.status === 'grace' && s.graceUntil
      ? t('subscriptions.graceUntil', { date: formatDay(s.graceUntil, lang) })
      : t('subscriptions.accessUntil', { date: formatDay(s.periodEnd, lang) });

  return (
    <div className="sub-status" data-testid="subscription-status" data-status={s.status} data-subscription-id={s.id} data-room-id={s.roomId}>
      <div className="sub-status-head">
        <span className="sub-status-title">
          {showRoom ? <span className="sub-status-room">{s.roomName}</span> : null}
          <span className="sub-status-tier" data-testid="subscription-tier">
            {s.tier.name}
          </span>
        </span>
        <span className={`badge sub-tone-${statusTone(s.status)}`} data-testid="subscription-status-label">
          {t(`subscriptions.status.${s.status}`)}
        </span>
      </div>
      <p className="sub-status-line" data-testid="subscription-access" data-access={String(s.access)} data-period-end={s.periodEnd}>
        {access}
      </p>
      <p className="sub-status-line" data-testid="subscription-next-charge" data-at={s.nextCharge?.at ?? ''} data-amount={s.nextCharge?.amount.amount ?? ''}>
        {s.nextCharge
          ? t('subscriptions.nextCharge', { amount: formatMoney(s.nextCharge.amount, lang), date: formatDay(s.nextCharge.at, lang) })
          : t('subscriptions.noNextCharge')}
      </p>
      <p className="sub-status-line sub-status-totals" data-testid="subscription-totals">
        {t('subscriptions.totals', { paid: formatMoney(s.paid, lang), refunded: formatMoney(s.refunded, lang) })}
      </p>
      <div className="sub-status-actions">
        {showRoom ? (
          <Link to={`/openlink/rooms/${s.roomId}`} className="btn btn-secondary btn-small" data-testid="subscription-room">
            {t('subscriptions.openRoom')}
          </Link>
        ) : null}
        {actions.renew ? (
          <button type="button" className="btn btn-primary btn-small" onClick={() => setOpen('renew')} data-testid="subscription-renew" data-renew={actions.renew}>
            {actions.renew === 'pay' ? t('subscriptions.payNow') : t('subscriptions.subscribeAgain')}
          </button>
        ) : null}
        {actions.refund ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen('refund')} data-testid="subscription-refund">
            {t('subscriptions.refund')}
          </button>
        ) : null}
        {actions.cancel ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen('cancel')} data-testid="subscription-cancel">
            {t('subscriptions.cancel')}
          </button>
        ) : null}
      </div>
      {open === 'cancel' ? <CancelDialog subscription={s} onClose={() => setOpen(null)} /> : null}
      {open === 'refund' ? <RefundDialog subscription={s} onClose={() => setOpen(null)} /> : null}
      {open === 'renew' ? <RenewSheet subscription={s} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function CancelDialog({ subscription: s, onClose }: { subscription: Subscription; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const cancel = useCancel();
  return (
    <ConfirmDialog
      message={t('subscriptions.cancelConfirm', { room: s.roomName })}
      detail={t('subscriptions.cancelDetail', { date: formatDay(s.periodEnd, lang) })}
      confirmLabel={t('subscriptions.cancelSubscription')}
      danger
      pending={cancel.isPending}
      error={<ErrorMessage error={cancel.error} />}
      onCancel={onClose}
      onConfirm={() =>
        cancel.mutate(s.id, {
          onSuccess: (after) => {
            toast(t('subscriptions.cancelledToast', { date: formatDay(after.periodEnd, lang) }));
            onClose();
          },
        })
      }
    />
  );
}

function RefundDialog({ subscription: s, onClose }: { subscription: Subscription; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const refund = useRefund();
  return (
    <ConfirmDialog
      message={t('subscriptions.refundConfirm', { amount: formatMoney(s.paid, lang) })}
      detail={t('subscriptions.refundDetail')}
      confirmLabel={t('subscriptions.refund')}
      danger
      pending={refund.isPending}
      error={<ErrorMessage error={refund.error} />}
      onCancel={onClose}
      onConfirm={() =>
        refund.pay(s.id, {
          onSuccess: (after) => {
            toast(t('subscriptions.refundedToast', { amount: formatMoney(after.refunded, lang) }));
            onClose();
          },
        })
      }
    />
  );
}

/**
 * Paying a renewal in grace, or subscribing again to the same tier, through the same endpoint as the first time. In
 * grace the amount and the period are the server's; otherwise the tier's price today and a month from now.
 */
export function RenewSheet({ subscription: s, onClose }: { subscription: Subscription; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const room = useRoomSubscriptions(s.roomId);
  const tier = room.data?.tiers.find((x) => x.id === s.tier.id);
  const grace = s.status === 'grace' && s.nextCharge !== null;
  const amount = grace ? s.nextCharge!.amount : tier?.price;
  if (!amount) return room.isError ? <RenewUnavailable error={room.error} onClose={onClose} /> : null;
  return (
    <SubscribeSheet
      roomId={s.roomId}
      roomName={s.roomName}
      tier={s.tier}
      amount={amount}
      periodEnd={grace ? s.periodEnd : undefined}
      onPaid={() => toast(t('subscriptions.confirm.subscribedToast', { tier: s.tier.name }))}
      onClose={onClose}
    />
  );
}

function RenewUnavailable({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { t } = useTranslation();
  return <ConfirmDialog message={t('errors.unknown')} error={<ErrorMessage error={error} />} confirmLabel={t('common.close')} onCancel={onClose} onConfirm={onClose} />;
}
