import type { Card, Channel, Money, Post, Product, PublicProfile, ShopOrder, StockLevel } from '@maum/protocol';
import type { z } from 'zod';
import { CURRENCY } from '../ledger';
import type { ChannelRow, FollowRow, PostRow } from './channels.repository';
import type { SellerRow } from './sellers.repository';
import type { OrderLineRow, OrderRow, ProductRow, VariantRow } from './shop.repository';

export const won = (amount: number): Money => ({ amount, currency: CURRENCY });
export const imageUrl = (id: string): string => `/api/commerce/images/${id}`;
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function toChannel(row: ChannelRow, seller: Pick<SellerRow, 'kind'>, follow: FollowRow | undefined): Channel {
  return {
    id: row.id,
    sellerId: row.sellerId,
    sellerKind: seller.kind,
    name: row.name,
    description: row.description,
    category: row.category as Channel['category'],
    profileUrl: row.profileImage ? imageUrl(row.profileImage) : null,
    coverUrl: row.coverImage ? imageUrl(row.coverImage) : null,
    followers: row.followers,
    following: !!follow,
    notify: follow?.notify ?? false,
    accountId: row.accountId,
  };
}

export function toProduct(row: ProductRow, rows: VariantRow[], channel: Pick<ChannelRow, 'id' | 'name'> | undefined): Product {
  const mine = rows.filter((v) => v.productId === row.id);
  return {
    id: row.id,
    channelId: channel?.id ?? '',
    channelName: channel?.name ?? '',
    sellerId: row.sellerId,
    name: row.name,
    description: row.description,
    imageUrls: row.imageIds.map(imageUrl),
    variants: mine.map((v) => ({ id: v.id, name: v.name, price: won(v.price), available: v.onHand - v.reserved })),
    price: won(Math.min(...mine.map((v) => v.price))),
    giftListing: row.giftListing,
    giftProductId: row.giftListing === 'exchange' ? row.giftProductId : null,
    active: row.active,
  };
}

export function toStock(v: VariantRow): z.infer<typeof StockLevel> {
  return { variantId: v.id, name: v.name, price: won(v.price), onHand: v.onHand, reserved: v.reserved, sold: v.sold, available: v.onHand - v.reserved };
}

export function toPost(row: PostRow, channel: Pick<ChannelRow, 'name'>, products: Product[], now: Date): Post {
  const deal =
    row.dealProductIds && row.dealStartsAt && row.dealEndsAt
      ? {
          products: row.dealProductIds.flatMap((id) => products.filter((p) => p.id === id)),
          startsAt: row.dealStartsAt.toISOString(),
          endsAt: row.dealEndsAt.toISOString(),
          live: row.dealStartsAt <= now && now < row.dealEndsAt,
        }
      : null;
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: channel.name,
    text: row.text,
    imageUrls: row.imageIds.map(imageUrl),
    deal,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An order as `viewer` may see it. The address is for the buyer of their own delivery, the recipient of a gift and
 * the seller's staff; a gift's sender never sees where it went.
 */
export function toOrder(
  row: OrderRow,
  lines: OrderLineRow[],
  channel: Pick<ChannelRow, 'id' | 'name'>,
  people: Map<string, PublicProfile>,
  viewer: 'buyer' | 'recipient' | 'seller',
): ShopOrder {
  const showAddress = viewer !== 'buyer' || !row.giftRecipientId;
  return {
    id: row.id,
    channel: { id: channel.id, name: channel.name },
    buyer: people.get(row.buyerId)!,
    status: row.status,
    lines: lines
      .filter((l) => l.orderId === row.id)
      .map((l) => ({
        variantId: l.variantId,
        productId: l.productId,
        productName: l.productName,
        variantName: l.variantName,
        unitPrice: won(l.unitPrice),
        quantity: l.quantity,
        imageUrl: l.imageId ? imageUrl(l.imageId) : null,
      })),
    subtotal: won(row.subtotal),
    discount: won(row.discount),
    total: won(row.total),
    couponCode: row.couponCode,
    address: showAddress ? row.address : null,
    gift: row.giftRecipientId ? { recipient: people.get(row.giftRecipientId)!, card: row.giftCard as z.infer<typeof Card> } : null,
    trackingNumber: row.trackingNumber,
    carrier: row.carrier,
    reservedUntil: row.status === 'pending_payment' ? iso(row.reservedUntil) : null,
    createdAt: row.createdAt.toISOString(),
    paidAt: iso(row.paidAt),
    shippedAt: iso(row.shippedAt),
    deliveredAt: iso(row.deliveredAt),
    completedAt: iso(row.completedAt),
    cancelledAt: iso(row.cancelledAt),
  };
}
