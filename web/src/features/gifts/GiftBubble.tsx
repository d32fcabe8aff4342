import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { shortDate } from '../../ui/time';
import { DeliveryGiftBubble } from '../commerce/orders/DeliveryGiftBubble';
import { GiftBubbleFrame, sharedGiftHeadline, UnreadableGift } from './GiftBubbleFrame';
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
  const gift = readGiftBody(body);
  if (!gift) return <UnreadableGift />;
  return (
    <GiftBubbleFrame
      event={gift.event}
      data={{ 'data-gift-id': gift.giftId }}
      card={gift.card}
      headline={headline(t, gift, mine, senderName)}
      imageUrl={gift.imageUrl}
      seller={gift.brandName}
      productName={gift.productName}
      subtitle={gift.event === 'expiring' && gift.expiresAt ? t('gifts.coupon.useBy', { date: shortDate(gift.expiresAt, currentLanguage()) }) : null}
      sheet={(close) => <GiftSheet giftId={gift.giftId} onClose={close} />}
    />
  );
}

function headline(t: TFunction, gift: GiftMessageBody, mine: boolean, name: string): string {
  if (gift.event === 'expiring') return gift.daysLeft !== null ? t('gifts.bubble.expiring', { count: gift.daysLeft }) : t('gifts.bubble.expiringSoon');
  return sharedGiftHeadline(t, gift.event, mine, name);
}
