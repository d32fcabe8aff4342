import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ShopOrderId, type ShopOrder } from '@maum/protocol';
import { isApiError } from '../../../api/client';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../../ui/ErrorMessage';
import { formatMoney } from '../../../ui/money';
import { PageHeader } from '../../../ui/PageHeader';
import { ConfirmDialog } from '../../../ui/Sheet';
import { FullScreenSpinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { TopUpLink } from '../../wallet';
import { useCancelOrder, useConfirmOrder, useOrder, usePayOrder } from '../api';
import { canCancelOrder, endedEarly } from '../format';
import { dateTime, OrderStatusBadge, Picture } from '../parts';
import { AddressView } from './AddressView';
import { OrderTimeline } from './OrderTimeline';
import '../commerce.css';

export function OrderPage() {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  if (!ShopOrderId.safeParse(orderId).success) {
    return (
      <div className="page">
        <PageHeader title={t('commerce.orders.order')} back="/orders" />
        <EmptyState title={t('commerce.orders.missing')} />
      </div>
    );
  }
  return <Loader key={orderId} orderId={orderId} />;
}

function Loader({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const order = useOrder(orderId);
  if (order.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (order.isError) {
    const missing = isApiError(order.error) && (order.error.code === 'not_found' || order.error.code === 'forbidden');
    return (
      <div className="page">
        <PageHeader title={t('commerce.orders.order')} back="/orders" />
        {missing ? <EmptyState title={t('commerce.orders.missing')} /> : <ErrorState error={order.error} onRetry={() => void order.refetch()} />}
      </div>
    );
  }
  return <OrderView order={order.data} />;
}

function OrderView({ order }: { order: ShopOrder }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const cancel = useCancelOrder();
  const confirm = useConfirmOrder();
  const pay = usePayOrder();
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="page order-page" data-testid="order-page" data-status={order.status}>
      <PageHeader title={t('commerce.orders.order')} back="/orders" />
      <div className="page-body">
        <section className="send-section">
          <div className="order-head">
            <Link to={`/channels/${order.channel.id}`} className="section-title">
              {order.channel.name}
            </Link>
            <OrderStatusBadge status={order.status} />
          </div>
          <p className="muted">{t('commerce.orders.placed', { time: dateTime(order.createdAt, lang) })}</p>
          {order.gift ? <p className="muted">{t('commerce.orders.giftTo', { name: order.gift.recipient.displayName })}</p> : null}
        </section>

        {endedEarly(order.status) ? (
          <p className="status-line" data-testid="order-ended">
            {t(`commerce.orders.ended.${order.status as 'cancelled' | 'expired' | 'refused'}`)}
          </p>
        ) : order.status === 'pending_payment' || order.status === 'awaiting_address' ? (
          <p className="status-line">{t(`commerce.orders.waiting.${order.status}`)}</p>
        ) : (
          <OrderTimeline order={order} />
        )}

        <section className="send-section">
          <ul className="cart-lines">
            {order.lines.map((line) => (
              <li key={line.variantId} className="cart-line">
                <Picture url={line.imageUrl} className="cart-line-image" />
                <span className="row-text">
                  <Link to={`/products/${line.productId}`} className="product-name">
                    {line.productName}
                  </Link>
                  <span className="row-subtitle">
                    {line.variantName} × {line.quantity}
                  </span>
                </span>
                <span className="product-price">{formatMoney(line.unitPrice.amount * line.quantity, lang)}</span>
              </li>
            ))}
          </ul>
          <dl className="checkout-totals">
            <div>
              <dt>{t('commerce.checkout.subtotal')}</dt>
              <dd>{formatMoney(order.subtotal, lang)}</dd>
            </div>
            {order.discount.amount > 0 ? (
              <div>
                <dt>{order.couponCode ? t('commerce.checkout.discountCode', { code: order.couponCode }) : t('commerce.checkout.discount')}</dt>
                <dd>−{formatMoney(order.discount, lang)}</dd>
              </div>
            ) : null}
            <div className="is-strong">
              <dt>{t('commerce.checkout.total')}</dt>
              <dd data-testid="order-total">{formatMoney(order.total, lang)}</dd>
            </div>
          </dl>
        </section>

        {order.address ? (
          <section className="send-section">
            <h2 className="section-title">{t('commerce.address.title')}</h2>
            <AddressView address={order.address} />
          </section>
        ) : order.gift ? (
          <p className="muted">{t('commerce.orders.addressPrivate', { name: order.gift.recipient.displayName })}</p>
        ) : null}

        <ErrorMessage error={cancel.error ?? confirm.error ?? pay.error} />
        {isApiError(pay.error) && pay.error.code === 'insufficient_funds' ? <TopUpLink /> : null}
        <div className="order-actions">
          {order.status === 'pending_payment' ? (
            <button type="button" className="btn btn-primary btn-block btn-large" disabled={pay.isPending} onClick={() => pay.pay(order.id)} data-testid="order-pay">
              {t('gifts.send.pay', { price: formatMoney(order.total, lang) })}
            </button>
          ) : null}
          {order.status === 'delivered' ? (
            <button
              type="button"
              className="btn btn-primary btn-block btn-large"
              disabled={confirm.isPending}
              onClick={() => confirm.mutate(order.id, { onSuccess: () => toast(t('commerce.orders.confirmedToast')) })}
              data-testid="order-confirm"
            >
              {t('commerce.orders.confirm')}
            </button>
          ) : null}
          {canCancelOrder(order.status) ? (
            <button type="button" className="btn btn-secondary btn-block" onClick={() => setConfirming(true)} data-testid="order-cancel">
              {t('commerce.orders.cancel')}
            </button>
          ) : null}
        </div>
      </div>
      {confirming ? (
        <ConfirmDialog
          message={t('commerce.orders.cancelConfirm')}
          detail={order.paidAt ? t('commerce.orders.cancelDetail', { price: formatMoney(order.total, lang) }) : undefined}
          confirmLabel={t('commerce.orders.cancel')}
          danger
          pending={cancel.isPending}
          error={<ErrorMessage error={cancel.error} />}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            cancel.mutate(order.id, {
              onSuccess: () => {
                setConfirming(false);
                toast(t('commerce.orders.cancelledToast'));
              },
            })
          }
        />
      ) : null}
    </div>
  );
}
