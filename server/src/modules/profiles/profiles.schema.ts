import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Audience, BlockSetting, MusicLink, ProfileBackground, Sticker } from '@maum/protocol';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A person's profile space: its look, its blocks and their audiences, and the feeling of the moment. A person without
 * a row has the default space (see `defaultSpace`); the row is made the first time they change anything.
 */
export const profileSpaces = pgTable('profile_spaces', {
  userId: text('user_id').primaryKey(),
  theme: text('theme').notNull(),
  /** The media key of a cover picture; null when the cover is the theme. */
  coverKey: text('cover_key'),
  background: jsonb('background').$type<ProfileBackground>().notNull(),
  stickers: jsonb('stickers').$type<Sticker[]>().notNull(),
  blocks: jsonb('blocks').$type<BlockSetting[]>().notNull(),
  music: jsonb('music').$type<MusicLink | null>(),
  showVisitors: boolean('show_visitors').notNull().default(true),
  feelingEmoji: text('feeling_emoji'),
  feelingText: text('feeling_text'),
  feelingPinned: boolean('feeling_pinned').notNull().default(false),
  feelingSetAt: time('feeling_set_at'),
  updatedAt: time('updated_at').notNull(),
});

/**
 * A life event. A yearly one (a birthday) comes back on `month_day` each year; a one-off happens on `date` only.
 * `month_day` is what the day's card run looks up.
 */
export const profileEvents = pgTable(
  'profile_events',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    date: text('date').notNull(),
    monthDay: text('month_day').notNull(),
    yearly: boolean('yearly').notNull(),
    audience: jsonb('audience').$type<Audience>().notNull(),
    giftsAllowed: boolean('gifts_allowed').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('profile_events_owner_idx').on(t.ownerId), index('profile_events_month_day_idx').on(t.monthDay), index('profile_events_date_idx').on(t.date)],
);

/** One celebration per visitor and occurrence of an event: the primary key is what makes a second tap not count. */
export const profileCelebrations = pgTable(
  'profile_celebrations',
  {
    eventId: text('event_id').notNull(),
    occursOn: text('occurs_on').notNull(),
    visitorId: text('visitor_id').notNull(),
    ownerId: text('owner_id').notNull(),
    reaction: text('reaction').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occursOn, t.visitorId] }), index('profile_celebrations_owner_idx').on(t.ownerId)],
);

export const profileGuestbook = pgTable(
  'profile_guestbook',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    writerId: text('writer_id').notNull(),
    text: text('text').notNull(),
    secret: boolean('secret').notNull(),
    /** Set when written on an event's wall: the event and the occurrence it was written for. */
    eventId: text('event_id'),
    occursOn: text('occurs_on'),
    replyText: text('reply_text'),
    replyAt: time('reply_at'),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('profile_guestbook_owner_idx').on(t.ownerId, t.id), index('profile_guestbook_event_idx').on(t.eventId, t.occursOn)],
);

/** A gift sent for an event, written in the purchase's transaction. */
export const profileEventGifts = pgTable(
  'profile_event_gifts',
  {
    giftId: text('gift_id').primaryKey(),
    eventId: text('event_id').notNull(),
    occursOn: text('occurs_on').notNull(),
    ownerId: text('owner_id').notNull(),
    senderId: text('sender_id').notNull(),
    productName: text('product_name').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('profile_event_gifts_event_idx').on(t.eventId, t.occursOn), index('profile_event_gifts_owner_idx').on(t.ownerId)],
);

/** One row per visitor, owner and day: the counter is a count of rows, so concurrent visits count once. */
export const profileVisits = pgTable(
  'profile_visits',
  {
    ownerId: text('owner_id').notNull(),
    day: text('day').notNull(),
    visitorId: text('visitor_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.day, t.visitorId] })],
);

export const profilePhotos = pgTable(
  'profile_photos',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    key: text('key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('profile_photos_owner_idx').on(t.ownerId, t.id)],
);

/** An owner's own list of people to show things to ("close friends", "family"). */
export const profileLists = pgTable(
  'profile_lists',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    name: text('name').notNull(),
    memberIds: text('member_ids').array().notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('profile_lists_owner_idx').on(t.ownerId)],
);

/** Who gets a card in chat on the day of whose events. */
export const profileFollows = pgTable(
  'profile_follows',
  {
    followerId: text('follower_id').notNull(),
    ownerId: text('owner_id').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.followerId, t.ownerId] }), index('profile_follows_owner_idx').on(t.ownerId)],
);

/**
 * A card owed to one follower for one occurrence of an event, claimed in the transaction that owes it: each follower
 * gets one per occurrence, whichever node runs the day's cards, and someone who follows later that day still gets theirs.
 */
export const profileEventCards = pgTable(
  'profile_event_cards',
  {
    eventId: text('event_id').notNull(),
    occursOn: text('occurs_on').notNull(),
    followerId: text('follower_id').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occursOn, t.followerId] })],
);

/** What visitors did on an owner's space, for the owner's notifications list. */
export const profileNotices = pgTable(
  'profile_notices',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind', { enum: ['celebration', 'guestbook', 'gift'] }).notNull(),
    fromId: text('from_id').notNull(),
    eventId: text('event_id'),
    reaction: text('reaction'),
    entryId: text('entry_id'),
    secret: boolean('secret').notNull().default(false),
    productName: text('product_name'),
    createdAt: time('created_at').notNull(),
    readAt: time('read_at'),
  },
  (t) => [index('profile_notices_owner_idx').on(t.ownerId, t.id)],
);
