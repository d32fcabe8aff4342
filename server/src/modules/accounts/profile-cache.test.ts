import type { PublicProfile } from '@maum/protocol';
import { describe, expect, it } from 'vitest';
import { ProfileCache } from './profile-cache';

const profile = (id: string, displayName = `Name of ${id}`): PublicProfile => ({ id, handle: id, displayName, statusMessage: '', avatarUrl: null });

/** A stand-in for the database read: the names it holds now, and which ids it was asked for. */
function store(names: Record<string, string>) {
  const asked: string[][] = [];
  return {
    names,
    asked,
    load: async (ids: string[]) => {
      asked.push(ids);
      return ids.filter((id) => id in names).map((id) => profile(id, names[id]));
    },
  };
}

describe('the profile cache', () => {
  it('reads only the profiles it does not hold, answers those that exist, and reads a changed one again', async () => {
    const cache = new ProfileCache({ max: 10, ttlMs: 60_000 });
    const db = store({ a: 'Ana', b: 'Ben' });
    expect([...(await cache.read(['a', 'a', 'ghost'], db.load)).values()].map((p) => p.displayName)).toEqual(['Ana']);
    const both = await cache.read(['a', 'b'], db.load);
    expect(both.get('b')?.displayName).toBe('Ben');
    expect(db.asked).toEqual([['a', 'ghost'], ['b']]);
    db.names.a = 'Anna';
    cache.changed(['a']);
    expect((await cache.read(['a', 'b'], db.load)).get('a')?.displayName).toBe('Anna');
    expect(db.asked.at(-1)).toEqual(['a']);
    // Shared by every answer, so nobody may change one in place.
    expect(() => ((both.get('b') as { displayName: string }).displayName = 'x')).toThrow(TypeError);
  });

  it('does not keep a profile whose read began before a change and answered after it', async () => {
    const cache = new ProfileCache({ max: 10, ttlMs: 60_000 });
    let answer!: (profiles: PublicProfile[]) => void;
    const slow = cache.read(['a'], () => new Promise<PublicProfile[]>((resolve) => (answer = resolve)));
    cache.changed(['a']);
    answer([profile('a', 'Old name')]);
    expect((await slow).get('a')?.displayName).toBe('Old name');
    const db = store({ a: 'New name' });
    expect((await cache.read(['a'], db.load)).get('a')?.displayName).toBe('New name');
  });
});
