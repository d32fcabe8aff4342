import { certificateCard } from '../features/certificates/CertificateBubble';
import { registerCard } from '../features/chat/cards';
import { postCard } from '../features/commerce/channels/PostCard';
import { deliveryGiftCard } from '../features/commerce/orders/DeliveryGiftBubble';
import { giftCard } from '../features/gifts/GiftBubble';

/** Every chat card the app draws, one entry per type (`ChatCard` in protocol); chat itself imports none of them. */
export function registerCards(): void {
  registerCard('gift', giftCard);
  registerCard('delivery_gift', deliveryGiftCard);
  registerCard('post', postCard);
  registerCard('certificate', certificateCard);
}
