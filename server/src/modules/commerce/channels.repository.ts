import { and, desc, eq, ilike, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { preparedOn } from '../../platform/db/prepared';
import { batchedOn, rowsPerKey } from '../../platform/db/batched';
import { channelConversations, channelFollows, channelPosts, channels, sellers } from './commerce.schema';

export type ChannelRow = typeof channels.$inferSelect;
export type PostRow = typeof channelPosts.$inferSelect;
export type FollowRow = typeof channelFollows.$inferSelect;
export type ConversationRow = typeof channelConversations.$inferSelect;

/** All SQL for channels, followers, posts and the customer inbox. */
export class ChannelsRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): ChannelsRepository {
    return new ChannelsRepository(tx);
  }

  // Channels

  async insertChannel(row: typeof channels.$inferInsert): Promise<ChannelRow | undefined> {
    const [created] = await this.db.insert(channels).values(row).onConflictDoNothing().returning();
    return created;
  }

  async updateChannel(id: string, change: Partial<Pick<ChannelRow, 'name' | 'description' | 'category' | 'profileImage' | 'coverImage' | 'updatedAt'>>): Promise<ChannelRow> {
    const [row] = await this.db.update(channels).set(change).where(eq(channels.id, id)).returning();
    return row!;
  }

  async findChannel(id: string): Promise<ChannelRow | undefined> {
    const [row] = await this.db.select().from(channels).where(eq(channels.id, id));
    return row;
  }

  async channelOfSeller(sellerId: string): Promise<ChannelRow | undefined> {
    const [row] = await this.db.select().from(channels).where(eq(channels.sellerId, sellerId));
    return row;
  }

  async channelsByIds(ids: string[]): Promise<ChannelRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(channels).where(inArray(channels.id, ids));
  }

  async channelsOfSellers(sellerIds: string[]): Promise<ChannelRow[]> {
    if (sellerIds.length === 0) return [];
    const found = await batchedOn(this.db, 'channels_of_sellers', channelsOfSellers).loadMany([...new Set(sellerIds)]);
    return found.flat();
  }

  /** Channels of approved sellers, matching a name and a category, most followed first. */
  async searchChannels(input: { q?: string; category?: string; followedBy?: string }, limit: number): Promise<ChannelRow[]> {
    const where: SQL[] = [eq(sellers.status, 'approved')];
    if (input.q) where.push(ilike(channels.name, `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    if (input.category) where.push(eq(channels.category, input.category));
    if (input.followedBy) {
      where.push(sql`exists (select 1 from ${channelFollows} where ${channelFollows.channelId} = ${channels.id} and ${channelFollows.userId} = ${input.followedBy})`);
    }
    const rows = await this.db
      .select({ channel: channels })
      .from(channels)
      .innerJoin(sellers, eq(sellers.id, channels.sellerId))
      .where(and(...where))
      .orderBy(desc(channels.followers), channels.name)
      .limit(limit);
    return rows.map((r) => r.channel);
  }

  // Followers

  /** Adds or updates a follow; the follower count moves only when the follow is new. */
  async follow(channelId: string, userId: string, notify: boolean, now: Date): Promise<void> {
    const [created] = await this.db
      .insert(channelFollows)
      .values({ channelId, userId, notify, createdAt: now })
      .onConflictDoUpdate({ target: [channelFollows.channelId, channelFollows.userId], set: { notify }, setWhere: sql`${channelFollows.notify} <> ${notify}` })
      // xmax is 0 only on a row this statement inserted, not on one it updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (created?.inserted) {
      await this.db.update(channels).set({ followers: sql`${channels.followers} + 1` }).where(eq(channels.id, channelId));
    }
  }

  async unfollow(channelId: string, userId: string): Promise<void> {
    const removed = await this.db
      .delete(channelFollows)
      .where(and(eq(channelFollows.channelId, channelId), eq(channelFollows.userId, userId)))
      .returning({ userId: channelFollows.userId });
    if (removed.length > 0) await this.db.update(channels).set({ followers: sql`${channels.followers} - 1` }).where(eq(channels.id, channelId));
  }

  async followsOf(userId: string, channelIds: string[]): Promise<Map<string, FollowRow>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(channelFollows)
      .where(and(eq(channelFollows.userId, userId), inArray(channelFollows.channelId, channelIds)));
    return new Map(rows.map((r) => [r.channelId, r]));
  }

  /** Followers who take the channel's posts as messages, in pages by user id. */
  async notifiedFollowers(channelId: string, after: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ userId: channelFollows.userId })
      .from(channelFollows)
      .where(and(eq(channelFollows.channelId, channelId), eq(channelFollows.notify, true), sql`${channelFollows.userId} > ${after}`))
      .orderBy(channelFollows.userId)
      .limit(limit);
    return rows.map((r) => r.userId);
  }

  // Posts

  async insertPost(row: typeof channelPosts.$inferInsert): Promise<PostRow> {
    const [created] = await this.db.insert(channelPosts).values(row).returning();
    return created!;
  }

  async postsOf(channelId: string, limit: number): Promise<PostRow[]> {
    return this.db.select().from(channelPosts).where(eq(channelPosts.channelId, channelId)).orderBy(desc(channelPosts.createdAt)).limit(limit);
  }

  async markPostDelivered(id: string, at: Date): Promise<void> {
    await this.db.update(channelPosts).set({ deliveredAt: at }).where(eq(channelPosts.id, id));
  }

  async undeliveredPosts(createdBefore: Date, limit: number): Promise<PostRow[]> {
    return this.db
      .select()
      .from(channelPosts)
      .where(and(isNull(channelPosts.deliveredAt), lt(channelPosts.createdAt, createdBefore)))
      .orderBy(channelPosts.createdAt)
      .limit(limit);
  }

  // Customer inbox

  async upsertConversation(row: ConversationRow): Promise<void> {
    await this.db.insert(channelConversations).values(row).onConflictDoNothing();
  }

  async findConversation(roomId: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db.select().from(channelConversations).where(eq(channelConversations.roomId, roomId));
    return row;
  }

  async updateConversation(roomId: string, change: Partial<Pick<ConversationRow, 'status' | 'assigneeId' | 'resolvedSeq'>>): Promise<ConversationRow> {
    const [row] = await this.db.update(channelConversations).set(change).where(eq(channelConversations.roomId, roomId)).returning();
    return row!;
  }

  async conversationsOf(channelId: string): Promise<ConversationRow[]> {
    return this.db.select().from(channelConversations).where(eq(channelConversations.channelId, channelId));
  }
}

async function channelsOfSellers(db: Executor, sellerIds: string[]): Promise<ChannelRow[][]> {
  const statement = preparedOn(db, 'channels_of_sellers', (on) =>
    on
      .select()
      .from(channels)
      .where(sql`${channels.sellerId} = any(${sql.placeholder('sellerIds')})`),
  );
  return rowsPerKey(sellerIds, await statement.execute({ sellerIds }), (row) => row.sellerId);
}
