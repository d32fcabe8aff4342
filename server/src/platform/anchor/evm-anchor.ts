import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeEventLog,
  defineChain,
  encodeFunctionData,
  getAbiItem,
  http,
  HttpRequestError,
  keccak256,
  TransactionReceiptNotFoundError,
  toEventSelector,
  type Chain,
  type Log,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { AnchorRefused, type AnchoredEvent, type AnchorReader, type AnchorReceipt, type AnchorTarget, type ChainAnchor, type Hex, type SignedAnchor } from './chain-anchor';
import { ANCHOR_ABI, compileAnchorContract, isAnchorContractCode } from './contract';

const ANCHORED = getAbiItem({ abi: ANCHOR_ABI, name: 'Anchored' });
const ANCHORED_TOPIC = toEventSelector(ANCHORED);
const RPC_TIMEOUT_MS = 15_000;

/** viem's errors run to many lines; a log line or a CLI message wants the first. */
export function chainErrorMessage(err: unknown): string {
  if (err instanceof BaseError) {
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      return `the contract refused: ${reverted.data.errorName}(${(reverted.data.args ?? []).map(String).join(', ')})`;
    }
    // Not the URL: hosted RPC endpoints carry their API key in it.
    const http = err.walk((e) => e instanceof HttpRequestError);
    if (http instanceof HttpRequestError) return `${err.shortMessage.replace(/\.$/, '')} (${http.status ? `HTTP ${http.status}` : http.details})`;
    return err.shortMessage;
  }
  return (err as Error).message;
}

function chainOf(chainId: number, rpcUrl: string): Chain {
  return defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
}

function publicClient(rpcUrl: string, chain?: Chain): PublicClient {
  // No cached block number: a verifier or monitor wants the chain as it is now.
  return createPublicClient({ chain, cacheTime: 0, transport: http(rpcUrl, { timeout: RPC_TIMEOUT_MS, retryCount: 1 }) });
}

const toHex32 = (bytes: Uint8Array): Hex => `0x${Buffer.from(bytes).toString('hex')}`;
const fromHex = (hex: Hex): Uint8Array => new Uint8Array(Buffer.from(hex.slice(2), 'hex'));

