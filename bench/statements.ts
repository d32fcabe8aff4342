// The SQL statements Maum runs for a gift purchase, a store redemption and a shop order, as the baselines replay
// them straight through the driver. Read from the services and repositories (gifts.service.ts `order`,
// gifts.repository.ts, ledger/, chat `postCard`, the idempotency wrapper, stores.repository.ts `redeem`,
// orders.service.ts `checkout` and `pay`, shop.repository.ts) and checked once against
// PostgreSQL's log_statement=all; the text is Drizzle's, so PostgreSQL parses and plans the same statements.

/**
 * One gift purchase, statement by statement, as Maum runs it for POST /api/gifts (read from the code and checked
 * once with log_statement=all): session look-up (a session is touched at most once a minute, so not per request),
 * product and friendship checks, the senders' and recipients' profiles for the answer, the paying transaction (the
 * Idempotency-Key claimed, the transfer between accounts whose ids are known, debit, credit, order, gift, popularity,
 * the owed card, the key's answer), then the card's delivery after the commit (direct room, membership, blocks, and
 * the message transaction that also clears the owed card).
 */
export const SQL = {
  session: `select "sessions"."id", "sessions"."user_id", "sessions"."token_hash", "sessions"."device_name", "sessions"."created_at", "sessions"."last_seen_at", "sessions"."expires_at", "sessions"."revoked_at", "users"."id", "users"."handle", "users"."display_name", "users"."status_message", "users"."password_hash", "users"."role", "users"."avatar_key", "users"."birthday", "users"."friend_code", "users"."created_at", "users"."updated_at" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where ("sessions"."token_hash" = $1 and "sessions"."revoked_at" is null and "sessions"."expires_at" > $2)`,
  claim: `insert into "idempotency_keys" ("scope", "key", "fingerprint", "status", "response", "created_at") values ($1, $2, $3, default, default, $4) on conflict do nothing returning "key"`,
  product: `select "gift_products"."id", "gift_products"."brand_id", "gift_products"."name", "gift_products"."kind", "gift_products"."price", "gift_products"."face_value", "gift_products"."options", "gift_products"."validity_days", "gift_products"."image_key", "gift_products"."tags", "gift_products"."popularity", "gift_products"."created_at", "brands"."id", "brands"."name", "brands"."category", "brands"."color", "brands"."created_at" from "gift_products" inner join "brands" on "brands"."id" = "gift_products"."brand_id" where "gift_products"."id" = $1`,
  friendsAmong: `select "target_id" from "contacts" where ("contacts"."owner_id" = $1 and "contacts"."target_id" in ($2) and "contacts"."status" in ($3, $4))`,
  blockers: `select "owner_id", "target_id" from "contacts" where ("contacts"."target_id" in ($1) and "contacts"."status" in ($2))`,
  account: `select "id", "kind", "owner_id", "currency", "stripe", "balance", "allow_negative", "created_at" from "ledger_accounts" where ("ledger_accounts"."kind" = $1 and "ledger_accounts"."owner_id" = $2 and "ledger_accounts"."currency" = $3 and "ledger_accounts"."stripe" = $4)`,
  newAccount: `insert into "ledger_accounts" ("id", "kind", "owner_id", "currency", "stripe", "balance", "allow_negative", "created_at") values ($1, $2, $3, $4, $5, default, $6, $7) on conflict do nothing`,
  transfer: `insert into "ledger_transfers" ("id", "debit_account_id", "credit_account_id", "amount", "currency", "kind", "reference", "idempotency_key", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing returning "id"`,
  debit: `update "ledger_accounts" set "balance" = "ledger_accounts"."balance" - $1 where ("ledger_accounts"."id" = $2 and ("ledger_accounts"."allow_negative" = $3 or "ledger_accounts"."balance" >= $4)) returning "id"`,
  credit: `update "ledger_accounts" set "balance" = "ledger_accounts"."balance" + $1 where "ledger_accounts"."id" = $2`,
  order: `insert into "gift_orders" ("id", "sender_id", "product_id", "total", "created_at") values ($1, $2, $3, $4, $5)`,
  gift: `insert into "gifts" ("id", "order_id", "sender_id", "recipient_id", "product_id", "option", "card_template", "card_text", "price", "status", "deliver_at", "created_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  popularity: `update "gift_products" set "popularity" = "gift_products"."popularity" + $1 where "gift_products"."id" = $2`,
  users: `select "id", "handle", "display_name", "status_message", "password_hash", "role", "avatar_key", "birthday", "friend_code", "created_at", "updated_at" from "users" where "users"."id" in ($1, $2)`,
  directRoom: `select "id", "kind", "title", "direct_key", "last_seq", "member_count", "created_by", "created_at", "last_activity_at" from "rooms" where "rooms"."direct_key" = $1`,
  membersAmong: `select "user_id" from "room_members" where ("room_members"."room_id" = $1 and "room_members"."user_id" in ($2) and "room_members"."left_at" is null)`,
  nextSeq: `update "rooms" set "last_seq" = "rooms"."last_seq" + $1, "last_activity_at" = $2 where "rooms"."id" = $3 returning "last_seq"`,
  oweCard: `insert into "chat_card_outbox" ("id", "room", "from_user_id", "to_user_id", "client_msg_id", "body", "created_at") values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
  clearCard: `delete from "chat_card_outbox" where "chat_card_outbox"."id" = $1`,
  message: `insert into "messages" ("id", "room_id", "seq", "sender_id", "client_msg_id", "kind", "body", "created_at", "deleted_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing returning "id"`,
  readUpTo: `update "room_members" set read_seq = v.seq from (values ($1::text, $2::integer)) as v(user_id, seq) where "room_members"."room_id" = $3 and "room_members"."user_id" = v.user_id and "room_members"."read_seq" < v.seq`,
  complete: `update "idempotency_keys" set "status" = $1, "response" = $2 where ("idempotency_keys"."scope" = $3 and "idempotency_keys"."key" = $4)`,
};

