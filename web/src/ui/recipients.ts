import { UserId } from '@maum/protocol';

/** The most friends one gift order can go to. */
export const MAX_RECIPIENTS = 10;

/**
 * Whom the shop is choosing a gift for travels in the address (`?to=usr_a,usr_b`), so the shop, a product and the
 * back button all keep it, and a friend's profile or a chat can open the shop with them chosen. It is shared code
 * because those screens belong to features the gift shop builds on, which cannot import the shop.
 */
export function readRecipients(params: URLSearchParams): string[] {
  const ids = (params.get('to') ?? '').split(',').filter((id) => UserId.safeParse(id).success);
  return [...new Set(ids)].slice(0, MAX_RECIPIENTS);
}

export function withRecipients(path: string, recipientIds: readonly string[]): string {
  if (recipientIds.length === 0) return path;
  const joiner = path.includes('?') ? '&' : '?';
  return `${path}${joiner}to=${recipientIds.join(',')}`;
}
