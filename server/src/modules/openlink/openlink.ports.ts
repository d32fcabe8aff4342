import type { Executor } from '../../platform/db/database';

/**
 * What openlink needs from chat, which keeps an open room's members and messages (a chat room of kind `open`, with
 * the open room's id). Each call takes part in openlink's transaction, so a room and its chat room, or a member in
 * both, are made together or not at all. Implemented in `flows/`.
 */
export interface OpenRoomChat {
  create(input: { roomId: string; hostId: string; title: string }, tx: Executor): Promise<void>;
  join(input: { roomId: string; userId: string }, tx: Executor): Promise<void>;
  leave(input: { roomId: string; userId: string }, tx: Executor): Promise<void>;
  /** The room's latest messages that say something in words (text, replies, captions), oldest first. */
  recent(roomId: string, limit: number): Promise<Array<{ seq: number; senderId: string; text: string; createdAt: string }>>;
  /** Hides a message for everyone; false when there is no such message, or it is already gone. */
  hide(roomId: string, seq: number): Promise<boolean>;
}