/**
 * One redemption, as Maum runs it for POST /api/store/redemptions: the store by its key's hash, the
 * Idempotency-Key claim, the store's PIN look-up limit, then one transaction (the conditional UPDATE that decides
 * the redemption, the redemption row, and the ledger transfer from coupon liability to the brand's payable), the
 * product and the store for the answer, and the stored idempotent answer. The ledger statements are
 * SQL.account/transfer/debit/credit.
 */
export const REDEEM_SQL = {
  store: `select "id", "brand_id", "name", "api_key_hash", "created_at" from "stores" where "stores"."api_key_hash" = $1`,
  rateLimit: `select "count", "window_start" from "rate_limits" where "rate_limits"."key" = $1`,
  storeById: `select "id", "brand_id", "name", "api_key_hash", "created_at" from "stores" where "stores"."id" = $1`,
  redeem: `update "coupons" set "balance" = "coupons"."balance" - (case when "coupons"."kind" = 'exchange' then "coupons"."balance" else $1 end), "status" = (case when "coupons"."balance" - (case when "coupons"."kind" = 'exchange' then "coupons"."balance" else $2 end) = 0 then 'used' else 'partially_used' end), "updated_at" = $3 where ("coupons"."pin_hash" = $4 and "coupons"."status" in ($5, $6, $7) and "coupons"."expires_at" > $8 and "coupons"."balance" >= (case when "coupons"."kind" = 'exchange' then "coupons"."balance" else $9 end) and (case when "coupons"."kind" = 'exchange' then "coupons"."balance" else $10 end) > 0 and "coupons"."product_id" in (select "id" from "gift_products" where "gift_products"."brand_id" = $11)) returning "id", "gift_id", "holder_id", "product_id", "option", "kind", "face_value", "balance", "pin_salt", "pin_hash", "status", "expires_at", "extensions", "last_notice_days", "created_at", "updated_at"`,
  redemption: `insert into "redemptions" ("id", "coupon_id", "store_id", "amount", "created_at", "voided_at") values ($1, $2, $3, $4, $5, $6)`,
};

const STRIPES = 16;

/**
 * The ledger account a transfer uses, as the ledger picks it: shared accounts are split into 16 stripes (chosen
 * from the transfer's key), made on first use; wallets have one.
 */
/**
 * Account ids a baseline looked up before, as the ledger keeps them in memory once their account exists: one per
 * baseline run (each run is on its own database).
 */
export type KnownAccounts = Map<string, string>;

