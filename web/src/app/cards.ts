import { certificateCard } from '../features/certificates';
import { registerCard } from '../features/chat';
import { deliveryGiftCard, postCard } from '../features/commerce';
import { giftCard } from '../features/gifts';
import { profileEventCard } from '../features/profiles';
import { subscriptionCard } from '../features/subscriptions';

/** Every chat card the app draws, one entry per type (`ChatCard` in protocol); chat itself imports none of them. */
export function registerCards(): void {
  registerCard('gift', giftCard);
  registerCard('delivery_gift', deliveryGiftCard);
  registerCard('post', postCard);
  registerCard('certificate', certificateCard);
  registerCard('profile_event', profileEventCard);
  registerCard('subscription', subscriptionCard);
}
