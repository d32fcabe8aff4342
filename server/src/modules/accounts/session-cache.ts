import { LRUCache } from 'lru-cache';
import type { Role } from '@maum/protocol';

/** What a request needs of its live session. */
export interface CachedSession {
  sessionId: string;
  userId: string;
  role: Role;
  expiresAt: Date;
  lastSeenAt: Date;
}

/**
 * Live sessions by their token's hash, so that most requests are authenticated without reading the database: on
 * PGlite that read waits behind whatever transaction runs, and on PostgreSQL it is one round trip of every request.
 *
 * Only for a node that is alone with its database (PGlite, whose files one process owns, or PostgreSQL without
 * NATS), so that every revocation is made by this process: it drops the session here once the revocation has
 * committed, before it answers. A read that began before a revocation and ends after it is not kept (`generation`),
 * so a revoked session is refused from the moment its revocation commits. With several nodes, a revocation made on
 * another would reach this one only through the bus, a moment later; there every request reads its session.
 *
 * An entry is kept for at most `ttlMs`, and never past its session's expiry. Roles are given when an account is made
 * and never change through Maum; one changed in the database by hand applies within `ttlMs`.
 */
export class SessionCache {
  private readonly byHash: LRUCache<string, CachedSession>;
  /** The hashes of the cached sessions, by session id, for revocations (which name sessions, not tokens). */
  private readonly hashOf = new Map<string, string>();
  private generation = 0;

  constructor(options: { max: number; ttlMs: number }) {
    this.byHash = new LRUCache<string, CachedSession>({
      max: options.max,
      ttl: options.ttlMs,
      dispose: (session, hash) => {
        if (this.hashOf.get(session.sessionId) === hash) this.hashOf.delete(session.sessionId);
      },
    });
  }

  /** The live session of a token's hash, if it is cached and has not expired at `now`. */
  get(hash: string, now: Date): CachedSession | undefined {
    const session = this.byHash.get(hash);
    if (session && session.expiresAt <= now) {
      this.byHash.delete(hash);
      return undefined;
    }
    return session;
  }

  /** Call before reading a session from the database; give the answer to `keep` with what was read. */
  reading(): number {
    return this.generation;
  }

  /** Keeps a session read from the database, unless a revocation was made since the read began (`reading()`). */
  keep(hash: string, session: CachedSession, readingSince: number): void {
    if (readingSince !== this.generation) return;
    this.byHash.set(hash, session);
    this.hashOf.set(session.sessionId, hash);
  }

  /** Notes that a cached session was seen at `at` (and so marked in the database). */
  seen(hash: string, at: Date): void {
    const session = this.byHash.get(hash);
    if (session) session.lastSeenAt = at;
  }

  /** Drops revoked sessions; call once their revocation has committed. */
  revoked(sessionIds: readonly string[]): void {
    this.generation++;
    for (const id of sessionIds) {
      const hash = this.hashOf.get(id);
      if (hash !== undefined) this.byHash.delete(hash);
    }
  }
}
