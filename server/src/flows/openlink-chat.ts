import type { ChatService, OpenRoomPolicy } from '../modules/chat';
import type { OpenlinkService, OpenRoomChat, TranslationsService } from '../modules/openlink';
import type { SubscriptionsService } from '../modules/subscriptions';

const system = { kind: 'system' as const };

/** An open room's members and messages live in chat, in a room of kind `open` with the open room's id. */
export function openRoomChat(chat: ChatService): OpenRoomChat {
  return {
    create: (input, tx) => chat.createOpenRoom(system, input, tx),
    join: (input, tx) => chat.joinOpenRoom(system, input, tx),
    leave: (input, tx) => chat.leaveOpenRoom(system, input, tx),
    converse: (input, tx) => chat.createOpenConversation(system, input, tx),
    setFace: (input) => chat.setOpenFace(system, input),
    recent: (roomId, limit) => chat.recentInOpenRoom(system, roomId, limit),
    words: (input) => chat.wordsInOpenRoom(system, input),
    hide: (roomId, seq) => chat.hideInOpenRoom(system, roomId, seq),
  };
}

/**
 * Chat asks OpenLink whether a member may post in an open room, and tells it of each message posted (to translate it
 * for the room); a member reading an open room's messages is use of a subscription to it. Chat is made before OpenLink
 * and subscriptions (which need chat), so they are handed over once they exist.
 */
export function openRoomPolicy(
  openlink: () => { openlink: OpenlinkService; translations: TranslationsService },
  subscriptions: () => SubscriptionsService,
): OpenRoomPolicy {
  return {
    admit: (input) => openlink().openlink.admitPost(system, input),
    posted: (input) => openlink().translations.translateNew(system, input),
    opened: ({ roomId, userId }) => void subscriptions().markUsed(system, roomId, userId).catch(() => undefined),
  };
}
