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

describe('the session cache', () => {
  it('answers a kept session until it is revoked', () => {
    const cache = new SessionCache({ max: 10, ttlMs: 60_000 });
    cache.keep('hash-a', session('a'), cache.reading());
    cache.keep('hash-b', session('b'), cache.reading());
    expect(cache.get('hash-a', now)?.userId).toBe('user-of-a');
    cache.revoked(['a']);
    expect(cache.get('hash-a', now)).toBeUndefined();
    expect(cache.get('hash-b', now)?.userId).toBe('user-of-b');
  });

  it('does not keep a session read before a revocation that committed while the read ran', () => {
    const cache = new SessionCache({ max: 10, ttlMs: 60_000 });
    const since = cache.reading();
    // The read saw the session live; its revocation committed before the read answered.
    cache.revoked(['a']);
    cache.keep('hash-a', session('a'), since);
    expect(cache.get('hash-a', now)).toBeUndefined();
  });

  it('never answers a session past its expiry', () => {
    const cache = new SessionCache({ max: 10, ttlMs: 60_000 });
    cache.keep('hash-a', session('a', new Date(now.getTime() + 1000)), cache.reading());
    expect(cache.get('hash-a', now)).toBeDefined();
    expect(cache.get('hash-a', new Date(now.getTime() + 1000))).toBeUndefined();
  });

  it('revokes a session kept again under the same token, and forgets the least recently used past its size', () => {
    const cache = new SessionCache({ max: 2, ttlMs: 60_000 });
    cache.keep('hash-a', session('a'), cache.reading());
    cache.keep('hash-a', session('a'), cache.reading());
    cache.revoked(['a']);
    expect(cache.get('hash-a', now)).toBeUndefined();
    cache.keep('hash-b', session('b'), cache.reading());
    cache.keep('hash-c', session('c'), cache.reading());
    cache.keep('hash-d', session('d'), cache.reading());
    expect(cache.get('hash-b', now)).toBeUndefined();
    expect(cache.get('hash-d', now)?.sessionId).toBe('d');
  });
});
