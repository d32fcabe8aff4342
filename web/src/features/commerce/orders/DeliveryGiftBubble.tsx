import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { IconGift } from '../../../ui/Icons';
import { GiftCardArt } from '../../gifts/GiftCardArt';
import { readShopGiftBody, type ShopGiftMessageBody } from '../format';
import { DeliveryGiftSheet } from './DeliveryGiftSheet';

/** A product sent to someone's door, as it shows in the chat; Open lets the recipient accept it with their address. */
export function DeliveryGiftBubble({ body, mine, senderName }: { body: Record<string, unknown>; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const gift = readShopGiftBody(body);
  if (!gift) {
    return (
      <p className="bubble-text">
        <IconGift size={16} /> {t('chat.gift')}
      </p>
    );
  }
  return (
    <div className={`gift-bubble gift-bubble-${gift.event}`} data-testid="gift-bubble" data-order-id={gift.orderId} data-event={gift.event}>
      {gift.event === 'sent' ? <GiftCardArt template={gift.card.template} text={gift.card.text} compact /> : null}
      <p className="gift-bubble-line">{headline(t, gift, mine, senderName)}</p>
      <div className="gift-bubble-product">
        {gift.imageUrl ? <img className="gift-bubble-image" src={gift.imageUrl} alt="" loading="lazy" decoding="async" /> : null}
        <span className="gift-bubble-names">
          <span className="product-brand">{gift.channelName}</span>
          <span className="product-name">{gift.productName}</span>
          <span className="row-subtitle">{t('commerce.gift.delivered')}</span>
        </span>
      </div>
      <button type="button" className="btn btn-primary btn-small btn-block" onClick={() => setOpen(true)} data-testid="gift-open">
        {t('gifts.bubble.open')}
      </button>
      {open ? <DeliveryGiftSheet orderId={gift.orderId} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

// `mine` is whoever posted the message: the sender for `sent` and `cancelled`, the recipient for `accepted` and `refused`.
function headline(t: TFunction, gift: ShopGiftMessageBody, mine: boolean, name: string): string {
  switch (gift.event) {
    case 'sent':
      return mine ? t('gifts.bubble.sentMine') : t('gifts.bubble.sentTheirs', { name });
    case 'accepted':
      return mine ? t('commerce.gift.acceptedMine') : t('commerce.gift.acceptedTheirs', { name });
    case 'refused':
      return mine ? t('gifts.bubble.refusedMine') : t('gifts.bubble.refusedTheirs', { name });
    case 'cancelled':
      return mine ? t('gifts.bubble.cancelledMine') : t('gifts.bubble.cancelledTheirs', { name });
  }
}
