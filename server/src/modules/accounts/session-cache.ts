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
 * Live sessions by their token's hash, so that most requests are authenticated without reading the database, where
 * on PGlite the read waits behind whatever transaction runs (a whole batch's cycle under load).
 *
 * Only for the embedded PGlite, whose files one process owns: every revocation is made by this process, which drops
 * the session here once the revocation has committed, before it answers. A read that began before a revocation and
 * ended after it is not kept, so a revoked session is refused from the moment its revocation commits. On PostgreSQL
 * another node, or a statement from outside, could revoke a session without this process knowing, so there every
 * request reads its session.
 *
 * An entry is kept for at most `ttlMs`, and never past its session's expiry. Roles are given when an account is made
 * and never change through Maum.
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

  /**
   * The live session of a token's hash at `now`: the cached one, or else what `read` answers from the database,
   * which is then kept unless a revocation was made while it read.
   */
  async lookup(hash: string, now: Date, read: () => Promise<CachedSession | undefined>): Promise<CachedSession | undefined> {
    const cached = this.byHash.get(hash);
    if (cached && cached.expiresAt > now) return cached;
    if (cached) this.byHash.delete(hash);
    const generation = this.generation;
    const session = await read();
    if (session && generation === this.generation) {
      this.byHash.set(hash, session);
      this.hashOf.set(session.sessionId, hash);
    }
    return session;
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
