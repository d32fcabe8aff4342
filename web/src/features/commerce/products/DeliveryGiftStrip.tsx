import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { withRecipients } from '../../../ui/recipients';
import { useGiftableProducts } from '../api';
import { ShopProductTile } from '../parts';
import '../commerce.css';

/** Channel products that can be sent to a friend's door, in the gift shop beside the coupons. */
export function DeliveryGiftStrip({ recipientIds }: { recipientIds: readonly string[] }) {
  const { t } = useTranslation();
  const products = useGiftableProducts();
  // The shop works without channels; an error here only hides the strip.
  if (!products.data || products.data.length === 0) return null;
  return (
    <section className="shop-section" data-testid="delivery-gifts">
      <div className="order-head">
        <h2 className="section-title">{t('commerce.gift.stripTitle')}</h2>
        <Link to="/channels" className="btn-link">
          {t('commerce.channels.title')}
        </Link>
      </div>
      <ul className="product-strip">
        {products.data.map((product) => (
          <ShopProductTile key={product.id} product={product} to={withRecipients(`/products/${product.id}`, recipientIds)} />
        ))}
      </ul>
    </section>
  );
}
