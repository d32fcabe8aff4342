import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GiftOrder, GiftProduct, PublicProfile } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/money';
import { Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useShopHome, useWishlist } from './api';
import { occasionProduct, type CardTemplate } from './format';
import { ProductImage } from './ProductCard';
import { SendGiftSheet } from './SendGiftSheet';
import './gifts.css';

interface Props {
  /** The friend whose event it is: the gift goes to them alone. */
  recipient: PublicProfile;
  occasion: { profileEventId: string };
  /** The card the event calls for (a birthday card for a birthday). */
  template: CardTemplate;
  /** A line above the card, such as the event's name. */
  note?: ReactNode;
  onSent?: (order: GiftOrder) => void;
  onClose: () => void;
}

/**
 * A gift for a friend's event in two taps: it opens with a product already chosen (the friend's first wish, else the
 * shop's first birthday pick) and the event's card, so Pay sends it; the product can still be changed.
 */
export function OccasionGiftSheet({ recipient, occasion, template, note, onSent, onClose }: Props) {
  const { t } = useTranslation();
  const home = useShopHome();
  const wishes = useWishlist(recipient.id);
  const [chosen, setChosen] = useState<GiftProduct | null>(null);
  const [choosing, setChoosing] = useState(false);
  // A wish list the friend keeps to themselves answers with an error: the shop's picks stand in.
  const settled = !home.isPending && !wishes.isPending;
  const product = chosen ?? (settled ? occasionProduct(wishes.data, home.data?.birthday, home.data?.popular) : undefined);

  if (!settled || !product) {
    return (
      <Sheet onClose={onClose} title={t('gifts.send.title')} size="full" testId="send-gift-sheet">
        {!settled ? (
          <div className="room-loading">
            <Spinner size={28} label={t('common.loading')} />
          </div>
        ) : home.isError ? (
          <ErrorState error={home.error} onRetry={() => void home.refetch()} />
        ) : (
          <EmptyState title={t('gifts.send.noProducts')} />
        )}
      </Sheet>
    );
  }

  return (
    <>
      <SendGiftSheet
        key={product.id}
        product={product}
        option={product.options[0]?.values[0] ?? null}
        recipients={[recipient]}
        initialTemplate={template}
        occasion={occasion}
        note={note}
        onChangeProduct={() => setChoosing(true)}
        onSent={onSent}
        onClose={onClose}
      />
      {choosing ? (
        <ProductChoiceSheet
          sections={[
            { title: t('gifts.wishlistOf', { name: recipient.displayName }), products: wishes.data ?? [] },
            { title: t('shop.forBirthday'), products: home.data?.birthday ?? [] },
            { title: t('shop.popular'), products: home.data?.popular ?? [] },
          ]}
          current={product.id}
          onPick={(next) => {
            setChosen(next);
            setChoosing(false);
          }}
          onClose={() => setChoosing(false)}
        />
      ) : null}
    </>
  );
}

/** Another product for a gift already under way, from a few short lists. */
function ProductChoiceSheet({
  sections,
  current,
  onPick,
  onClose,
}: {
  sections: { title: string; products: readonly GiftProduct[] }[];
  current: string;
  onPick: (product: GiftProduct) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Sheet onClose={onClose} title={t('gifts.send.changeProduct')} size="full" testId="gift-product-choice">
      {sections
        .filter((section) => section.products.length > 0)
        .map((section) => (
          <section key={section.title} className="list-section">
            <h3 className="section-title">{section.title}</h3>
            <ul className="list">
              {section.products.map((product) => (
                <li key={product.id}>
                  <button
                    type="button"
                    className={`row product-row product-choice ${product.id === current ? 'is-on' : ''}`}
                    aria-pressed={product.id === current}
                    onClick={() => onPick(product)}
                    data-testid="gift-product-option"
                    data-product-name={product.name}
                  >
                    <ProductImage product={product} className="product-row-image" />
                    <span className="row-text">
                      <span className="product-brand">{product.brand.name}</span>
                      <span className="product-name">{product.name}</span>
                      <span className="product-price">{formatMoney(product.price, lang)}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Sheet>
  );
}
