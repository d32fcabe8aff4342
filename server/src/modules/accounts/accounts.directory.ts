import type { PublicProfile } from '@maum/protocol';
import type { AccountsRepository } from './accounts.repository';
import { toPublicProfile } from './accounts.mappers';
import type { ContactStatus, FriendsRepository } from './friends.repository';
import type { ProfileCache } from './profile-cache';

/**
 * Read-only facts about people, for other modules' services. Those services check the caller's access first;
 * this directory only answers questions about ids they already hold.
 */
export class AccountsDirectory {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly friends: FriendsRepository,
    private readonly cache: ProfileCache,
  ) {}

  /** The public profiles of `ids` that exist, shared and frozen (see `ProfileCache`). */
  async profiles(ids: string[]): Promise<Map<string, PublicProfile>> {
    return this.cache.read(ids, async (missing) => (await this.accounts.findUsersByIds(missing)).map(toPublicProfile));
  }

  async idOfHandle(handle: string): Promise<string | undefined> {
    return (await this.accounts.findUserByHandle(handle))?.id;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.accounts.findUserById(id)) !== undefined;
  }

  /** For each of `userIds`, everyone who has blocked them (users nobody blocked are absent). */
  async blockersOf(userIds: string[]): Promise<Map<string, string[]>> {
    return this.friends.ownersWithStatus([...new Set(userIds)], ['blocked']);
  }

  async hasBlocked(ownerId: string, otherId: string): Promise<boolean> {
    return (await this.friends.find(ownerId, otherId))?.status === 'blocked';
  }

  /** Birthdays the viewer may see: those of friends who have added the viewer back. */
  async friendBirthdays(viewerId: string): Promise<Array<{ friend: PublicProfile; birthday: string }>> {
    const friends = await this.friends.mutualFriends(viewerId);
    return friends.flatMap((f) => (f.birthday ? [{ friend: toPublicProfile(f), birthday: f.birthday }] : []));
  }

  /** Whether `ownerId` has added `otherId` as a friend. */
  async hasAdded(ownerId: string, otherId: string): Promise<boolean> {
    return isAdded((await this.friends.find(ownerId, otherId))?.status);
  }

  /**
   * How each of `ownerIds` placed `viewerId`: added (as a friend, hidden or not), as a favourite, or blocked. Owners
   * who did none of these are absent.
   */
  async standingsToward(ownerIds: string[], viewerId: string): Promise<Map<string, { added: boolean; favourite: boolean; blocked: boolean }>> {
    const rows = await this.friends.toward([...new Set(ownerIds)], viewerId);
    return new Map(
      rows.map((row) => [row.ownerId, { added: row.status !== 'blocked', favourite: row.status !== 'blocked' && row.favourite, blocked: row.status === 'blocked' }]),
    );
  }

  /** Everyone `ownerId` has added (hidden friends included). */
  async addedBy(ownerId: string): Promise<string[]> {
    return this.friends.targetsOf(ownerId, ['friend', 'hidden']);
  }

  /** Which of `ids` are in `ownerId`'s friend list (hidden friends included). */
  async friendsAmong(ownerId: string, ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    const statuses = await this.friends.statusesOfPairs(unique.map((id): [string, string] => [ownerId, id]));
    return new Set(unique.filter((_, i) => isAdded(statuses[i])));
  }

  /**
   * Both ways between `ownerId` and each of `ids`, in one read: which of them `ownerId` has added (hidden friends
   * included), and which of them have blocked `ownerId`.
   */
  async tiesWith(ownerId: string, ids: string[]): Promise<{ added: Set<string>; blockedBy: Set<string> }> {
    const unique = [...new Set(ids)];
    const statuses = await this.friends.statusesOfPairs([
      ...unique.map((id): [string, string] => [ownerId, id]),
      ...unique.map((id): [string, string] => [id, ownerId]),
    ]);
    return {
      added: new Set(unique.filter((_, i) => isAdded(statuses[i]))),
      blockedBy: new Set(unique.filter((_, i) => statuses[unique.length + i] === 'blocked')),
    };
  }
}

function isAdded(status: ContactStatus | undefined): boolean {
  return status === 'friend' || status === 'hidden';
}
