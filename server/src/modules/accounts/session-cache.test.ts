import { describe, expect, it } from 'vitest';
import { SessionCache, type CachedSession } from './session-cache';

const now = new Date('2026-12-06T12:00:00Z');
const session = (id: string, expiresAt = new Date(now.getTime() + 3600_000)): CachedSession => ({
  sessionId: id,
  userId: `user-of-${id}`,
  role: 'user',
  expiresAt,
  lastSeenAt: now,
});

/** A stand-in for the database read that counts how often it is asked. */
function reads(answer: CachedSession | undefined) {
  const counter = { count: 0, read: async () => (counter.count++, answer) };
  return counter;
}

describe('the session cache', () => {
  it('reads a session once and answers it from memory until it is revoked, then reads again', async () => {
    const cache = new SessionCache({ max: 10, ttlMs: 60_000 });
    const a = reads(session('a'));
    const b = reads(session('b'));
    expect((await cache.lookup('hash-a', now, a.read))?.userId).toBe('user-of-a');
    expect((await cache.lookup('hash-a', now, a.read))?.userId).toBe('user-of-a');
    await cache.lookup('hash-b', now, b.read);
    expect(a.count).toBe(1);
    cache.revoked(['a']);
    const revokedRead = reads(undefined);
    expect(await cache.lookup('hash-a', now, revokedRead.read)).toBeUndefined();
    expect(revokedRead.count).toBe(1);
    await cache.lookup('hash-b', now, b.read);
    expect(b.count).toBe(1);
  });

  it('does not keep a session whose read began before a revocation and answered after it', async () => {
    const cache = new SessionCache({ max: 10, ttlMs: 60_000 });
    let answer!: (s: CachedSession) => void;
    // The read sees the session live; its revocation commits while the read is on its way back.
    const slow = cache.lookup('hash-a', now, () => new Promise<CachedSession>((resolve) => (answer = resolve)));
    cache.revoked(['a']);
    answer(session('a'));
    expect((await slow)?.sessionId).toBe('a');
    const next = reads(undefined);
    expect(await cache.lookup('hash-a', now, next.read)).toBeUndefined();
    expect(next.count).toBe(1);
  });

  it('never answers a session past its expiry', async () => {
    const cache = new SessionCache({ max: 10, ttlMs: 60_000 });
    await cache.lookup('hash-a', now, reads(session('a', new Date(now.getTime() + 1000))).read);
    expect(await cache.lookup('hash-a', now, reads(undefined).read)).toBeDefined();
    expect(await cache.lookup('hash-a', new Date(now.getTime() + 1000), reads(undefined).read)).toBeUndefined();
  });

  it('revokes a session read again under the same token, and forgets the least recently used past its size', async () => {
    const cache = new SessionCache({ max: 2, ttlMs: 60_000 });
    await cache.lookup('hash-a', now, reads(session('a')).read);
    cache.seen('hash-a', new Date(now.getTime() + 61_000));
    await cache.lookup('hash-a', new Date(now.getTime() + 61_000), reads(session('a')).read);
    cache.revoked(['a']);
    expect(await cache.lookup('hash-a', now, reads(undefined).read)).toBeUndefined();
    for (const id of ['b', 'c', 'd']) await cache.lookup(`hash-${id}`, now, reads(session(id)).read);
    const b = reads(undefined);
    expect(await cache.lookup('hash-b', now, b.read)).toBeUndefined();
    expect(b.count).toBe(1);
    expect((await cache.lookup('hash-d', now, reads(undefined).read))?.sessionId).toBe('d');
  });
});
