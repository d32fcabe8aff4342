import { and, arrayContains, arrayOverlaps, asc, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { openMembers, openRooms } from './openlink.schema';

export type OpenRoomRow = typeof openRooms.$inferSelect;
export type OpenMemberRow = typeof openMembers.$inferSelect;

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
  async insertMember(row: OpenMemberRow): Promise<boolean> {
    const rows = await this.db.insert(openMembers).values(row).onConflictDoNothing().returning({ userId: openMembers.userId });
    return rows.length > 0;
  }

  async deleteMember(roomId: string, userId: string): Promise<OpenMemberRow | undefined> {
    const [row] = await this.db.delete(openMembers).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId))).returning();
    return row;
  }

  /** The caller's role in each of `roomIds` they are in. */
  async rolesOf(userId: string, roomIds: string[]): Promise<Map<string, OpenMemberRow['role']>> {
    if (roomIds.length === 0) return new Map();
    const rows = await this.db
      .select({ roomId: openMembers.roomId, role: openMembers.role })
      .from(openMembers)
      .where(and(eq(openMembers.userId, userId), inArray(openMembers.roomId, roomIds)));
    return new Map(rows.map((r) => [r.roomId, r.role]));
  }

  /** Who takes over from a leaving host: the member who has been in the room longest. */
  async longestMember(roomId: string, except: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ userId: openMembers.userId })
      .from(openMembers)
      .where(and(eq(openMembers.roomId, roomId), ne(openMembers.userId, except)))
      .orderBy(asc(openMembers.joinedAt), asc(openMembers.userId))
      .limit(1);
    return row?.userId;
  }

  async makeHost(roomId: string, userId: string): Promise<void> {
    await this.db.update(openMembers).set({ role: 'host' }).where(and(eq(openMembers.roomId, roomId), eq(openMembers.userId, userId)));
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
