import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { GiftBubbleFrame, sharedGiftHeadline, UnreadableGift } from '../../gifts/GiftBubbleFrame';
import { readShopGiftBody, type ShopGiftMessageBody } from '../format';
import { DeliveryGiftSheet } from './DeliveryGiftSheet';

/** A product sent to someone's door, as it shows in the chat; Open lets the recipient accept it with their address. */
export function DeliveryGiftBubble({ body, mine, senderName }: { body: Record<string, unknown>; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  const gift = readShopGiftBody(body);
  if (!gift) return <UnreadableGift />;
  return (
    <GiftBubbleFrame
      event={gift.event}
      data={{ 'data-order-id': gift.orderId }}
      card={gift.card}
      headline={headline(t, gift, mine, senderName)}
      imageUrl={gift.imageUrl}
      seller={gift.channelName}
      productName={gift.productName}
      subtitle={t('commerce.gift.delivered')}
      sheet={(close) => <DeliveryGiftSheet orderId={gift.orderId} onClose={close} />}
    />
  );
}

// `mine` is whoever posted the message: the recipient for `accepted`, as for `refused`.
function headline(t: TFunction, gift: ShopGiftMessageBody, mine: boolean, name: string): string {
  if (gift.event === 'accepted') return mine ? t('commerce.gift.acceptedMine') : t('commerce.gift.acceptedTheirs', { name });
  return sharedGiftHeadline(t, gift.event, mine, name);
}
