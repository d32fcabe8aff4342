import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Named leases: the node that holds one until `expires_at` is the only one doing that work. */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});
