import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-window counters, keyed by what is limited (`login-ip:<addr>`, `pin-lookup:<store>`, …), and the last time
 * something was noted (`login-known:<handle>:<addr>`, a sign-in that succeeded from an address).
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  count: integer('count').notNull(),
});
