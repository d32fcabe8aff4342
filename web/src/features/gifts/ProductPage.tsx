import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProductId, type GiftProduct } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { IconGift, IconHeart } from '../../ui/Icons';
import { formatMoney } from '../../ui/money';
import { IconButton, PageHeader } from '../../ui/PageHeader';
import { MAX_RECIPIENTS } from '../../ui/recipients';
import { FullScreenSpinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useMe } from '../accounts';
import { FriendPicker } from '../chat';
import { useProduct, useShopHome, useToggleWish, useWishlist } from './api';
import { useRecipients } from './hooks';
import { ProductImage } from './ProductCard';
import { RecipientBanner } from './RecipientBanner';
import { SendGiftSheet } from './SendGiftSheet';
import './gifts.css';

export function ProductPage() {
  const { t } = useTranslation();
  const { productId = '' } = useParams();
  if (!ProductId.safeParse(productId).success) {
    return (
      <div className="page">
        <PageHeader title={t('shop.title')} back="/shop" />
        <EmptyState title={t('shop.productMissing')} />
      </div>
    );
  }
  return <Product key={productId} productId={productId} />;
}

function Product({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const product = useProduct(productId);
  if (product.isPending) return <FullScreenSpinner label={t('common.loading')} />;
  if (product.isError) {
    const missing = isApiError(product.error) && product.error.code === 'not_found';
    return (
      <div className="page">
        <PageHeader title={t('shop.title')} back="/shop" />
        {missing ? <EmptyState title={t('shop.productMissing')} /> : <ErrorState error={product.error} onRetry={() => void product.refetch()} />}
      </div>
    );
  }
  return <ProductView product={product.data} />;
}

type Step = 'pick' | 'send' | 'pick-then-send' | null;

function ProductView({ product }: { product: GiftProduct }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const me = useMe().data;
  const recipients = useRecipients();
  const home = useShopHome();
  const wishlist = useWishlist(me?.id);
  const toggleWish = useToggleWish(me?.id);
  const choices = product.options.flatMap((o) => o.values);
  const [option, setOption] = useState<string | null>(choices[0] ?? null);
  const [step, setStep] = useState<Step>(null);

  const wished = wishlist.data?.some((p) => p.id === product.id) ?? false;
  const wish = () =>
    toggleWish.mutate(
      { productId: product.id, on: !wished },
      {
        onSuccess: () => toast(wished ? t('shop.unwishedToast') : t('shop.wishedToast')),
        onError: (error) => toast(errorText(t, error)),
      },
    );
  const birthdaySoon = recipients.ids.some((id) => home.data?.birthdaysSoon.some((b) => b.friend.id === id));
  const sole = recipients.people.length === 1 ? recipients.people[0] : undefined;

  return (
    <div className="page page-wide product-page">
      <PageHeader
        title={product.brand.name}
        back="/shop"
        actions={
          <IconButton label={wished ? t('shop.unwish') : t('shop.wish')} onClick={wish} disabled={!wishlist.data || toggleWish.isPending} testId="wish-toggle">
            <span className={wished ? 'wish-on' : undefined}>
              <IconHeart filled={wished} />
            </span>
          </IconButton>
        }
      />
      <div className="page-body">
        <ProductImage product={product} className="product-hero" />
        <div className="product-info">
          <span className="product-brand">{product.brand.name}</span>
          <h2 className="product-title" data-testid="product-title">
            {product.name}
          </h2>
          <p className="product-hero-price">{formatMoney(product.price, lang)}</p>
          <div className="product-badges">
            <span className="badge badge-yellow">{t(`shop.kind.${product.kind}`)}</span>
            <span className="badge badge-plain">{t('shop.validity', { count: product.validityDays })}</span>
          </div>
          <p className="product-note">
            {product.kind === 'cash' ? t('shop.cashNote', { value: formatMoney(product.faceValue, lang) }) : t('shop.exchangeNote')}
          </p>
        </div>

        {product.options.map((group) => (
          <fieldset key={group.name} className="product-options">
            <legend className="section-title">{group.name}</legend>
            <div className="chip-row">
              {group.values.map((value) => (
                <label key={value} className={`chip ${option === value ? 'is-on' : ''}`}>
                  <input type="radio" className="sr-only" name="option" value={value} checked={option === value} onChange={() => setOption(value)} />
                  {value}
                </label>
              ))}
            </div>
          </fieldset>
        ))}

        {recipients.people.length > 0 ? <RecipientBanner people={recipients.people} onClear={() => recipients.setIds([])} /> : null}
      </div>

      <div className="product-actions">
        <button
          type="button"
          className="btn btn-primary btn-block btn-large"
          onClick={() => setStep(recipients.people.length > 0 ? 'send' : 'pick-then-send')}
          data-testid="gift-start"
        >
          <IconGift size={20} />
          {sole ? t('shop.giftTo', { name: sole.displayName }) : recipients.people.length > 1 ? t('shop.giftToMany', { count: recipients.people.length }) : t('shop.gift')}
        </button>
      </div>

      {step === 'send' || step === 'pick' ? (
        <SendGiftSheet
          product={product}
          option={option}
          recipients={recipients.people}
          initialTemplate={birthdaySoon ? 'birthday' : 'plain'}
          onEditRecipients={() => setStep('pick')}
          onClose={() => setStep(null)}
        />
      ) : null}
      {step === 'pick' || step === 'pick-then-send' ? (
        <FriendPicker
          sheetTitle={t('gifts.send.chooseFriends')}
          testId="gift-friend-picker"
          exclude={[]}
          initial={(recipients.friends ?? []).filter((f) => recipients.ids.includes(f.user.id))}
          max={MAX_RECIPIENTS}
          pending={false}
          error={null}
          extra={<p className="field-hint picker-hint">{t('gifts.send.upTo', { count: MAX_RECIPIENTS })}</p>}
          submitLabel={(count) => t('gifts.send.next', { count })}
          submitTestId="gift-friends-next"
          onClose={() => setStep(step === 'pick' ? 'send' : null)}
          onSubmit={(ids) => {
            recipients.setIds(ids);
            setStep('send');
          }}
        />
      ) : null}
    </div>
  );
}
