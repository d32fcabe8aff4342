import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { IconShop, IconTrash } from '../../../ui/Icons';
import { formatMoney } from '../../../ui/money';
import { PageHeader } from '../../../ui/PageHeader';
import { useMe } from '../../accounts';
import { groupByChannel, MAX_QUANTITY, useCart, type CartGroup } from '../cart';
import { Picture, Stepper } from '../parts';
import '../commerce.css';

/** The cart, one block per channel: each seller is paid in its own checkout. */
export function CartPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const cart = useCart(me?.id);
  const groups = groupByChannel(cart.lines);
  return (
    <div className="page">
      <PageHeader title={t('commerce.cart.title')} back="/shop" />
      <div className="page-body">
        {groups.length === 0 ? (
          <EmptyState
            icon={<IconShop size={32} />}
            title={t('commerce.cart.empty')}
            action={
              <Link to="/channels" className="btn btn-primary">
                {t('commerce.channels.title')}
              </Link>
            }
          />
        ) : (
          <>
            {groups.length > 1 ? <p className="page-intro muted">{t('commerce.cart.perChannel')}</p> : null}
            {groups.map((group) => (
              <Group key={group.channelId} group={group} cart={cart} />
            ))}
          </>
        )}
      </div>
    </div>
  );
}

function Group({ group, cart }: { group: CartGroup; cart: ReturnType<typeof useCart> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <section className="cart-group" data-testid="cart-group" data-channel-id={group.channelId}>
      <h2 className="section-title">
        <Link to={`/channels/${group.channelId}`}>{group.channelName}</Link>
      </h2>
      <ul className="cart-lines">
        {group.lines.map((line) => (
          <li key={line.variantId} className="cart-line" data-testid="cart-line">
            <Picture url={line.imageUrl} className="cart-line-image" />
            <span className="row-text">
              <Link to={`/products/${line.productId}`} className="product-name">
                {line.productName}
              </Link>
              <span className="row-subtitle">{line.variantName}</span>
              <span className="product-price">{formatMoney(line.unitPrice * line.quantity, lang)}</span>
            </span>
            <span className="cart-line-side">
              <Stepper value={line.quantity} max={MAX_QUANTITY} onChange={(n) => cart.setQuantity(line.variantId, n)} label={t('commerce.product.quantity')} />
              <button type="button" className="icon-btn" onClick={() => cart.remove([line.variantId])} aria-label={t('commerce.cart.remove')} data-testid="cart-remove">
                <IconTrash size={18} />
              </button>
            </span>
          </li>
        ))}
      </ul>
      <Link to={`/checkout/${group.channelId}`} className="btn btn-primary btn-block btn-large" data-testid="cart-checkout">
        {t('commerce.cart.checkout', { price: formatMoney(group.subtotal, lang) })}
      </Link>
    </section>
  );
}
