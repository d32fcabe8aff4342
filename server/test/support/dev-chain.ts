import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBlock } from '@ethereumjs/block';
import { createCustomCommon, Hardfork, Mainnet, type Common } from '@ethereumjs/common';
import { createTxFromRLP, type TypedTransaction } from '@ethereumjs/tx';
import { bytesToHex, createAccount, createAddressFromPrivateKey, createAddressFromString, hexToBytes, type Address } from '@ethereumjs/util';
import { createVM, runTx, type VM } from '@ethereumjs/vm';
import { keccak256, toHex, type Hex } from 'viem';

/**
 * An Ethereum chain inside the test process, for the tests of checkpoint anchoring: the EVM of @ethereumjs/vm behind
 * the JSON-RPC methods viem uses to deploy, send, read and wait, served over HTTP on 127.0.0.1 so that the server
 * and the command-line tools reach it as they would a real node. Every transaction is mined at once, in a block of
 * its own. `down` makes it refuse every request, as a node in an outage does.
 */

const BASE_FEE = 1_000_000_000n;
const BLOCK_GAS_LIMIT = 30_000_000n;

/** A JSON-RPC error as a node answers it (code 3 with revert data for a call that reverted). */
class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Hex,
  ) {
    super(message);
  }
}

interface StoredLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: bigint;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: number;
}

interface Mined {
  tx: TypedTransaction;
  hash: Hex;
  from: Hex;
  blockNumber: bigint;
  blockHash: Hex;
  gasUsed: bigint;
  status: 0 | 1;
  contractAddress: Hex | null;
  logs: StoredLog[];
}

interface MinedBlock {
  number: bigint;
  hash: Hex;
  parentHash: Hex;
  timestamp: bigint;
  transactions: Hex[];
}

const q = (n: bigint | number) => `0x${n.toString(16)}`;
const lower = (hex: string) => hex.toLowerCase() as Hex;

