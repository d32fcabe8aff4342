import { useCallback, useSyncExternalStore } from 'react';

/** One variant in the cart, with what the shop showed when it was added (prices are checked again at checkout). */
export interface CartLine {
  variantId: string;
  productId: string;
  channelId: string;
  channelName: string;
  productName: string;
  variantName: string;
  unitPrice: number;
  imageUrl: string | null;
  quantity: number;
}

export const MAX_QUANTITY = 99;

export function addLine(lines: readonly CartLine[], line: CartLine): CartLine[] {
  const existing = lines.find((l) => l.variantId === line.variantId);
  if (!existing) return [...lines, { ...line, quantity: clampQuantity(line.quantity) }];
  return lines.map((l) => (l.variantId === line.variantId ? { ...line, quantity: clampQuantity(l.quantity + line.quantity) } : l));
}

export function setQuantity(lines: readonly CartLine[], variantId: string, quantity: number): CartLine[] {
  if (quantity <= 0) return lines.filter((l) => l.variantId !== variantId);
  return lines.map((l) => (l.variantId === variantId ? { ...l, quantity: clampQuantity(quantity) } : l));
}

export function removeLines(lines: readonly CartLine[], variantIds: readonly string[]): CartLine[] {
  return lines.filter((l) => !variantIds.includes(l.variantId));
}

export function clampQuantity(n: number): number {
  return Math.min(MAX_QUANTITY, Math.max(1, Math.floor(n)));
}

export interface CartGroup {
  channelId: string;
  channelName: string;
  lines: CartLine[];
  subtotal: number;
}

/** A checkout pays one seller, so the cart is shown and paid channel by channel, in the order they were added. */
export function groupByChannel(lines: readonly CartLine[]): CartGroup[] {
  const groups: CartGroup[] = [];
  for (const line of lines) {
    let group = groups.find((g) => g.channelId === line.channelId);
    if (!group) {
      group = { channelId: line.channelId, channelName: line.channelName, lines: [], subtotal: 0 };
      groups.push(group);
    }
    group.lines.push(line);
    group.subtotal += line.unitPrice * line.quantity;
  }
  return groups;
}

function isCartLine(value: unknown): value is CartLine {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.variantId === 'string' &&
    typeof v.productId === 'string' &&
    typeof v.channelId === 'string' &&
    typeof v.channelName === 'string' &&
    typeof v.productName === 'string' &&
    typeof v.variantName === 'string' &&
    typeof v.unitPrice === 'number' &&
    typeof v.quantity === 'number' &&
    (v.imageUrl === null || typeof v.imageUrl === 'string')
  );
}

/** Whatever is stored is read defensively: an older app version or a hand edit must not break the cart. */
export function parseCart(raw: string | null): CartLine[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isCartLine).map((l) => ({ ...l, quantity: clampQuantity(l.quantity) })) : [];
  } catch {
    return [];
  }
}

// The cart lives on this device, one per account, so a shared phone does not mix two people's shopping.
const storageKey = (userId: string) => `maum.cart.${userId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; lines: CartLine[] }>();

function read(userId: string): CartLine[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(storageKey(userId));
  } catch {
    // Storage may be off (private mode); the cart then lasts for this page only.
  }
  const hit = cache.get(userId);
  if (hit && hit.raw === raw) return hit.lines;
  const lines = parseCart(raw);
  cache.set(userId, { raw, lines });
  return lines;
}

function write(userId: string, lines: CartLine[]): void {
  const raw = JSON.stringify(lines);
  try {
    localStorage.setItem(storageKey(userId), raw);
  } catch {
    // See read().
  }
  cache.set(userId, { raw, lines });
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changing the cart shows here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith('maum.cart.')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const empty: CartLine[] = [];

/** The signed-in person's cart and the ways to change it. */
export function useCart(userId: string | undefined) {
  const getSnapshot = useCallback(() => (userId ? read(userId) : empty), [userId]);
  const lines = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const update = useCallback(
    (change: (lines: CartLine[]) => CartLine[]) => {
      if (userId) write(userId, change(read(userId)));
    },
    [userId],
  );
  return {
    lines,
    count: lines.reduce((sum, l) => sum + l.quantity, 0),
    add: useCallback((line: CartLine) => update((l) => addLine(l, line)), [update]),
    setQuantity: useCallback((variantId: string, quantity: number) => update((l) => setQuantity(l, variantId, quantity)), [update]),
    remove: useCallback((variantIds: readonly string[]) => update((l) => removeLines(l, variantIds)), [update]),
  };
}
