import { useState, type ComponentType } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ItemId, type Product } from '@maum/protocol';
import { isApiError } from '../../../api/client';
import { currentLanguage } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorState } from '../../../ui/ErrorMessage';
import { IconGift } from '../../../ui/Icons';
import { formatMoney } from '../../../ui/money';
import { PageHeader } from '../../../ui/PageHeader';
import { FullScreenSpinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { useMe } from '../../accounts';
import { FriendPicker } from '../../chat';
import { RecipientBanner, useRecipients } from '../../gifts';
import { useShopProduct } from '../api';
import { MAX_QUANTITY, useCart } from '../cart';
import { Picture, Stepper } from '../parts';
import { SendDeliveryGiftSheet } from './SendDeliveryGiftSheet';
import '../commerce.css';

interface Props {
  /**
   * Whether Maum verified the product, and the certificates of the items the viewer owns. Certificates draws it; it
   * builds on commerce, so the router hands it in.
   */
  Certification?: ComponentType<{ productId: string }>;
}

export function ShopProductPage({ Certification }: Props) {
  const { t } = useTranslation();
  const { productId = '' } = useParams();
  if (!ItemId.safeParse(productId).success) {
    return (
      <div className="page">
        <PageHeader title={t('shop.title')} back="/channels" />
        <EmptyState title={t('shop.productMissing')} />
      </div>
    );
  }
  return <Loader key={productId} productId={productId} Certification={Certification} />;
}

function Loader({ productId, Certification }: { productId: string } & Props) {
  const { t } = useTranslation();
  const product = useShopProduct(productId);
  if (product.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (product.isError) {
    const missing = isApiError(product.error) && product.error.code === 'not_found';
    return (
      <div className="page">
        <PageHeader title={t('shop.title')} back="/channels" />
        {missing ? <EmptyState title={t('shop.productMissing')} /> : <ErrorState error={product.error} onRetry={() => void product.refetch()} />}
      </div>
    );
  }
  return <ProductView product={product.data} Certification={Certification} />;
}

type Step = 'pick' | 'send' | null;

function ProductView({ product, Certification }: { product: Product } & Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const navigate = useNavigate();
  const me = useMe().data;
  const cart = useCart(me?.id);
  const recipients = useRecipients();
  const firstAvailable = product.variants.find((v) => v.available > 0) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id ?? '');
  const [quantity, setQuantity] = useState(1);
  const [step, setStep] = useState<Step>(null);
  const variant = product.variants.find((v) => v.id === variantId);
  const available = variant?.available ?? 0;
  const canBuy = product.active && !!variant && available > 0 && quantity <= available;
  const recipient = recipients.people[0];
  const giftable = product.giftListing === 'delivery';

  const line = () => ({
    variantId,
    productId: product.id,
    channelId: product.channelId,
    channelName: product.channelName,
    productName: product.name,
    variantName: variant?.name ?? '',
    unitPrice: variant?.price.amount ?? product.price.amount,
    imageUrl: product.imageUrls[0] ?? null,
    quantity,
  });

  return (
    <div className="page page-wide product-page">
      <PageHeader title={product.channelName} back={`/channels/${product.channelId}`} />
      <div className="page-body">
        <div className="shop-gallery" data-testid="product-images">
          {product.imageUrls.length > 0 ? product.imageUrls.map((url) => <Picture key={url} url={url} className="product-hero" />) : <Picture url={null} className="product-hero" />}
        </div>
        <div className="product-info">
          <Link to={`/channels/${product.channelId}`} className="product-brand" data-testid="product-channel">
            {product.channelName}
          </Link>
          <h2 className="product-title" data-testid="product-title">
            {product.name}
          </h2>
          <p className="product-hero-price" data-testid="product-price">
            {formatMoney(variant?.price ?? product.price, lang)}
          </p>
          {giftable ? (
            <div className="product-badges">
              <span className="badge badge-yellow">{t('commerce.product.giftable')}</span>
            </div>
          ) : null}
          {product.giftProductId ? (
            <Link to={`/shop/products/${product.giftProductId}`} className="product-gift-coupon" data-testid="product-gift-coupon">
              <IconGift size={16} />
              {t('commerce.product.alsoInGiftShop')}
            </Link>
          ) : null}
          {product.description ? <p className="product-note product-description">{product.description}</p> : null}
        </div>
        {Certification ? <Certification productId={product.id} /> : null}

        <fieldset className="product-options">
          <legend className="section-title">{t('commerce.product.variant')}</legend>
          <div className="chip-row">
            {product.variants.map((v) => (
              <label key={v.id} className={`chip ${variantId === v.id ? 'is-on' : ''} ${v.available <= 0 ? 'is-out' : ''}`} data-testid="variant" data-variant-name={v.name}>
                <input
                  type="radio"
                  className="sr-only"
                  name="variant"
                  value={v.id}
                  checked={variantId === v.id}
                  onChange={() => {
                    setVariantId(v.id);
                    setQuantity(1);
                  }}
                />
                {v.name} · {formatMoney(v.price, lang)}
                <span className="variant-stock">{v.available <= 0 ? t('commerce.product.outOfStock') : t('commerce.product.left', { count: v.available })}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="product-quantity">
          <span className="section-title">{t('commerce.product.quantity')}</span>
          <Stepper value={quantity} max={Math.max(1, Math.min(MAX_QUANTITY, available))} onChange={setQuantity} label={t('commerce.product.quantity')} testId="quantity" />
        </div>
        {!product.active ? <p className="muted">{t('commerce.product.inactive')}</p> : null}
        {recipient && giftable ? <RecipientBanner people={[recipient]} onClear={() => recipients.setIds([])} /> : null}
      </div>

      <div className="product-actions product-actions-row">
        <button
          type="button"
          className="btn btn-secondary btn-large"
          disabled={!canBuy}
          onClick={() => {
            cart.add(line());
            toast(t('commerce.cart.addedToast'));
          }}
          data-testid="add-to-cart"
        >
          {variant && available <= 0 ? t('commerce.product.outOfStock') : t('commerce.product.addToCart')}
        </button>
        <button
          type="button"
          className="btn btn-primary btn-large"
          disabled={!canBuy}
          onClick={() => void navigate(`/checkout/${product.channelId}`, { state: { lines: [line()] } })}
          data-testid="buy-now"
        >
          {t('commerce.product.buyNow')}
        </button>
        {giftable ? (
          <button type="button" className="btn btn-dark btn-large" disabled={!canBuy} onClick={() => setStep(recipient ? 'send' : 'pick')} data-testid="send-as-gift">
            <IconGift size={20} />
            {recipient ? t('shop.giftTo', { name: recipient.displayName }) : t('shop.gift')}
          </button>
        ) : null}
      </div>

      {step === 'send' && recipient && variant ? (
        <SendDeliveryGiftSheet product={product} variant={variant} quantity={quantity} recipient={recipient} onEditRecipient={() => setStep('pick')} onClose={() => setStep(null)} />
      ) : null}
      {step === 'pick' ? (
        <FriendPicker
          sheetTitle={t('gifts.send.chooseFriends')}
          testId="gift-friend-picker"
          exclude={[]}
          initial={(recipients.friends ?? []).filter((f) => recipients.ids.includes(f.user.id))}
          max={1}
          pending={false}
          error={null}
          submitLabel={(count) => t('gifts.send.next', { count })}
          submitTestId="gift-friends-next"
          onClose={() => setStep(null)}
          onSubmit={(ids) => {
            recipients.setIds(ids.slice(0, 1));
            setStep('send');
          }}
        />
      ) : null}
    </div>
  );
}
