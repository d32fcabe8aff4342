import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { SQL } from 'drizzle-orm';
import { writeTogether, type Together } from '../../platform/db/bulk';
import { postgresErrorOf, type Database, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccountKind, AccountRow, LedgerRepository, TransferRow } from './ledger.repository';

export interface AccountRef {
  kind: AccountKind;
  /** The user or seller; omitted for the platform's own accounts. */
  ownerId?: string;
}

export interface TransferInput {
  debit: AccountRef;
  credit: AccountRef;
  amount: number;
  currency: string;
  /** What the money is for: `top_up`, `gift_purchase`, `redemption`, `refund`, … */
  kind: string;
  reference?: string;
  /** Unique per movement: the same key twice moves the money once. */
  idempotencyKey: string;
}

// Only the outside world's side of payments may go below 0; everyone's own money may not.
const MAY_GO_NEGATIVE: ReadonlySet<AccountKind> = new Set(['payment_clearing']);

/**
 * Shared accounts that every purchase or redemption touches are split into stripes, each transfer (or batch of
 * transfers) picking one by its idempotency key, so concurrent transfers lock different rows. A single stripe may go
 * below 0 (a refund can come out of another stripe than the purchase went into); the account is the sum of its stripes.
 */
const STRIPED: ReadonlySet<AccountKind> = new Set(['coupon_liability', 'seller_payable', 'host_payable', 'payment_clearing', 'payout_clearing', 'fee_revenue']);

const STRIPES = 16;
/** Account ids kept in memory at most (about 100 bytes each); past it the memory starts again from empty. */
const KNOWN_IDS = 200_000;

function notStriped(kind: AccountKind): void {
  if (STRIPED.has(kind)) throw new Error(`${kind} is striped; read it by its stripes`);
}

/** Each owner's balance among `accounts` (0 for one that has none yet). */
function balancesOf(ownerIds: string[], accounts: Array<{ ownerId: string; balance: number }>): Map<string, number> {
  const found = new Map(accounts.map((a) => [a.ownerId, a.balance]));
  return new Map(ownerIds.map((id) => [id, found.get(id) ?? 0]));
}

/** An account's key (kind, owner, currency, stripe) as one string, for maps. */
function accountKey(kind: AccountKind, ownerId: string, currency: string, stripe: number): string {
  return `${kind}\u0000${ownerId}\u0000${currency}\u0000${stripe}`;
}

function stripeOf(kind: AccountKind, key: string): number {
  if (!STRIPED.has(kind)) return 0;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % STRIPES;
}

/**
 * Double-entry money. Every movement is one transfer (debit, credit, amount > 0, unique idempotency key), written
 * in the caller's transaction together with the business change it pays for. Balances of all accounts sum to 0,
 * and accounts holding people's money never go below 0 (the database refuses it). Fees are always 0.
 */
export class LedgerService {
  /**
   * Account ids by key (kind, owner, currency, stripe), kept once their account is known to be committed. An account
   * never changes its key and is never deleted, so an id once known holds on every node and nothing invalidates it.
   */
  private readonly knownIds = new Map<string, string>();

  constructor(
    private readonly repo: LedgerRepository,
    private readonly clock: Clock,
    private readonly database: Pick<Database, 'afterCommit'>,
  ) {}

  /** The id of an account's stripe, made if need be inside `tx`; kept for next time once `tx` has committed. */
  private async accountId(ref: AccountRef, currency: string, stripe: number, tx: Executor): Promise<string> {
    const key = accountKey(ref.kind, ref.ownerId ?? '', currency, stripe);
    const known = this.knownIds.get(key);
    if (known) return known;
    const { id } = await this.stripe(ref, currency, stripe, tx);
    await this.keepAfterCommit(tx, [[key, id]]);
    return id;
  }

