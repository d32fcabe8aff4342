import { bigint, customType, index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

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

/**
 * Checkpoints anchored on an EVM chain (see CheckpointAnchoring): each row is one signed anchoring transaction,
 * stored before it is broadcast so that it can be sent again after a crash or an outage, until the chain has it.
 */
export const logAnchors = pgTable(
  'log_anchors',
  {
    txHash: text('tx_hash').primaryKey(),
    chainId: integer('chain_id').notNull(),
    contract: text('contract').notNull(),
    origin: text('origin').notNull(),
    treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
    rootHash: bytes('root_hash').notNull(),
    /** The signed transaction, as broadcast. */
    rawTx: text('raw_tx').notNull(),
    /** `pending` until the chain includes it, then `confirmed`; `failed` when it reverted or was never included. */
    status: text('status', { enum: ['pending', 'confirmed', 'failed'] }).notNull(),
    blockNumber: bigint('block_number', { mode: 'number' }),
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('log_anchors_status_size').on(t.status, t.treeSize)],
);
