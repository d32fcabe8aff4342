import { cardTemplates, type Coupon, type Gift } from '@maum/protocol';
import { isOwnPath } from '../../api/paths';

export type CardTemplate = (typeof cardTemplates)[number];

/** What a card template looks like: its picture and its colours live in the stylesheet as `gift-card-<template>`. */
export const templateArt: Record<CardTemplate, string> = {
  thanks: '🌷',
  birthday: '🎂',
  congrats: '🎉',
  cheer: '💪',
  love: '💌',
  plain: '🎁',
};

export function isCardTemplate(value: unknown): value is CardTemplate {
  return typeof value === 'string' && (cardTemplates as readonly string[]).includes(value);
}

export interface PriceRange {
  id: 'under5' | '5to10' | '10to30' | 'over30';
  minPrice?: number;
  maxPrice?: number;
}

/** The price ranges the shop offers as quick filters, in won. */
export const priceRanges: readonly PriceRange[] = [
  { id: 'under5', maxPrice: 4999 },
  { id: '5to10', minPrice: 5000, maxPrice: 9999 },
  { id: '10to30', minPrice: 10_000, maxPrice: 29_999 },
  { id: 'over30', minPrice: 30_000 },
];

export function priceRangeById(id: string | null): PriceRange | undefined {
  return priceRanges.find((r) => r.id === id);
}

/** A PIN read aloud at a counter is easier in groups of four: "1234 5678 9012". */
export function pinGroups(pin: string): string {
  return pin.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

const DAY = 86_400_000;

/** Whole days until a time, counting a part of a day as a day; 0 once it has passed. */
export function daysUntil(iso: string, now: number): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.ceil((at - now) / DAY));
}

export type BoxTab = 'usable' | 'used' | 'expired';

const usableStatuses: readonly Coupon['status'][] = ['issued', 'accepted', 'partially_used'];

/** Where a received gift belongs in the gift box. */
export function boxTab(gift: Pick<Gift, 'status' | 'coupon'>, now: number): BoxTab {
  const coupon = gift.coupon;
  if (!coupon) return gift.status === 'delivered' ? 'usable' : 'used';
  if (coupon.status === 'expired') return 'expired';
  if (!usableStatuses.includes(coupon.status)) return 'used';
  return Date.parse(coupon.expiresAt) <= now ? 'expired' : 'usable';
}

/** A sender may take a gift back until it is accepted. */
export function canCancel(gift: Pick<Gift, 'status'>): boolean {
  return gift.status === 'scheduled' || gift.status === 'delivered';
}

/** What a `gift` chat message says; the server sends it, but an old or odd message must not break the room. */
export interface GiftMessageBody {
  giftId: string;
  event: 'sent' | 'refused' | 'cancelled' | 'expiring';
  productName: string;
  brandName: string;
  imageUrl: string;
  card: { template: CardTemplate; text: string };
  /** For `expiring`: when the coupon expires and how many days are left. */
  expiresAt: string | null;
  daysLeft: number | null;
}

const events: readonly GiftMessageBody['event'][] = ['sent', 'refused', 'cancelled', 'expiring'];

export function readGiftBody(body: Record<string, unknown>): GiftMessageBody | null {
  const { giftId, event, brandName, expiresAt, daysLeft } = body;
  if (typeof giftId !== 'string' || !events.includes(event as GiftMessageBody['event'])) return null;
  return {
    giftId,
    event: event as GiftMessageBody['event'],
    ...readGiftMessageParts(body),
    brandName: typeof brandName === 'string' ? brandName : '',
    expiresAt: typeof expiresAt === 'string' && expiresAt ? expiresAt : null,
    daysLeft: typeof daysLeft === 'number' ? daysLeft : null,
  };
}

/**
 * What every gift message carries, coupon or delivered: the product's name, its picture (only a path of this
 * server, never a link elsewhere) and the card, each with a safe default.
 */
export function readGiftMessageParts(body: Record<string, unknown>): { productName: string; imageUrl: string; card: { template: CardTemplate; text: string } } {
  const { productName, imageUrl, card } = body;
  const c = (card ?? {}) as { template?: unknown; text?: unknown };
  return {
    productName: typeof productName === 'string' ? productName : '',
    imageUrl: isOwnPath(imageUrl) ? imageUrl : '',
    card: { template: isCardTemplate(c.template) ? c.template : 'plain', text: typeof c.text === 'string' ? c.text : '' },
  };
}

/** The value of a `datetime-local` field for a time, in local time. */
export function localDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
