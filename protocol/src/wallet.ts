import { z } from 'zod';
import { endpoint } from './http';

/** Money is an integer in the smallest unit of its currency (won have no smaller unit). */
export const Currency = z.enum(['KRW']);
export const Amount = z.number().int().positive().max(100_000_000);
export const Money = z.object({ amount: z.number().int(), currency: Currency }).meta({ id: 'Money' });

/**
 * Where a payout to a seller or a room host stands: `pending` once Maum has moved the money, until the payment provider
 * has taken it; `paid`; `failed` when the provider refused it, and the money went back to what is payable.
 */
export const PayoutStatus = z.enum(['pending', 'paid', 'failed']).meta({ id: 'PayoutStatus' });
export type PayoutStatus = z.infer<typeof PayoutStatus>;
export type Money = z.infer<typeof Money>;

/** The header every paying endpoint requires; the same key and body replays the first answer (Stripe's rules). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IdempotencyKey = z.string().min(8).max(128).regex(/^[A-Za-z0-9_.:-]+$/);

export const Wallet = z
  .object({
    balance: Money,
    /** Non-cash points (for example from an expired coupon refunded in full as points); they cannot be paid out as cash. */
    points: Money,
    /** The payment provider behind top-ups; `sandbox` moves no real money. */
    provider: z.enum(['sandbox']),
  })
  .meta({ id: 'Wallet' });
export type Wallet = z.infer<typeof Wallet>;

export const WalletEntry = z
  .object({
    id: z.string(),
    kind: z.string(),
    /** Positive when money came into the wallet, negative when it left. */
    amount: z.number().int(),
    currency: Currency,
    reference: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WalletEntry' });
export type WalletEntry = z.infer<typeof WalletEntry>;

const tags = ['wallet'];

export const walletApi = {
  wallet: endpoint({
    method: 'GET', path: '/api/wallet', auth: 'user', tags,
    summary: 'Your wallet balance', response: Wallet,
  }),
  history: endpoint({
    method: 'GET', path: '/api/wallet/entries', auth: 'user', tags,
    summary: 'Money in and out of your wallet, newest first',
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ entries: z.array(WalletEntry) }),
  }),
  topUp: endpoint({
    method: 'POST', path: '/api/wallet/top-ups', auth: 'user', tags, status: 201, idempotent: true,
    summary: 'Add money to your wallet through the payment provider (Sandbox: no real money moves)',
    body: z.object({ amount: Amount }),
    response: z.object({ wallet: Wallet, entry: WalletEntry }),
  }),
} as const;