export async function ledgerAccount(
  query: (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>,
  kind: string,
  ownerId: string,
  key: string,
  knownAccounts: KnownAccounts,
): Promise<string> {
  let stripe = 0;
  if (kind !== 'user_wallet' && kind !== 'user_points') {
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
    stripe = h % STRIPES;
  }
  const known = knownAccounts.get(`${kind}:${ownerId}:${stripe}`);
  if (known) return known;
  const found = await query(SQL.account, [kind, ownerId, 'KRW', stripe]);
  if (found[0]) {
    knownAccounts.set(`${kind}:${ownerId}:${stripe}`, String(found[0].id));
    return String(found[0].id);
  }
  await query(SQL.newAccount, [`acc_bench${kind}${ownerId}${stripe}`.slice(0, 40), kind, ownerId, 'KRW', stripe, true, new Date().toISOString()]);
  return String((await query(SQL.account, [kind, ownerId, 'KRW', stripe]))[0]!.id);
}

/**
 * One order, as Maum runs POST /api/orders then POST /api/orders/:id/pay (orders.service.ts `checkout` and `pay`,
 * shop.repository.ts, channels.repository.ts, ledger/; checked once with log_statement=all). Checkout: the session,
 * the variant with its product, the seller, then one transaction (the conditional UPDATE that holds the stock, the
 * order and its line), and the order's view (its lines, the channel and the buyer, read side by side). Payment: the
 * session, the Idempotency-Key claim, the order, then one transaction (the conditional UPDATE that moves the order to
 * paid, the seller, the lines, the UPDATE that turns the hold into a sale, and the ledger transfer from the buyer's
 * wallet to the seller's payable), the look-up of certificates to hand over, the order's view (its channel and buyer;
 * the lines were read in the transaction), and the stored idempotent answer. Session, claim, ledger and
 * answer statements are SQL.session/claim/account/transfer/debit/credit/complete.
 */
export const CHECKOUT_SQL = {
  variants: `select "shop_variants"."id", "shop_variants"."product_id", "shop_variants"."name", "shop_variants"."price", "shop_variants"."position", "shop_variants"."on_hand", "shop_variants"."reserved", "shop_variants"."sold", "shop_products"."id", "shop_products"."seller_id", "shop_products"."name", "shop_products"."description", "shop_products"."image_ids", "shop_products"."gift_listing", "shop_products"."gift_product_id", "shop_products"."active", "shop_products"."created_at", "shop_products"."updated_at" from "shop_variants" inner join "shop_products" on "shop_products"."id" = "shop_variants"."product_id" where "shop_variants"."id" in ($1)`,
  seller: `select "id", "owner_id", "kind", "business_name", "registration_number", "contact_email", "contact_phone", "status", "reason", "created_at", "reviewed_at", "reviewed_by", "last_settled_at" from "sellers" where "sellers"."id" = $1`,
  reserve: `update "shop_variants" set "reserved" = "shop_variants"."reserved" + $1 where ("shop_variants"."id" = $2 and "shop_variants"."on_hand" - "shop_variants"."reserved" >= $3) returning "id"`,
  order: `insert into "shop_orders" ("id", "buyer_id", "seller_id", "status", "subtotal", "discount", "total", "coupon_id", "coupon_code", "address", "gift_recipient_id", "gift_card", "carrier", "tracking_number", "reserved_until", "created_at", "paid_at", "shipped_at", "delivered_at", "completed_at", "cancelled_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
  line: `insert into "shop_order_lines" ("order_id", "position", "variant_id", "product_id", "product_name", "variant_name", "image_id", "unit_price", "quantity") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  lines: `select "order_id", "position", "variant_id", "product_id", "product_name", "variant_name", "image_id", "unit_price", "quantity" from "shop_order_lines" where "shop_order_lines"."order_id" in ($1) order by "shop_order_lines"."position" asc`,
  channels: `select "id", "seller_id", "account_id", "name", "description", "category", "profile_image", "cover_image", "followers", "created_at", "updated_at" from "channels" where "channels"."seller_id" in ($1)`,
  buyer: `select "id", "handle", "display_name", "status_message", "password_hash", "role", "avatar_key", "birthday", "friend_code", "created_at", "updated_at" from "users" where "users"."id" in ($1)`,
  certified: `select distinct "product_id" from "certificates" where ("certificates"."product_id" in ($1) and "certificates"."status" = $2 and "certificates"."owner_id" is null)`,
  findOrder: `select "id", "buyer_id", "seller_id", "status", "subtotal", "discount", "total", "coupon_id", "coupon_code", "address", "gift_recipient_id", "gift_card", "carrier", "tracking_number", "reserved_until", "created_at", "paid_at", "shipped_at", "delivered_at", "completed_at", "cancelled_at" from "shop_orders" where "shop_orders"."id" = $1`,
  pay: `update "shop_orders" set "status" = $1, "paid_at" = $2 where ("shop_orders"."id" = $3 and "shop_orders"."status" in ($4) and "shop_orders"."reserved_until" > $5) returning "id", "buyer_id", "seller_id", "status", "subtotal", "discount", "total", "coupon_id", "coupon_code", "address", "gift_recipient_id", "gift_card", "carrier", "tracking_number", "reserved_until", "created_at", "paid_at", "shipped_at", "delivered_at", "completed_at", "cancelled_at"`,
  sell: `update "shop_variants" set "on_hand" = "shop_variants"."on_hand" - $1, "reserved" = "shop_variants"."reserved" - $2, "sold" = "shop_variants"."sold" + $3 where "shop_variants"."id" = $4`,
};
