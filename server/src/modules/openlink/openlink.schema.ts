import { boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The public face of an open room: its chat room (same id) holds members and messages; this holds what the room is
 * about, how people join, and what discovery needs. `member_count` moves in the same transaction as the member rows,
 * by a conditional update, so concurrent joins never pass `member_cap`.
 */
export const openRooms = pgTable(
  'open_rooms',
  {
    roomId: text('room_id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    tags: text('tags').array().notNull(),
    languages: text('languages').array().notNull(),
    memberCap: integer('member_cap').notNull(),
    memberCount: integer('member_count').notNull().default(0),
    joinMode: text('join_mode', { enum: ['open', 'code'] }).notNull(),
    /** sha256(salt ‖ code), compared in constant time; null unless the room joins by code. */
    entryCodeHash: text('entry_code_hash'),
    entryCodeSalt: text('entry_code_salt'),
    linkCode: text('link_code').notNull().unique('open_rooms_link_code_key'),
    hostId: text('host_id').notNull(),
    /** See search-terms.ts: the room is found by a query whose terms are all in here (GIN index). */
    searchTerms: text('search_terms').array().notNull(),
    /**
     * Trending, as a key that does not change with time: ln(heat) + t/τ, where heat decays with time constant τ and
     * each join adds to it. Ordering by it is ordering by today's heat, with an index.
     */
    trendKey: doublePrecision('trend_key').notNull(),
    /** Seconds a member waits between messages; 0 is off. Hosts and co-hosts are never slowed. */
    slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
    /** Announcements only: just hosts and co-hosts post. */
    readOnly: boolean('read_only').notNull().default(false),
    pinnedNotice: text('pinned_notice'),
    /** Lower-cased; a message with one of them (a whole word, or anywhere with `contains`) is refused. */
    bannedWords: text('banned_words').array().notNull().default([]),
    wordMatch: text('word_match', { enum: ['exact', 'contains'] }).notNull().default('contains'),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    index('open_rooms_search_terms_idx').using('gin', t.searchTerms),
    index('open_rooms_trend_key_idx').on(t.trendKey),
    index('open_rooms_created_idx').on(t.createdAt),
  ],
);

export const openMembers = pgTable(
  'open_members',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['host', 'cohost', 'member'] }).notNull(),
    /** A co-host's rights, granted by the host (see `cohostRights`). */
    rights: text('rights').array().notNull().default([]),
    joinedAt: time('joined_at').notNull(),
    /** When this member last posted, for slow mode: moved forward by one conditional update per message. */
    lastPostAt: time('last_post_at'),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('open_members_user_idx').on(t.userId)],
);

/** Accounts kept out of a room (kicked or banned): by account, so a new profile in the room does not get them back in. */
export const openBans = pgTable(
  'open_bans',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    byId: text('by_id').notNull(),
    at: time('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] })],
);

/** Every moderation action in a room, which its members may read. */
export const openModerationLog = pgTable(
  'open_moderation_log',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    action: text('action', { enum: ['settings', 'cohost', 'uncohost', 'hide', 'kick', 'ban', 'unban'] }).notNull(),
    actorId: text('actor_id').notNull(),
    targetId: text('target_id'),
    detail: text('detail').notNull(),
    at: time('at').notNull(),
  },
  (t) => [index('open_moderation_log_room_idx').on(t.roomId, t.at)],
);
