import type { AccountsService } from '../modules/accounts';
import type { ChatService } from '../modules/chat';
import type { OpenlinkService, OpenRoomHooks } from '../modules/openlink';
import type { ReceiptCards, RoomSeats, SubscribedRooms, SubscriptionsService } from '../modules/subscriptions';

const system = { kind: 'system' as const };

/** Subscriptions read rooms, hosts and members from OpenLink. */
export function subscribedRooms(openlink: OpenlinkService): SubscribedRooms {
  return {
    room: (roomId, userId) => openlink.roomForSubscriptions(system, roomId, userId),
    rooms: (roomIds, tx) => openlink.roomHosts(system, roomIds, tx),
    async memberIds(roomId, userIds) {
      const wanted = new Set(userIds);
      const members = await openlink.memberAccounts(system, roomId);
      return new Map(members.filter((m) => wanted.has(m.userId)).map((m) => [m.userId, m.memberId]));
    },
    members: (roomId) => openlink.memberAccounts(system, roomId),
  };
}

/** A subscribers-only room's chat: members whose subscription ended are suspended, and restored when they pay. */
export function chatRoomSeats(chat: ChatService): RoomSeats {
  return {
    suspend: (tx, roomId, userIds) => chat.suspendOpenMembers(system, { roomId, userIds }, tx),
    restore: (tx, roomId, userIds) => chat.restoreOpenMembers(system, { roomId, userIds }, tx),
  };
}

/** Receipts and notices: a card from the Maum Subscriptions account, in the subscriber's direct room with it. */
export function chatReceiptCards(chat: ChatService, accounts: AccountsService): ReceiptCards {
  // The account never changes once made: it is looked up (or made) once per process.
  let sender: Promise<string> | undefined;
  return {
    sender: () =>
      (sender ??= accounts.serviceAccount(system, 'maum_subscriptions').catch((err: unknown) => {
        sender = undefined;
        throw err;
      })),
    post: (tx, input) => chat.postCard(system, input, tx),
    oweMany: async (tx, inputs) => ({ owed: await chat.oweCards(system, inputs, tx) }),
    postOwed: (batches) => chat.postOwedInBackground(system, batches.flatMap((b) => b.owed as Awaited<ReturnType<ChatService['oweCards']>>)),
  };
}

/**
 * OpenLink asks subscriptions who may enter a subscribers-only room, and tells it of members taken out and rooms
 * closed (refunds, in OpenLink's transaction). Subscriptions is made after OpenLink, so it is handed over once it exists.
 */
export function subscriptionRoomHooks(subscriptions: () => SubscriptionsService): OpenRoomHooks {
  return {
    mayEnter: (roomId, userId) => subscriptions().mayEnter(system, roomId, userId),
    prepare: () => subscriptions().prepare(system),
    removed: (tx, input) => subscriptions().memberRemoved(system, tx, input),
    closed: (tx, roomId) => subscriptions().roomClosed(system, tx, roomId),
  };
}
