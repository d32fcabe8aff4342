import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeliveryGiftChatCard } from '@maum/protocol';
import type { CardRenderer } from '../../chat';
import { GiftBubbleFrame, giftPreview, sharedGiftHeadline } from '../../gifts';
import { walletKeys } from '../../wallet';
import { DeliveryGiftSheet } from './DeliveryGiftSheet';

/** A product sent to someone's door, as it shows in the chat; Open lets the recipient accept it with their address. */
function DeliveryGiftBubble({ card: gift, mine, senderName }: { card: DeliveryGiftChatCard; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  return (
    <GiftBubbleFrame
      event={gift.event}
      data={{ 'data-order-id': gift.orderId }}
      card={gift.card}
      headline={headline(t, gift, mine, senderName)}
      imageUrl={gift.imageUrl ?? ''}
      seller={gift.channelName}
      productName={gift.productName}
      subtitle={t('commerce.gift.delivered')}
      sheet={(close) => <DeliveryGiftSheet orderId={gift.orderId} onClose={close} />}
    />
  );
}

// `mine` is whoever posted the message: the recipient for `accepted`, as for `refused`.
function headline(t: TFunction, gift: DeliveryGiftChatCard, mine: boolean, name: string): string {
  if (gift.event === 'accepted') return mine ? t('commerce.gift.acceptedMine') : t('commerce.gift.acceptedTheirs', { name });
  return sharedGiftHeadline(t, gift.event, mine, name);
}

/** A delivery gift card; a refusal or a cancellation pays the sender back. */
export const deliveryGiftCard: CardRenderer<'delivery_gift'> = {
  Bubble: DeliveryGiftBubble,
  preview: giftPreview,
  arrived(queryClient) {
    void queryClient.invalidateQueries({ queryKey: walletKeys.root });
  },
};
