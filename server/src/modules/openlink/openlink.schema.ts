import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
    joinMode: text('join_mode', { enum: ['open', 'code', 'request'] }).notNull(),
    /** Asked of people who request to join. */
    question: text('question'),
    coverUrl: text('cover_url'),
    /** `one_to_one`: each person who joins gets a 1:1 room with the host (see `openConversations`). */
    format: text('format', { enum: ['group', 'one_to_one'] }).notNull().default('group'),
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
    /** Words kept as they are, and words translated the room's way (see protocol `Glossary`). */
    glossary: jsonb('glossary').$type<{ keep: string[]; terms: Array<{ term: string; lang: string; text: string }> }>().notNull().default({ keep: [], terms: [] }),
    createdAt: time('created_at').notNull(),
    /** When the host closed the room: it is kept to read, but nobody joins or posts, and it is not listed. */
    closedAt: time('closed_at'),
  },
  (t) => [
    index('open_rooms_search_terms_idx').using('gin', t.searchTerms),
    index('open_rooms_trend_key_idx').on(t.trendKey),
    index('open_rooms_created_idx').on(t.createdAt),
  ],
);

/**
 * Who someone was in a room: each join makes one, with a member id of its own (`opm_…`), the only id anyone in the
 * room sees. Kept after they leave, so the moderation log and bans still name them. `nickname` is null for a main
 * profile (their name and picture come from their account then).
 */
export const openProfiles = pgTable(
  'open_profiles',
  {
    memberId: text('member_id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['main', 'open'] }).notNull(),
    nickname: text('nickname'),
    avatarUrl: text('avatar_url'),
    /** The language the member reads the room in. */
    lang: text('lang').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('open_profiles_room_user_idx').on(t.roomId, t.userId)],
);

export const openMembers = pgTable(
  'open_members',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => openProfiles.memberId),
    role: text('role', { enum: ['host', 'cohost', 'member'] }).notNull(),
    /** A co-host's rights, granted by the host (see `cohostRights`). */
    rights: text('rights').array().notNull().default([]),
    joinedAt: time('joined_at').notNull(),
    /** When this member last posted, for slow mode: moved forward by one conditional update per message. */
    lastPostAt: time('last_post_at'),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('open_members_user_idx').on(t.userId), uniqueIndex('open_members_member_key').on(t.memberId)],
);

/**
 * A 1:1 room between the host of a `one_to_one` open room and someone who joined it: a chat room of kind `open` of its
 * own (`room_id`), where each is shown by the profile they have in the open room.
 */
export const openConversations = pgTable(
  'open_conversations',
  {
    roomId: text('room_id').primaryKey(),
    openRoomId: text('open_room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    memberId: text('member_id')
      .notNull()
      .references(() => openProfiles.memberId),
    createdAt: time('created_at').notNull(),
  },
  (t) => [uniqueIndex('open_conversations_room_user_key').on(t.openRoomId, t.userId)],
);

/** Someone asking to join a room that joins by request, with the profile they chose and their answer. */
export const openJoinRequests = pgTable(
  'open_join_requests',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    profileKind: text('profile_kind', { enum: ['main', 'open'] }).notNull(),
    nickname: text('nickname'),
    lang: text('lang').notNull(),
    answer: text('answer').notNull(),
    at: time('at').notNull(),
  },
  (t) => [uniqueIndex('open_join_requests_room_user_key').on(t.roomId, t.userId)],
);

/** A member's report of another member (or one of their messages) to the room's hosts. */
export const openReports = pgTable(
  'open_reports',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    reporterId: text('reporter_id').notNull(),
    memberId: text('member_id').notNull(),
    seq: integer('seq'),
    reason: text('reason', { enum: ['spam', 'abuse', 'sexual', 'scam', 'other'] }).notNull(),
    detail: text('detail').notNull(),
    text: text('text').notNull(),
    at: time('at').notNull(),
  },
  (t) => [index('open_reports_room_idx').on(t.roomId, t.at), uniqueIndex('open_reports_once_key').on(t.roomId, t.reporterId, t.memberId, t.seq)],
);

/** A message of an open room in one language, translated once and kept for every reader of that language. */
export const openTranslations = pgTable(
  'open_translations',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    lang: text('lang').notNull(),
    text: text('text').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.seq, t.lang] })],
);

/** Accounts kept out of a room (kicked or banned): by account, so a new profile in the room does not get them back in. */
export const openBans = pgTable(
  'open_bans',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    /** The member id they had in the room when they were kept out, by which the hosts name them. */
    memberId: text('member_id').notNull(),
    byId: text('by_id').notNull(),
    at: time('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] })],
);

/** Every moderation action in a room, which its members may read. Actor and target are member ids. */
export const openModerationLog = pgTable(
  'open_moderation_log',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => openRooms.roomId, { onDelete: 'cascade' }),
    action: text('action', { enum: ['settings', 'glossary', 'cohost', 'uncohost', 'hide', 'kick', 'ban', 'unban', 'approve', 'decline'] }).notNull(),
    actorId: text('actor_id').notNull(),
    targetId: text('target_id'),
    detail: text('detail').notNull(),
    at: time('at').notNull(),
  },
  (t) => [index('open_moderation_log_room_idx').on(t.roomId, t.at)],
);
