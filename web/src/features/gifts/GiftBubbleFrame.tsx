import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { GiftCardArt } from './GiftCardArt';
import type { CardTemplate } from './format';
import './gifts.css';

interface Props {
  event: string;
  /** `data-*` attributes that name the gift for tests and styling, e.g. `{ 'data-gift-id': … }`. */
  data: Record<`data-${string}`, string>;
  card: { template: CardTemplate; text: string };
  headline: string;
  imageUrl: string;
  /** Who sells it: a gift shop brand, or a shop channel. */
  seller: string;
  productName: string;
  subtitle?: ReactNode;
  /** The sheet that Open shows. */
  sheet: (close: () => void) => ReactNode;
}

/** How every gift looks in a chat, coupon or delivered: the card when it was sent, the product, and Open. */
export function GiftBubbleFrame({ event, data, card, headline, imageUrl, seller, productName, subtitle, sheet }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className={`gift-bubble gift-bubble-${event}`} data-testid="gift-bubble" {...data} data-event={event}>
      {event === 'sent' ? <GiftCardArt template={card.template} text={card.text} compact /> : null}
      <p className="gift-bubble-line">{headline}</p>
      <div className="gift-bubble-product">
        {imageUrl ? <img className="gift-bubble-image" src={imageUrl} alt="" loading="lazy" decoding="async" /> : null}
        <span className="gift-bubble-names">
          <span className="product-brand">{seller}</span>
          <span className="product-name">{productName}</span>
          {subtitle ? <span className="row-subtitle">{subtitle}</span> : null}
        </span>
      </div>
      <button type="button" className="btn btn-primary btn-small btn-block" onClick={() => setOpen(true)} data-testid="gift-open">
        {t('gifts.bubble.open')}
      </button>
      {open ? sheet(() => setOpen(false)) : null}
    </div>
  );
}

/**
 * The headline both kinds of gift share. `mine` is whoever posted the message: the sender for `sent` and
 * `cancelled`, the recipient for `refused`.
 */
export function sharedGiftHeadline(t: TFunction, event: 'sent' | 'refused' | 'cancelled', mine: boolean, name: string): string {
  switch (event) {
    case 'sent':
      return mine ? t('gifts.bubble.sentMine') : t('gifts.bubble.sentTheirs', { name });
    case 'refused':
      return mine ? t('gifts.bubble.refusedMine') : t('gifts.bubble.refusedTheirs', { name });
    case 'cancelled':
      return mine ? t('gifts.bubble.cancelledMine') : t('gifts.bubble.cancelledTheirs', { name });
  }
}
