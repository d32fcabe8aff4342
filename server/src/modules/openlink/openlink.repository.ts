import { and, arrayContains, arrayOverlaps, asc, count, desc, eq, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { openBans, openMembers, openModerationLog, openRooms } from './openlink.schema';

export type OpenRoomRow = typeof openRooms.$inferSelect;
export type OpenMemberRow = typeof openMembers.$inferSelect;
export type ModerationRow = typeof openModerationLog.$inferSelect;

export interface RoomQuery {
  terms: string[];
  category?: string;
  languages?: string[];
  sort: 'trending' | 'new' | 'members';
  limit: number;
}

/** All SQL for open rooms and their members. */
export class OpenlinkRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): OpenlinkRepository {
    return new OpenlinkRepository(tx);
  }

  async insertRoom(row: OpenRoomRow): Promise<void> {
    await this.db.insert(openRooms).values(row);
  }

  async findRoom(roomId: string): Promise<OpenRoomRow | undefined> {
    const [row] = await this.db.select().from(openRooms).where(eq(openRooms.roomId, roomId));
    return row;
  }

  async findByLink(linkCode: string): Promise<OpenRoomRow | undefined> {
    const [row] = await this.db.select().from(openRooms).where(eq(openRooms.linkCode, linkCode));
    return row;
  }

  /**
   * Takes a seat in the room in one conditional statement, so concurrent joins stop exactly at the cap; a join warms
   * the room's trend by `weight`. Answers whether there was a seat.
   */
  async takeSeat(roomId: string, trendNow: number, weight: number): Promise<boolean> {
    const rows = await this.db
      .update(openRooms)
      .set({ memberCount: sql`${openRooms.memberCount} + 1`, trendKey: warmed(trendNow, weight) })
      .where(and(eq(openRooms.roomId, roomId), lt(openRooms.memberCount, openRooms.memberCap)))
      .returning({ roomId: openRooms.roomId });
    return rows.length > 0;
  }

  async freeSeat(roomId: string): Promise<void> {
    await this.db.update(openRooms).set({ memberCount: sql`greatest(${openRooms.memberCount} - 1, 0)` }).where(eq(openRooms.roomId, roomId));
  }

  /** Adds a member; answers false if they were in already. */
  async insertMember(row: Pick<OpenMemberRow, 'roomId' | 'userId' | 'role' | 'joinedAt'>): Promise<boolean> {
    const rows = await this.db.insert(openMembers).values(row).onConflictDoNothing().returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async deleteMember(roomId: string, userId: string): Promise<OpenMemberRow | undefined> {
    const [row] = await this.db.delete(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId))).returning();
    return row;
  }

  /** The caller's membership in each of `roomIds` they are in. */
  async membershipsOf(userId: string, roomIds: string[]): Promise<Map<string, OpenMemberRow>> {
    if (roomIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(openMembers)
      .where(and(eq(openMembers.userId, userId), inArray(openMembers.roomId, roomIds)));
    return new Map(rows.map((r) => [r.roomId, r]));
  }

  async findMember(roomId: string, userId: string): Promise<OpenMemberRow | undefined> {
    const [row] = await this.db.select().from(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId)));
    return row;
  }

  async setRole(roomId: string, userId: string, role: OpenMemberRow['role'], rights: string[]): Promise<boolean> {
    const rows = await this.db
      .update(openMembers)
      .set({ role, rights })
      .where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId), ne(openMembers.role, 'host')))
      .returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async cohostCount(roomId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.role, 'cohost')));
    return row?.n ?? 0;
  }

  /**
   * Slow mode, in one conditional statement: moves the member's last post to `now` only if their last one was at
   * least `seconds` ago, so of many messages sent at once exactly one gets through. Answers whether it did.
   */
  async claimPost(roomId: string, userId: string, now: Date, seconds: number): Promise<boolean> {
    const since = new Date(now.getTime() - seconds * 1000);
    const rows = await this.db
      .update(openMembers)
      .set({ lastPostAt: now })
      .where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId), or(isNull(openMembers.lastPostAt), lte(openMembers.lastPostAt, since))))
      .returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async updateSettings(roomId: string, settings: Partial<Pick<OpenRoomRow, 'slowModeSeconds' | 'readOnly' | 'pinnedNotice' | 'bannedWords' | 'wordMatch'>>): Promise<OpenRoomRow> {
    const [row] = await this.db.update(openRooms).set(settings).where(eq(openRooms.roomId, roomId)).returning();
    return row!;
  }

  async ban(row: typeof openBans.$inferInsert): Promise<void> {
    await this.db.insert(openBans).values(row).onConflictDoNothing();
  }

  async unban(roomId: string, userId: string): Promise<boolean> {
    const rows = await this.db.delete(openBans).where(and(eq(openBans.roomId, roomId), eq(openBans.userId, userId))).returning({ userId: openBans.userId });
    return rows.length > 0;
  }

  async isBanned(roomId: string, userId: string): Promise<boolean> {
    const [row] = await this.db.select({ userId: openBans.userId }).from(openBans).where(and(eq(openBans.roomId, roomId), eq(openBans.userId, userId)));
    return row !== undefined;
  }

  async logModeration(row: ModerationRow): Promise<void> {
    await this.db.insert(openModerationLog).values(row);
  }

  async moderationLog(roomId: string, limit: number): Promise<ModerationRow[]> {
    return this.db.select().from(openModerationLog).where(eq(openModerationLog.roomId, roomId)).orderBy(desc(openModerationLog.at), desc(openModerationLog.id)).limit(limit);
  }

  /**
   * Who takes over from a leaving host: a co-host before a member, then whoever posted most recently (the most active
   * now), then whoever has been in the room longest.
   */
  async nextHost(roomId: string, except: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ userId: openMembers.userId })
      .from(openMembers)
      .where(and(eq(openMembers.roomId, roomId), ne(openMembers.userId, except)))
      .orderBy(sql`case when ${openMembers.role} = 'cohost' then 0 else 1 end`, sql`${openMembers.lastPostAt} desc nulls last`, asc(openMembers.joinedAt), asc(openMembers.userId))
      .limit(1);
    return row?.userId;
  }

  async makeHost(roomId: string, userId: string): Promise<void> {
    await this.db.update(openMembers).set({ role: 'host', rights: [] }).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId)));
    await this.db.update(openRooms).set({ hostId: userId }).where(eq(openRooms.roomId, roomId));
  }

  /** Rooms with every term (GIN), in a category and any of some languages; an empty room is not listed. */
  async search(query: RoomQuery): Promise<OpenRoomRow[]> {
    const where: SQL[] = [sql`${openRooms.memberCount} > 0`];
    if (query.terms.length > 0) where.push(arrayContains(openRooms.searchTerms, query.terms));
    if (query.category) where.push(eq(openRooms.category, query.category));
    if (query.languages?.length) where.push(arrayOverlaps(openRooms.languages, query.languages));
    const order =
      query.sort === 'new'
        ? [desc(openRooms.createdAt)]
        : query.sort === 'members'
          ? [desc(openRooms.memberCount), desc(openRooms.trendKey)]
          : [desc(openRooms.trendKey)];
    return this.db
      .select()
      .from(openRooms)
      .where(and(...where))
      .orderBy(...order, asc(openRooms.roomId))
      .limit(query.limit);
  }
}

/** The trend key after an event of `weight` at `now` (in units of the decay time): ln(e^(key − now) + weight) + now. */
function warmed(now: number, weight: number): SQL {
  return sql`ln(exp(${openRooms.trendKey} - ${now}::double precision) + ${weight}::double precision) + ${now}::double precision`;
}
