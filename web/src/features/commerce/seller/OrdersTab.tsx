import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { commerceApi, type OrderStatus, type ShopOrder } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { ChipChoice } from '../../../ui/ChipChoice';
import { ErrorMessage, ErrorState, LocalError } from '../../../ui/ErrorMessage';
import { formatMoney } from '../../../ui/money';
import { SortableTable, type Column } from '../../../ui/SortableTable';
import { Spinner } from '../../../ui/Spinner';
import { useWide } from '../../../ui/useWide';
import { nextSellerStep } from '../format';
import { AddressView } from '../orders/AddressView';
import { dateTime, OrderStatusBadge } from '../parts';
import { useOrderStep, useSellerOrders } from './api';
import { TextField } from './fields';
import '../commerce.css';

const filters: (OrderStatus | null)[] = [null, 'paid', 'preparing', 'shipped', 'delivered', 'completed', 'awaiting_address', 'cancelled'];

export function OrdersTab() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const orders = useSellerOrders(status);
  const wide = useWide();
  return (
    <div className="store-console">
      <ChipChoice
        options={filters}
        value={status}
        onPick={setStatus}
        label={t('commerce.seller.filterStatus')}
        text={(s) => (s ? t(`commerce.orderStatus.${s}`) : t('commerce.seller.all'))}
        testId="seller-order-filter"
        dataKey="status"
      />
      {orders.isPending ? (
        <Spinner size={28} label={t('common.loading')} />
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.length === 0 ? (
        <section className="store-card">
          <p className="muted">{t('commerce.seller.noOrders')}</p>
        </section>
      ) : wide ? (
        <section className="store-card">
          <OrderTable orders={orders.data} />
        </section>
      ) : (
        orders.data.map((order) => <SellerOrderCard key={order.id} order={order} />)
      )}
    </div>
  );
}

/** The orders as a table on a wide screen, each with its next step in its row; newest first until a column is chosen. */
function OrderTable({ orders }: { orders: ShopOrder[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const columns: Column<ShopOrder>[] = [
    { key: 'when', label: t('common.table.when'), cell: (o) => dateTime(o.createdAt, lang), sortBy: (o) => o.createdAt },
    {
      key: 'buyer',
      label: t('common.table.buyer'),
      cell: (o) => (
        <>
          {o.buyer.displayName}
          {o.gift ? <span className="cell-note">{t('commerce.orders.giftTo', { name: o.gift.recipient.displayName })}</span> : null}
        </>
      ),
      sortBy: (o) => o.buyer.displayName.toLowerCase(),
    },
    {
      key: 'items',
      label: t('common.table.items'),
      cell: (o) => (
        <ul className="cell-lines">
          {o.lines.map((line) => (
            <li key={line.variantId}>
              {line.productName} · {line.variantName} × {line.quantity}
            </li>
          ))}
        </ul>
      ),
    },
    { key: 'shipTo', label: t('common.table.shipTo'), cell: (o) => (o.address ? <AddressView address={o.address} /> : null) },
    { key: 'status', label: t('common.table.status'), cell: (o) => <OrderStatusBadge status={o.status} />, sortBy: (o) => o.status },
    {
      key: 'total',
      label: t('common.table.total'),
      cell: (o) => <strong data-testid="seller-order-total">{formatMoney(o.total, lang)}</strong>,
      sortBy: (o) => o.total.amount,
      numeric: true,
    },
    {
      key: 'next',
      label: t('common.table.next'),
      cell: (o) => {
        const next = nextSellerStep(o.status);
        return next ? <NextStep order={o} step={next} /> : null;
      },
    },
  ];
  return (
    <SortableTable
      rows={orders}
      columns={columns}
      rowKey={(o) => o.id}
      initial={{ key: 'when', dir: 'desc' }}
      caption={t('commerce.seller.tabs.orders')}
      testId="seller-order-table"
      rowProps={(o) => ({ 'data-testid': 'seller-order', 'data-order-id': o.id, 'data-status': o.status })}
    />
  );
}

function SellerOrderCard({ order }: { order: ShopOrder }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const next = nextSellerStep(order.status);
  return (
    <section className="store-card seller-order" data-testid="seller-order" data-order-id={order.id} data-status={order.status}>
      <div className="order-head">
        <span className="row-text">
          <span className="row-title">{order.buyer.displayName}</span>
          <span className="row-subtitle">
            {dateTime(order.createdAt, lang)}
            {order.gift ? ` · ${t('commerce.orders.giftTo', { name: order.gift.recipient.displayName })}` : ''}
          </span>
        </span>
        <OrderStatusBadge status={order.status} />
      </div>
      <ul className="seller-order-lines">
        {order.lines.map((line) => (
          <li key={line.variantId}>
            {line.productName} · {line.variantName} × {line.quantity} <span className="muted">{formatMoney(line.unitPrice.amount * line.quantity, lang)}</span>
          </li>
        ))}
      </ul>
      <p>
        <strong data-testid="seller-order-total">{formatMoney(order.total, lang)}</strong>
        {order.couponCode ? <span className="muted"> · {t('commerce.checkout.discountCode', { code: order.couponCode })} −{formatMoney(order.discount, lang)}</span> : null}
      </p>
      {order.address ? <AddressView address={order.address} /> : null}
      {order.trackingNumber ? <p className="muted">{t('commerce.timeline.tracking', { carrier: order.carrier ?? '', number: order.trackingNumber })}</p> : null}
      {next ? <NextStep order={order} step={next} /> : null}
    </section>
  );
}

function NextStep({ order, step }: { order: ShopOrder; step: 'prepare' | 'ship' | 'deliver' }) {
  const { t } = useTranslation();
  const action = useOrderStep();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (step !== 'ship') {
    return (
      <>
        <ErrorMessage error={action.error} />
        <button
          type="button"
          className="btn btn-primary"
          disabled={action.isPending}
          onClick={() => action.mutate({ step, orderId: order.id })}
          data-testid={`order-${step}`}
        >
          {t(`commerce.seller.steps.${step}`)}
        </button>
      </>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = commerceApi.ship.body.safeParse({ carrier, trackingNumber: tracking });
    if (!parsed.success) {
      setProblem(t('commerce.seller.invalid.tracking'));
      return;
    }
    setProblem(null);
    action.mutate({ step: 'ship', orderId: order.id, ...parsed.data });
  };
  return (
    <form className="seller-row" onSubmit={submit} noValidate>
      <TextField label={t('commerce.seller.carrier')} value={carrier} onChange={setCarrier} maxLength={40} placeholder="CJ대한통운" testId="ship-carrier" />
      <TextField label={t('commerce.seller.trackingNumber')} value={tracking} onChange={setTracking} maxLength={30} testId="ship-tracking" />
      <button type="submit" className="btn btn-primary" disabled={action.isPending} data-testid="order-ship">
        {t('commerce.seller.steps.ship')}
      </button>
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={action.error} />
    </form>
  );
}
