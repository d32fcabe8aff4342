import type { ChatService } from '../modules/chat';
import type { OpenRoomChat } from '../modules/openlink';

const system = { kind: 'system' as const };

/** An open room's members and messages live in chat, in a room of kind `open` with the open room's id. */
export function openRoomChat(chat: ChatService): OpenRoomChat {
  return {
    create: (input, tx) => chat.createOpenRoom(system, input, tx),
    join: (input, tx) => chat.joinOpenRoom(system, input, tx),
    leave: (input, tx) => chat.leaveOpenRoom(system, input, tx),
  };
}
