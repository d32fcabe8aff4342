import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ShopOrder } from '@maum/protocol';
import { isApiError } from '../../../api/client';
import { ErrorMessage, ErrorState, LocalError } from '../../../ui/ErrorMessage';
import { ConfirmDialog, Sheet } from '../../../ui/Sheet';
import { Spinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { useMe } from '../../accounts';
import { GiftCardArt } from '../../gifts';
import { useAcceptShopGift, useOrder, useRefuseShopGift } from '../api';
import { OrderStatusBadge, Picture } from '../parts';
import { AddressForm, useAddressForm } from './AddressForm';

/** A delivery gift opened from the chat: the recipient accepts it with their own address or refuses it; the sender follows it. */
export function DeliveryGiftSheet({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const order = useOrder(orderId);
  return (
    <Sheet onClose={onClose} title={t('gifts.sheet.title')} size="full" testId="delivery-gift-sheet">
      {order.isPending ? (
        <div className="room-loading">
          <Spinner size={28} label={t('common.loading')} />
        </div>
      ) : order.isError ? (
        isApiError(order.error) && (order.error.code === 'not_found' || order.error.code === 'forbidden') ? (
          <p className="muted center">{t('gifts.sheet.missing')}</p>
        ) : (
          <ErrorState error={order.error} onRetry={() => void order.refetch()} />
        )
      ) : (
        <GiftView order={order.data} onClose={onClose} />
      )}
    </Sheet>
  );
}

function GiftView({ order, onClose }: { order: ShopOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const gift = order.gift;
  const first = order.lines[0];
  const isRecipient = !!gift && gift.recipient.id === me?.id;
  return (
    <div className="gift-view" data-testid="delivery-gift" data-status={order.status}>
      {gift ? <GiftCardArt template={gift.card.template} text={gift.card.text} /> : null}
      <div className="gift-view-product">
        <Picture url={first?.imageUrl} className="gift-view-image" />
        <span className="row-text">
          <span className="product-brand">{order.channel.name}</span>
          <span className="product-name">{first?.productName}</span>
          <span className="row-subtitle">
            {first?.variantName} × {first?.quantity}
          </span>
        </span>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="gift-view-who muted">
        {isRecipient ? t('gifts.sheet.from', { name: order.buyer.displayName }) : gift ? t('gifts.sheet.to', { name: gift.recipient.displayName }) : null}
      </p>
      {isRecipient && order.status === 'awaiting_address' ? (
        <AcceptForm order={order} onClose={onClose} />
      ) : (
        <>
          <p className="status-line" data-testid="delivery-gift-line">
            {isRecipient ? t(`commerce.gift.recipientLine.${lineKey(order)}`) : t(`commerce.gift.senderLine.${lineKey(order)}`, { name: gift?.recipient.displayName ?? '' })}
          </p>
          <Link to={`/orders/${order.id}`} className="btn btn-secondary btn-block" onClick={onClose} data-testid="delivery-gift-track">
            {t('commerce.gift.track')}
          </Link>
        </>
      )}
    </div>
  );
}

function lineKey(order: ShopOrder): 'waiting' | 'accepted' | 'refused' | 'cancelled' | 'shipped' | 'delivered' {
  switch (order.status) {
    case 'pending_payment':
    case 'awaiting_address':
      return 'waiting';
    case 'refused':
      return 'refused';
    case 'cancelled':
    case 'expired':
      return 'cancelled';
    case 'shipped':
      return 'shipped';
    case 'delivered':
    case 'completed':
      return 'delivered';
    default:
      return 'accepted';
  }
}

function AcceptForm({ order, onClose }: { order: ShopOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const accept = useAcceptShopGift();
  const refuse = useRefuseShopGift();
  const address = useAddressForm();
  const [refusing, setRefusing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (accept.isPending) return;
    const checked = address.check();
    if (!checked) return;
    accept.mutate(
      { orderId: order.id, address: checked },
      {
        onSuccess: () => {
          toast(t('commerce.gift.acceptedToast'));
          onClose();
        },
      },
    );
  };

  return (
    <form className="sheet-form" onSubmit={submit} noValidate>
      <p className="field-hint">{t('commerce.gift.acceptHint', { name: order.buyer.displayName })}</p>
      <AddressForm {...address.fields} />
      {address.problem ? <LocalError text={address.problem} /> : null}
      <ErrorMessage error={accept.error} />
      <div className="gift-actions-row">
        <button type="button" className="btn btn-secondary" onClick={() => setRefusing(true)} data-testid="delivery-gift-refuse">
          {t('gifts.sheet.refuse')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={accept.isPending} aria-busy={accept.isPending} data-testid="delivery-gift-accept">
          {t('gifts.sheet.accept')}
        </button>
      </div>
      {refusing ? (
        <ConfirmDialog
          message={t('gifts.sheet.refuseConfirm', { name: order.buyer.displayName })}
          detail={t('gifts.sheet.refuseDetail')}
          confirmLabel={t('gifts.sheet.refuse')}
          danger
          pending={refuse.isPending}
          error={<ErrorMessage error={refuse.error} />}
          onCancel={() => setRefusing(false)}
          onConfirm={() => refuse.mutate(order.id, { onSuccess: () => setRefusing(false) })}
        />
      ) : null}
    </form>
  );
}
