import { describe, expect, it } from 'vitest';
import { readRecipients, withRecipients } from './recipients';

describe('whom the shop is choosing for', () => {
  const a = 'usr_0123456789abcdefghijklmnop';
  const b = 'usr_abcdefghijklmnop0123456789';

  it('reads friends from the address, once each, and ignores anything else', () => {
    expect(readRecipients(new URLSearchParams(`to=${a},${b},${a},bogus`))).toEqual([a, b]);
    expect(readRecipients(new URLSearchParams(''))).toEqual([]);
  });

  it('writes them into a link', () => {
    expect(withRecipients('/shop', [a])).toBe(`/shop?to=${a}`);
    expect(withRecipients('/shop/browse?q=cake', [a, b])).toBe(`/shop/browse?q=cake&to=${a},${b}`);
    expect(withRecipients('/shop', [])).toBe('/shop');
  });
});
