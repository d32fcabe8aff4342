import { randomBytes } from 'node:crypto';
import { formatCheckpoint, openCheckpoint, parseVerifierKey } from '@maum/protocol';
import { describe, expect, it } from 'vitest';
import { LogSigner, logOrigin } from './log-signer';

describe('the log signer', () => {
  it('signs checkpoints that the shared verifier opens with its verifier key', () => {
    const signer = new LogSigner(logOrigin('https://maum.example:8443/app'), randomBytes(32));
    expect(signer.origin).toBe('maum.example:8443/maum-log');
    const note = signer.sign(formatCheckpoint({ origin: signer.origin, size: 3, rootHash: new Uint8Array(32) }));
    expect(note).toMatch(/^maum\.example:8443\/maum-log\n3\nA{43}=\n\n— maum\.example:8443\/maum-log \S+\n$/);
    expect(openCheckpoint(note, signer.verifierKey)).toMatchObject({ ok: true, checkpoint: { size: 3 } });
    expect(parseVerifierKey(signer.verifierKey).publicKey).toEqual(signer.publicKey);
  });

  it('is the same key for the same seed, so every node of a deployment signs alike', () => {
    const seed = randomBytes(32);
    expect(new LogSigner('localhost/maum-log', seed).verifierKey).toBe(new LogSigner('localhost/maum-log', seed).verifierKey);
    expect(logOrigin(undefined)).toBe('localhost/maum-log');
  });
});
