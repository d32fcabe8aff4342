import type { Gift } from '@maum/protocol';
import type { AccountsService } from '../modules/accounts';
import type { ChatService } from '../modules/chat';
import type { GiftMessenger } from '../modules/gifts';

const system = { kind: 'system' as const };

function giftBody(gift: Gift) {
  return {
    giftId: gift.id,
    productName: gift.product.name,
    brandName: gift.product.brand.name,
    imageUrl: gift.product.imageUrl,
    card: gift.card,
  };
}

/**
 * Gifts in chat: a gift arrives as a `gift` message from its sender in their direct room; a refusal or a
 * cancellation is told in the same room, by the person who did it. Expiry notices come from the Maum Gift account,
 * in the holder's direct room with it.
 */
export function chatGiftMessenger(chat: ChatService, accounts: AccountsService): GiftMessenger {
  return {
    async post(gift, event) {
      const from = event === 'refused' ? gift.recipient.id : gift.sender.id;
      const to = from === gift.sender.id ? gift.recipient.id : gift.sender.id;
      await chat.postAs(system, {
        fromUserId: from,
        toUserId: to,
        kind: 'gift',
        clientMsgId: `gift-${event}-${gift.id}`,
        body: { ...giftBody(gift), event },
      });
    },
    async expiryNotice(gift, holderId, days) {
      const expiresAt = gift.coupon?.expiresAt ?? '';
      await chat.postAs(system, {
        fromUserId: await accounts.serviceAccount(system, 'maum_gift'),
        toUserId: holderId,
        kind: 'gift',
        clientMsgId: `coupon-expiring-${gift.id}-${expiresAt.slice(0, 10)}-${days}`,
        body: { ...giftBody(gift), event: 'expiring', expiresAt, daysLeft: days },
      });
    },
  };
}
