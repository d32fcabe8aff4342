import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The contract's source file, compiled from source whenever its bytecode is needed; no bytecode is kept in the repository. */
export const CONTRACT_SOURCE = path.join(import.meta.dirname, 'CheckpointAnchor.sol');
const CONTRACT_NAME = 'CheckpointAnchor';

/**
 * The contract's interface, as viem needs it at compile time for typed calls. `compileAnchorContract` answers the
 * ABI solc makes from the source, and a test holds the two equal.
 */
export const ANCHOR_ABI = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    name: 'anchor',
    inputs: [
      { name: 'origin', type: 'string', internalType: 'string' },
      { name: 'treeSize', type: 'uint64', internalType: 'uint64' },
      { name: 'root', type: 'bytes32', internalType: 'bytes32' },
    ],
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    name: 'latest',
    inputs: [{ name: 'origin', type: 'string', internalType: 'string' }],
    outputs: [
      { name: 'treeSize', type: 'uint64', internalType: 'uint64' },
      { name: 'root', type: 'bytes32', internalType: 'bytes32' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    name: 'owner',
    inputs: [],
    outputs: [{ name: '', type: 'address', internalType: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    name: 'Anchored',
    inputs: [
      { name: 'origin', type: 'string', indexed: false, internalType: 'string' },
      { name: 'treeSize', type: 'uint64', indexed: true, internalType: 'uint64' },
      { name: 'root', type: 'bytes32', indexed: false, internalType: 'bytes32' },
    ],
    anonymous: false,
  },
  { type: 'error', name: 'NotOwner', inputs: [{ name: 'caller', type: 'address', internalType: 'address' }] },
  {
    type: 'error',
    name: 'TreeSizeMustGrow',
    inputs: [
      { name: 'anchored', type: 'uint64', internalType: 'uint64' },
      { name: 'given', type: 'uint64', internalType: 'uint64' },
    ],
  },
] as const;

export interface CompiledContract {
  abi: unknown[];
  /** Creation code, 0x-prefixed. */
  bytecode: `0x${string}`;
  /** Runtime code as deployed, 0x-prefixed, with zeros where the constructor fills in immutables. */
  deployedBytecode: `0x${string}`;
  /** Byte ranges of the runtime code that hold immutables (the owner), which differ per deployment. */
  immutables: Array<{ start: number; length: number }>;
  compiler: string;
}

// Fixed settings, so a given compiler version always makes the same bytecode. `paris` has no PUSH0, so the contract
// also deploys on chains that have not taken up Shanghai.
const SETTINGS = { optimizer: { enabled: true, runs: 200 }, evmVersion: 'paris', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode'] } } };

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string; immutableReferences?: Record<string, Array<{ start: number; length: number }>> } } }>>;
}

let compiled: Promise<CompiledContract> | undefined;

/** Compiles the anchor contract with the solc the project depends on (JavaScript, so it needs no download); once per process. */
export function compileAnchorContract(): Promise<CompiledContract> {
  return (compiled ??= compile().catch((err: unknown) => {
    compiled = undefined;
    throw err;
  }));
}

// solc is the compiler built to JavaScript: loading and running it holds a thread for seconds, so it runs on a
// worker thread of its own and the server goes on answering meanwhile.
const COMPILE_IN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const solc = require(workerData.solc);
parentPort.postMessage({ output: solc.compile(workerData.input), version: solc.version() });
`;

function runSolc(input: string): Promise<{ output: string; version: string }> {
  const solc = createRequire(import.meta.url).resolve('solc');
  return new Promise((resolve, reject) => {
    const worker = new Worker(COMPILE_IN_WORKER, { eval: true, workerData: { solc, input } });
    worker.once('message', (result: { output: string; version: string }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the solc worker stopped (${code}) before it answered`)));
  });
}

async function compile(): Promise<CompiledContract> {
  const source = await readFile(CONTRACT_SOURCE, 'utf8');
  const file = path.basename(CONTRACT_SOURCE);
  const input = { language: 'Solidity', sources: { [file]: { content: source } }, settings: SETTINGS };
  const { output: json, version } = await runSolc(JSON.stringify(input));
  const output = JSON.parse(json) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`the anchor contract does not compile:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const contract = output.contracts?.[file]?.[CONTRACT_NAME];
  if (!contract) throw new Error(`solc made no ${CONTRACT_NAME}`);
  return {
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    immutables: Object.values(contract.evm.deployedBytecode.immutableReferences ?? {}).flat(),
    compiler: version,
  };
}

/** Whether `code` (as `eth_getCode` answers it) is this contract's runtime code, whatever owner it was deployed with. */
export function isAnchorContractCode(code: string | undefined, contract: CompiledContract): boolean {
  if (!code) return false;
  const mask = (hex: string) => {
    const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
    for (const { start, length } of contract.immutables) bytes.fill(0, start, start + length);
    return bytes.toString('hex');
  };
  return code.length === contract.deployedBytecode.length && mask(code) === mask(contract.deployedBytecode);
}
