import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gift, GiftProduct } from '@maum/protocol';
import { isApiError } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { formatMoney, formatSignedMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useExchangeGift, useProducts } from './api';
import { ProductImage } from './ProductCard';
import { TopUpLink } from '../wallet';
import './gifts.css';

/** Swaps a received gift for another product of its brand; a dearer one is topped up from the wallet. */
export function ExchangeSheet({ gift, onClose }: { gift: Gift; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const products = useProducts({ brandId: gift.product.brand.id, sort: 'price_asc' });
  const exchange = useExchangeGift(gift.id);
  const [picked, setPicked] = useState<{ product: GiftProduct; option: string | null } | null>(null);
  const others = (products.data ?? []).filter((p) => p.id !== gift.product.id);
  const difference = picked ? picked.product.price.amount - gift.product.price.amount : 0;

  const choose = (product: GiftProduct) => setPicked({ product, option: product.options.flatMap((o) => o.values)[0] ?? null });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!picked || exchange.isPending) return;
    exchange.pay(
      { productId: picked.product.id, ...(picked.option ? { option: picked.option } : {}) },
      {
        onSuccess: () => {
          toast(t('gifts.exchange.done', { product: picked.product.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Sheet onClose={onClose} title={t('gifts.exchange.title')} size="full" testId="exchange-sheet">
      <form className="exchange" onSubmit={submit}>
        <p className="muted exchange-intro">{t('gifts.exchange.intro', { brand: gift.product.brand.name, price: formatMoney(gift.product.price, lang) })}</p>
        <div className="exchange-list">
          {products.isPending ? (
            <div className="room-loading">
              <Spinner size={24} label={t('common.loading')} />
            </div>
          ) : products.isError && !products.data ? (
            <ErrorState error={products.error} onRetry={() => void products.refetch()} />
          ) : others.length === 0 ? (
            <EmptyState title={t('gifts.exchange.nothing')} />
          ) : (
            <ul className="list" role="radiogroup" aria-label={t('gifts.exchange.title')}>
              {others.map((product) => {
                const on = picked?.product.id === product.id;
                const diff = product.price.amount - gift.product.price.amount;
                return (
                  <li key={product.id}>
                    <label className={`row exchange-row ${on ? 'is-on' : ''}`} data-testid="exchange-product" data-product-name={product.name}>
                      <input type="radio" className="sr-only" name="exchange" checked={on} onChange={() => choose(product)} />
                      <ProductImage product={product} className="product-row-image" />
                      <span className="row-text">
                        <span className="product-name">{product.name}</span>
                        <span className="product-price">{formatMoney(product.price, lang)}</span>
                      </span>
                      <span className={`exchange-diff ${diff > 0 ? 'is-more' : ''}`}>{diff === 0 ? t('gifts.exchange.same') : formatSignedMoney(diff, lang)}</span>
                    </label>
                    {on && product.options.length > 0 ? (
                      <div className="chip-row exchange-options">
                        {product.options.flatMap((o) => o.values).map((value) => (
                          <label key={value} className={`chip ${picked.option === value ? 'is-on' : ''}`}>
                            <input type="radio" className="sr-only" name="exchange-option" checked={picked.option === value} onChange={() => setPicked({ product, option: value })} />
                            {value}
                          </label>
                        ))}
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="picker-footer">
          {picked ? (
            <p className="exchange-summary" data-testid="exchange-difference">
              {difference > 0
                ? t('gifts.exchange.payMore', { amount: formatMoney(difference, lang) })
                : difference < 0
                  ? t('gifts.exchange.getBack', { amount: formatMoney(-difference, lang) })
                  : t('gifts.exchange.samePrice')}
            </p>
          ) : null}
          <ErrorMessage error={exchange.error} overrides={{ too_late: t('gifts.sheet.tooLate') }} />
          {isApiError(exchange.error) && exchange.error.code === 'insufficient_funds' ? <TopUpLink /> : null}
          <button type="submit" className="btn btn-primary btn-block btn-large" disabled={!picked || exchange.isPending} aria-busy={exchange.isPending} data-testid="exchange-submit">
            {t('gifts.exchange.submit')}
          </button>
        </div>
      </form>
    </Sheet>
  );
}
