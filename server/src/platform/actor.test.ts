import { describe, expect, it } from 'vitest';
import { requireSystem, type Actor } from './actor';

describe('requireSystem', () => {
  it('lets the server itself through', () => {
    expect(() => requireSystem({ kind: 'system' })).not.toThrow();
  });

  it('refuses everyone else as forbidden, with the message that says who may', () => {
    const others: Actor[] = [
      { kind: 'anonymous', ip: '127.0.0.1' },
      { kind: 'user', userId: 'usr_1', role: 'operator', sessionId: 'ses_1', ip: '127.0.0.1' },
      { kind: 'store', storeId: 'sto_1', brandId: 'brd_1', staffId: null, ip: '127.0.0.1' },
    ];
    for (const actor of others) {
      expect(() => requireSystem(actor, 'Only the scheduler expires coupons.')).toThrow(
        expect.objectContaining({ code: 'forbidden', message: 'Only the scheduler expires coupons.' }),
      );
      expect(() => requireSystem(actor)).toThrow(expect.objectContaining({ code: 'forbidden', message: 'Only the server itself can do this.' }));
    }
  });
});
