import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ShopOrder } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorState } from '../../../ui/ErrorMessage';
import { IconShop } from '../../../ui/Icons';
import { formatMoney } from '../../../ui/money';
import { PageHeader } from '../../../ui/PageHeader';
import { SkeletonRows } from '../../../ui/Spinner';
import { shortDate } from '../../../ui/time';
import { useMyOrders } from '../api';
import { OrderStatusBadge, Picture } from '../parts';
import '../commerce.css';

export function OrdersPage() {
  const { t } = useTranslation();
  const orders = useMyOrders();
  return (
    <div className="page">
      <PageHeader title={t('commerce.orders.title')} back="/more" />
      <div className="page-body">
        {orders.isPending ? (
          <SkeletonRows count={4} />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : orders.data.length === 0 ? (
          <EmptyState
            icon={<IconShop size={32} />}
            title={t('commerce.orders.empty')}
            action={
              <Link to="/channels" className="btn btn-primary">
                {t('commerce.channels.title')}
              </Link>
            }
          />
        ) : (
          <ul className="order-list" data-testid="order-list">
            {orders.data.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function orderTitle(order: ShopOrder, more: (count: number) => string): string {
  const first = order.lines[0];
  if (!first) return '';
  return order.lines.length > 1 ? `${first.productName} ${more(order.lines.length - 1)}` : first.productName;
}

function OrderRow({ order }: { order: ShopOrder }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li>
      <Link to={`/orders/${order.id}`} className="row order-row" data-testid="order-row" data-order-id={order.id}>
        <Picture url={order.lines[0]?.imageUrl} className="cart-line-image" />
        <span className="row-text">
          <span className="row-subtitle">
            {order.channel.name} · {shortDate(order.createdAt, lang)}
          </span>
          <span className="row-title">{orderTitle(order, (count) => t('commerce.orders.andMore', { count }))}</span>
          <span className="product-price">{formatMoney(order.total, lang)}</span>
        </span>
        <OrderStatusBadge status={order.status} />
      </Link>
    </li>
  );
}
