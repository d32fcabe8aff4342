import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A room of any kind. `last_seq` is the room's message counter: a send locks this row, takes the next number and
 * inserts the message in the same transaction, so seqs have no gaps even across several server processes.
 */
export const rooms = pgTable('rooms', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['direct', 'group', 'channel', 'open'] }).notNull(),
  title: text('title'),
  /** `<smaller user id>:<larger user id>` for direct rooms, so there is exactly one per pair. */
  directKey: text('direct_key').unique('rooms_direct_key_key'),
  lastSeq: integer('last_seq').notNull().default(0),
  memberCount: integer('member_count').notNull().default(0),
  createdBy: text('created_by').notNull(),
  createdAt: time('created_at').notNull(),
  lastActivityAt: time('last_activity_at').notNull(),
});

export const roomMembers = pgTable(
  'room_members',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['member', 'host', 'cohost'] }).notNull().default('member'),
    /** The highest seq this member has read; only moves forward. */
    readSeq: integer('read_seq').notNull().default(0),
    /** Messages up to this seq were sent before the member (last) joined; they are not theirs to see. */
    joinedSeq: integer('joined_seq').notNull().default(0),
    joinedAt: time('joined_at').notNull(),
    leftAt: time('left_at'),
    /**
     * In an open room, how the room shows this member: a member id of the room's own (never the account id), and the
     * name and picture they chose for it (null: their main profile's). Null outside open rooms.
     */
    faceId: text('face_id'),
    faceName: text('face_name'),
    faceAvatarUrl: text('face_avatar_url'),
    /**
     * Set while the member is suspended (a subscribers-only open room whose subscription ended): they still read up to
     * this seq, and nothing after it, and may not post, react or mark read. Null for everyone else.
     */
    suspendedSeq: integer('suspended_seq'),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderId: text('sender_id').notNull(),
    clientMsgId: text('client_msg_id'),
    kind: text('kind', { enum: ['text', 'reply', 'image', 'video', 'file', 'voice', 'system', 'card'] }).notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: time('created_at').notNull(),
    deletedAt: time('deleted_at'),
  },
  (t) => [
    uniqueIndex('messages_room_seq_key').on(t.roomId, t.seq),
    // NULLs are distinct in a unique index, so system messages (no client id) never collide.
    uniqueIndex('messages_room_sender_client_key').on(t.roomId, t.senderId, t.clientMsgId),
  ],
);

/** A message kept from one reader because they had blocked its sender when it was sent. */
export const hiddenMessages = pgTable(
  'hidden_messages',
  {
    roomId: text('room_id').notNull(),
    seq: integer('seq').notNull(),
    userId: text('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId, t.seq] })],
);

export const reactions = pgTable(
  'reactions',
  {
    roomId: text('room_id').notNull(),
    seq: integer('seq').notNull(),
    userId: text('user_id').notNull(),
    emoji: text('emoji').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.seq, t.userId, t.emoji] })],
);

export const media = pgTable(
  'media',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    uploaderId: text('uploader_id').notNull(),
    kind: text('kind', { enum: ['image', 'video', 'file', 'voice'] }).notNull(),
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    durationMs: integer('duration_ms'),
    /** A voice message's peaks, 0..100 (see `Media.waveform`). */
    waveform: jsonb('waveform').$type<number[]>(),
    /** A 360° photo, whose display variant is the whole sphere at 2:1. */
    panorama: boolean('panorama').notNull().default(false),
    /** variant → media-store key. */
    variants: jsonb('variants').$type<Record<string, string>>().notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [index('media_room_idx').on(t.roomId)],
);

/**
 * Chat cards owed by a change that has committed (a gift paid for, a certificate given): written in the change's own
 * transaction, posted right after its commit, and deleted once posted. A card still here after a crash or a failed
 * post is posted by a scheduled job; its `client_msg_id` makes a second post of the same card answer the first.
 */
export const chatCardOutbox = pgTable(
  'chat_card_outbox',
  {
    id: text('id').primaryKey(),
    /** `direct`: the sender's direct room with the recipient; `channel`: the channel room of the sender's channel. */
    room: text('room', { enum: ['direct', 'channel'] }).notNull(),
    fromUserId: text('from_user_id').notNull(),
    toUserId: text('to_user_id').notNull(),
    clientMsgId: text('client_msg_id').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [uniqueIndex('chat_card_outbox_sender_client_key').on(t.fromUserId, t.clientMsgId), index('chat_card_outbox_created_idx').on(t.createdAt)],
);
