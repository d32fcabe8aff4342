import { describe, expect, it } from 'vitest';
import { newId, randomToken } from './ids';

describe('ids', () => {
  it('are prefixed and sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => newId('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes unguessable tokens from a 32-symbol alphabet', () => {
    const tokens = Array.from({ length: 200 }, () => randomToken(20));
    for (const token of tokens) expect(token).toMatch(/^[0-9a-hjkmnp-tv-z]{20}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
