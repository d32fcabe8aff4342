import { readFile } from 'node:fs/promises';
import { base64Encode, verifyBundle } from '@maum/protocol';

/**
 * `maum verify <bundle.json> --key <verifier key>`: checks a proof bundle offline, with the log's key alone. Answers
 * the exit code: 0 only when every check passed.
 */
export async function runVerify(bundlePath: string, key: string, out: (line: string) => void): Promise<number> {
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(bundlePath, 'utf8'));
  } catch (err) {
    out(`FAILED bundle: cannot read ${bundlePath} as JSON: ${(err as Error).message}`);
    return 1;
  }
  let trusted = key.trim();
  if (!trusted.includes('+')) {
    try {
      trusted = (await readFile(key, 'utf8')).trim();
    } catch {
      out(`FAILED verifier key: "${key}" is neither a verifier key nor a readable file`);
      return 1;
    }
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
  return 0;
}
