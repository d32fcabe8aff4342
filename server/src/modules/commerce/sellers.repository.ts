import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { batchedOn, rowsByUniqueKey } from '../../platform/db/batched';
import { commerceImages, sellers, sellerStaff } from './commerce.schema';

export type SellerRow = typeof sellers.$inferSelect;

/** All SQL for sellers, their staff and their pictures. */
export class SellersRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): SellersRepository {
    return new SellersRepository(tx);
  }

  async insertSeller(row: typeof sellers.$inferInsert): Promise<SellerRow | undefined> {
    const [created] = await this.db.insert(sellers).values(row).onConflictDoNothing().returning();
    return created;
  }

  async findSeller(id: string): Promise<SellerRow | undefined> {
    return batchedOn(this.db, 'sellers_by_ids', (db, ids: string[]) => rowsByUniqueKey(db, 'sellers_by_ids', sellers, sellers.id, ids)).load(id);
  }

  async sellerOfOwner(ownerId: string): Promise<SellerRow | undefined> {
    const [row] = await this.db.select().from(sellers).where(eq(sellers.ownerId, ownerId));
    return row;
  }

  /** The seller a user acts for, as its owner or staff. */
  async sellerOfStaff(userId: string): Promise<SellerRow | undefined> {
    const [row] = await this.db
      .select({ seller: sellers })
      .from(sellerStaff)
      .innerJoin(sellers, eq(sellers.id, sellerStaff.sellerId))
      .where(eq(sellerStaff.userId, userId))
      .orderBy(sellerStaff.createdAt)
      .limit(1);
    return row?.seller;
  }

  async sellersByIds(ids: string[]): Promise<SellerRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(sellers).where(inArray(sellers.id, ids));
  }

  async listSellers(status: SellerRow['status'] | undefined, limit: number): Promise<SellerRow[]> {
    return this.db
      .select()
      .from(sellers)
      .where(status ? eq(sellers.status, status) : undefined)
      .orderBy(desc(sellers.createdAt))
      .limit(limit);
  }

  /** Moves a seller from one of `from` to `to`; answers nothing when it was in another state. */
  async review(
    id: string,
    from: Array<SellerRow['status']>,
    change: { status: SellerRow['status']; reason: string | null; reviewedAt: Date; reviewedBy: string | null },
  ): Promise<SellerRow | undefined> {
    const [row] = await this.db
      .update(sellers)
      .set(change)
      .where(and(eq(sellers.id, id), inArray(sellers.status, from)))
      .returning();
    return row;
  }

  async approvedSellersDue(settledBefore: Date, limit: number): Promise<SellerRow[]> {
    return this.db
      .select()
      .from(sellers)
      .where(and(eq(sellers.status, 'approved'), sql`coalesce(${sellers.lastSettledAt}, ${sellers.reviewedAt}) < ${settledBefore}`))
      .limit(limit);
  }

  async markSettled(id: string, at: Date): Promise<void> {
    await this.db.update(sellers).set({ lastSettledAt: at }).where(eq(sellers.id, id));
  }

  async addStaff(sellerId: string, userId: string, now: Date): Promise<void> {
    await this.db.insert(sellerStaff).values({ sellerId, userId, createdAt: now }).onConflictDoNothing();
  }

  async staffOf(sellerId: string): Promise<string[]> {
    const rows = await this.db.select({ userId: sellerStaff.userId }).from(sellerStaff).where(eq(sellerStaff.sellerId, sellerId));
    return rows.map((r) => r.userId);
  }

  async insertImage(row: typeof commerceImages.$inferInsert): Promise<void> {
    await this.db.insert(commerceImages).values(row);
  }

  /** Which of `ids` were uploaded by this seller. */
  async imagesOf(sellerId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: commerceImages.id })
      .from(commerceImages)
      .where(and(eq(commerceImages.sellerId, sellerId), inArray(commerceImages.id, ids)));
    return new Set(rows.map((r) => r.id));
  }
}
