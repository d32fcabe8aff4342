import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const accountKinds = ['user_wallet', 'user_points', 'seller_payable', 'host_payable', 'coupon_liability', 'payment_clearing', 'payout_clearing', 'fee_revenue'] as const;

/**
 * Double-entry accounts. `balance` is credits minus debits, so the balances of all accounts always sum to 0.
 * Accounts that hold people's money may not go below 0, and the database itself refuses it (the CHECK).
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: accountKinds }).notNull(),
    /** The user or seller the account belongs to; empty for the platform's own accounts. */
    ownerId: text('owner_id').notNull().default(''),
    currency: text('currency').notNull(),
    /**
     * Busy shared accounts (coupon liability, a brand's payable, clearing) are split into stripes, so concurrent
     * transfers do not all queue on one row; the account's balance is the sum of its stripes. Wallets have one.
     */
    stripe: integer('stripe').notNull().default(0),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    allowNegative: boolean('allow_negative').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_owner_key').on(t.kind, t.ownerId, t.currency, t.stripe),
    check('ledger_accounts_not_negative', sql`${t.allowNegative} or ${t.balance} >= 0`),
  ],
);

/** One movement of money: from `debit` to `credit`, always positive, never repeated (the idempotency key). */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    debitAccountId: text('debit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    creditAccountId: text('credit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').notNull(),
    reference: text('reference'),
    idempotencyKey: text('idempotency_key').notNull().unique('ledger_transfers_idempotency_key'),
    createdAt: time('created_at').notNull(),
  },
  (t) => [
    check('ledger_transfers_positive', sql`${t.amount} > 0`),
    check('ledger_transfers_two_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    index('ledger_transfers_debit_idx').on(t.debitAccountId, t.createdAt),
    index('ledger_transfers_credit_idx').on(t.creditAccountId, t.createdAt),
  ],
);

/** Who a payout pays: a seller (their sales) or a room host (their subscriptions), from that payee's payable. */
export const payeeKinds = ['seller_payable', 'host_payable'] as const;

/**
 * Where a payout stands: `pending` from the transaction that moves the payable to payout clearing until the provider
 * has taken it; `paid` once it has; `failed` when the provider refused it, and the money went back to the payable.
 */
export const payoutStatuses = ['pending', 'paid', 'failed'] as const;

/**
 * One payout of everything a payee was owed at the time: written pending with its money's move, then sent through the
 * payments port (an outbox).
 */
export const ledgerPayouts = pgTable(
  'ledger_payouts',
  {
    id: text('id').primaryKey(),
    payeeKind: text('payee_kind', { enum: payeeKinds }).notNull(),
    /** The seller or the user the payable belongs to. */
    payeeId: text('payee_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    status: text('status', { enum: payoutStatuses }).notNull(),
    /** The provider's reference, once it has taken the payout. */
    payoutReference: text('payout_reference'),
    /** Times the provider was asked: a payout it could not take waits longer after each (see `dueBy` in payouts.repository.ts). */
    attempts: integer('attempts').notNull().default(0),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [
    index('ledger_payouts_payee_idx').on(t.payeeKind, t.payeeId, t.createdAt),
    index('ledger_payouts_pending_idx').on(t.updatedAt).where(sql`${t.status} = 'pending'`),
  ],
);