function toEvent(log: Log): AnchoredEvent | undefined {
  if (log.topics[0] !== ANCHORED_TOPIC || log.blockNumber === null || log.transactionHash === null) return undefined;
  try {
    const { args } = decodeEventLog({ abi: [ANCHORED], data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    return { origin: args.origin, treeSize: Number(args.treeSize), root: fromHex(args.root), txHash: log.transactionHash, blockNumber: Number(log.blockNumber) };
  } catch {
    return undefined;
  }
}

/** Reads anchors from any EVM chain's JSON-RPC endpoint. */
export class EvmAnchorReader implements AnchorReader {
  private readonly client: PublicClient;

  constructor(rpcUrl: string) {
    this.client = publicClient(rpcUrl);
  }

  chainId(): Promise<number> {
    return this.client.getChainId();
  }

  async blockNumber(): Promise<number> {
    return Number(await this.client.getBlockNumber());
  }

  async eventsOf(contract: Hex, txHash: Hex): Promise<AnchoredEvent[]> {
    const receipt = await this.client.getTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success') return [];
    return receipt.logs.filter((l) => l.address.toLowerCase() === contract.toLowerCase()).flatMap((l) => toEvent(l) ?? []);
  }

  async events(contract: Hex, fromBlock: number, toBlock: number): Promise<AnchoredEvent[]> {
    const logs = await this.client.getLogs({ address: contract, event: ANCHORED, fromBlock: BigInt(fromBlock), toBlock: BigInt(toBlock), strict: true });
    return logs.flatMap((l) => toEvent(l) ?? []);
  }
}

/** Anchors checkpoints on an EVM chain through its JSON-RPC endpoint, signing with the contract owner's key. */
export class EvmChainAnchor implements ChainAnchor {
  readonly target: AnchorTarget;
  private readonly client: PublicClient;
  private readonly account: PrivateKeyAccount;
  private readonly chain: Chain;
  private checked = false;

  constructor(settings: { rpcUrl: string; chainId: number; contract: Hex; privateKey: Hex }) {
    this.target = { chainId: settings.chainId, contract: settings.contract.toLowerCase() as Hex };
    this.chain = chainOf(settings.chainId, settings.rpcUrl);
    this.client = publicClient(settings.rpcUrl, this.chain);
    this.account = privateKeyToAccount(settings.privateKey);
  }

  /** The address anchors are sent from. */
  get sender(): Hex {
    return this.account.address;
  }

  async check(): Promise<void> {
    if (this.checked) return;
    const chainId = await this.client.getChainId();
    if (chainId !== this.target.chainId) throw new AnchorRefused(`the RPC endpoint serves chain ${chainId}, not the configured ANCHOR_CHAIN_ID ${this.target.chainId}`);
    const [code, compiled] = await Promise.all([this.client.getCode({ address: this.target.contract }), compileAnchorContract()]);
    if (!isAnchorContractCode(code, compiled)) {
      throw new AnchorRefused(`${this.target.contract} on chain ${chainId} is not Maum's checkpoint anchor contract (its code differs from CheckpointAnchor.sol as solc ${compiled.compiler} compiles it)`);
    }
    const owner = await this.client.readContract({ address: this.target.contract, abi: ANCHOR_ABI, functionName: 'owner' });
    if (owner.toLowerCase() !== this.account.address.toLowerCase()) {
      throw new AnchorRefused(`the anchor contract ${this.target.contract} is owned by ${owner}, not by ANCHOR_PRIVATE_KEY's address ${this.account.address}`);
    }
    this.checked = true;
  }

  async anchoredSize(origin: string): Promise<number> {
    const [treeSize] = await this.client.readContract({ address: this.target.contract, abi: ANCHOR_ABI, functionName: 'latest', args: [origin] });
    return Number(treeSize);
  }

  async prepare(checkpoint: { origin: string; treeSize: number; root: Uint8Array }): Promise<SignedAnchor> {
    const args = [checkpoint.origin, BigInt(checkpoint.treeSize), toHex32(checkpoint.root)] as const;
    try {
      await this.client.simulateContract({ address: this.target.contract, abi: ANCHOR_ABI, functionName: 'anchor', args, account: this.account });
    } catch (err) {
      if (err instanceof BaseError && err.walk((e) => e instanceof ContractFunctionRevertedError)) throw new AnchorRefused(chainErrorMessage(err), { cause: err });
      throw err;
    }
    const wallet = createWalletClient({ account: this.account, chain: this.chain, transport: http(this.chain.rpcUrls.default.http[0], { timeout: RPC_TIMEOUT_MS, retryCount: 1 }) });
    const data = encodeFunctionData({ abi: ANCHOR_ABI, functionName: 'anchor', args });
    const prepared = await wallet.prepareTransactionRequest({ to: this.target.contract, data });
    const raw = await wallet.signTransaction(prepared);
    return { txHash: keccak256(raw), raw };
  }

  async broadcast(anchor: SignedAnchor): Promise<void> {
    try {
      await this.client.sendRawTransaction({ serializedTransaction: anchor.raw });
    } catch (err) {
      // Sent before (by an earlier tick or another node): the receipt will tell what became of it.
      if (/already known|already imported|known transaction|nonce too low/i.test(`${chainErrorMessage(err)} ${(err as Error).message}`)) return;
      throw err;
    }
  }

  explain(err: unknown): string {
    return chainErrorMessage(err);
  }

  async receipt(txHash: Hex): Promise<AnchorReceipt> {
    try {
      const receipt = await this.client.getTransactionReceipt({ hash: txHash });
      const blockNumber = Number(receipt.blockNumber);
      return receipt.status === 'success' ? { status: 'confirmed', blockNumber } : { status: 'reverted', blockNumber };
    } catch (err) {
      if (err instanceof TransactionReceiptNotFoundError) return { status: 'pending' };
      throw err;
    }
  }
}

/** Compiles the anchor contract and deploys it from the key's account; answers its address and the deploying transaction. */
export async function deployAnchorContract(settings: { rpcUrl: string; chainId: number; privateKey: Hex }): Promise<{ contract: Hex; txHash: Hex; blockNumber: number; owner: Hex }> {
  const chain = chainOf(settings.chainId, settings.rpcUrl);
  const client = publicClient(settings.rpcUrl, chain);
  const actual = await client.getChainId();
  if (actual !== settings.chainId) throw new Error(`the RPC endpoint serves chain ${actual}, not ${settings.chainId}`);
  const account = privateKeyToAccount(settings.privateKey);
  const wallet = createWalletClient({ account, chain, transport: http(settings.rpcUrl, { timeout: RPC_TIMEOUT_MS }) });
  const { bytecode } = await compileAnchorContract();
  const txHash = await wallet.deployContract({ abi: ANCHOR_ABI, bytecode });
  const receipt = await client.waitForTransactionReceipt({ hash: txHash, timeout: 5 * 60_000 });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`the deploying transaction ${txHash} failed`);
  return { contract: receipt.contractAddress.toLowerCase() as Hex, txHash, blockNumber: Number(receipt.blockNumber), owner: account.address };
}
