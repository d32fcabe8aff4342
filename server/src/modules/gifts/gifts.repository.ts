import { and, asc, desc, eq, gt, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { anyOf, insertRows, unnestOf } from '../../platform/db/bulk';
import { batchedOn, rowPerKey } from '../../platform/db/batched';
import { preparedOn } from '../../platform/db/prepared';
import { HOLDING_STATES } from './voucher-policy';
import { brands, coupons, giftOrders, gifts, products, wishes } from './gifts.schema';

export type BrandRow = typeof brands.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type GiftRow = typeof gifts.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
export type OrderRow = typeof giftOrders.$inferSelect;
export type ProductWithBrand = { product: ProductRow; brand: BrandRow };

const HOLDING = [...HOLDING_STATES];

export interface ProductFilter {
  category?: BrandRow['category'];
  q?: string;
  tag?: string;
  brandId?: string;
  minPrice?: number;
  maxPrice?: number;
  sort: 'popular' | 'price_asc' | 'price_desc';
  limit?: number;
}

/** All SQL for the gift shop, gift orders, gifts and coupons. */
export class GiftsRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): GiftsRepository {
    return new GiftsRepository(tx);
  }

  /** The shop's own brands, not counting sellers who list their products in it. */
  async countBrands(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(brands).where(sql`${brands.category} <> 'shop'`);
    return row?.n ?? 0;
  }

  async insertBrand(row: typeof brands.$inferInsert): Promise<void> {
    await this.db.insert(brands).values(row);
  }

  /** A seller's brand: made on its first listing, renamed with the seller. */
  async upsertBrand(row: typeof brands.$inferInsert): Promise<void> {
    await this.db.insert(brands).values(row).onConflictDoUpdate({ target: brands.id, set: { name: row.name } });
  }

  async insertProducts(rows: Array<typeof products.$inferInsert>): Promise<void> {
    await this.db.insert(products).values(rows);
  }

  async upsertProduct(row: typeof products.$inferInsert): Promise<void> {
    await this.db
      .insert(products)
      .values(row)
      .onConflictDoUpdate({ target: products.id, set: { name: row.name, price: row.price, faceValue: row.faceValue, options: row.options, imageKey: row.imageKey, listed: true } });
  }

  async setListed(productId: string, listed: boolean): Promise<void> {
    await this.db.update(products).set({ listed }).where(eq(products.id, productId));
  }

  async findBrand(idOrName: string): Promise<BrandRow | undefined> {
    const [row] = await this.db.select().from(brands).where(or(eq(brands.id, idOrName), eq(brands.name, idOrName)));
    return row;
  }

  async findProduct(id: string): Promise<ProductWithBrand | undefined> {
    return batchedOn(this.db, 'gifts_products', productsByIds).load(id);
  }

  /** A product the shop offers now: listed. Gifts and coupons already bought read theirs with `findProduct`. */
  async findListedProduct(id: string): Promise<ProductWithBrand | undefined> {
    const found = await this.findProduct(id);
    return found?.product.listed ? found : undefined;
  }

  async findProducts(ids: string[]): Promise<Map<string, ProductWithBrand>> {
    if (ids.length === 0) return new Map();
    const found = await productsByIds(this.db, [...new Set(ids)]);
    return new Map(found.flatMap((r) => (r ? [[r.product.id, r] as const] : [])));
  }

  async searchProducts(filter: ProductFilter): Promise<ProductWithBrand[]> {
    const conditions: Array<SQL | undefined> = [
      eq(products.listed, true),
      filter.category ? eq(brands.category, filter.category) : undefined,
      filter.brandId ? eq(brands.id, filter.brandId) : undefined,
      filter.tag ? sql`${products.tags} ? ${filter.tag}` : undefined,
      filter.minPrice !== undefined ? gte(products.price, filter.minPrice) : undefined,
      filter.maxPrice !== undefined ? lte(products.price, filter.maxPrice) : undefined,
    ];
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(products.name, pattern), ilike(brands.name, pattern)));
    }
    const order =
      filter.sort === 'price_asc' ? [asc(products.price), asc(products.name)] : filter.sort === 'price_desc' ? [desc(products.price), asc(products.name)] : [desc(products.popularity), asc(products.price), asc(products.name)];
    return this.db
      .select({ product: products, brand: brands })
      .from(products)
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(and(...conditions))
      .orderBy(...order)
      .limit(filter.limit ?? 100);
  }

  async categoryCounts(): Promise<Array<{ category: BrandRow['category']; count: number }>> {
    return this.db
      .select({ category: brands.category, count: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(eq(products.listed, true))
      .groupBy(brands.category)
      .orderBy(asc(brands.category));
  }

  /**
   * The writes (for `writeTogether`) that record paid orders and their gifts, and add them to their products'
   * popularity. The products are locked in the order of their ids first (an update's own order is the join's), so two
   * batches counting the same products wait for each other instead of deadlocking.
   */
  insertPurchasesWrites(orders: OrderRow[], rows: GiftRow[]): SQL[] {
    if (orders.length === 0) return [];
    const popularity = new Map<string, number>();
    for (const row of rows) popularity.set(row.productId, (popularity.get(row.productId) ?? 0) + 1);
    const counted = unnestOf(products, [...popularity].map(([id, added]) => ({ id, popularity: added })), ['id', 'popularity'], 'p');
    const [id, added] = counted.select;
    return [
      insertRows(giftOrders, orders),
      insertRows(gifts, rows),
      sql`
      with locked as (select ${products.id} from ${products} where ${anyOf(products.id, [...popularity.keys()])} order by ${products.id} for no key update)
      update ${products} set popularity = ${products.popularity} + ${added}
      from ${counted.from}, locked where ${products.id} = ${id} and locked.id = ${products.id}`,
    ];
  }

  async wish(userId: string, productId: string, now: Date): Promise<void> {
    await this.db.insert(wishes).values({ userId, productId, createdAt: now }).onConflictDoNothing();
  }

  async unwish(userId: string, productId: string): Promise<void> {
    await this.db.delete(wishes).where(and(eq(wishes.userId, userId), eq(wishes.productId, productId)));
  }

  async wishlist(userId: string): Promise<ProductWithBrand[]> {
    return this.db
      .select({ product: products, brand: brands })
      .from(wishes)
      .innerJoin(products, eq(products.id, wishes.productId))
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(eq(wishes.userId, userId))
      .orderBy(desc(wishes.createdAt));
  }

  async findGift(id: string): Promise<GiftRow | undefined> {
    const [row] = await this.db.select().from(gifts).where(eq(gifts.id, id));
    return row;
  }

  async giftsOfOrder(orderId: string): Promise<GiftRow[]> {
    return this.db.select().from(gifts).where(eq(gifts.orderId, orderId)).orderBy(asc(gifts.id));
  }

  /**
   * A page of the gifts a user sent, newest first: up to `limit`, after the gift `before` when given. Answers null
   * when `before` is not a gift of theirs.
   */
  async giftsSentBy(userId: string, page: { before?: string; limit: number }): Promise<GiftRow[] | null> {
    return this.pageOf(eq(gifts.senderId, userId), gifts.createdAt, page);
  }

  /**
   * A page of the gifts a user has received (delivered ones; scheduled ones are still a surprise), newest first: up to
   * `limit`, after the gift `before` when given. Answers null when `before` is not one of them.
   */
  async giftsReceivedBy(userId: string, page: { before?: string; limit: number }): Promise<GiftRow[] | null> {
    return this.pageOf(and(eq(gifts.recipientId, userId), sql`${gifts.status} <> 'scheduled'`)!, gifts.deliverAt, page);
  }

  /** Gifts matching `where`, newest `at` first (ties by id), after the matching gift `before`. */
  private async pageOf(where: SQL, at: typeof gifts.createdAt | typeof gifts.deliverAt, page: { before?: string; limit: number }): Promise<GiftRow[] | null> {
    let after: SQL | undefined;
    if (page.before) {
      // The cursor's time as the database's text, so that the comparison keeps its microseconds.
      const [cursor] = await this.db.select({ at: sql<string>`${at}::text` }).from(gifts).where(and(where, eq(gifts.id, page.before)));
      if (!cursor) return null;
      after = sql`(${at}, ${gifts.id}) < (${cursor.at}::timestamptz, ${page.before})`;
    }
    return this.db.select().from(gifts).where(and(where, after)).orderBy(desc(at), desc(gifts.id)).limit(page.limit);
  }

  /** Scheduled gifts whose time has come, oldest first. */
  async dueGifts(now: Date, limit: number): Promise<GiftRow[]> {
    return this.db
      .select()
      .from(gifts)
      .where(and(eq(gifts.status, 'scheduled'), lte(gifts.deliverAt, now)))
      .orderBy(asc(gifts.deliverAt))
      .limit(limit);
  }

  /**
   * Moves a gift from one of `from` to `to` in one statement; answers the updated row, or nothing when the gift
   * was not in one of those states (someone else acted first).
   */
  async moveGift(id: string, from: GiftRow['status'][], to: GiftRow['status'], patch: Partial<Pick<GiftRow, 'productId' | 'option' | 'price'>> = {}): Promise<GiftRow | undefined> {
    const [row] = await this.db
      .update(gifts)
      .set({ status: to, ...patch })
      .where(and(eq(gifts.id, id), inArray(gifts.status, from)))
      .returning();
    return row;
  }

  async insertCoupon(row: CouponRow): Promise<boolean> {
    const inserted = await this.db.insert(coupons).values(row).onConflictDoNothing().returning({ id: coupons.id });
    return inserted.length > 0;
  }

  /** Moves a coupon between states in one statement; answers whether it was in one of `from`. */
  async moveCoupon(id: string, from: CouponRow['status'][], to: CouponRow['status'], now: Date): Promise<boolean> {
    const rows = await this.db
      .update(coupons)
      .set({ status: to, updatedAt: now })
      .where(and(eq(coupons.id, id), inArray(coupons.status, from)))
      .returning({ id: coupons.id });
    return rows.length > 0;
  }

  /** Ends the gift's live coupon, if it is in one of `from`. */
  async endCoupon(giftId: string, from: CouponRow['status'][], to: CouponRow['status'], now: Date): Promise<void> {
    await this.db
      .update(coupons)
      .set({ status: to, updatedAt: now })
      .where(and(eq(coupons.giftId, giftId), inArray(coupons.status, from)));
  }

  /**
   * Moves a coupon's expiry from `from` to `to`, only if nobody changed it meanwhile and it still holds value; the
   * expiry notices start over for the new date.
   */
  async extendCoupon(id: string, from: Date, to: Date, now: Date): Promise<CouponRow | undefined> {
    const [row] = await this.db
      .update(coupons)
      .set({ expiresAt: to, extensions: sql`${coupons.extensions} + 1`, lastNoticeDays: null, updatedAt: now })
      .where(and(eq(coupons.id, id), eq(coupons.expiresAt, from), inArray(coupons.status, HOLDING)))
      .returning();
    return row;
  }

  /** Ends a coupon as refunded, only if its state and balance are still the ones the refund was worked out from. */
  async refundCoupon(coupon: CouponRow, now: Date): Promise<CouponRow | undefined> {
    const [row] = await this.db
      .update(coupons)
      .set({ status: 'refunded', balance: 0, updatedAt: now })
      .where(and(eq(coupons.id, coupon.id), eq(coupons.status, coupon.status), eq(coupons.balance, coupon.balance)))
      .returning();
    return row;
  }

  /** Marks coupons past their validity as expired, up to `limit` at a time; answers how many. */
  async expireCoupons(now: Date, limit: number): Promise<number> {
    const due = this.db
      .select({ id: coupons.id })
      .from(coupons)
      .where(and(inArray(coupons.status, HOLDING), lte(coupons.expiresAt, now)))
      .limit(limit);
    const rows = await this.db
      .update(coupons)
      .set({ status: 'expired', updatedAt: now })
      .where(and(inArray(coupons.id, due), inArray(coupons.status, HOLDING)))
      .returning({ id: coupons.id });
    return rows.length;
  }

  /** Coupons that hold value and expire within `horizon` of `now`, with the gift each came from. */
  async couponsExpiringBy(now: Date, horizon: Date, limit: number): Promise<Array<{ coupon: CouponRow; gift: GiftRow }>> {
    return this.db
      .select({ coupon: coupons, gift: gifts })
      .from(coupons)
      .innerJoin(gifts, eq(gifts.id, coupons.giftId))
      .where(and(inArray(coupons.status, HOLDING), gt(coupons.expiresAt, now), lte(coupons.expiresAt, horizon)))
      .orderBy(asc(coupons.expiresAt))
      .limit(limit);
  }

  /** Records that the notice `days` before expiry went out, unless another node recorded it first. */
  async markNotice(id: string, expiresAt: Date, days: number, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(coupons)
      .set({ lastNoticeDays: days, updatedAt: now })
      .where(
        and(
          eq(coupons.id, id),
          eq(coupons.expiresAt, expiresAt),
          or(isNull(coupons.lastNoticeDays), gt(coupons.lastNoticeDays, days)),
        ),
      )
      .returning({ id: coupons.id });
    return rows.length > 0;
  }

  /** The newest coupon of each gift (an exchange leaves the old one cancelled). */
  async couponsOfGifts(giftIds: string[]): Promise<Map<string, CouponRow>> {
    if (giftIds.length === 0) return new Map();
    const rows = await this.db.select().from(coupons).where(inArray(coupons.giftId, giftIds)).orderBy(asc(coupons.createdAt), asc(coupons.id));
    return new Map(rows.map((r) => [r.giftId, r]));
  }
}

async function productsByIds(db: Executor, ids: string[]): Promise<Array<ProductWithBrand | undefined>> {
  const statement = preparedOn(db, 'gifts_products', (on) =>
    on
      .select({ product: products, brand: brands })
      .from(products)
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(sql`${products.id} = any(${sql.placeholder('ids')})`),
  );
  return rowPerKey(ids, await statement.execute({ ids }), (row) => row.product.id);
}
