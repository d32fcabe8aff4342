import { sql } from 'drizzle-orm';
import type { LogEntry } from '@maum/protocol';
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A seller's request that the operator verify a product, with its evidence (pictures the seller uploaded). */
export const certificationRequests = pgTable(
  'certification_requests',
  {
    id: text('id').primaryKey(),
    sellerId: text('seller_id').notNull(),
    sellerName: text('seller_name').notNull(),
    productId: text('product_id').notNull(),
    productName: text('product_name').notNull(),
    evidenceImageIds: jsonb('evidence_image_ids').$type<string[]>().notNull(),
    note: text('note').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    reason: text('reason'),
    createdAt: time('created_at').notNull(),
    reviewedAt: time('reviewed_at'),
    reviewedBy: text('reviewed_by'),
  },
  (t) => [
    index('certification_requests_product_idx').on(t.productId, t.status),
    index('certification_requests_status_idx').on(t.status, t.createdAt),
    // A product has at most one request under review or approved: asking again waits for a rejection.
    uniqueIndex('certification_requests_open_key').on(t.productId).where(sql`status in ('pending', 'approved')`),
  ],
);

/**
 * One item's certificate. The log holds its history; this row is the current state, for look-ups. `owner_id` is the
 * account that owns the item, or null while its seller still holds it.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull(),
    productName: text('product_name').notNull(),
    imageId: text('image_id'),
    sellerId: text('seller_id').notNull(),
    sellerName: text('seller_name').notNull(),
    serial: text('serial').notNull(),
    ownerId: text('owner_id'),
    ownerPseudonym: text('owner_pseudonym').notNull(),
    status: text('status', { enum: ['active', 'revoked'] }).notNull(),
    issuedAt: time('issued_at').notNull(),
  },
  (t) => [
    uniqueIndex('certificates_serial_key').on(t.productId, t.serial),
    index('certificates_owner_idx').on(t.ownerId),
    index('certificates_seller_idx').on(t.sellerId, t.productId),
  ],
);

/** Each certificate's log entries, by their index in the transparency log. */
export const certificateEvents = pgTable(
  'certificate_events',
  {
    certificateId: text('certificate_id')
      .notNull()
      .references(() => certificates.id),
    logIndex: bigint('log_index', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: ['issue', 'transfer', 'revoke'] }).notNull(),
    fromPseudonym: text('from_pseudonym'),
    toPseudonym: text('to_pseudonym'),
    reason: text('reason'),
    at: time('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.logIndex] })],
);

/**
 * Log entries a certificate change still owes the log. Each is written in the change's own transaction and removed
 * once the entry is on the log and its event recorded, so a change a crash cut off half-way is finished later.
 */
export const certificateLogOutbox = pgTable(
  'certificate_log_outbox',
  {
    id: text('id').primaryKey(),
    /** The entry; the certificate's event is read from it once it is on the log. */
    entry: jsonb('entry').$type<LogEntry>().notNull(),
    at: time('at').notNull(),
    /** The log's size before the change: if the entry was appended, it is at this index or later. */
    logSizeBefore: bigint('log_size_before', { mode: 'number' }).notNull(),
  },
  (t) => [index('certificate_log_outbox_at_idx').on(t.at)],
);
