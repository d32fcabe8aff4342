import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeliveryGiftChatCard, GiftChatCard } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { shortDate } from '../../ui/time';
import type { CardRenderer } from '../chat';
import { walletKeys } from '../wallet';
import { giftKeys } from './api';
import { GiftBubbleFrame, sharedGiftHeadline } from './GiftBubbleFrame';
import { GiftSheet } from './GiftSheet';

/** A gift in the conversation: the card as designed, the product, and a button that opens the gift. */
function GiftBubble({ card: gift, mine, senderName }: { card: GiftChatCard; mine: boolean; senderName: string }) {
  const { t } = useTranslation();
  return (
    <GiftBubbleFrame
      event={gift.event}
      data={{ 'data-gift-id': gift.giftId }}
      card={gift.card}
      headline={headline(t, gift, mine, senderName)}
      imageUrl={gift.imageUrl ?? ''}
      seller={gift.brandName}
      productName={gift.productName}
      subtitle={gift.event === 'expiring' && gift.expiresAt ? t('gifts.coupon.useBy', { date: shortDate(gift.expiresAt, currentLanguage()) }) : null}
      sheet={(close) => <GiftSheet giftId={gift.giftId} onClose={close} />}
    />
  );
}

function headline(t: TFunction, gift: GiftChatCard, mine: boolean, name: string): string {
  if (gift.event === 'expiring') return gift.daysLeft !== null ? t('gifts.bubble.expiring', { count: gift.daysLeft }) : t('gifts.bubble.expiringSoon');
  return sharedGiftHeadline(t, gift.event, mine, name);
}

/** What a chat list says of a gift, coupon or delivered. */
export function giftPreview(t: TFunction, card: Pick<GiftChatCard | DeliveryGiftChatCard, 'event' | 'productName'>): string {
  const product = card.productName;
  switch (card.event) {
    case 'accepted':
      return t('chat.giftAccepted', { product });
    case 'refused':
      return t('chat.giftRefused', { product });
    case 'cancelled':
      return t('chat.giftCancelled', { product });
    case 'expiring':
      return t('chat.giftExpiring', { product });
    default:
      return product ? t('chat.giftSent', { product }) : t('chat.gift');
  }
}

/** A coupon gift card; a gift sent, refused or cancelled changes gift boxes and wallets too. */
export const giftCard: CardRenderer<'gift'> = {
  Bubble: GiftBubble,
  preview: giftPreview,
  arrived(queryClient, card) {
    void queryClient.invalidateQueries({ queryKey: giftKeys.box });
    void queryClient.invalidateQueries({ queryKey: giftKeys.sent });
    void queryClient.invalidateQueries({ queryKey: giftKeys.gift(card.giftId) });
    void queryClient.invalidateQueries({ queryKey: walletKeys.root });
  },
};
