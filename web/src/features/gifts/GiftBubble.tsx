import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { IconGift } from '../../ui/Icons';
import { shortDate } from '../../ui/time';
import { DeliveryGiftBubble } from '../commerce/orders/DeliveryGiftBubble';
import { GiftCardArt } from './GiftCardArt';
import { GiftSheet } from './GiftSheet';
import { readGiftBody, type GiftMessageBody } from './format';

interface Props {
  body: Record<string, unknown>;
  mine: boolean;
  senderName: string;
}

/** A gift in the conversation: the card as designed, the product, and a button that opens the gift. */
export function GiftBubble(props: Props) {
  // A product delivered to the door names its order instead of a coupon gift.
  if (typeof props.body.orderId === 'string') return <DeliveryGiftBubble {...props} />;
  return <CouponGiftBubble {...props} />;
}

function CouponGiftBubble({ body, mine, senderName }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const gift = readGiftBody(body);
  if (!gift) {
    return (
      <p className="bubble-text">
        <IconGift size={16} /> {t('chat.gift')}
      </p>
    );
  }
  return (
    <div className={`gift-bubble gift-bubble-${gift.event}`} data-testid="gift-bubble" data-gift-id={gift.giftId} data-event={gift.event}>
      {gift.event === 'sent' ? <GiftCardArt template={gift.card.template} text={gift.card.text} compact /> : null}
      <p className="gift-bubble-line">{headline(t, gift, mine, senderName)}</p>
      <div className="gift-bubble-product">
        {gift.imageUrl ? <img className="gift-bubble-image" src={gift.imageUrl} alt="" loading="lazy" decoding="async" /> : null}
        <span className="gift-bubble-names">
          <span className="product-brand">{gift.brandName}</span>
          <span className="product-name">{gift.productName}</span>
          {gift.event === 'expiring' && gift.expiresAt ? (
            <span className="row-subtitle">{t('gifts.coupon.useBy', { date: shortDate(gift.expiresAt, currentLanguage()) })}</span>
          ) : null}
        </span>
      </div>
      <button type="button" className="btn btn-primary btn-small btn-block" onClick={() => setOpen(true)} data-testid="gift-open">
        {t('gifts.bubble.open')}
      </button>
      {open ? <GiftSheet giftId={gift.giftId} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

function headline(t: TFunction, gift: GiftMessageBody, mine: boolean, name: string): string {
  switch (gift.event) {
    case 'sent':
      return mine ? t('gifts.bubble.sentMine') : t('gifts.bubble.sentTheirs', { name });
    case 'refused':
      return mine ? t('gifts.bubble.refusedMine') : t('gifts.bubble.refusedTheirs', { name });
    case 'cancelled':
      return mine ? t('gifts.bubble.cancelledMine') : t('gifts.bubble.cancelledTheirs', { name });
    case 'expiring':
      return gift.daysLeft !== null ? t('gifts.bubble.expiring', { count: gift.daysLeft }) : t('gifts.bubble.expiringSoon');
  }
}
