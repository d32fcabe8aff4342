import { describe, expect, it } from 'vitest';
import { ANCHOR_ABI, compileAnchorContract, isAnchorContractCode } from './contract';

/** An ABI item with its keys in order, so two ABIs compare whatever order solc writes them in. */
const canonical = (abi: readonly unknown[]) =>
  abi.map((item) => JSON.stringify(item, Object.keys(item as object).sort())).sort();

describe('the checkpoint anchor contract', () => {
  it('compiles from source with the solc the project pins, to the interface the server calls', { timeout: 60_000 }, async () => {
    const compiled = await compileAnchorContract();
    expect(compiled.compiler).toMatch(/^0\.8\.\d+\+commit\./);
    expect(canonical(compiled.abi)).toEqual(canonical(ANCHOR_ABI));
    expect(compiled.bytecode).toMatch(/^0x[0-9a-f]+$/);
    // The owner is an immutable: the code deployed differs from the compiled code only there.
    expect(compiled.immutables.length).toBeGreaterThan(0);
    const deployed = Buffer.from(compiled.deployedBytecode.slice(2), 'hex');
    for (const { start, length } of compiled.immutables) deployed.fill(0xab, start, start + length);
    expect(isAnchorContractCode(`0x${deployed.toString('hex')}`, compiled)).toBe(true);
    deployed[0]! ^= 1;
    expect(isAnchorContractCode(`0x${deployed.toString('hex')}`, compiled)).toBe(false);
    expect(isAnchorContractCode('0x', compiled)).toBe(false);
  });
});
