import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { base64Encode, openCheckpoint, verifyBundle, type Checkpoint, type ProofBundle } from '@maum/protocol';
import { createWalletClient, defineChain, encodeFunctionData, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorRefused } from '../src/platform/anchor/chain-anchor';
import { ANCHOR_ABI } from '../src/platform/anchor/contract';
import { deployAnchorContract, EvmAnchorReader, EvmChainAnchor } from '../src/platform/anchor/evm-anchor';
import { ManualClock } from '../src/platform/clock';
import { createLogger } from '../src/platform/log';
import type { Person } from './support/chat';
import { commerceSteps, type SellerAccount } from './support/commerce';
import { maumCli } from './support/certs';
import { DevChain } from './support/dev-chain';
import { startTestServer, type TestServer } from './support/test-server';

const CHAIN_ID = 31337;
const OWNER_KEY = `0x${'4c'.repeat(32)}` as const;
const STRANGER_KEY = `0x${'5d'.repeat(32)}` as const;
const INTERVAL_MINUTES = 30;
const INTERVAL_MS = INTERVAL_MINUTES * 60_000;

let chain: DevChain;
let rpcUrl: string;
let contract: `0x${string}`;
let reader: EvmAnchorReader;
let server: TestServer;
let clock: ManualClock;
let steps: ReturnType<typeof commerceSteps>;
let op: Person;
let seller: SellerAccount;
let productId: string;
let verifierKey: string;
let dir: string;
const logged: Array<{ level: string; msg: string }> = [];

