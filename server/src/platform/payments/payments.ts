import { randomToken } from '../ids';

export interface Charge {
  userId: string;
  amount: number;
  currency: string;
  /** Our own reference, so the provider can deduplicate retries. */
  reference: string;
}

export interface Payout {
  /** The seller or the room host paid. */
  payeeId: string;
  amount: number;
  currency: string;
  /** Our own reference (the payout), so the provider can deduplicate retries. */
  reference: string;
}

/**
 * A provider's final answer that it will not make a payout (a closed bank account, say): the payout has failed and
 * its money goes back to the payable. Any other error from `payout` is taken as passing, and the payout is asked again.
 */
export class PayoutRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayoutRefused';
  }
}

/** Where money comes from outside Maum, and where payouts to sellers and hosts go. A real payment gateway adapter implements the same interface. */
export interface PaymentsPort {
  readonly provider: 'sandbox';
  charge(charge: Charge): Promise<{ providerReference: string }>;
  /** Deduplicated by `reference`: asking again for a payout the provider already took answers the same payout. */
  payout(payout: Payout): Promise<{ providerReference: string }>;
}

/** The default provider: every charge succeeds and no real money moves. Shown as "Sandbox" in the UI and API. */
export class SandboxPayments implements PaymentsPort {
  readonly provider = 'sandbox' as const;

  async charge(charge: Charge): Promise<{ providerReference: string }> {
    return { providerReference: `sandbox_${charge.reference.slice(-24)}_${randomToken(8)}` };
  }

  async payout(payout: Payout): Promise<{ providerReference: string }> {
    return { providerReference: `sandbox_payout_${payout.reference.slice(-24)}` };
  }
}
