import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  handle: text('handle').notNull().unique('users_handle_key'),
  displayName: text('display_name').notNull(),
  statusMessage: text('status_message').notNull().default(''),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['user', 'seller', 'store_staff', 'operator'] }).notNull().default('user'),
  avatarKey: text('avatar_key'),
  /** `MM-DD`; shown only to people this user has added as friends. */
  birthday: text('birthday'),
  friendCode: text('friend_code').notNull().unique('users_friend_code_key'),
  createdAt: time('created_at').notNull(),
  updatedAt: time('updated_at').notNull(),
});

/** Only the SHA-256 of a session token is stored, so a leaked table cannot be replayed. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique('sessions_token_hash_key'),
    deviceName: text('device_name').notNull(),
    createdAt: time('created_at').notNull(),
    lastSeenAt: time('last_seen_at').notNull(),
    expiresAt: time('expires_at').notNull(),
    revokedAt: time('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * One row per (owner, target) that the owner has acted on: added as a friend (possibly hidden or a favourite)
 * or blocked. Adding is one-way, as in KakaoTalk: the target sees the owner under "people who added you".
 */
export const contacts = pgTable(
  'contacts',
  {
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetId: text('target_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['friend', 'hidden', 'blocked'] }).notNull(),
    favourite: boolean('favourite').notNull().default(false),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.targetId] }), index('contacts_target_idx').on(t.targetId)],
);
