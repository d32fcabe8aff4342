import type { UserActor } from '../platform/actor';
import type { AccountsService } from '../modules/accounts';
import type { ChatService } from '../modules/chat';
import type { ChannelChat } from '../modules/commerce';

const system = { kind: 'system' as const };

/**
 * The channel's account, as chat sees it. Commerce calls this only after checking that its caller is the channel's
 * staff, who answer customers as the channel rather than as themselves.
 */
function speakingFor(accountId: string): UserActor {
  return { kind: 'user', userId: accountId, role: 'user', sessionId: 'channel', ip: 'server' };
}

/**
 * Channels in chat: each channel has an account that is the other member of every customer's `channel` room. Posts
 * arrive there as messages; staff read and answer customers through the same rooms. A delivery gift, like a coupon
 * gift, arrives in the sender's direct room with the recipient.
 */
export function channelChat(chat: ChatService, accounts: AccountsService): ChannelChat {
  return {
    createAccount: (displayName) => accounts.channelAccount(system, displayName),
    renameAccount: (accountId, displayName) => accounts.renameAccount(system, accountId, displayName),
    openRoom: (accountId, customerId) => chat.channelRoom(system, { channelAccountId: accountId, customerId }),
    async post(accountId, customerId, message) {
      await chat.postCard(system, { fromUserId: accountId, toUserId: customerId, room: 'channel', clientMsgId: message.clientMsgId, card: message.card });
    },
    rooms: (accountId) => chat.listRooms(speakingFor(accountId)),
    history: async (accountId, roomId, limit) => (await chat.history(speakingFor(accountId), roomId, { limit })).messages,
    read: (accountId, roomId, seq) => chat.read(speakingFor(accountId), roomId, seq),
    answer: (accountId, roomId, input) => chat.send(speakingFor(accountId), roomId, { clientMsgId: input.clientMsgId, kind: 'text', body: { text: input.text } }),
    async deliveryGift(gift, event, tx) {
      const from = event === 'refused' || event === 'accepted' ? gift.recipientId : gift.senderId;
      await chat.postCard(
        system,
        {
          fromUserId: from,
          toUserId: from === gift.senderId ? gift.recipientId : gift.senderId,
          clientMsgId: `delivery-${event}-${gift.orderId}`,
          card: {
            type: 'delivery_gift',
            event,
            orderId: gift.orderId,
            productName: gift.productName,
            channelName: gift.channelName,
            imageUrl: gift.imageUrl,
            card: gift.card,
          },
        },
        tx,
      );
    },
  };
}
