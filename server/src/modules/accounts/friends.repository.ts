import { and, asc, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database';
import { batchedOn, rowsPerKey } from '../../platform/db/batched';
import { preparedOn } from '../../platform/db/prepared';
import { contacts, users } from './accounts.schema';
import type { UserRow } from './accounts.repository';

export type ContactRow = typeof contacts.$inferSelect;
export type ContactStatus = ContactRow['status'];

export interface FriendRow {
  contact: ContactRow;
  user: UserRow;
  mutual: boolean;
}

const theirs = alias(contacts, 'theirs');

/** All SQL for the friend graph: one-way adds, favourites, hidden friends and blocks. */
export class FriendsRepository {
  constructor(private readonly db: Executor) {}

  async find(ownerId: string, targetId: string): Promise<ContactRow | undefined> {
    const [row] = await this.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.ownerId, ownerId), eq(contacts.targetId, targetId)));
    return row;
  }

  /** For each of `targetIds`, the owners who gave it one of `statuses` (e.g. everyone who blocked them). */
  async ownersWithStatus(targetIds: string[], statuses: ContactStatus[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (targetIds.length === 0) return result;
    const read = batchedOn(this.db, `friends_owners_with_status:${statuses.join()}`, (db, keys: string[]) => ownersWithStatus(db, keys, statuses));
    const owners = await read.loadMany(targetIds);
    targetIds.forEach((id, i) => {
      if (owners[i]!.length > 0) result.set(id, owners[i]!);
    });
    return result;
  }

  /** The rows that each of `ownerIds` keeps for `targetId` (how each of them placed that one person). */
  async toward(ownerIds: string[], targetId: string): Promise<ContactRow[]> {
    if (ownerIds.length === 0) return [];
    return this.db
      .select()
      .from(contacts)
      .where(and(inArray(contacts.ownerId, ownerIds), eq(contacts.targetId, targetId)));
  }

  /** Everyone the owner has with one of `statuses`. */
  async targetsOf(ownerId: string, statuses: ContactStatus[]): Promise<string[]> {
    const rows = await this.db
      .select({ targetId: contacts.targetId })
      .from(contacts)
      .where(and(eq(contacts.ownerId, ownerId), inArray(contacts.status, statuses)));
    return rows.map((r) => r.targetId);
  }

  /**
   * For each (owner, target) pair, the status the owner gave the target, or undefined where the owner has no row for
   * it. Pairs asked for by requests at about the same moment are read in one statement.
   */
  async statusesOfPairs(pairs: Array<[ownerId: string, targetId: string]>): Promise<Array<ContactStatus | undefined>> {
    if (pairs.length === 0) return [];
    return batchedOn(this.db, 'friends_pair_statuses', statusesOfPairs).loadMany(pairs);
  }

  /** Creates or replaces the owner's row for the target. */
  async upsert(ownerId: string, targetId: string, status: ContactStatus, favourite: boolean, now: Date): Promise<void> {
    await this.db
      .insert(contacts)
      .values({ ownerId, targetId, status, favourite, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [contacts.ownerId, contacts.targetId],
        set: { status, favourite, updatedAt: now },
      });
  }

  async update(
    ownerId: string,
    targetId: string,
    patch: Partial<Pick<ContactRow, 'status' | 'favourite'>>,
    now: Date,
  ): Promise<void> {
    await this.db
      .update(contacts)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(contacts.ownerId, ownerId), eq(contacts.targetId, targetId)));
  }

  /** Deletes the owner's row for the target when it has one of `statuses`; answers whether it did. */
  async delete(ownerId: string, targetId: string, statuses: ContactStatus[]): Promise<boolean> {
    const rows = await this.db
      .delete(contacts)
      .where(and(eq(contacts.ownerId, ownerId), eq(contacts.targetId, targetId), inArray(contacts.status, statuses)))
      .returning({ ownerId: contacts.ownerId });
    return rows.length > 0;
  }

  /** The owner's contacts with the given statuses, favourites first, then by name; `q` matches name or handle. */
  async list(ownerId: string, statuses: ContactStatus[], q?: string): Promise<FriendRow[]> {
    const search = q ? or(ilike(users.displayName, `%${escapeLike(q)}%`), ilike(users.handle, `%${escapeLike(q)}%`)) : undefined;
    const rows = await this.db
      .select({ contact: contacts, user: users, theirStatus: theirs.status })
      .from(contacts)
      .innerJoin(users, eq(users.id, contacts.targetId))
      .leftJoin(theirs, and(eq(theirs.ownerId, contacts.targetId), eq(theirs.targetId, contacts.ownerId)))
      .where(and(eq(contacts.ownerId, ownerId), inArray(contacts.status, statuses), search))
      .orderBy(desc(contacts.favourite), asc(users.displayName), asc(users.handle));
    return rows.map((r) => ({ contact: r.contact, user: r.user, mutual: r.theirStatus === 'friend' || r.theirStatus === 'hidden' }));
  }

  async findFriend(ownerId: string, targetId: string): Promise<FriendRow | undefined> {
    const rows = await this.db
      .select({ contact: contacts, user: users, theirStatus: theirs.status })
      .from(contacts)
      .innerJoin(users, eq(users.id, contacts.targetId))
      .leftJoin(theirs, and(eq(theirs.ownerId, contacts.targetId), eq(theirs.targetId, contacts.ownerId)))
      .where(and(eq(contacts.ownerId, ownerId), eq(contacts.targetId, targetId)));
    const r = rows[0];
    return r && { contact: r.contact, user: r.user, mutual: r.theirStatus === 'friend' || r.theirStatus === 'hidden' };
  }

  /** Friends of `viewerId` who have added the viewer back, so may show the viewer their birthday. */
  async mutualFriends(viewerId: string): Promise<UserRow[]> {
    const rows = await this.db
      .select({ user: users })
      .from(contacts)
      .innerJoin(theirs, and(eq(theirs.ownerId, contacts.targetId), eq(theirs.targetId, contacts.ownerId)))
      .innerJoin(users, eq(users.id, contacts.targetId))
      .where(and(eq(contacts.ownerId, viewerId), inArray(contacts.status, ['friend', 'hidden']), inArray(theirs.status, ['friend', 'hidden'])));
    return rows.map((r) => r.user);
  }

  /** People who added `userId` as a friend, whom `userId` has neither added back nor blocked. */
  async addedBy(userId: string): Promise<UserRow[]> {
    const mine = alias(contacts, 'mine');
    const rows = await this.db
      .select({ user: users })
      .from(contacts)
      .innerJoin(users, eq(users.id, contacts.ownerId))
      .leftJoin(mine, and(eq(mine.ownerId, userId), eq(mine.targetId, contacts.ownerId)))
      .where(and(eq(contacts.targetId, userId), inArray(contacts.status, ['friend', 'hidden']), isNull(mine.ownerId)))
      .orderBy(sql`${contacts.createdAt} desc`);
    return rows.map((r) => r.user);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function ownersWithStatus(db: Executor, targetIds: string[], statuses: ContactStatus[]): Promise<string[][]> {
  const statement = preparedOn(db, 'friends_owners_with_status', (on) =>
    on
      .select({ ownerId: contacts.ownerId, targetId: contacts.targetId })
      .from(contacts)
      .where(and(sql`${contacts.targetId} = any(${sql.placeholder('targetIds')})`, sql`${contacts.status} = any(${sql.placeholder('statuses')})`)),
  );
  const rows = await statement.execute({ targetIds, statuses });
  return rowsPerKey(targetIds, rows, (row) => row.targetId).map((found) => found.map((row) => row.ownerId));
}

/** For each (owner, target) pair, the status the owner gave the target (undefined where there is no row). */
async function statusesOfPairs(db: Executor, pairs: Array<[string, string]>): Promise<Array<ContactStatus | undefined>> {
  const statement = preparedOn(db, 'friends_pair_statuses', (on) =>
    on
      .select({ ownerId: contacts.ownerId, targetId: contacts.targetId, status: contacts.status })
      .from(contacts)
      .innerJoin(
        sql`unnest(${sql.placeholder('ownerIds')}::text[], ${sql.placeholder('targetIds')}::text[]) as pair(owner_id, target_id)`,
        sql`${contacts.ownerId} = pair.owner_id and ${contacts.targetId} = pair.target_id`,
      ),
  );
  const rows = await statement.execute({ ownerIds: pairs.map(([owner]) => owner), targetIds: pairs.map(([, target]) => target) });
  const found = new Map(rows.map((row) => [JSON.stringify([row.ownerId, row.targetId]), row.status]));
  return pairs.map((pair) => found.get(JSON.stringify(pair)));
}