  /** Keeps account ids (by key) once `tx` commits; not before, as an account `tx` made is gone if it rolls back. */
  private async keepAfterCommit(tx: Executor, ids: Array<[string, string]>): Promise<void> {
    await this.database.afterCommit(tx, async () => {
      if (this.knownIds.size + ids.length > KNOWN_IDS) this.knownIds.clear();
      for (const [key, id] of ids) this.knownIds.set(key, id);
    });
  }

  private stripe(ref: AccountRef, currency: string, stripe: number, tx?: Executor): Promise<AccountRow> {
    const repo = tx ? this.repo.with(tx) : this.repo;
    return repo.account(ref.kind, ref.ownerId ?? '', currency, stripe, () => ({
      id: newId('acc'),
      kind: ref.kind,
      ownerId: ref.ownerId ?? '',
      currency,
      stripe,
      allowNegative: MAY_GO_NEGATIVE.has(ref.kind) || STRIPED.has(ref.kind),
      createdAt: this.clock.now(),
    }));
  }

  /**
   * Moves money inside `tx`. Throws `insufficient_funds` (and so rolls the caller's transaction back) when the
   * debited account may not go below 0. A key used before answers the earlier transfer, provided it moved the same
   * money between the same accounts.
   */
  async transfer(tx: Executor, input: TransferInput): Promise<TransferRow> {
    if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error(`a transfer moves a positive whole amount, not ${input.amount}`);
    const repo = this.repo.with(tx);
    const debit = await this.accountId(input.debit, input.currency, stripeOf(input.debit.kind, input.idempotencyKey), tx);
    const credit = await this.accountId(input.credit, input.currency, stripeOf(input.credit.kind, input.idempotencyKey), tx);
    const row = transferRow(input, debit, credit, this.clock.now());
    if (!(await repo.insertTransfer(row))) {
      const earlier = (await repo.findTransferByKey(input.idempotencyKey))!;
      if (earlier.debitAccountId !== debit || earlier.creditAccountId !== credit || earlier.amount !== input.amount) {
        throw new AppError('idempotency_key_reused', 'This payment key was already used for a different payment.');
      }
      return earlier;
    }
    // The two balances change in the order of their ids, as a batch's (`insertTransfersMoving`) do, so a transfer and
    // a batch that share accounts wait for each other instead of deadlocking.
    const debitFirst = debit < credit;
    if (!debitFirst) await repo.credit(credit, input.amount);
    if (!(await repo.debit(debit, input.amount))) {
      throw new AppError('insufficient_funds', 'There is not enough money in the wallet.');
    }
    if (debitFirst) await repo.credit(credit, input.amount);
    return row;
  }

