import { TIER_MAX_PRICE, TIER_MIN_PRICE, type SubscriptionTier } from '@maum/protocol';
import type { TierChange, TierInput } from './api';

export interface TierDraft {
  name: string;
  price: string;
  perks: string;
}

/** A draft as the server takes it, or null while its price is not a whole number of won in range. */
export function tierFrom(draft: TierDraft): TierInput | null {
  const price = Number(draft.price);
  if (!draft.name.trim() || !Number.isInteger(price) || price < TIER_MIN_PRICE || price > TIER_MAX_PRICE) return null;
  return { name: draft.name.trim(), price, perks: draft.perks.trim() };
}

/** Only what a host changed in a tier: a new price is announced to subscribers, so it is sent only when it differs. */
export function tierChanges(tier: SubscriptionTier, input: TierInput): TierChange {
  const change: TierChange = {};
  if (input.name !== tier.name) change.name = input.name;
  if (input.perks !== tier.perks) change.perks = input.perks;
  const announced = tier.nextPrice?.price.amount ?? tier.price.amount;
  if (input.price !== announced) change.price = input.price;
  return change;
}
