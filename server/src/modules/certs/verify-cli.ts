import { readFile } from 'node:fs/promises';
import { base64Encode, verifyBundle } from '@maum/protocol';

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
  return 0;
}
