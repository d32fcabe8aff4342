import { and, asc, desc, eq, getTableColumns, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database';
import { preparedOn, preparedSqlOn } from '../../platform/db/prepared';
import { batchedOn, rowPerKey, rowsByUniqueKey, rowsPerKey } from '../../platform/db/batched';
import { anyOf, insertMany, insertRows, placeholderRows, unnestOf, type Together } from '../../platform/db/bulk';
import { channels, couponCodes, couponCodeUses, sellers, shopOrderLines, shopOrders, shopProducts, variants } from './commerce.schema';
import type { ChannelRow } from './channels.repository';
import type { SellerRow } from './sellers.repository';

export type ProductRow = typeof shopProducts.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
export type CouponCodeRow = typeof couponCodes.$inferSelect;
export type OrderRow = typeof shopOrders.$inferSelect;
export type OrderLineRow = typeof shopOrderLines.$inferSelect;
export type OrderStatus = OrderRow['status'];
/** An order with its lines, its seller and the seller's channel. */
export interface OrderOfSeller {
  order: OrderRow;
  lines: OrderLineRow[];
  seller: SellerRow;
  channel: ChannelRow | null;
}
/** A variant with what its sale depends on: its product and the product's seller, and the seller's channel. */
export interface VariantOnSale {
  variant: VariantRow;
  product: ProductRow;
  seller: SellerRow;
  channel: ChannelRow | null;
}

/** The rows a checkout holds and records, as placeholders of its prepared statement (`holdAllAndInsertOrders`). */
const HELD = placeholderRows(variants, ['id', 'reserved'], 'w');
const ORDERS = placeholderRows(shopOrders, Object.keys(getTableColumns(shopOrders)), 'o');
const LINES = placeholderRows(shopOrderLines, Object.keys(getTableColumns(shopOrderLines)), 'l');

/** All SQL for products and their stock, coupon codes, orders and settlements. */
export class ShopRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): ShopRepository {
    return new ShopRepository(tx);
  }

  // Products and stock

  async insertProduct(product: ProductRow, rows: VariantRow[]): Promise<void> {
    await this.db.insert(shopProducts).values(product);
    await this.db.insert(variants).values(rows);
  }

  async updateProduct(id: string, change: Partial<Omit<ProductRow, 'id' | 'sellerId' | 'createdAt'>>): Promise<void> {
    await this.db.update(shopProducts).set(change).where(eq(shopProducts.id, id));
  }

  async findProduct(id: string): Promise<ProductRow | undefined> {
    const [row] = await this.db.select().from(shopProducts).where(eq(shopProducts.id, id));
    return row;
  }

  async productsByIds(ids: string[]): Promise<ProductRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(shopProducts).where(inArray(shopProducts.id, ids));
  }

  async productsOf(sellerId: string, onlyActive: boolean, limit: number): Promise<ProductRow[]> {
    return this.db
      .select()
      .from(shopProducts)
      .where(and(eq(shopProducts.sellerId, sellerId), onlyActive ? eq(shopProducts.active, true) : undefined))
      .orderBy(desc(shopProducts.createdAt))
      .limit(limit);
  }

  async giftableProducts(sellerIds: string[], limit: number): Promise<ProductRow[]> {
    if (sellerIds.length === 0) return [];
    return this.db
      .select()
      .from(shopProducts)
      .where(and(eq(shopProducts.giftListing, 'delivery'), eq(shopProducts.active, true), inArray(shopProducts.sellerId, sellerIds)))
      .orderBy(desc(shopProducts.createdAt))
      .limit(limit);
  }

  async variantsOf(productIds: string[]): Promise<VariantRow[]> {
    if (productIds.length === 0) return [];
    return this.db.select().from(variants).where(inArray(variants.productId, productIds)).orderBy(asc(variants.position));
  }

  /** The variants of `ids` that exist, with their products and the products' sellers. */
  async variantsByIds(ids: string[]): Promise<VariantOnSale[]> {
    if (ids.length === 0) return [];
    const found = await batchedOn(this.db, 'shop_variants_by_ids', variantsByIds).loadMany([...new Set(ids)]);
    return found.filter((row) => row !== undefined);
  }

  /** Sets stock on hand; the CHECK refuses a level below what unpaid checkouts hold, answering nothing. */
  async setOnHand(variantId: string, onHand: number): Promise<VariantRow | undefined> {
    const [row] = await this.db
      .update(variants)
      .set({ onHand })
      .where(and(eq(variants.id, variantId), sql`${variants.reserved} <= ${onHand}`))
      .returning();
    return row;
  }

  /** What each variant has available (on hand less held), locked to the end of the transaction in one order. */
  async lockAvailable(variantIds: string[]): Promise<Map<string, number>> {
    if (variantIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: variants.id, available: sql<number>`${variants.onHand} - ${variants.reserved}` })
      .from(variants)
      .where(anyOf(variants.id, variantIds))
      .orderBy(variants.id)
      .for('no key update');
    return new Map(rows.map((r) => [r.id, Number(r.available)]));
  }

  /** Holds stock of many variants in one statement (quantity by variant); the CHECK refuses holding more than on hand. */
  async reserveMany(quantities: Map<string, number>): Promise<void> {
    if (quantities.size === 0) return;
    const { from, select } = unnestOf(variants, [...quantities].map(([id, reserved]) => ({ id, reserved })), ['id', 'reserved'], 'h');
    const [id, quantity] = select;
    await this.db.execute(sql`update ${variants} set reserved = ${variants.reserved} + ${quantity} from ${from} where ${variants.id} = ${id}`);
  }

  /**
   * Holds the stock of many checkouts and records their orders, in one statement, when every variant has enough for
   * all of them (quantity by variant): the variants are locked in id order, checked, and then held and the orders
   * inserted, or nothing is written. Answers whether it wrote. One statement is one transaction on its own, and its
   * locks last only while it runs.
   */
  async holdAllAndInsertOrders(quantities: Map<string, number>, orders: OrderRow[], lines: OrderLineRow[]): Promise<boolean> {
    const statement = preparedSqlOn(this.db, lines.length > 0 ? 'shop_hold_and_order_with_lines' : 'shop_hold_and_order', () => {
      const [id, quantity] = HELD.select;
      const enough = sql`(select ok from enough)`;
      const withLines = lines.length > 0 ? sql`, lined as (${LINES.insert(enough)})` : sql``;
      return sql`
        with wanted as (select ${id} as id, ${quantity} as quantity from ${HELD.from}),
        locked as (
          select ${variants.id} as id, ${variants.onHand} - ${variants.reserved} as available from ${variants}
          where ${variants.id} in (select id from wanted) order by ${variants.id} for no key update
        ),
        enough as (select count(*) = ${sql.placeholder('variants')}::int as ok from locked join wanted on wanted.id = locked.id where locked.available >= wanted.quantity),
        held as (update ${variants} set reserved = ${variants.reserved} + wanted.quantity from wanted, enough where ${variants.id} = wanted.id and enough.ok),
        ordered as (${ORDERS.insert(enough)})${withLines}
        select ok from enough`;
    });
    const result = await statement.execute({
      variants: quantities.size,
      ...HELD.values([...quantities].map(([id, reserved]) => ({ id, reserved }))),
      ...ORDERS.values(orders),
      ...(lines.length > 0 ? LINES.values(lines) : {}),
    });
    return result.rows[0]?.ok === true;
  }

  async release(variantId: string, quantity: number): Promise<void> {
    await this.db.update(variants).set({ reserved: sql`${variants.reserved} - ${quantity}` }).where(eq(variants.id, variantId));
  }

  /** A paid hold becomes a sale: it leaves both the shelf and the reservation. */
  async sell(variantId: string, quantity: number): Promise<void> {
    await this.db
      .update(variants)
      .set({ onHand: sql`${variants.onHand} - ${quantity}`, reserved: sql`${variants.reserved} - ${quantity}`, sold: sql`${variants.sold} + ${quantity}` })
      .where(eq(variants.id, variantId));
  }

  /**
   * The write (for `writeTogether`) of `sell` for many variants (quantity by variant), changing the rows in one order.
   */
  sellManyWrites(quantities: Map<string, number>): SQL[] {
    if (quantities.size === 0) return [];
    const sorted = [...quantities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, sold]) => ({ id, sold }));
    const { from, select } = unnestOf(variants, sorted, ['id', 'sold'], 's');
    const [id, quantity] = select;
    return [
      sql`
      update ${variants} set on_hand = ${variants.onHand} - ${quantity}, reserved = ${variants.reserved} - ${quantity}, sold = ${variants.sold} + ${quantity}
      from ${from} where ${variants.id} = ${id}`,
    ];
  }

  /** A cancelled sale goes back on the shelf. */
  async restock(variantId: string, quantity: number): Promise<void> {
    await this.db
      .update(variants)
      .set({ onHand: sql`${variants.onHand} + ${quantity}`, sold: sql`${variants.sold} - ${quantity}` })
      .where(eq(variants.id, variantId));
  }

  // Coupon codes

  async insertCoupon(row: CouponCodeRow): Promise<CouponCodeRow | undefined> {
    const [created] = await this.db.insert(couponCodes).values(row).onConflictDoNothing().returning();
    return created;
  }

  async couponsOf(sellerId: string): Promise<CouponCodeRow[]> {
    return this.db.select().from(couponCodes).where(eq(couponCodes.sellerId, sellerId)).orderBy(desc(couponCodes.createdAt));
  }

  async findCoupon(sellerId: string, code: string): Promise<CouponCodeRow | undefined> {
    const [row] = await this.db.select().from(couponCodes).where(and(eq(couponCodes.sellerId, sellerId), eq(couponCodes.code, code)));
    return row;
  }

  async usesBy(couponId: string, userId: string): Promise<number> {
    const [row] = await this.db
      .select({ uses: couponCodeUses.uses })
      .from(couponCodeUses)
      .where(and(eq(couponCodeUses.couponId, couponId), eq(couponCodeUses.userId, userId)));
    return row?.uses ?? 0;
  }

  /**
   * Claims one use of a coupon for `userId` when an order is paid. Each limit is one conditional statement, so
   * concurrent checkouts cannot all read "4 of 5 used" and all go ahead: the row lock makes each re-check the
   * count it is about to raise. Answers which limit refused, if one did.
   */
  async claimCouponUse(coupon: CouponCodeRow, userId: string): Promise<'ok' | 'exhausted' | 'user_limit'> {
    const total = await this.db
      .update(couponCodes)
      .set({ uses: sql`${couponCodes.uses} + 1` })
      .where(and(eq(couponCodes.id, coupon.id), or(sql`${couponCodes.totalLimit} is null`, sql`${couponCodes.uses} < ${couponCodes.totalLimit}`)))
      .returning({ id: couponCodes.id });
    if (total.length === 0) return 'exhausted';
    const limit = coupon.perUserLimit ?? 2_147_483_647;
    const mine = await this.db
      .insert(couponCodeUses)
      .values({ couponId: coupon.id, userId, uses: 1 })
      .onConflictDoUpdate({
        target: [couponCodeUses.couponId, couponCodeUses.userId],
        set: { uses: sql`${couponCodeUses.uses} + 1` },
        setWhere: sql`${couponCodeUses.uses} < ${limit}`,
      })
      .returning({ uses: couponCodeUses.uses });
    // Only reached with a valid claim when the statement wrote a row; otherwise the caller's transaction rolls back
    // the total's increment with everything else.
    return mine.length === 1 ? 'ok' : 'user_limit';
  }

  async returnCouponUse(couponId: string, userId: string): Promise<void> {
    await this.db.update(couponCodes).set({ uses: sql`${couponCodes.uses} - 1` }).where(eq(couponCodes.id, couponId));
    await this.db
      .update(couponCodeUses)
      .set({ uses: sql`${couponCodeUses.uses} - 1` })
      .where(and(eq(couponCodeUses.couponId, couponId), eq(couponCodeUses.userId, userId)));
  }

  // Orders

  /** Records orders and their lines in one statement. */
  async insertOrders(orders: OrderRow[], lines: OrderLineRow[]): Promise<void> {
    if (orders.length === 0) return;
    if (lines.length === 0) await insertMany(this.db, shopOrders, orders);
    else await this.db.execute(sql`with ordered as (${insertRows(shopOrders, orders)}) ${insertRows(shopOrderLines, lines)}`);
  }

  async findOrder(id: string): Promise<OrderRow | undefined> {
    return batchedOn(this.db, 'shop_orders_by_ids', (db, ids: string[]) => rowsByUniqueKey(db, 'shop_orders_by_ids', shopOrders, shopOrders.id, ids)).load(id);
  }

  /**
   * An order with its lines (they never change once it is checked out), its seller and the seller's channel (none
   * before it is set up), read with those asked for at the same moment.
   */
  async findOrderWithSeller(id: string): Promise<OrderOfSeller | undefined> {
    return batchedOn(this.db, 'shop_orders_with_sellers', ordersWithSellers).load(id);
  }

  async linesOf(orderIds: string[]): Promise<OrderLineRow[]> {
    if (orderIds.length === 0) return [];
    return (await linesByOrders(this.db, [...new Set(orderIds)])).flat();
  }

  /**
   * The one statement for each order state change: it moves the order only from one of `from`, so two concurrent
   * changes (a payment and a timeout, a cancel and a shipment) cannot both happen.
   */
  async transition(
    id: string,
    from: OrderStatus[],
    change: Partial<OrderRow> & { status: OrderStatus },
    /** Only while the checkout's hold is live at `holdLiveAt`, or only once it has ended at `holdEndedAt`. */
    hold: { holdLiveAt?: Date; holdEndedAt?: Date } = {},
  ): Promise<OrderRow | undefined> {
    const [row] = await this.db
      .update(shopOrders)
      .set(change)
      .where(
        and(
          eq(shopOrders.id, id),
          inArray(shopOrders.status, from),
          hold.holdLiveAt ? gt(shopOrders.reservedUntil, hold.holdLiveAt) : undefined,
          hold.holdEndedAt ? lte(shopOrders.reservedUntil, hold.holdEndedAt) : undefined,
        ),
      )
      .returning();
    return row;
  }

  /**
   * `transition` for many orders, as a query of `readTogether`: answers the ids of the orders it moved, which are
   * then as they were read before, with `change` made.
   */
  transitionManyQuery(ids: string[], from: OrderStatus[], change: Partial<OrderRow> & { status: OrderStatus }, hold: { holdLiveAt: Date }): Together<string[]> {
    const query = this.db
      .update(shopOrders)
      .set(change)
      .where(and(anyOf(shopOrders.id, ids), inArray(shopOrders.status, from), gt(shopOrders.reservedUntil, hold.holdLiveAt)))
      .returning({ id: shopOrders.id })
      .getSQL();
    return { query, read: (rows) => rows.map((row) => String(row.id)) };
  }

  /**
   * The write (for `writeTogether`) that puts orders that `transitionManyQuery` paid in this transaction back to
   * pending payment, as they were: for orders that its batch may not pay after all.
   */
  unpayWrites(ids: string[]): SQL[] {
    if (ids.length === 0) return [];
    return [sql`update ${shopOrders} set status = 'pending_payment', paid_at = null where ${anyOf(shopOrders.id, ids)} and ${shopOrders.status} = 'paid'`];
  }

  async ordersOfBuyer(userId: string, limit: number): Promise<OrderRow[]> {
    return this.db
      .select()
      .from(shopOrders)
      .where(or(eq(shopOrders.buyerId, userId), and(eq(shopOrders.giftRecipientId, userId), sql`${shopOrders.status} <> 'pending_payment'`)))
      .orderBy(desc(shopOrders.createdAt))
      .limit(limit);
  }

  async ordersOfSeller(sellerId: string, status: OrderStatus | undefined, limit: number): Promise<OrderRow[]> {
    return this.db
      .select()
      .from(shopOrders)
      .where(
        and(
          eq(shopOrders.sellerId, sellerId),
          status ? eq(shopOrders.status, status) : sql`${shopOrders.status} not in ('pending_payment', 'expired')`,
        ),
      )
      .orderBy(desc(shopOrders.createdAt))
      .limit(limit);
  }

  async expiredCheckouts(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: shopOrders.id })
      .from(shopOrders)
      .where(and(eq(shopOrders.status, 'pending_payment'), lte(shopOrders.reservedUntil, now)))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async deliveredBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: shopOrders.id })
      .from(shopOrders)
      .where(and(eq(shopOrders.status, 'delivered'), lte(shopOrders.deliveredAt, before)))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** Ids of a seller's orders that moved money: paid at some point. */
  async paidOrderIdsOf(sellerId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: shopOrders.id })
      .from(shopOrders)
      .where(and(eq(shopOrders.sellerId, sellerId), sql`${shopOrders.paidAt} is not null`));
    return rows.map((r) => r.id);
  }
}

