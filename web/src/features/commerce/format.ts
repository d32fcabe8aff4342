import { Address, commerceApi, ImageId, type OrderStatus, type ShopOrder } from '@maum/protocol';

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
