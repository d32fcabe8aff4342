import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, Product } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { IconShop } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import './commerce.css';

/** A product or channel picture, or a plain tile with an icon while it has none. */
export function Picture({ url, className, alt = '' }: { url: string | null | undefined; className?: string; alt?: string }) {
  return (
    <span className={`shop-picture ${className ?? ''}`}>
      {url ? <img src={url} alt={alt} loading="lazy" decoding="async" draggable={false} /> : <IconShop size={28} />}
    </span>
  );
}

export function soldOut(product: Pick<Product, 'variants'>): boolean {
  return product.variants.every((v) => v.available <= 0);
}

/** A product in a channel's store or a deal. */
export function ShopProductTile({ product, to }: { product: Product; to?: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li className="product-tile">
      <Link to={to ?? `/products/${product.id}`} className="product-tile-link" data-testid="shop-product" data-product-name={product.name}>
        <Picture url={product.imageUrls[0]} className="product-tile-image" />
        <span className="product-brand">{product.channelName}</span>
        <span className="product-name">{product.name}</span>
        <span className="product-price">
          {formatMoney(product.price, lang)}
          {soldOut(product) ? <span className="badge badge-plain">{t('commerce.product.soldOut')}</span> : null}
        </span>
      </Link>
    </li>
  );
}

export function ShopProductGrid({ products, testId, linkTo }: { products: readonly Product[]; testId?: string; linkTo?: (p: Product) => string }) {
  return (
    <ul className="product-grid" data-testid={testId}>
      {products.map((product) => (
        <ShopProductTile key={product.id} product={product} to={linkTo?.(product)} />
      ))}
    </ul>
  );
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge order-status order-status-${status}`} data-testid="order-status" data-status={status}>
      {t(`commerce.orderStatus.${status}`)}
    </span>
  );
}

/** − n + for a quantity, kept within 1–max. */
export function Stepper({ value, max, onChange, label, testId }: { value: number; max: number; onChange: (n: number) => void; label: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="stepper" role="group" aria-label={label} data-testid={testId}>
      <button type="button" className="stepper-btn" onClick={() => onChange(value - 1)} disabled={value <= 1} aria-label={t('commerce.less')}>
        −
      </button>
      <span className="stepper-value" aria-live="polite" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </span>
      <button type="button" className="stepper-btn" onClick={() => onChange(value + 1)} disabled={value >= max} aria-label={t('commerce.more')}>
        +
      </button>
    </span>
  );
}

export function dateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
