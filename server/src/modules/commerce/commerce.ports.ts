import type { Ack, Card, DeliveryGiftEvent, Message, PostChatCard, Room, RoomSummary } from '@maum/protocol';
import type { z } from 'zod';
import type { Together } from '../../platform/db/bulk';
import type { Executor } from '../../platform/db/database';

export type { DeliveryGiftEvent };

export interface DeliveryGiftMessage {
  orderId: string;
  senderId: string;
  recipientId: string;
  productName: string;
  channelName: string;
  imageUrl: string | null;
  card: z.infer<typeof Card>;
}

/**
 * Certificates of the items an order hands over: they move to the buyer, or to a gift's recipient when accepted.
 * The move is part of the transaction that pays the order or accepts the gift (`tx`); the certificate log records it
 * once that transaction has committed.
 */
/** The items of one paid order or accepted gift, whose certificates go to `toUserId`. */
export interface SoldItems {
  items: Array<{ productId: string; quantity: number }>;
  toUserId: string;
  reference: { kind: 'order' | 'gift'; id: string };
}

export interface ItemCertificates {
  /** Which of `productIds` carry certificates to hand over, as a query of `readTogether` in the selling transaction. */
  heldAmong(productIds: string[]): Together<Set<string>>;
  /** Hands over the certificates of the certified items of every sale in `sales`, in `tx`; `held` as `heldAmong` read it there. */
  handOver(tx: Executor, sales: SoldItems[], held?: Set<string>): Promise<void>;
}

/**
 * The gift shop, where a seller's product can also be sold as an exchange coupon, redeemed at the seller's own
 * store by its staff. Implemented in `flows/`.
 */
export interface GiftShopListing {
  /**
   * Lists or updates the gift-shop product of the seller's product `productId` (`giftProductId` once it has one);
   * answers its id, which follows from `productId`, so listing the same product twice at once makes one listing.
   */
  list(input: { sellerId: string; brandName: string; productId: string; giftProductId: string | null; name: string; price: number; options: string[]; imageKey: string; staffIds: string[] }): Promise<string>;
  unlist(giftProductId: string): Promise<void>;
}

/**
 * What commerce needs from chat and accounts: each channel has an account that speaks for it, a 1:1 room with each
 * customer, and a delivery gift arrives in the sender's direct chat with the recipient. Implemented in `flows/`.
 */
export interface ChannelChat {
  createAccount(displayName: string): Promise<string>;
  renameAccount(accountId: string, displayName: string): Promise<void>;
  /** The customer's room with the channel, as the customer sees it. */
  openRoom(accountId: string, customerId: string): Promise<Room>;
  /** A post or deal as a card in the customer's channel chat. */
  post(accountId: string, customerId: string, message: { clientMsgId: string; card: PostChatCard }): Promise<void>;
  /** The channel account's rooms: one per customer, most recent first. */
  rooms(accountId: string): Promise<RoomSummary[]>;
  history(accountId: string, roomId: string, limit: number): Promise<Message[]>;
  /** Marks the room read for the channel, up to `seq`. */
  read(accountId: string, roomId: string, seq: number): Promise<void>;
  answer(accountId: string, roomId: string, input: { clientMsgId: string; text: string }): Promise<Ack>;
  /** Owes the delivery gift's card in `tx`, the transaction of the change it tells of; posted once that commits. */
  deliveryGift(gift: DeliveryGiftMessage, event: DeliveryGiftEvent, tx: Executor): Promise<void>;
}
