import { certsBench } from './certs.bench';
import { chatBench } from './chat.bench';
import { checkoutBench } from './checkout.bench';
import { detectBench } from './detect.bench';
import { giftsBench } from './gifts.bench';
import { httpBench } from './http.bench';
import { openlinkBench } from './openlink.bench';
import { redeemBench } from './redeem.bench';
import { renewalsBench } from './renewals.bench';

export interface BenchLine {
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

export type Bench = (options: { quick: boolean }) => Promise<BenchLine[]>;

/** Every benchmark, by the name given to `npm run bench -- <name>`. */
export const benches: Record<string, Bench> = {
  http: httpBench,
  chat: chatBench,
  gifts: giftsBench,
  redeem: redeemBench,
  checkout: checkoutBench,
  certs: certsBench,
  detect: detectBench,
  openlink: openlinkBench,
  renewals: renewalsBench,
};