beforeAll(async () => {
  chain = await DevChain.start({ chainId: CHAIN_ID, fund: [OWNER_KEY, STRANGER_KEY] });
  rpcUrl = await chain.listen();
  ({ contract } = await deployAnchorContract({ rpcUrl, chainId: CHAIN_ID, privateKey: OWNER_KEY }));
  reader = new EvmAnchorReader(rpcUrl);
  clock = new ManualClock(new Date('2026-05-01T09:00:00Z'));
  // The server's own log lines, kept to check what it says about the chain.
  const log = createLogger('info');
  for (const level of ['info', 'warn', 'error'] as const) {
    const original = log[level].bind(log);
    log[level] = ((obj: unknown, msg?: string) => {
      logged.push({ level, msg: typeof obj === 'string' ? obj : (msg ?? '') });
      if (level !== 'info') original(obj as object, msg);
    }) as typeof log.info;
  }
  server = await startTestServer(
    {
      ANCHOR_RPC_URL: rpcUrl,
      ANCHOR_CHAIN_ID: String(CHAIN_ID),
      ANCHOR_CONTRACT: contract,
      ANCHOR_PRIVATE_KEY: OWNER_KEY,
      ANCHOR_INTERVAL_MINUTES: String(INTERVAL_MINUTES),
      // Ticks come from the tests alone, on the manual clock.
      SCHEDULER_INTERVAL_SECONDS: '3600',
      TLOG_BATCH_MS: '10',
    },
    { clock, log },
  );
  steps = commerceSteps(server);
  op = await steps.operator();
  seller = await steps.seller(op, 'brand');
  productId = (await steps.product(seller, { name: 'Field watch' })).id;
  await steps.certify(op, seller, productId, [await steps.image(seller)]);
  verifierKey = ((await server.request('GET', '/log/verifier-key')).body as string).trim();
  dir = await mkdtemp(path.join(tmpdir(), 'maum-anchor-'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await chain?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let serial = 0;
/** Issues certificates through the API, as a seller does; answers their ids. */
async function issue(count = 1): Promise<string[]> {
  const serials = Array.from({ length: count }, () => `FW-${String(++serial).padStart(4, '0')}`);
  const res = await steps.call('POST', '/api/seller/certificates', seller.person, { productId, serials });
  return steps.expectStatus(res, 201, 'issue').certificates.map((c: { id: string }) => c.id);
}

/** One scheduler tick on this node, after the one running (if any) is done. */
async function tick(): Promise<void> {
  while (!(await server.app.scheduler.tick())) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function signedCheckpoint(): Promise<Checkpoint> {
  const opened = openCheckpoint((await server.request('GET', '/log/checkpoint')).body, verifierKey);
  if (!opened.ok) throw new Error(opened.reason);
  return opened.checkpoint;
}

const anchoredOnChain = async () => reader.events(contract, 0, await reader.blockNumber());
const sent = () => chain.calls.get('eth_sendRawTransaction') ?? 0;

describe('checkpoint anchoring on an EVM chain', () => {
  it('anchors the signed checkpoint (origin, size, root) once certificates are issued, at most once per interval', async () => {
    expect(await anchoredOnChain()).toEqual([]);
    await issue(2);
    const signed = await signedCheckpoint();
    expect(signed.size).toBeGreaterThanOrEqual(2);
    await tick();

    const [first, ...more] = await anchoredOnChain();
    expect(more).toEqual([]);
    expect(first).toMatchObject({ origin: signed.origin, treeSize: signed.size });
    expect(base64Encode(first!.root)).toBe(base64Encode(signed.rootHash));
    const listed = await server.request('GET', '/api/log/anchors');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      chain: { chainId: CHAIN_ID, contract, intervalMinutes: INTERVAL_MINUTES },
      anchors: [{ chainId: CHAIN_ID, contract, txHash: first!.txHash, blockNumber: first!.blockNumber, treeSize: signed.size, rootHash: base64Encode(signed.rootHash), anchoredAt: clock.now().toISOString() }],
    });

    // More certificates within the interval: signed at once, anchored only when the interval is over.
    await issue(1);
    const before = sent();
    clock.advance(INTERVAL_MS - 1);
    await tick();
    expect(sent()).toBe(before);
    expect(await anchoredOnChain()).toHaveLength(1);
    clock.advance(1);
    await tick();
    const grown = await signedCheckpoint();
    expect((await anchoredOnChain()).map((e) => [e.treeSize, base64Encode(e.root)])).toEqual([
      [signed.size, base64Encode(signed.rootHash)],
      [grown.size, base64Encode(grown.rootHash)],
    ]);

    // Nothing new to anchor: no transaction, however long it has been.
    clock.advance(3 * INTERVAL_MS);
    await tick();
    expect(sent()).toBe(before + 1);
  });

  // Each of these runs `maum` as a process of its own a few times.
  it('names the anchoring transaction in the certificate’s proof bundle, which `maum verify` checks on the chain', { timeout: 120_000 }, async () => {
    const [certId] = await issue(1);
    const unanchored = steps.expectStatus(await steps.call('GET', `/api/certificates/${certId}/bundle`, undefined), 200, 'bundle') as ProofBundle;
    expect(unanchored.anchor).toBeUndefined();
    clock.advance(INTERVAL_MS);
    await tick();
    const [anchor] = (await anchoredOnChain()).slice(-1);

    // Another certificate after the anchor: the bundle still names the anchor that covers this one.
    await issue(1);
    const bundle = steps.expectStatus(await steps.call('GET', `/api/certificates/${certId}/bundle`, undefined), 200, 'bundle') as ProofBundle;
    expect(bundle.anchor).toMatchObject({ chainId: CHAIN_ID, contract, txHash: anchor!.txHash, blockNumber: anchor!.blockNumber });
    const checked = verifyBundle(bundle, verifierKey);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    expect(checked.checkpoint.size).toBeGreaterThan(anchor!.treeSize);
    expect(checked.anchor).toMatchObject({ txHash: anchor!.txHash, checkpoint: { size: anchor!.treeSize }, covers: [bundle.entries[0]!.index] });

    const file = path.join(dir, 'bundle.json');
    await writeFile(file, JSON.stringify(bundle));
    const offline = await maumCli(['verify', file, '--key', verifierKey]);
    expect(offline.code, offline.stdout + offline.stderr).toBe(0);
    expect(offline.stdout).toContain(`is anchored on chain ${CHAIN_ID} in transaction ${anchor!.txHash}, block ${anchor!.blockNumber}`);
    const onChain = await maumCli(['verify', file, '--key', verifierKey, '--rpc', rpcUrl]);
    expect(onChain.code, onChain.stdout + onChain.stderr).toBe(0);
    expect(onChain.stdout).toMatch(new RegExp(`✓ chain ${CHAIN_ID} holds Anchored\\(localhost/maum-log, ${anchor!.treeSize}, root\\) in ${anchor!.txHash}, block ${anchor!.blockNumber}`));

    // A bundle that names another anchoring transaction than the one of its checkpoint fails on the chain.
    const [earlier] = await anchoredOnChain();
    const swapped = path.join(dir, 'swapped.json');
    await writeFile(swapped, JSON.stringify({ ...bundle, anchor: { ...bundle.anchor, txHash: earlier!.txHash } }));
    const lie = await maumCli(['verify', swapped, '--key', verifierKey, '--rpc', rpcUrl]);
    expect(lie.code).toBe(1);
    expect(lie.stdout).toMatch(new RegExp(`FAILED anchor: transaction ${earlier!.txHash} holds \\(localhost/maum-log, ${earlier!.treeSize}\\) from contract ${contract}, not an anchor of localhost/maum-log at tree size ${anchor!.treeSize}`));
  });

  it('is refused by the contract for a tree size that does not grow, and for anyone but its owner', async () => {
    const origin = (await signedCheckpoint()).origin;
    const anchored = await new EvmChainAnchor({ rpcUrl, chainId: CHAIN_ID, contract, privateKey: OWNER_KEY }).anchoredSize(origin);
    const owner = new EvmChainAnchor({ rpcUrl, chainId: CHAIN_ID, contract, privateKey: OWNER_KEY });
    await expect(owner.prepare({ origin, treeSize: anchored, root: new Uint8Array(32) })).rejects.toThrow(new AnchorRefused(`the contract refused: TreeSizeMustGrow(${anchored}, ${anchored})`));
    await expect(owner.prepare({ origin, treeSize: anchored - 1, root: new Uint8Array(32) })).rejects.toThrow(/TreeSizeMustGrow/);
    const stranger = new EvmChainAnchor({ rpcUrl, chainId: CHAIN_ID, contract, privateKey: STRANGER_KEY });
    await expect(stranger.check()).rejects.toThrow(/is owned by 0x[0-9a-fA-F]{40}, not by ANCHOR_PRIVATE_KEY's address/);
    await expect(stranger.prepare({ origin, treeSize: anchored + 100, root: new Uint8Array(32) })).rejects.toThrow(/the contract refused: NotOwner\(0x/);

    // Sent anyway, past the dry run: the chain includes the transaction, the contract reverts it, and nothing is anchored.
    const wallet = createWalletClient({
      account: privateKeyToAccount(STRANGER_KEY),
      chain: defineChain({ id: CHAIN_ID, name: 'dev', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } }),
      transport: http(rpcUrl),
    });
    const before = await anchoredOnChain();
    const data = encodeFunctionData({ abi: ANCHOR_ABI, functionName: 'anchor', args: [origin, BigInt(anchored + 100), `0x${'00'.repeat(32)}`] });
    const txHash = await wallet.sendTransaction({ to: contract, data, gas: 200_000n });
    expect(await stranger.receipt(txHash)).toMatchObject({ status: 'reverted' });
    expect(await anchoredOnChain()).toEqual(before);
    expect(await owner.anchoredSize(origin)).toBe(anchored);
  });

  it('never holds up issuance: a chain outage only delays the anchor to the next interval, and is logged', async () => {
    const before = (await anchoredOnChain()).length;
    chain.down = true;
    clock.advance(INTERVAL_MS);
    const started = Date.now();
    const issued = await issue(3);
    expect(issued).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(5_000);
    await tick();
    expect(logged).toContainEqual({ level: 'warn', msg: `checkpoint anchoring failed: HTTP request failed (HTTP 503); trying again in ${INTERVAL_MINUTES} min` });
    // The chain is back, but the next try waits for the next interval.
    chain.down = false;
    const calls = [...chain.calls.values()].reduce((a, b) => a + b, 0);
    clock.advance(INTERVAL_MS - 1);
    await tick();
    expect([...chain.calls.values()].reduce((a, b) => a + b, 0)).toBe(calls);
    clock.advance(1);
    await tick();
    const signed = await signedCheckpoint();
    const after = await anchoredOnChain();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ treeSize: signed.size });
    expect(base64Encode(after.at(-1)!.root)).toBe(base64Encode(signed.rootHash));
  });

  it('keeps a transaction signed before a failed broadcast, and sends that same one again until the chain has it', async () => {
    const before = await anchoredOnChain();
    await issue(1);
    const signed = await signedCheckpoint();
    chain.refusing.add('eth_sendRawTransaction');
    clock.advance(INTERVAL_MS);
    await tick();
    expect(await anchoredOnChain()).toEqual(before);
    chain.refusing.clear();
    // The next interval (and a tick late): the stored transaction goes out again, not a new one, and the tick after sees it mined.
    clock.advance(INTERVAL_MS + 10_000);
    // Signing asks the chain for the account's nonce; sending a stored transaction again does not.
    const nonces = chain.calls.get('eth_getTransactionCount') ?? 0;
    await tick();
    await tick();
    expect(chain.calls.get('eth_getTransactionCount') ?? 0).toBe(nonces);
    const after = await anchoredOnChain();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ treeSize: signed.size });
    const bundleAnchors = (await server.request('GET', '/api/log/anchors')).body.anchors;
    expect(bundleAnchors[0]).toMatchObject({ txHash: after.at(-1)!.txHash, treeSize: signed.size });
  });

  it('does nothing with anchoring off: no chain is contacted, and bundles name no anchor', async () => {
    const calls = [...chain.calls.values()].reduce((a, b) => a + b, 0);
    const plain = await startTestServer({ SCHEDULER_INTERVAL_SECONDS: '3600', TLOG_BATCH_MS: '10' }, { clock: new ManualClock() });
    try {
      const plainSteps = commerceSteps(plain);
      const plainOp = await plainSteps.operator();
      const owner = await plainSteps.seller(plainOp, 'brand');
      const product = await plainSteps.product(owner);
      await plainSteps.certify(plainOp, owner, product.id, [await plainSteps.image(owner)]);
      const [cert] = plainSteps.expectStatus(await plainSteps.call('POST', '/api/seller/certificates', owner.person, { productId: product.id, serials: ['A-1'] }), 201, 'issue').certificates;
      await plain.app.scheduler.tick();
      expect(plain.app.services.certsAnchoring).toBeUndefined();
      expect((await plain.request('GET', '/api/log/anchors')).body).toEqual({ chain: null, anchors: [] });
      const bundle = plainSteps.expectStatus(await plainSteps.call('GET', `/api/certificates/${cert.id}/bundle`, undefined), 200, 'bundle');
      expect(bundle).not.toHaveProperty('anchor');
    } finally {
      await plain.close();
    }
    expect([...chain.calls.values()].reduce((a, b) => a + b, 0)).toBe(calls);
  });

  it('is checked by the log monitor, which flags an anchored root the log never signed', { timeout: 120_000 }, async () => {
    const state = path.join(dir, 'monitor.json');
    const monitor = () => maumCli(['log-monitor', '--url', server.url, '--once', '--state', state, '--rpc', rpcUrl]);
    const good = await monitor();
    expect(good.code, good.stdout + good.stderr).toBe(0);
    const count = (await anchoredOnChain()).length;
    expect(good.stdout).toMatch(new RegExp(`ok: ${count} new anchors of localhost/maum-log on chain ${CHAIN_ID} \\(contract ${contract}\\) match the log's signed checkpoints`));

    // The log grows; someone holding the owner's key anchors a root for the new size that the log never signed.
    await issue(1);
    const signed = await signedCheckpoint();
    const owner = new EvmChainAnchor({ rpcUrl, chainId: CHAIN_ID, contract, privateKey: OWNER_KEY });
    const forged = new Uint8Array(32).fill(0xee);
    const tampered = await owner.prepare({ origin: signed.origin, treeSize: signed.size, root: forged });
    await owner.broadcast(tampered);
    const alarm = await monitor();
    expect(alarm.code, alarm.stdout + alarm.stderr).toBe(1);
    expect(alarm.stdout).toContain('LOG ALARM');
    expect(alarm.stdout).toContain(
      `ANCHOR MISMATCH: chain ${CHAIN_ID} transaction ${tampered.txHash} (block ${chain.blockNumber}) anchors root ${base64Encode(forged)} for localhost/maum-log at tree size ${signed.size}, ` +
        `but the log's signed checkpoint for ${signed.size} entries has root ${base64Encode(signed.rootHash)}`,
    );
  });
});
