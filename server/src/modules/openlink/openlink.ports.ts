import type { Executor } from '../../platform/db/database';

/** How chat shows a member of an open room: their member id, and an open profile's nickname and picture (null: their main profile's). */
export interface Face {
  id: string;
  name: string | null;
  avatarUrl: string | null;
}

/**
 * What openlink needs from chat, which keeps an open room's members and messages (a chat room of kind `open`, with
 * the open room's id). Each call that takes `tx` takes part in openlink's transaction, so a room and its chat room,
 * or a member in both, are made together or not at all. Implemented in `flows/`.
 */
export interface OpenRoomChat {
  create(input: { roomId: string; hostId: string; title: string; face: Face }, tx: Executor): Promise<void>;
  join(input: { roomId: string; userId: string; face: Face }, tx: Executor): Promise<void>;
  leave(input: { roomId: string; userId: string }, tx: Executor): Promise<void>;
  /** A 1:1 chat room (`roomId`, new) between a `one_to_one` open room's host and someone who joined it. */
  converse(input: { roomId: string; title: string; host: { userId: string; face: Face }; guest: { userId: string; face: Face } }, tx: Executor): Promise<void>;
  /** A member's new nickname or picture, shown from now on. */
  setFace(input: { roomId: string; userId: string; face: Face }): Promise<void>;
  /** The room's latest messages that say something in words (text, replies, captions), oldest first, with the name the room knows each sender by. */
  recent(roomId: string, limit: number): Promise<Array<{ seq: number; senderName: string; text: string; lang: string | null; createdAt: string }>>;
  /**
   * The words of the messages at `seqs` that `userId` may read now, with the language each was detected in and the
   * sender's account (for checks only: it is never shown to anyone in the room).
   */
  words(input: { roomId: string; userId: string; seqs: number[] }): Promise<Array<{ seq: number; senderId: string; text: string; lang: string | null }>>;
  /** Hides a message for everyone; false when there is no such message, or it is already gone. */
  hide(roomId: string, seq: number): Promise<boolean>;
}

/**
 * What a room's subscriptions say about its members (implemented in `flows/` by subscriptions): who may enter a
 * subscribers-only room, and what follows when the host takes a member out or closes the room. `removed` and `closed`
 * take part in OpenLink's transaction, so a refund is written with the removal or not at all.
 */
export interface OpenRoomHooks {
  mayEnter(roomId: string, userId: string): Promise<boolean>;
  /**
   * Looks up what `removed` and `closed` need from outside OpenLink's transaction, before it opens: an embedded
   * database serves one transaction at a time, so nothing may be read beside it.
   */
  prepare(): Promise<void>;
  removed(tx: Executor, input: { roomId: string; userId: string; reason: string }): Promise<void>;
  closed(tx: Executor, roomId: string): Promise<void>;
}