export class DevChain {
  /** Refuses every request while true. */
  down = false;
  /** Methods refused (HTTP 503) as if the node were down, while every other request is answered. */
  readonly refusing = new Set<string>();
  /** How many requests arrived, by method (refused ones too). */
  readonly calls = new Map<string, number>();
  private readonly blocks: MinedBlock[] = [];
  private readonly mined = new Map<Hex, Mined>();
  private server: Server | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly chainId: number,
    private readonly common: Common,
    private readonly vm: VM,
  ) {
    this.blocks.push({ number: 0n, hash: keccak256(toHex('genesis')), parentHash: `0x${'00'.repeat(32)}`, timestamp: BigInt(Math.floor(Date.now() / 1000)), transactions: [] });
  }

  /** A chain where each of `fund` (private keys) holds a million ether. */
  static async start(options: { chainId: number; fund: Hex[] }): Promise<DevChain> {
    const common = createCustomCommon({ chainId: options.chainId }, Mainnet, { hardfork: Hardfork.Shanghai });
    const vm = await createVM({ common });
    for (const key of options.fund) {
      await vm.stateManager.putAccount(createAddressFromPrivateKey(hexToBytes(key)), createAccount({ nonce: 0n, balance: 10n ** 24n }));
    }
    return new DevChain(options.chainId, common, vm);
  }

  /** Serves the chain's JSON-RPC over HTTP; answers its URL. */
  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void (async () => {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as { id: number; method: string; params?: unknown[] } | Array<{ id: number; method: string; params?: unknown[] }>;
          if (this.down || (Array.isArray(body) ? body : [body]).some((one) => this.refusing.has(one.method))) {
            this.calls.set('(refused)', (this.calls.get('(refused)') ?? 0) + 1);
            res.writeHead(503, { 'content-type': 'text/plain' }).end('the node is down');
            return;
          }
          const answer = Array.isArray(body) ? await Promise.all(body.map((one) => this.answer(one))) : await this.answer(body);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        })();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get blockNumber(): bigint {
    return this.blocks.at(-1)!.number;
  }

  private async answer(request: { id: number; method: string; params?: unknown[] }) {
    this.calls.set(request.method, (this.calls.get(request.method) ?? 0) + 1);
    try {
      // One request at a time: the EVM's state must not be read halfway through a transaction.
      const result = await (this.queue = this.queue.then(
        () => this.handle(request.method, request.params ?? []),
        () => this.handle(request.method, request.params ?? []),
      ));
      return { jsonrpc: '2.0', id: request.id, result };
    } catch (err) {
      const error = err instanceof RpcError ? { code: err.code, message: err.message, ...(err.data && { data: err.data }) } : { code: -32000, message: (err as Error).message };
      return { jsonrpc: '2.0', id: request.id, error };
    }
  }

  private async handle(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case 'eth_chainId':
        return q(this.chainId);
      case 'net_version':
        return String(this.chainId);
      case 'eth_blockNumber':
        return q(this.blockNumber);
      case 'eth_gasPrice':
        return q(BASE_FEE * 2n);
      case 'eth_maxPriorityFeePerGas':
        return q(BASE_FEE);
      case 'eth_getBlockByNumber':
        return this.blockJson(this.blockAt(params[0] as string));
      case 'eth_getBlockByHash':
        return this.blockJson(this.blocks.find((b) => b.hash === lower(params[0] as string)));
      case 'eth_getTransactionCount': {
        const account = await this.vm.stateManager.getAccount(createAddressFromString(params[0] as string));
        return q(account?.nonce ?? 0n);
      }
      case 'eth_getBalance': {
        const account = await this.vm.stateManager.getAccount(createAddressFromString(params[0] as string));
        return q(account?.balance ?? 0n);
      }
      case 'eth_getCode':
        return bytesToHex(await this.vm.stateManager.getCode(createAddressFromString(params[0] as string)));
      case 'eth_call':
        return bytesToHex((await this.simulate(params[0] as CallRequest)).returnValue);
      case 'eth_estimateGas': {
        const call = params[0] as CallRequest;
        const { gasUsed } = await this.simulate(call);
        const calldata = call.data ?? call.input ?? '0x';
        const estimate = gasUsed * 2n + 21_000n + 16n * BigInt((calldata.length - 2) / 2) + 100_000n;
        return q(estimate < BLOCK_GAS_LIMIT ? estimate : BLOCK_GAS_LIMIT);
      }
      case 'eth_sendRawTransaction':
        return this.mine(params[0] as Hex);
      case 'eth_getTransactionReceipt':
        return this.receiptJson(this.mined.get(lower(params[0] as string)));
      case 'eth_getTransactionByHash':
        return this.transactionJson(this.mined.get(lower(params[0] as string)));
      case 'eth_getLogs':
        return this.logs(params[0] as LogFilter);
      default:
        throw new RpcError(-32601, `the method ${method} does not exist/is not available`);
    }
  }

  private blockAt(tag: string): MinedBlock | undefined {
    if (tag === 'latest' || tag === 'pending' || tag === 'safe' || tag === 'finalized') return this.blocks.at(-1);
    if (tag === 'earliest') return this.blocks[0];
    return this.blocks[Number(BigInt(tag))];
  }

  private blockNumberOf(tag: string | undefined, otherwise: bigint): bigint {
    if (tag === undefined) return otherwise;
    return this.blockAt(tag)?.number ?? BigInt(tag);
  }

  private blockJson(block: MinedBlock | undefined) {
    if (!block) return null;
    return {
      number: q(block.number),
      hash: block.hash,
      parentHash: block.parentHash,
      timestamp: q(block.timestamp),
      baseFeePerGas: q(BASE_FEE),
      gasLimit: q(BLOCK_GAS_LIMIT),
      gasUsed: q(block.transactions.reduce((sum, h) => sum + this.mined.get(h)!.gasUsed, 0n)),
      miner: `0x${'00'.repeat(20)}`,
      difficulty: '0x0',
      totalDifficulty: '0x0',
      extraData: '0x',
      size: '0x0',
      nonce: '0x0000000000000000',
      logsBloom: `0x${'00'.repeat(256)}`,
      sha3Uncles: `0x${'00'.repeat(32)}`,
      stateRoot: `0x${'00'.repeat(32)}`,
      receiptsRoot: `0x${'00'.repeat(32)}`,
      transactionsRoot: `0x${'00'.repeat(32)}`,
      mixHash: `0x${'00'.repeat(32)}`,
      transactions: block.transactions,
      uncles: [],
    };
  }

  private nextBlock() {
    const parent = this.blocks.at(-1)!;
    const number = parent.number + 1n;
    const timestamp = BigInt(Math.max(Math.floor(Date.now() / 1000), Number(parent.timestamp) + 1));
    const block = createBlock({ header: { number, timestamp, gasLimit: BLOCK_GAS_LIMIT, baseFeePerGas: BASE_FEE } }, { common: this.common });
    return { block, info: { number, hash: keccak256(toHex(`block ${number}`)), parentHash: parent.hash, timestamp, transactions: [] as Hex[] } };
  }

  /** Runs a call against the latest state and throws it away: `eth_call` and `eth_estimateGas`. */
  private async simulate(call: CallRequest): Promise<{ returnValue: Uint8Array; gasUsed: bigint }> {
    const { block } = this.nextBlock();
    await this.vm.stateManager.checkpoint();
    try {
      const result = await this.vm.evm.runCall({
        block,
        caller: call.from ? createAddressFromString(call.from) : undefined,
        origin: call.from ? createAddressFromString(call.from) : undefined,
        to: call.to ? createAddressFromString(call.to) : undefined,
        data: hexToBytes((call.data ?? call.input ?? '0x') as Hex),
        value: call.value ? BigInt(call.value) : 0n,
        gasLimit: call.gas ? BigInt(call.gas) : BLOCK_GAS_LIMIT,
        gasPrice: BASE_FEE,
      });
      const { exceptionError, returnValue, executionGasUsed } = result.execResult;
      if (exceptionError) {
        throw exceptionError.error === 'revert' ? new RpcError(3, 'execution reverted', bytesToHex(returnValue)) : new RpcError(-32000, exceptionError.error);
      }
      return { returnValue, gasUsed: executionGasUsed };
    } finally {
      await this.vm.stateManager.revert();
    }
  }

  /** Runs a signed transaction in a new block at once, as an automining development node does. */
  private async mine(raw: Hex): Promise<Hex> {
    let tx: TypedTransaction;
    try {
      tx = createTxFromRLP(hexToBytes(raw), { common: this.common });
    } catch (err) {
      throw new RpcError(-32602, `invalid transaction: ${(err as Error).message}`);
    }
    const hash = bytesToHex(tx.hash()) as Hex;
    if (this.mined.has(hash)) throw new RpcError(-32000, 'already known');
    const { block, info } = this.nextBlock();
    let result;
    try {
      result = await runTx(this.vm, { tx, block, skipBlockGasLimitValidation: true });
    } catch (err) {
      throw new RpcError(-32000, (err as Error).message);
    }
    const from = bytesToHex(tx.getSenderAddress().bytes) as Hex;
    const logs: StoredLog[] = (result.receipt.logs as Array<[Uint8Array, Uint8Array[], Uint8Array]>).map(([address, topics, data], logIndex) => ({
      address: bytesToHex(address) as Hex,
      topics: topics.map((t) => bytesToHex(t) as Hex),
      data: bytesToHex(data) as Hex,
      blockNumber: info.number,
      blockHash: info.hash,
      transactionHash: hash,
      logIndex,
    }));
    const created: Address | undefined = result.createdAddress;
    info.transactions.push(hash);
    this.blocks.push(info);
    this.mined.set(hash, {
      tx,
      hash,
      from,
      blockNumber: info.number,
      blockHash: info.hash,
      gasUsed: result.totalGasSpent,
      status: result.execResult.exceptionError ? 0 : 1,
      contractAddress: created ? (bytesToHex(created.bytes) as Hex) : null,
      logs,
    });
    return hash;
  }

  private receiptJson(m: Mined | undefined) {
    if (!m) return null;
    return {
      transactionHash: m.hash,
      transactionIndex: '0x0',
      blockHash: m.blockHash,
      blockNumber: q(m.blockNumber),
      from: m.from,
      to: m.tx.to ? bytesToHex(m.tx.to.bytes) : null,
      cumulativeGasUsed: q(m.gasUsed),
      gasUsed: q(m.gasUsed),
      effectiveGasPrice: q(BASE_FEE * 2n),
      contractAddress: m.contractAddress,
      logs: m.logs.map((l) => this.logJson(l)),
      logsBloom: `0x${'00'.repeat(256)}`,
      status: q(m.status),
      type: q(m.tx.type),
    };
  }

  private transactionJson(m: Mined | undefined) {
    if (!m) return null;
    const json = m.tx.toJSON() as Record<string, unknown>;
    return { ...json, hash: m.hash, from: m.from, blockHash: m.blockHash, blockNumber: q(m.blockNumber), transactionIndex: '0x0', type: q(m.tx.type) };
  }

  private logJson(l: StoredLog) {
    return { ...l, blockNumber: q(l.blockNumber), logIndex: q(l.logIndex), transactionIndex: '0x0', removed: false };
  }

  private logs(filter: LogFilter) {
    const from = this.blockNumberOf(filter.fromBlock, this.blockNumber);
    const to = this.blockNumberOf(filter.toBlock, this.blockNumber);
    const addresses = filter.address === undefined ? undefined : (Array.isArray(filter.address) ? filter.address : [filter.address]).map(lower);
    const matches = (l: StoredLog) =>
      l.blockNumber >= from &&
      l.blockNumber <= to &&
      (!addresses || addresses.includes(lower(l.address))) &&
      (filter.topics ?? []).every((want, i) => want === null || (Array.isArray(want) ? want.map(lower).includes(l.topics[i]!) : lower(want) === l.topics[i]));
    return [...this.mined.values()]
      .sort((a, b) => Number(a.blockNumber - b.blockNumber))
      .flatMap((m) => m.logs)
      .filter(matches)
      .map((l) => this.logJson(l));
  }
}

interface CallRequest {
  from?: string;
  to?: string;
  data?: string;
  input?: string;
  value?: string;
  gas?: string;
}

interface LogFilter {
  address?: string | string[];
  topics?: Array<string | string[] | null>;
  fromBlock?: string;
  toBlock?: string;
}
