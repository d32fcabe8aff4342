import { AnchorRefused, type ChainAnchor } from '../../platform/anchor/chain-anchor';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/log';
import type { AnchorRow, LogRepository } from './log.repository';

/**
 * A transaction the chain has not included after three intervals (and at least this long) is given up, and the next
 * anchor goes out in its place. Three, because after a failed broadcast the next try comes an interval later.
 */
const MIN_PENDING_MS = 10 * 60_000;
const PENDING_INTERVALS = 3;

export type AnchorStep =
  /** A transaction is out: see whether the chain has it (and send it again if not). */
  | { step: 'confirm' }
  /** The chain has every checkpoint there is: nothing to anchor. */
  | { step: 'idle' }
  /** The last attempt was less than an interval ago. */
  | { step: 'wait'; until: Date }
  | { step: 'anchor' };

/**
 * What the anchoring job does now. At most one transaction is out at a time, nothing is sent while the chain already
 * has the latest checkpoint, and attempts (sent or failed) are at least `intervalMs` apart: a chain outage only
 * delays the next anchor.
 */
export function nextAnchorStep(state: {
  now: Date;
  intervalMs: number;
  pending: boolean;
  /** When the last anchoring transaction was signed, or an attempt failed, whichever was later. */
  lastAttemptAt: Date | undefined;
  latestSize: number;
  anchoredSize: number;
}): AnchorStep {
  if (state.pending) return { step: 'confirm' };
  if (state.latestSize <= state.anchoredSize) return { step: 'idle' };
  if (state.lastAttemptAt) {
    const until = new Date(state.lastAttemptAt.getTime() + state.intervalMs);
    if (state.now < until) return { step: 'wait', until };
  }
  return { step: 'anchor' };
}

export interface CheckpointAnchoringDeps {
  repo: LogRepository;
  chain: ChainAnchor;
  /** The log's origin, as its checkpoints name it. */
  origin: string;
  intervalMs: number;
  clock: Clock;
  log: Logger;
}

/**
 * Anchors the log's latest signed checkpoint on an EVM chain, at most once per interval, as a scheduler job (so on
 * one node at a time). Each transaction is signed and stored before it is broadcast, and broadcast again until the
 * chain includes it. Nothing here stands in the way of the log: certificates are issued and checkpoints signed
 * whatever the chain does, and a chain that cannot be reached is logged and tried again an interval later.
 */
export class CheckpointAnchoring {
  private failedAt: Date | undefined;

  constructor(private readonly deps: CheckpointAnchoringDeps) {}

  get target() {
    return this.deps.chain.target;
  }

  get intervalMs(): number {
    return this.deps.intervalMs;
  }

  /** One scheduler tick: answers 1 when a checkpoint was anchored (the chain confirmed it) in this tick, else 0. */
  async run(): Promise<number> {
    const { repo, chain, clock } = this.deps;
    const now = clock.now();
    if (this.failedAt && now.getTime() < this.failedAt.getTime() + this.deps.intervalMs) return 0;
    const [pending, last, latest, anchoredSize] = await Promise.all([
      repo.pendingAnchor(),
      repo.lastAnchor(),
      repo.latestCheckpoint(),
      repo.anchoredSize(chain.target.chainId, chain.target.contract),
    ]);
    const lastAttemptAt = [last?.sentAt, this.failedAt].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
    const step = nextAnchorStep({ now, intervalMs: this.deps.intervalMs, pending: !!pending, lastAttemptAt, latestSize: latest?.size ?? 0, anchoredSize });
    try {
      if (step.step === 'confirm') return await this.confirm(pending!);
      if (step.step === 'anchor' && latest) return await this.anchor({ treeSize: latest.size, root: latest.rootHash });
      return 0;
    } catch (err) {
      this.failedAt = clock.now();
      const minutes = Math.round((this.deps.intervalMs / 60_000) * 10) / 10;
      if (err instanceof AnchorRefused) this.deps.log.error({ chainId: chain.target.chainId, contract: chain.target.contract }, `checkpoint anchoring: ${err.message}; trying again in ${minutes} min`);
      else this.deps.log.warn({ chainId: chain.target.chainId }, `checkpoint anchoring failed: ${chain.explain(err).replace(/\.$/, '')}; trying again in ${minutes} min`);
      return 0;
    }
  }

  private async anchor(checkpoint: { treeSize: number; root: Uint8Array }): Promise<number> {
    const { repo, chain, clock, origin } = this.deps;
    await chain.check();
    const signed = await chain.prepare({ origin, ...checkpoint });
    const row: AnchorRow = {
      txHash: signed.txHash,
      chainId: chain.target.chainId,
      contract: chain.target.contract,
      origin,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.root,
      rawTx: signed.raw,
      status: 'pending',
      blockNumber: null,
      error: null,
      sentAt: clock.now(),
      confirmedAt: null,
    };
    await repo.insertAnchor(row);
    await chain.broadcast(signed);
    this.deps.log.info({ treeSize: checkpoint.treeSize, txHash: signed.txHash, chainId: chain.target.chainId }, 'checkpoint anchoring: sent');
    return this.confirm(row);
  }

  private async confirm(row: AnchorRow): Promise<number> {
    const { repo, chain, clock, log } = this.deps;
    const receipt = await chain.receipt(row.txHash as `0x${string}`);
    if (receipt.status === 'confirmed') {
      await repo.confirmAnchor(row.txHash, receipt.blockNumber, clock.now());
      this.failedAt = undefined;
      log.info({ treeSize: row.treeSize, txHash: row.txHash, blockNumber: receipt.blockNumber, chainId: row.chainId }, 'checkpoint anchoring: anchored');
      return 1;
    }
    if (receipt.status === 'reverted') {
      await repo.failAnchor(row.txHash, `reverted in block ${receipt.blockNumber}`, receipt.blockNumber);
      log.error({ treeSize: row.treeSize, txHash: row.txHash, blockNumber: receipt.blockNumber }, 'checkpoint anchoring: the anchoring transaction reverted');
      return 0;
    }
    const waited = clock.now().getTime() - row.sentAt.getTime();
    if (waited > Math.max(PENDING_INTERVALS * this.deps.intervalMs, MIN_PENDING_MS)) {
      await repo.failAnchor(row.txHash, `not included after ${Math.round(waited / 60_000)} min`);
      log.warn({ treeSize: row.treeSize, txHash: row.txHash }, 'checkpoint anchoring: the chain never included the transaction; the next anchor replaces it');
      return 0;
    }
    // Not on the chain yet: perhaps never sent (a crash, an outage), perhaps waiting for a block. Sending it again is harmless.
    await chain.broadcast({ txHash: row.txHash as `0x${string}`, raw: row.rawTx as `0x${string}` });
    return 0;
  }
}
