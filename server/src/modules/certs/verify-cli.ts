import { readFile } from 'node:fs/promises';
import { base64Encode, bytesEqual, verifyBundle, type CheckedAnchor } from '@maum/protocol';
import type { AnchorReader, Hex } from '../../platform/anchor/chain-anchor';

/** A verifier key given on the command line, or read from the file named there. */
export async function verifierKeyFrom(keyOrFile: string): Promise<string> {
  if (keyOrFile.includes('+')) return keyOrFile.trim();
  try {
    return (await readFile(keyOrFile, 'utf8')).trim();
  } catch {
    throw new Error(`"${keyOrFile}" is neither a verifier key nor a readable file`);
  }
}

/**
 * `maum verify <bundle.json> --key <verifier key> [--rpc <url>]`: checks a proof bundle offline, with the log's key
 * alone; with a chain's JSON-RPC endpoint, also that the chain holds the anchor the bundle names. Answers the exit
 * code: 0 only when every check passed.
 */
export async function runVerify(bundlePath: string, key: string, out: (line: string) => void, chain?: AnchorReader): Promise<number> {
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(bundlePath, 'utf8'));
  } catch (err) {
    out(`FAILED bundle: cannot read ${bundlePath} as JSON: ${(err as Error).message}`);
    return 1;
  }
  let trusted: string;
  try {
    trusted = await verifierKeyFrom(key);
  } catch (err) {
    out(`FAILED verifier key: ${(err as Error).message}`);
    return 1;
  }
  const result = verifyBundle(bundle, trusted);
  if (!result.ok) {
    out(`FAILED: the bundle does not verify against ${trusted}`);
    for (const error of result.errors) out(`  ✗ ${error}`);
    return 1;
  }
  const { checkpoint, entries } = result;
  out(`ok: ${entries.length} ${entries.length === 1 ? 'entry is' : 'entries are'} in ${checkpoint.origin} at tree size ${checkpoint.size} (root ${base64Encode(checkpoint.rootHash)})`);
  for (const { index, entry } of entries) out(`  ✓ #${index} ${entry.kind} ${entry.certificateId}`);
  if (!result.anchor) return 0;
  const { anchor } = result;
  const covered = anchor.covers.length === entries.length ? 'all of them' : anchor.covers.length === 0 ? 'none of them' : `#${anchor.covers.join(', #')}`;
  out(
    `anchored: the log's checkpoint for ${anchor.checkpoint.size} entries (root ${base64Encode(anchor.checkpoint.rootHash)}; ${covered}) ` +
      `is anchored on chain ${anchor.chainId} in transaction ${anchor.txHash}, block ${anchor.blockNumber} (contract ${anchor.contract})`,
  );
  if (!chain) {
    out(`  (not checked on the chain: give --rpc <JSON-RPC URL of a chain ${anchor.chainId} node> to check it there)`);
    return 0;
  }
  const failure = await checkOnChain(anchor, chain).catch((err: unknown) => `could not read the chain: ${(err as Error).message.split('\n')[0]}`);
  if (failure) {
    out(`FAILED anchor: ${failure}`);
    return 1;
  }
  out(`  ✓ chain ${anchor.chainId} holds Anchored(${anchor.checkpoint.origin}, ${anchor.checkpoint.size}, root) in ${anchor.txHash}, block ${anchor.blockNumber}`);
  return 0;
}

/** What is wrong with the bundle's anchor as the chain has it; undefined when the chain holds exactly that anchor. */
async function checkOnChain(anchor: CheckedAnchor, chain: AnchorReader): Promise<string | undefined> {
  const chainId = await chain.chainId();
  if (chainId !== anchor.chainId) return `the --rpc endpoint serves chain ${chainId}, but the anchor is on chain ${anchor.chainId}`;
  const events = await chain.eventsOf(anchor.contract as Hex, anchor.txHash as Hex);
  const { origin, size, rootHash } = anchor.checkpoint;
  const event = events.find((e) => e.origin === origin && e.treeSize === size);
  if (!event) {
    const found = events.map((e) => `(${e.origin}, ${e.treeSize})`).join(', ') || 'no anchor';
    return `transaction ${anchor.txHash} holds ${found} from contract ${anchor.contract}, not an anchor of ${origin} at tree size ${size}`;
  }
  if (!bytesEqual(event.root, rootHash)) return `the chain anchors root ${base64Encode(event.root)} for tree size ${size}, not the signed root ${base64Encode(rootHash)}`;
  if (event.blockNumber !== anchor.blockNumber) return `the transaction is in block ${event.blockNumber}, not block ${anchor.blockNumber} as the bundle says`;
  return undefined;
}
