import { bigint, customType, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** PostgreSQL bytea as a Uint8Array; node-postgres hands back a Buffer and PGlite a Uint8Array, so both are copied into one type. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/** The certificate log's entries, by position. Written once, never updated: the log is append-only. */
export const logEntries = pgTable('log_entries', {
  index: bigint('idx', { mode: 'number' }).primaryKey(),
  /** The entry's RFC 8785 canonical JSON, the exact bytes that are hashed. */
  data: bytes('data').notNull(),
});

/**
 * Hashes of the tree's complete subtrees: at `level`, subtree `index` covers leaves index·2^level … (index+1)·2^level − 1.
 * Roots, proofs and tiles all come from these, so nothing ever rehashes every entry.
 */
export const logHashes = pgTable(
  'log_hashes',
  {
    level: smallint('level').notNull(),
    index: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytes('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.index], name: 'log_hashes_pk' })],
);

/** Every checkpoint the log ever signed. The largest size is the log's current size. */
export const logCheckpoints = pgTable('log_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  rootHash: bytes('root_hash').notNull(),
  /** The C2SP signed note, exactly as served. */
  note: text('note').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});
