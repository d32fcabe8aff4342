import { and, count, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { batchedOn, rowPerKey } from '../../platform/db/batched';
import { preparedOn } from '../../platform/db/prepared';
import { sessions, users } from './accounts.schema';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

/** All SQL for users and sessions. */
export class AccountsRepository {
  constructor(private readonly db: Executor) {}

  async insertUser(user: NewUser): Promise<UserRow> {
    const [row] = await this.db.insert(users).values(user).returning();
    return row!;
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }

  async findUserById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  /** The users of `ids` that exist, each once, in the order of `ids`. */
  async findUsersByIds(ids: string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    const rows = await batchedOn(this.db, 'accounts_users_by_ids', (db, keys: string[]) => usersByIds(db, keys)).loadMany([...new Set(ids)]);
    return rows.filter((row) => row !== undefined);
  }

  async findUserByHandle(handle: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.handle, handle));
    return row;
  }

  async findUserByFriendCode(code: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.friendCode, code));
    return row;
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<UserRow, 'displayName' | 'statusMessage' | 'avatarKey' | 'friendCode' | 'role' | 'birthday'>>,
    now: Date,
  ): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: now })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  async insertSession(session: typeof sessions.$inferInsert): Promise<void> {
    await this.db.insert(sessions).values(session);
  }

  /** The live session behind a token hash, with its user; revoked and expired sessions do not count. */
  async findLiveSession(tokenHash: string, now: Date): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const found = await batchedOn(this.db, 'accounts_unrevoked_sessions', (db, keys: string[]) => unrevokedSessions(db, keys)).load(tokenHash);
    return found && found.session.expiresAt > now ? found : undefined;
  }

  /** Marks a session as seen, at most once per `every` ms, so each request does not write. */
  async touchSession(id: string, now: Date, everyMs: number): Promise<void> {
    await this.db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now.getTime() - everyMs))));
  }

  async listLiveSessions(userId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(sql`${sessions.lastSeenAt} desc`);
  }

  /** Revokes the user's own session `id`; answers whether one was revoked. */
  async revokeSession(userId: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  async revokeSessionsExcept(userId: string, keepId: string, now: Date): Promise<string[]> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }
}

function usersByIds(db: Executor, ids: string[]): Promise<Array<UserRow | undefined>> {
  const statement = preparedOn(db, 'accounts_users_by_ids', (on) =>
    on
      .select()
      .from(users)
      .where(sql`${users.id} = any(${sql.placeholder('ids')})`),
  );
  return statement.execute({ ids }).then((rows) => rowPerKey(ids, rows, (row) => row.id));
}

/** The sessions behind token hashes that are not revoked, with their users; whether each has expired is the caller's. */
async function unrevokedSessions(db: Executor, tokenHashes: string[]): Promise<Array<{ session: SessionRow; user: UserRow } | undefined>> {
  const statement = preparedOn(db, 'accounts_unrevoked_sessions', (on) =>
    on
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(sql`${sessions.tokenHash} = any(${sql.placeholder('tokenHashes')})`, isNull(sessions.revokedAt))),
  );
  return rowPerKey(tokenHashes, await statement.execute({ tokenHashes }), (row) => row.session.tokenHash);
}
