import { LRUCache } from 'lru-cache';
import type { PublicProfile } from '@maum/protocol';

/**
 * Public profiles (name, handle, status message, avatar) by user id, kept a short while: nearly every answer that
 * shows people reads a few, and most of them are the same few people. A profile changes only through
 * `AccountsService`, which drops it here once the change is written and tells every node
 * (`accounts.profile.changed`), whose caches drop it too. A read that began before a change and ended after it is not
 * kept. An entry lives at most `ttlMs`, which bounds how long a node that did not hear of a change shows the old one.
 * Profiles are given out frozen: they are shared by every answer that shows them.
 */
export class ProfileCache {
  private readonly byId: LRUCache<string, PublicProfile>;
  private generation = 0;

  constructor(options: { max: number; ttlMs: number }) {
    this.byId = new LRUCache<string, PublicProfile>({ max: options.max, ttl: options.ttlMs });
  }

  /** The profiles of `ids` (those that exist): the cached ones, and what `load` reads for the rest. */
  async read(ids: readonly string[], load: (missing: string[]) => Promise<PublicProfile[]>): Promise<Map<string, PublicProfile>> {
    const found = new Map<string, PublicProfile>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.byId.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const generation = this.generation;
    const loaded = (await load(missing)).map((profile) => Object.freeze(profile));
    const keep = generation === this.generation;
    for (const profile of loaded) {
      found.set(profile.id, profile);
      if (keep) this.byId.set(profile.id, profile);
    }
    return found;
  }

  /** Drops the profiles of `userIds`, whose change has been written. */
  changed(userIds: readonly string[]): void {
    this.generation++;
    for (const id of userIds) this.byId.delete(id);
  }
}
