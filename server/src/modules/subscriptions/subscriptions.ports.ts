import type { SubscriptionChatCard } from '@maum/protocol';
import type { Executor } from '../../platform/db/database';

/** An open room as subscriptions sees it, and the caller's place in it. */
export interface SubscribedRoom {
  roomId: string;
  name: string;
  hostId: string;
  closed: boolean;
  /** The caller's role in the room (null: not in it), and a co-host's rights. */
  role: 'host' | 'cohost' | 'member' | null;
  rights: string[];
}

/** What subscriptions needs from OpenLink, which owns rooms, hosts and members. Implemented in `flows/`. */
export interface SubscribedRooms {
  room(roomId: string, userId: string | null): Promise<SubscribedRoom | null>;
  /** Names and hosts of rooms, for receipts and payments made by the scheduler; read in `tx` when given. */
  rooms(roomIds: string[], tx?: Executor): Promise<Map<string, { name: string; hostId: string }>>;
  /** The member ids the room knows these accounts by (only those in it). */
  memberIds(roomId: string, userIds: string[]): Promise<Map<string, string>>;
  /** The room's members' accounts, with their roles. */
  members(roomId: string): Promise<Array<{ userId: string; role: 'host' | 'cohost' | 'member' }>>;
}

/**
 * Chat access for subscribers-only rooms: a member whose subscription ended is suspended (reads up to then, takes no
 * part), and restored when they pay again. Each call takes part in the caller's transaction.
 */
export interface RoomSeats {
  suspend(tx: Executor, roomId: string, userIds: string[]): Promise<void>;
  restore(tx: Executor, roomId: string, userIds: string[]): Promise<void>;
}

/** Receipts and notices in the subscriber's chat, from the Maum Subscriptions account, owed in the caller's transaction. */
export interface ReceiptCards {
  /** The Maum Subscriptions account, looked up (or made) before any transaction that posts a receipt. */
  sender(): Promise<string>;
  post(tx: Executor, input: { fromUserId: string; toUserId: string; card: SubscriptionChatCard; clientMsgId: string }): Promise<void>;
  /**
   * Many at once (a renewal run's receipts): owed together in `tx`, and posted by `postOwed` once the run is done, so
   * the money moves first; any the run never posts are posted by chat's job for owed cards.
   */
  oweMany(tx: Executor, inputs: Array<{ fromUserId: string; toUserId: string; card: SubscriptionChatCard; clientMsgId: string }>): Promise<OwedReceipts>;
  postOwed(owed: OwedReceipts[]): void;
}

/** Receipts owed by `ReceiptCards.oweMany`, as chat keeps them. */
export type OwedReceipts = { readonly owed: unknown };
