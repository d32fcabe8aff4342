import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GiftProduct } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../ui/money';
import { withRecipients } from '../../ui/recipients';
import './gifts.css';

/** The product's picture on its brand's colour, so a slow picture still shows whose it is. */
export function ProductImage({ product, className }: { product: Pick<GiftProduct, 'imageUrl' | 'name' | 'brand'>; className?: string }) {
  return (
    <span className={`product-image ${className ?? ''}`} style={{ background: product.brand.color }}>
      <img src={product.imageUrl} alt="" loading="lazy" decoding="async" draggable={false} />
    </span>
  );
}

export function productPath(productId: string, recipientIds: readonly string[]): string {
  return withRecipients(`/shop/products/${productId}`, recipientIds);
}

/** A product in a grid or a row of the shop. */
export function ProductTile({ product, recipientIds }: { product: GiftProduct; recipientIds: readonly string[] }) {
  const lang = currentLanguage();
  return (
    <li className="product-tile">
      <Link to={productPath(product.id, recipientIds)} className="product-tile-link" data-testid="product-card" data-product-name={product.name}>
        <ProductImage product={product} className="product-tile-image" />
        <span className="product-brand">{product.brand.name}</span>
        <span className="product-name">{product.name}</span>
        <span className="product-price">{formatMoney(product.price, lang)}</span>
      </Link>
    </li>
  );
}

/** A place in the popularity ranking: its number, picture, name and price on one line. */
export function ProductRankRow({ product, rank, recipientIds }: { product: GiftProduct; rank: number; recipientIds: readonly string[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <li>
      <Link to={productPath(product.id, recipientIds)} className="row product-row" data-testid="product-card" data-product-name={product.name}>
        <span className="product-rank" aria-label={t('shop.rank', { rank })}>
          {rank}
        </span>
        <ProductImage product={product} className="product-row-image" />
        <span className="row-text">
          <span className="product-brand">{product.brand.name}</span>
          <span className="product-name">{product.name}</span>
          <span className="product-price">{formatMoney(product.price, lang)}</span>
        </span>
      </Link>
    </li>
  );
}

export function ProductGrid({ products, recipientIds, testId }: { products: readonly GiftProduct[]; recipientIds: readonly string[]; testId?: string }) {
  return (
    <ul className="product-grid" data-testid={testId}>
      {products.map((product) => (
        <ProductTile key={product.id} product={product} recipientIds={recipientIds} />
      ))}
    </ul>
  );
}

/** A row of products that scrolls sideways. */
export function ProductStrip({ products, recipientIds, testId }: { products: readonly GiftProduct[]; recipientIds: readonly string[]; testId?: string }) {
  return (
    <ul className="product-strip" data-testid={testId}>
      {products.map((product) => (
        <ProductTile key={product.id} product={product} recipientIds={recipientIds} />
      ))}
    </ul>
  );
}
