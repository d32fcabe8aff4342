import type { Gift, GiftChatCard } from '@maum/protocol';
import type { AccountsService } from '../modules/accounts';
import type { ChatService } from '../modules/chat';
import type { GiftMessenger } from '../modules/gifts';

const system = { kind: 'system' as const };

function giftCard(gift: Gift, event: GiftChatCard['event'], expiry?: { expiresAt: string; daysLeft: number }): GiftChatCard {
  return {
    type: 'gift',
    event,
    giftId: gift.id,
    productName: gift.product.name,
    brandName: gift.product.brand.name,
    imageUrl: gift.product.imageUrl,
    card: gift.card,
    expiresAt: expiry?.expiresAt ?? null,
    daysLeft: expiry?.daysLeft ?? null,
  };
}

/** The cards telling of `event`, each from the person who did it to the other, in their direct room. */
function cardsOf(gifts: Gift[], event: 'sent' | 'refused' | 'cancelled') {
  return gifts.map((gift) => {
    const from = event === 'refused' ? gift.recipient.id : gift.sender.id;
    const to = from === gift.sender.id ? gift.recipient.id : gift.sender.id;
    return { fromUserId: from, toUserId: to, clientMsgId: `gift-${event}-${gift.id}`, card: giftCard(gift, event) };
  });
}

/**
 * Gifts in chat: a gift arrives as a card from its sender in their direct room; a refusal or a cancellation is told
 * in the same room, by the person who did it, in the transaction that moved the money. Expiry notices come from the
 * Maum Gift account, in the holder's direct room with it.
 */
export function chatGiftMessenger(chat: ChatService, accounts: AccountsService): GiftMessenger {
  return {
    async post(gifts, event, tx) {
      await chat.postCards(system, cardsOf(gifts, event), tx);
    },
    async postTogether(gifts, tx, blockers) {
      await chat.postCardsIn(system, cardsOf(gifts, 'sent'), tx, blockers);
    },
    async expiryNotice(gift, holderId, days) {
      const expiresAt = gift.coupon?.expiresAt ?? '';
      await chat.postCard(system, {
        fromUserId: await accounts.serviceAccount(system, 'maum_gift'),
        toUserId: holderId,
        clientMsgId: `coupon-expiring-${gift.id}-${expiresAt.slice(0, 10)}-${days}`,
        card: giftCard(gift, 'expiring', { expiresAt, daysLeft: days }),
      });
    },
  };
}
