import { and, asc, desc, eq, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { logAnchors, logCheckpoints, logEntries, logHashes } from './log.schema';

export type CheckpointRow = typeof logCheckpoints.$inferSelect;
export type AnchorRow = typeof logAnchors.$inferSelect;
export interface StoredHash {
  level: number;
  index: number;
  hash: Uint8Array;
}

// Any fixed number: the one advisory lock that makes every node take turns appending to the log.
const SEQUENCER_LOCK = 7_202_612;
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** All SQL for the certificate log. */
export class LogRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): LogRepository {
    return new LogRepository(tx);
  }

  /** Held until the transaction ends: while one node integrates a batch, no other can pick the same indices. */
  async lockSequencer(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
  }

  async latestCheckpoint(): Promise<CheckpointRow | undefined> {
    const [row] = await this.db.select().from(logCheckpoints).orderBy(desc(logCheckpoints.size)).limit(1);
    return row;
  }

  async checkpointAt(size: number): Promise<CheckpointRow | undefined> {
    const [row] = await this.db.select().from(logCheckpoints).where(eq(logCheckpoints.size, size));
    return row;
  }

  /** Publishes a checkpoint unless one for that size exists; answers whether this one was stored. */
  async insertCheckpoint(row: CheckpointRow): Promise<boolean> {
    const inserted = await this.db.insert(logCheckpoints).values(row).onConflictDoNothing().returning({ size: logCheckpoints.size });
    return inserted.length > 0;
  }

  // Whole columns as array parameters (bytes as hex text, which both drivers pass the same way): one statement per
  // batch with three parameters, instead of thousands of parameters the driver and the planner must each handle.
  async insertEntries(rows: Array<{ index: number; data: Uint8Array }>): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`
      insert into ${logEntries} (idx, data)
      select i, decode(d, 'hex') from unnest(${sql.param(rows.map((r) => r.index))}::bigint[], ${sql.param(rows.map((r) => hex(r.data)))}::text[]) as t(i, d)`);
  }

  async insertHashes(rows: StoredHash[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`
      insert into ${logHashes} (level, idx, hash)
      select l, i, decode(h, 'hex')
      from unnest(${sql.param(rows.map((r) => r.level))}::smallint[], ${sql.param(rows.map((r) => r.index))}::bigint[], ${sql.param(rows.map((r) => hex(r.hash)))}::text[]) as t(l, i, h)`);
  }

  /** The stored subtree hashes at these positions, in one query. */
  async hashes(at: Array<{ level: number; index: number }>): Promise<StoredHash[]> {
    if (at.length === 0) return [];
    const wanted = sql.join(
      at.map((k) => sql`(${k.level}::smallint, ${k.index}::bigint)`),
      sql`, `,
    );
    return this.db
      .select({ level: logHashes.level, index: logHashes.index, hash: logHashes.hash })
      .from(logHashes)
      .where(sql`(${logHashes.level}, ${logHashes.index}) in (${wanted})`);
  }

  /** Hashes at one level for subtrees start … end − 1, in order. */
  async hashRange(level: number, start: number, end: number): Promise<Uint8Array[]> {
    const rows = await this.db
      .select({ hash: logHashes.hash })
      .from(logHashes)
      .where(and(eq(logHashes.level, level), gte(logHashes.index, start), lt(logHashes.index, end)))
      .orderBy(asc(logHashes.index));
    return rows.map((r) => r.hash);
  }

  /** Entries start … end − 1, in order. */
  async entryRange(start: number, end: number): Promise<Uint8Array[]> {
    const rows = await this.db
      .select({ data: logEntries.data })
      .from(logEntries)
      .where(and(gte(logEntries.index, start), lt(logEntries.index, end)))
      .orderBy(asc(logEntries.index));
    return rows.map((r) => r.data);
  }

  /** The first index at or after `from` whose entry is exactly these bytes. */
  async findEntry(data: Uint8Array, from: number): Promise<number | undefined> {
    const [row] = await this.db
      .select({ index: logEntries.index })
      .from(logEntries)
      .where(and(gte(logEntries.index, from), sql`${logEntries.data} = decode(${hex(data)}, 'hex')`))
      .orderBy(asc(logEntries.index))
      .limit(1);
    return row?.index;
  }

  async entriesAt(indices: number[]): Promise<Map<number, Uint8Array>> {
    if (indices.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(logEntries)
      .where(sql`${logEntries.index} in (${sql.join(indices.map((i) => sql`${i}::bigint`), sql`, `)})`);
    return new Map(rows.map((r) => [r.index, r.data]));
  }

  async insertAnchor(row: AnchorRow): Promise<void> {
    await this.db.insert(logAnchors).values(row);
  }

  /** The anchoring transaction still waiting for the chain, if any (there is at most one at a time). */
  async pendingAnchor(): Promise<AnchorRow | undefined> {
    const [row] = await this.db.select().from(logAnchors).where(eq(logAnchors.status, 'pending')).orderBy(asc(logAnchors.sentAt)).limit(1);
    return row;
  }

  /** The anchoring transaction signed last, whatever became of it. */
  async lastAnchor(): Promise<AnchorRow | undefined> {
    const [row] = await this.db.select().from(logAnchors).orderBy(desc(logAnchors.sentAt)).limit(1);
    return row;
  }

  /** The largest tree size anchored on this chain and contract (0 for none). */
  async anchoredSize(chainId: number, contract: string): Promise<number> {
    const [row] = await this.db
      .select({ size: sql<string | null>`max(${logAnchors.treeSize})` })
      .from(logAnchors)
      .where(and(eq(logAnchors.status, 'confirmed'), eq(logAnchors.chainId, chainId), eq(logAnchors.contract, contract)));
    return Number(row?.size ?? 0);
  }

  async confirmAnchor(txHash: string, blockNumber: number, at: Date): Promise<void> {
    await this.db.update(logAnchors).set({ status: 'confirmed', blockNumber, confirmedAt: at }).where(and(eq(logAnchors.txHash, txHash), eq(logAnchors.status, 'pending')));
  }

  async failAnchor(txHash: string, error: string, blockNumber?: number): Promise<void> {
    await this.db
      .update(logAnchors)
      .set({ status: 'failed', error, blockNumber: blockNumber ?? null })
      .where(and(eq(logAnchors.txHash, txHash), eq(logAnchors.status, 'pending')));
  }

  /**
   * The first confirmed anchor of a tree no larger than `maxSize` that holds every entry up to `last`; failing
   * that, the one that holds the most entries from `first` on.
   */
  async anchorCovering(first: number, last: number, maxSize: number): Promise<AnchorRow | undefined> {
    const [row] = await this.db
      .select()
      .from(logAnchors)
      .where(and(eq(logAnchors.status, 'confirmed'), gt(logAnchors.treeSize, first), lte(logAnchors.treeSize, maxSize)))
      .orderBy(sql`case when ${logAnchors.treeSize} > ${last}::bigint then ${logAnchors.treeSize} else ${2 ** 53}::bigint - ${logAnchors.treeSize} end`)
      .limit(1);
    return row;
  }

  /** Confirmed anchors, newest first. */
  async recentAnchors(limit: number): Promise<AnchorRow[]> {
    return this.db.select().from(logAnchors).where(eq(logAnchors.status, 'confirmed')).orderBy(desc(logAnchors.treeSize)).limit(limit);
  }
}
