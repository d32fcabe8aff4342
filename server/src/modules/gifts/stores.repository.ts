import { and, desc, eq, getTableColumns, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { batchedOn, rowsByUniqueKey } from '../../platform/db/batched';
import { anyOf, insertMany, insertRows, unnestColumns } from '../../platform/db/bulk';
import { coupons, pinLookups, products, redemptions, stores, storeStaff } from './gifts.schema';
import type { CouponRow } from './gifts.repository';
import { HOLDING_STATES } from './voucher-policy';

export type StoreRow = typeof stores.$inferSelect;
export type RedemptionRow = typeof redemptions.$inferSelect;


/** All SQL for stores, their staff and redemptions. */
export class StoresRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): StoresRepository {
    return new StoresRepository(tx);
  }

  async storeOfBrand(brandId: string): Promise<StoreRow | undefined> {
    const [row] = await this.db.select().from(stores).where(eq(stores.brandId, brandId)).orderBy(stores.createdAt).limit(1);
    return row;
  }

  async insertStore(row: StoreRow): Promise<void> {
    await this.db.insert(stores).values(row);
  }

  async addStaff(storeId: string, userId: string, now: Date): Promise<void> {
    await this.db.insert(storeStaff).values({ storeId, userId, createdAt: now }).onConflictDoNothing();
  }

  async findStore(id: string): Promise<StoreRow | undefined> {
    const [row] = await this.db.select().from(stores).where(eq(stores.id, id));
    return row;
  }

  async insertLookup(row: typeof pinLookups.$inferInsert): Promise<void> {
    await this.db.insert(pinLookups).values(row);
  }

  /** A brand's redemptions at all its stores in a period, newest first, with the store and the coupon. */
  async redemptionsOfBrand(
    brandId: string,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Array<{ redemption: RedemptionRow; store: StoreRow; coupon: CouponRow }>> {
    return this.db
      .select({ redemption: redemptions, store: stores, coupon: coupons })
      .from(redemptions)
      .innerJoin(stores, eq(stores.id, redemptions.storeId))
      .innerJoin(coupons, eq(coupons.id, redemptions.couponId))
      .where(and(eq(stores.brandId, brandId), gte(redemptions.createdAt, from), lte(redemptions.createdAt, to)))
      .orderBy(desc(redemptions.createdAt), desc(redemptions.id))
      .limit(limit);
  }

  async storeByKeyHash(hash: string): Promise<StoreRow | undefined> {
    return batchedOn(this.db, 'stores_by_key_hashes', (db, hashes: string[]) => rowsByUniqueKey(db, 'stores_by_key_hashes', stores, stores.apiKeyHash, hashes)).load(hash);
  }

  async storeOfStaff(userId: string): Promise<StoreRow | undefined> {
    const [row] = await this.db
      .select({ store: stores })
      .from(storeStaff)
      .innerJoin(stores, eq(stores.id, storeStaff.storeId))
      .where(eq(storeStaff.userId, userId))
      .orderBy(storeStaff.createdAt)
      .limit(1);
    return row?.store;
  }

  /**
   * The one statement that decides a redemption: it takes the whole balance of an exchange coupon, or `amount` off a
   * cash coupon, only if the coupon is usable, unexpired, of the store's brand and holds enough. Concurrent attempts
   * queue on the row and re-check these conditions, so a coupon is never used twice nor overdrawn.
   */
  async redeem(pinHash: string, brandId: string, amount: number, now: Date): Promise<{ coupon: CouponRow; taken: number } | undefined> {
    return (await this.redeemMany([{ pinHash, brandId, amount }], now)).get(pinHash);
  }

  /**
   * `redeem` for many coupons (each PIN once) in one statement: answers, by PIN hash, each coupon redeemed and what
   * was taken; a PIN missing from the answer was not redeemed.
   */
  async redeemMany(wanted: Array<{ pinHash: string; brandId: string; amount: number }>, now: Date): Promise<Map<string, { coupon: CouponRow; taken: number }>> {
    if (wanted.length === 0) return new Map();
    const { from, select } = unnestColumns(
      [
        { column: coupons.pinHash, values: wanted.map((w) => w.pinHash) },
        { column: products.brandId, values: wanted.map((w) => w.brandId) },
        { column: coupons.balance, values: wanted.map((w) => w.amount) },
      ],
      'w',
    );
    const [pin, brand, amount] = select;
    const take = sql`(case when ${coupons.kind} = 'exchange' then ${coupons.balance} else ${amount} end)`;
    const rows = await this.db
      .update(coupons)
      .set({
        balance: sql`${coupons.balance} - ${take}`,
        status: sql`(case when ${coupons.balance} - ${take} = 0 then 'used' else 'partially_used' end)`,
        updatedAt: now,
      })
      .from(from)
      .where(
        and(
          sql`${coupons.pinHash} = ${pin}`,
          inArray(coupons.status, [...HOLDING_STATES]),
          sql`${coupons.expiresAt} > ${now}`,
          sql`${coupons.balance} >= ${take}`,
          sql`${take} > 0`,
          sql`${coupons.productId} in (select ${products.id} from ${products} where ${products.brandId} = ${brand})`,
        ),
      )
      .returning({ coupon: getTableColumns(coupons), asked: sql<string>`${amount}` });
    // The statement's RETURNING shows the balance after; what was taken is the difference.
    return new Map(
      rows.map(({ coupon, asked }) => {
        const before = coupon.kind === 'exchange' ? coupon.faceValue : coupon.balance + Number(asked);
        return [coupon.pinHash, { coupon, taken: before - coupon.balance }];
      }),
    );
  }

  /** A coupon by PIN hash, with its product's brand, to explain why a redemption was refused. */
  async couponByPinHash(pinHash: string): Promise<{ coupon: CouponRow; brandId: string } | undefined> {
    const [row] = await this.db
      .select({ coupon: coupons, brandId: products.brandId })
      .from(coupons)
      .innerJoin(products, eq(products.id, coupons.productId))
      .where(eq(coupons.pinHash, pinHash));
    return row;
  }

  async insertRedemptions(rows: RedemptionRow[]): Promise<void> {
    await insertMany(this.db, redemptions, rows);
  }

  /** `insertRedemptions` as writes of `writeTogether`. */
  insertRedemptionsWrites(rows: RedemptionRow[]): SQL[] {
    return rows.length === 0 ? [] : [insertRows(redemptions, rows)];
  }

  async findStores(ids: string[]): Promise<Map<string, StoreRow>> {
    const rows = ids.length === 0 ? [] : await this.db.select().from(stores).where(anyOf(stores.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }

  async findRedemption(id: string): Promise<RedemptionRow | undefined> {
    const [row] = await this.db.select().from(redemptions).where(eq(redemptions.id, id));
    return row;
  }

  /** Marks a redemption void once; answers it, or nothing if it was voided already. */
  async voidRedemption(id: string, now: Date): Promise<RedemptionRow | undefined> {
    const [row] = await this.db
      .update(redemptions)
      .set({ voidedAt: now })
      .where(and(eq(redemptions.id, id), isNull(redemptions.voidedAt)))
      .returning();
    return row;
  }

  /** Puts `amount` back on a coupon (a voided redemption). */
  async restore(couponId: string, amount: number, now: Date): Promise<CouponRow> {
    const [row] = await this.db
      .update(coupons)
      .set({
        balance: sql`${coupons.balance} + ${amount}`,
        status: sql`(case when ${coupons.balance} + ${amount} >= ${coupons.faceValue} then 'accepted' else 'partially_used' end)`,
        updatedAt: now,
      })
      .where(eq(coupons.id, couponId))
      .returning();
    return row!;
  }
}
