import { Address, commerceApi, ImageId, type OrderStatus, type ShopOrder } from '@maum/protocol';
import { isOwnPath } from '../../api/paths';
import { readGiftMessageParts, type CardTemplate } from '../gifts/format';

/** The steps a delivered order goes through, in order; the timeline shows each with when it happened. */
export const timelineSteps = ['paid', 'preparing', 'shipped', 'delivered', 'completed'] as const;
export type TimelineStep = (typeof timelineSteps)[number];

const reached: Record<OrderStatus, number> = {
  pending_payment: -1,
  awaiting_address: -1,
  paid: 0,
  preparing: 1,
  shipped: 2,
  delivered: 3,
  completed: 4,
  cancelled: -1,
  expired: -1,
  refused: -1,
};

/** How far along the timeline an order is: the index of its last step, or -1 before payment or once it ended early. */
export function timelineIndex(status: OrderStatus): number {
  return reached[status];
}

export function stepTime(order: ShopOrder, step: TimelineStep): string | null {
  switch (step) {
    case 'paid':
      return order.paidAt;
    case 'preparing':
      return null;
    case 'shipped':
      return order.shippedAt;
    case 'delivered':
      return order.deliveredAt;
    case 'completed':
      return order.completedAt;
  }
}

/** The buyer may cancel until the parcel leaves. */
export function canCancelOrder(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'awaiting_address' || status === 'paid' || status === 'preparing';
}

/** Orders that ended without being delivered. */
export function endedEarly(status: OrderStatus): boolean {
  return status === 'cancelled' || status === 'expired' || status === 'refused';
}

/** What the seller does next with an order, if anything. */
export function nextSellerStep(status: OrderStatus): 'prepare' | 'ship' | 'deliver' | null {
  if (status === 'paid') return 'prepare';
  if (status === 'preparing') return 'ship';
  if (status === 'shipped') return 'deliver';
  return null;
}

export interface AddressInput {
  name: string;
  phone: string;
  postalCode: string;
  line1: string;
  line2: string;
}

export const emptyAddress: AddressInput = { name: '', phone: '', postalCode: '', line1: '', line2: '' };

export type AddressField = keyof AddressInput;

/** Checks an address with the protocol's own schema, so the form and the server agree on what is valid. */
export function checkAddress(input: AddressInput): { ok: true; address: Address } | { ok: false; fields: AddressField[] } {
  const result = Address.safeParse(input);
  if (result.success) return { ok: true, address: result.data };
  const fields = [...new Set(result.error.issues.map((i) => i.path[0]).filter((p): p is AddressField => typeof p === 'string' && p in emptyAddress))];
  return { ok: false, fields };
}

/** What a delivery gift's chat message says; an odd or old message must not break the room. */
export interface ShopGiftMessageBody {
  orderId: string;
  event: 'sent' | 'accepted' | 'refused' | 'cancelled';
  productName: string;
  channelName: string;
  imageUrl: string;
  card: { template: CardTemplate; text: string };
}

const giftEvents: readonly ShopGiftMessageBody['event'][] = ['sent', 'accepted', 'refused', 'cancelled'];

export function readShopGiftBody(body: Record<string, unknown>): ShopGiftMessageBody | null {
  const { orderId, event, channelName } = body;
  if (typeof orderId !== 'string' || !giftEvents.includes(event as ShopGiftMessageBody['event'])) return null;
  return {
    orderId,
    event: event as ShopGiftMessageBody['event'],
    ...readGiftMessageParts(body),
    channelName: typeof channelName === 'string' ? channelName : '',
  };
}

/** A channel post as it arrives in a follower's channel chat. */
export interface PostMessageBody {
  text: string;
  postId: string;
  channelId: string;
  imageUrls: string[];
  deal: { productIds: string[]; startsAt: string | null; endsAt: string } | null;
}

export function readPostBody(body: Record<string, unknown>): PostMessageBody | null {
  const post = body.post as Record<string, unknown> | undefined;
  if (!post || typeof post !== 'object' || typeof post.postId !== 'string' || typeof post.channelId !== 'string') return null;
  const imageUrls = Array.isArray(post.imageUrls) ? post.imageUrls.filter(isOwnPath) : [];
  const d = post.deal as { productIds?: unknown; startsAt?: unknown; endsAt?: unknown } | null | undefined;
  const deal =
    d && typeof d === 'object' && typeof d.endsAt === 'string'
      ? {
          productIds: Array.isArray(d.productIds) ? d.productIds.filter((p): p is string => typeof p === 'string') : [],
          startsAt: typeof d.startsAt === 'string' ? d.startsAt : null,
          endsAt: d.endsAt,
        }
      : null;
  return { text: typeof body.text === 'string' ? body.text : '', postId: post.postId, channelId: post.channelId, imageUrls, deal };
}

/** A `datetime-local` value as an instant with its offset, which the protocol asks for. */
export function isoFromLocal(value: string): string | null {
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

const imagePath = commerceApi.image.path.replace(':imageId', '');

/**
 * The id of a picture this server keeps, from the address a product shows it at, so that an edit can send the
 * pictures it keeps back by id; null for any other address.
 */
export function imageIdFromUrl(url: string): string | null {
  if (!url.startsWith(imagePath)) return null;
  const id = url.slice(imagePath.length);
  return ImageId.safeParse(id).success ? id : null;
}