  /**
   * Moves money for many transfers at once inside `tx`, all or none, as `transfer` would one by one but in a handful
   * of statements: the accounts are looked up once, the transfers inserted together, and each account's balance
   * changed once by its net amount. Throws `insufficient_funds` (the database refuses a balance below 0), or
   * `idempotency_key_reused` if any key was used before, so a caller can fall back to `transfer` one by one.
   *
   * `writes` (other repositories' `…Writes`, as `writeTogether` takes them) go in the same statement, which spares a
   * batch a round trip: the money moves first, as the statement's answer reads it, and they follow. They must not
   * touch the ledger's rows, and they are written whatever the transfers, none included.
   */
  async transferMany(tx: Executor, inputs: TransferInput[], writes: SQL[] = []): Promise<TransferRow[]> {
    if (inputs.length === 0) {
      await writeTogether(tx, writes);
      return [];
    }
    // The whole batch uses one stripe of each shared account, picked by its first key: two batches written at once
    // then mostly lock different stripes, where a stripe for each transfer would have them all lock nearly every one.
    const stripeKey = inputs[0]!.idempotencyKey;
    // Every account the batch touches, read in one query; any not made yet is made as `transfer` would.
    const wanted = new Map<string, { ref: AccountRef; kind: AccountKind; ownerId: string; currency: string; stripe: number }>();
    for (const input of inputs) {
      for (const ref of [input.debit, input.credit]) {
        const stripe = stripeOf(ref.kind, stripeKey);
        wanted.set(accountKey(ref.kind, ref.ownerId ?? '', input.currency, stripe), { ref, kind: ref.kind, ownerId: ref.ownerId ?? '', currency: input.currency, stripe });
      }
    }
    const accounts = new Map<string, string>();
    for (const key of wanted.keys()) {
      const known = this.knownIds.get(key);
      if (known) accounts.set(key, known);
    }
    const unknown = [...wanted].filter(([key]) => !accounts.has(key)).map(([, w]) => w);
    for (const currency of new Set(unknown.map((w) => w.currency))) {
      const ofCurrency = unknown.filter((w) => w.currency === currency);
      const found = await this.repo.with(tx).accountsOf([...new Set(ofCurrency.map((w) => w.kind))], [...new Set(ofCurrency.map((w) => w.ownerId))], currency);
      for (const a of found) accounts.set(accountKey(a.kind, a.ownerId, a.currency, a.stripe), a.id);
    }
    // Made in one order, so two batches making the same new stripes wait for each other instead of deadlocking.
    const missing = [...wanted].filter(([key]) => !accounts.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, w] of missing) accounts.set(key, (await this.stripe(w.ref, w.currency, w.stripe, tx)).id);
    if (unknown.length > 0) await this.keepAfterCommit(tx, [...accounts]);
    const accountOf = (ref: AccountRef, currency: string): string => accounts.get(accountKey(ref.kind, ref.ownerId ?? '', currency, stripeOf(ref.kind, stripeKey)))!;
    const now = this.clock.now();
    const rows: TransferRow[] = [];
    const deltas = new Map<string, number>();
    for (const input of inputs) {
      if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error(`a transfer moves a positive whole amount, not ${input.amount}`);
      const debit = accountOf(input.debit, input.currency);
      const credit = accountOf(input.credit, input.currency);
      rows.push(transferRow(input, debit, credit, now));
      deltas.set(debit, (deltas.get(debit) ?? 0) - input.amount);
      deltas.set(credit, (deltas.get(credit) ?? 0) + input.amount);
    }
    const repo = this.repo.with(tx);
    let recorded: number;
    try {
      recorded = await repo.insertTransfersMoving(rows, deltas, writes);
    } catch (err) {
      if (isBalanceBelowZero(err)) throw new AppError('insufficient_funds', 'There is not enough money in a wallet of this batch.', { cause: err });
      throw err;
    }
    // The balances moved with it: the transaction must not commit.
    if (recorded !== rows.length) throw new AppError('idempotency_key_reused', 'A payment key in this batch was used before.');
    return rows;
  }

  /** Wallets (stripe 0 accounts of `kind`) of `ownerIds`, locked to the end of `tx`: owner → balance (0 for none yet). */
  lockBalances(tx: Executor, kind: AccountKind, ownerIds: string[], currency: string): Promise<Map<string, number>> {
    return this.walletBalances(tx, kind, ownerIds, currency, true);
  }

  /**
   * Wallets' balances, unlocked, as a query of `readTogether` in the transaction of a batch that pays from them:
   * owner → balance (0 for none yet). `transferMany` then locks them in the order of their ids, as a lone `transfer` does.
   */
  balancesQuery(kind: AccountKind, ownerIds: string[], currency: string): Together<Map<string, number>> {
    notStriped(kind);
    const { query, read } = this.repo.balancesOfOwnersQuery(kind, [...new Set(ownerIds)], currency);
    return { query, read: (rows) => balancesOf(ownerIds, read(rows)) };
  }

  private async walletBalances(tx: Executor, kind: AccountKind, ownerIds: string[], currency: string, lock: boolean): Promise<Map<string, number>> {
    notStriped(kind);
    return balancesOf(ownerIds, await this.repo.with(tx).accountsOfOwners(kind, [...new Set(ownerIds)], currency, lock));
  }

  /** An account's balance: the sum of its stripes (0 before its first transfer), read inside `tx` when given. */
  async balance(ref: AccountRef, currency: string, tx?: Executor): Promise<number> {
    const stripes = await (tx ? this.repo.with(tx) : this.repo).stripes(ref.kind, ref.ownerId ?? '', currency);
    return stripes.reduce((sum, s) => sum + s.balance, 0);
  }

  /** The history of an account that is not striped (a wallet). */
  async entries(ref: AccountRef, currency: string, limit: number): Promise<{ accountId: string; transfers: TransferRow[] }> {
    if (STRIPED.has(ref.kind)) throw new Error(`${ref.kind} is striped; read its transfers by reference`);
    const account = await this.stripe(ref, currency, 0);
    return { accountId: account.id, transfers: await this.repo.transfersOf(account.id, limit) };
  }

  /** Net money into an account (credits less debits) from transfers with one of `references`. */
  async netByReference(ref: AccountRef, currency: string, references: string[]): Promise<number> {
    const { credited, debited } = await this.flowsByReference(ref, currency, references);
    return credited - debited;
  }

  /** Net money into an account for each of `references` (0 for one that moved nothing), in one query. */
  async netPerReference(ref: AccountRef, currency: string, references: string[]): Promise<Map<string, number>> {
    const stripes = await this.repo.stripes(ref.kind, ref.ownerId ?? '', currency);
    const found = await this.repo.netPerReference(stripes.map((s) => s.id), references);
    return new Map(references.map((r) => [r, found.get(r) ?? 0]));
  }

  /** Money into and out of an account from transfers with one of `references`. */
  async flowsByReference(ref: AccountRef, currency: string, references: string[]): Promise<{ credited: number; debited: number }> {
    const stripes = await this.repo.stripes(ref.kind, ref.ownerId ?? '', currency);
    return this.repo.totalsByReference(stripes.map((s) => s.id), references);
  }

  /** Money into and out of an account, per kind of transfer (`order_payment`, `settlement`, …). */
  async flowsByKind(ref: AccountRef, currency: string): Promise<Map<string, { credited: number; debited: number }>> {
    const stripes = await this.repo.stripes(ref.kind, ref.ownerId ?? '', currency);
    return this.repo.totalsByKind(stripes.map((s) => s.id));
  }

  /**
   * The money invariants as they stand: each currency's balances summed over every account (which must be 0) and
   * every person's wallet or points account below 0 (which must be none). For the server's own checks only.
   */
  async invariants(actor: Actor): Promise<{
    totals: Array<{ currency: string; total: number }>;
    negativeWallets: Array<{ ownerId: string; kind: AccountKind; currency: string; balance: number }>;
  }> {
    if (actor.kind !== 'system') throw new AppError('forbidden', 'Only the server checks the ledger’s invariants.');
    const { totals, negative } = await this.repo.invariants();
    return { totals, negativeWallets: negative };
  }

  /** Throws unless every currency's balances sum to 0 and every balance equals the sum of its transfers. */
  async checkInvariants(): Promise<void> {
    const { totals, mismatches } = await this.repo.audit();
    const unbalanced = totals.filter((t) => t.total !== 0);
    if (unbalanced.length > 0 || mismatches.length > 0) {
      throw new Error(`ledger invariants broken: ${JSON.stringify({ unbalanced, mismatches })}`);
    }
  }
}

function transferRow(input: TransferInput, debitAccountId: string, creditAccountId: string, now: Date): TransferRow {
  return {
    id: newId('txf'),
    debitAccountId,
    creditAccountId,
    amount: input.amount,
    currency: input.currency,
    kind: input.kind,
    reference: input.reference ?? null,
    idempotencyKey: input.idempotencyKey,
    createdAt: now,
  };
}

/** The database refused a balance below 0 (the CHECK on ledger accounts), not another check of a carried write. */
function isBalanceBelowZero(err: unknown): boolean {
  const found = postgresErrorOf(err);
  return found?.code === '23514' && found.constraint === 'ledger_accounts_not_negative';
}
