import { cardTemplates, type Coupon, type Gift } from '@maum/protocol';

export type CardTemplate = (typeof cardTemplates)[number];

/** Gifts on a page of the gift box and of the gifts sent: a screenful or two, since opening a page issues its coupons. */
export const GIFT_PAGE_SIZE = 20;

/** What a card template looks like: its picture and its colours live in the stylesheet as `gift-card-<template>`. */
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

/** The value of a `datetime-local` field for a time, in local time. */
export function localDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The product a gift for a friend's event starts with, so it can be sent in one more tap: the friend's first wish if
 * they have one, else the shop's first birthday pick, else its most popular product.
 */
export function occasionProduct<P>(wishes: readonly P[] | undefined, birthdayPicks: readonly P[] | undefined, popular: readonly P[] | undefined): P | undefined {
  return wishes?.[0] ?? birthdayPicks?.[0] ?? popular?.[0];
}
