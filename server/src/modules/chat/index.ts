/**
 * chat: direct and group rooms (and, later, channel and open rooms), messages with gapless per-room seqs,
 * read pointers and unread counts, history, search, reactions, delete-for-everyone, and media shared in rooms.
 * Other code imports only this file.
 */
export { ChatRepository } from './chat.repository';
export { ChatService, type OpenRoomPolicy, type SyncEntry } from './chat.service';
export { ChatMediaService, type MediaLimits } from './chat-media.service';
export { registerChatRoutes } from './chat.routes';
export { chatWsHandlers } from './chat.ws';
