import type { Gift } from '@maum/protocol';
import type { ChatService } from '../modules/chat';
import type { GiftMessenger } from '../modules/gifts';

const system = { kind: 'system' as const };

/**
 * Gifts in chat: a gift arrives as a `gift` message from its sender in their direct room; a refusal or a
 * cancellation is told in the same room, by the person who did it.
 */
export function chatGiftMessenger(chat: ChatService): GiftMessenger {
  return {
    async post(gift: Gift, event) {
      const from = event === 'refused' ? gift.recipient.id : gift.sender.id;
      const to = from === gift.sender.id ? gift.recipient.id : gift.sender.id;
      await chat.postAs(system, {
        fromUserId: from,
        toUserId: to,
        kind: 'gift',
        clientMsgId: `gift-${event}-${gift.id}`,
        body: {
          giftId: gift.id,
          event,
          productName: gift.product.name,
          brandName: gift.product.brand.name,
          imageUrl: gift.product.imageUrl,
          card: gift.card,
        },
      });
    },
  };
}
