export { chat, ChatClient, MEDIA_LIMITS, TYPING_EVERY_MS, mediaKindOf, newClientMsgId, type ChatEvent, type RecordedVoice } from './client';
export { mediaCache, type MediaVariant } from './mediaCache';
export type { OutboxEntry } from './outbox';
export {
  TYPING_SHOWN_MS,
  type ConnectionState,
  type ConnectionStatus,
  type PendingMessage,
  type RoomTimeline,
} from './store';