async function variantsByIds(db: Executor, ids: string[]): Promise<Array<VariantOnSale | undefined>> {
  const statement = preparedOn(db, 'shop_variants_by_ids', (on) =>
    on
      .select({ variant: variants, product: shopProducts, seller: sellers, channel: channels })
      .from(variants)
      .innerJoin(shopProducts, eq(shopProducts.id, variants.productId))
      .innerJoin(sellers, eq(sellers.id, shopProducts.sellerId))
      .leftJoin(channels, eq(channels.sellerId, shopProducts.sellerId))
      .where(sql`${variants.id} = any(${sql.placeholder('ids')})`),
  );
  return rowPerKey(ids, await statement.execute({ ids }), (row) => row.variant.id);
}

/** Orders with their lines, sellers and channels: a row for each line, gathered into one for each order. */
async function ordersWithSellers(db: Executor, ids: string[]): Promise<Array<OrderOfSeller | undefined>> {
  const statement = preparedOn(db, 'shop_orders_with_sellers', (on) =>
    on
      .select({ order: shopOrders, seller: sellers, channel: channels, line: shopOrderLines })
      .from(shopOrders)
      .innerJoin(sellers, eq(sellers.id, shopOrders.sellerId))
      .leftJoin(channels, eq(channels.sellerId, shopOrders.sellerId))
      .leftJoin(shopOrderLines, eq(shopOrderLines.orderId, shopOrders.id))
      .where(sql`${shopOrders.id} = any(${sql.placeholder('ids')})`)
      .orderBy(asc(shopOrderLines.position)),
  );
  const byOrder = new Map<string, OrderOfSeller>();
  for (const { order, seller, channel, line } of await statement.execute({ ids })) {
    let found = byOrder.get(order.id);
    if (!found) byOrder.set(order.id, (found = { order, lines: [], seller, channel }));
    if (line) found.lines.push(line);
  }
  return ids.map((id) => byOrder.get(id));
}

async function linesByOrders(db: Executor, orderIds: string[]): Promise<OrderLineRow[][]> {
  const statement = preparedOn(db, 'shop_order_lines_by_orders', (on) =>
    on
      .select()
      .from(shopOrderLines)
      .where(sql`${shopOrderLines.orderId} = any(${sql.placeholder('ids')})`)
      .orderBy(asc(shopOrderLines.position)),
  );
  return rowsPerKey(orderIds, await statement.execute({ ids: orderIds }), (row) => row.orderId);
}
