/**
 * The chain-anchor port: where the certificate log records its signed checkpoints (origin, tree size, root hash) so
 * that anyone can later show the log had that tree by a given block. Off by default; `EvmChainAnchor` records them
 * on an EVM chain through viem.
 */

export type Hex = `0x${string}`;

/** Which chain and contract anchors go to. */
export interface AnchorTarget {
  chainId: number;
  /** The anchor contract's address, lower case. */
  contract: Hex;
}

/** An anchoring transaction, signed and ready to broadcast (and to broadcast again: it is the same transaction). */
export interface SignedAnchor {
  txHash: Hex;
  raw: Hex;
}

export type AnchorReceipt = { status: 'pending' } | { status: 'confirmed'; blockNumber: number } | { status: 'reverted'; blockNumber: number };

/** One `Anchored(origin, treeSize, root)` event, as the chain holds it. */
export interface AnchoredEvent {
  origin: string;
  treeSize: number;
  root: Uint8Array;
  txHash: Hex;
  blockNumber: number;
}

/** A refusal by the contract itself (not an outage): anchoring this checkpoint cannot succeed as it is. */
export class AnchorRefused extends Error {}

export interface ChainAnchor {
  readonly target: AnchorTarget;
  /** Throws, saying what is wrong, unless the chain has the configured id and the contract is the anchor contract this key owns. */
  check(): Promise<void>;
  /** The largest tree size anchored for `origin` so far (0 for none). */
  anchoredSize(origin: string): Promise<number>;
  /** Signs the transaction that anchors a checkpoint, after a dry run; throws `AnchorRefused` when the contract would refuse it. */
  prepare(checkpoint: { origin: string; treeSize: number; root: Uint8Array }): Promise<SignedAnchor>;
  /** Sends a signed transaction; sending one the node already has is not an error. */
  broadcast(anchor: SignedAnchor): Promise<void>;
  receipt(txHash: Hex): Promise<AnchorReceipt>;
  /** One line that says what went wrong in a call to the chain, for the log. */
  explain(err: unknown): string;
}

/** Reads anchors from a chain, for verifiers and monitors (no key needed). */
export interface AnchorReader {
  chainId(): Promise<number>;
  /** The `Anchored` events the transaction emitted from `contract`; empty when it emitted none. Throws if the chain has no such transaction. */
  eventsOf(contract: Hex, txHash: Hex): Promise<AnchoredEvent[]>;
  /** `Anchored` events from `contract` in blocks `fromBlock` … `toBlock`, oldest first. */
  events(contract: Hex, fromBlock: number, toBlock: number): Promise<AnchoredEvent[]>;
  blockNumber(): Promise<number>;
}
