import { z } from 'zod';
import { ChannelId, ShopOrderId } from './commerce';
import { Card as GreetingCard, GiftId } from './gifts';
import { CertificateId } from './transparency/entries';
import { ProfileEventId, ProfileEventKind } from './profiles';
import { UserId } from './accounts';
import { SubscriptionId } from './subscriptions';

/**
 * Chat cards: anything a part of Maum tells a person in chat (a gift, a delivery gift, a channel's post or deal, a
 * certificate given to them) is one member of this union, sent as a message of kind `card` with the body
 * `{text, card}`. The server posts every card through one method (`ChatService.postCard`); the web draws each `type`
 * with one entry of its card registry. `text` is what a client that does not know the card shows, and what a chat
 * list or a notification says.
 *
 * A new kind of card is one more member here, one builder on the server and one renderer on the web. Ids are checked
 * by their own schemas and pictures must be paths on this server, because clients turn them into links.
 */

/** A picture this server serves: a path on it, never a link elsewhere. */
const ServerPath = z.string().regex(/^\/(?![/\\])/, 'a path on this server');

export const giftCardEvents = ['sent', 'refused', 'cancelled', 'expiring'] as const;

/** A coupon gift: sent, refused or cancelled in the sender's direct room, or about to expire (from Maum Gift). */
export const GiftChatCard = z.object({
  type: z.literal('gift'),
  event: z.enum(giftCardEvents),
  giftId: GiftId,
  productName: z.string(),
  brandName: z.string(),
  imageUrl: ServerPath.nullable(),
  card: GreetingCard,
  /** `expiring` only: when the coupon expires, and in how many days. */
  expiresAt: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
});
export type GiftChatCard = z.infer<typeof GiftChatCard>;

export const deliveryGiftEvents = ['sent', 'accepted', 'refused', 'cancelled'] as const;
export type DeliveryGiftEvent = (typeof deliveryGiftEvents)[number];

/** A product a friend sends to the door: the recipient accepts it with an address, or refuses it. */
export const DeliveryGiftChatCard = z.object({
  type: z.literal('delivery_gift'),
  event: z.enum(deliveryGiftEvents),
  orderId: ShopOrderId,
  productName: z.string(),
  channelName: z.string(),
  imageUrl: ServerPath.nullable(),
  card: GreetingCard,
});
export type DeliveryGiftChatCard = z.infer<typeof DeliveryGiftChatCard>;

/** A channel's post in a follower's channel chat; a deal names the products it lowers and when. */
export const PostChatCard = z.object({
  type: z.literal('post'),
  postId: z.string(),
  channelId: ChannelId,
  text: z.string(),
  imageUrls: z.array(ServerPath),
  deal: z.object({ productIds: z.array(z.string()), startsAt: z.string(), endsAt: z.string() }).nullable(),
});
export type PostChatCard = z.infer<typeof PostChatCard>;

/** A certificate of authenticity given to a friend; it opens the certificate's public page. */
export const CertificateChatCard = z.object({
  type: z.literal('certificate'),
  certId: CertificateId,
  productName: z.string(),
  serial: z.string(),
  sellerName: z.string(),
  imageUrl: ServerPath.nullable(),
});
export type CertificateChatCard = z.infer<typeof CertificateChatCard>;

/** A friend's event on its day, from Maum to those who follow that friend's events; it opens the event's wall. */
export const ProfileEventChatCard = z.object({
  type: z.literal('profile_event'),
  eventId: ProfileEventId,
  ownerId: UserId,
  ownerName: z.string(),
  ownerAvatarUrl: ServerPath.nullable(),
  kind: ProfileEventKind,
  title: z.string(),
  occursOn: z.string(),
  giftsAllowed: z.boolean(),
});
export type ProfileEventChatCard = z.infer<typeof ProfileEventChatCard>;

export const subscriptionCardEvents = ['charged', 'renewed', 'refunded', 'payment_failed', 'lapsed', 'price_changing'] as const;
export type SubscriptionCardEvent = (typeof subscriptionCardEvents)[number];

/**
 * A subscription's receipt or notice, from Maum Subscriptions to the subscriber: a charge (`charged`, `renewed`) or a
 * refund names its amount and the period; `payment_failed` says until when access is kept; `price_changing` names the
 * new price and the first period it applies to. It opens the subscription.
 */
export const SubscriptionChatCard = z.object({
  type: z.literal('subscription'),
  event: z.enum(subscriptionCardEvents),
  subscriptionId: SubscriptionId,
  roomName: z.string(),
  tierName: z.string(),
  /** Won charged or refunded; for `price_changing`, the new price; for `payment_failed`, what is due. */
  amount: z.number().int(),
  periodEnd: z.string().nullable(),
  /** `payment_failed`: access kept until then. `price_changing`: the first period start at the new price. */
  until: z.string().nullable(),
});
export type SubscriptionChatCard = z.infer<typeof SubscriptionChatCard>;

export const ChatCard = z.discriminatedUnion('type', [GiftChatCard, DeliveryGiftChatCard, PostChatCard, CertificateChatCard, ProfileEventChatCard, SubscriptionChatCard]);
export type ChatCard = z.infer<typeof ChatCard>;
export type ChatCardType = ChatCard['type'];

/** The body of a message of kind `card`. */
export const CardMessageBody = z.object({ text: z.string(), card: ChatCard });
export type CardMessageBody = z.infer<typeof CardMessageBody>;

/** What a card says as plain text, for a client without its renderer, a chat list and a notification. */
export function cardText(card: ChatCard): string {
  switch (card.type) {
    case 'gift':
      return card.event === 'expiring' ? `Gift expiring: ${card.productName}` : `Gift: ${card.productName}`;
    case 'delivery_gift':
      return `Gift: ${card.productName} (${card.channelName})`;
    case 'post':
      return card.text;
    case 'certificate':
      return `${card.productName} · ${card.serial}`;
    case 'profile_event':
      return `${card.ownerName}: ${card.title}`;
    case 'subscription':
      return subscriptionCardText(card);
  }
}

function subscriptionCardText(card: SubscriptionChatCard): string {
  const won = `₩${card.amount.toLocaleString('en-US')}`;
  switch (card.event) {
    case 'charged':
      return `Subscribed: ${card.roomName} · ${card.tierName} · ${won}`;
    case 'renewed':
      return `Renewed: ${card.roomName} · ${card.tierName} · ${won}`;
    case 'refunded':
      return `Refunded: ${card.roomName} · ${won}`;
    case 'payment_failed':
      return `Renewal failed: ${card.roomName} · ${won} due`;
    case 'lapsed':
      return `Subscription lapsed: ${card.roomName}`;
    case 'price_changing':
      return `New price for ${card.roomName} · ${card.tierName}: ${won}`;
  }
}
