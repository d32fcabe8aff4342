import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3StandinOrSkip } from './support/s3-standin';
import type { MediaRead } from '../src/platform/media/media-store';
import { S3MediaStore } from '../src/platform/media/s3-media-store';

const standin = await s3StandinOrSkip('the S3 media store tests');

async function bytesOf(read: MediaRead | null) {
  if (!read || read.status === 'unsatisfiable') return read;
  const { stream, ...rest } = read;
  return { ...rest, bytes: await buffer(stream) };
}

describe.skipIf(!standin)('S3 media store (against an S3-compatible stand-in)', () => {
  let store: S3MediaStore;
  let work: string;

  beforeAll(async () => {
    const s = standin!;
    store = new S3MediaStore({
      endpoint: s.endpoint,
      bucket: s.bucket,
      region: 'us-east-1',
      credentials: { accessKeyId: s.env.S3_ACCESS_KEY_ID!, secretAccessKey: s.env.S3_SECRET_ACCESS_KEY! },
      forcePathStyle: true,
    });
    await store.check();
    work = await mkdtemp(path.join(tmpdir(), 'maum-s3-unit-'));
  });

  afterAll(async () => {
    store?.close();
    await standin?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('stores and reads back a picture; a key never stored reads as nothing', async () => {
    const picture = randomBytes(3000);
    await store.put('avatars/abc.webp', picture);
    expect(await store.get('avatars/abc.webp')).toEqual(picture);
    expect(await standin!.keys()).toContain('avatars/abc.webp');
    expect(await store.get('avatars/none.webp')).toBeNull();
    expect(await store.stream('avatars/none.webp')).toBeNull();
    expect(await store.stream('avatars/none.webp', { start: 0 })).toBeNull();
  });

  it('reads all of an object, or the range asked for, with the whole size', async () => {
    const data = randomBytes(10_000);
    await store.put('rooms/r1/m1/original.mp4', data);
    expect(await bytesOf(await store.stream('rooms/r1/m1/original.mp4'))).toEqual({ status: 'whole', size: 10_000, bytes: data });
    expect(await bytesOf(await store.stream('rooms/r1/m1/original.mp4', { start: 100, end: 199 }))).toEqual({
      status: 'partial', start: 100, end: 199, size: 10_000, bytes: data.subarray(100, 200),
    });
    expect(await bytesOf(await store.stream('rooms/r1/m1/original.mp4', { start: 9_990 }))).toMatchObject({
      status: 'partial', start: 9_990, end: 9_999, bytes: data.subarray(9_990),
    });
    expect(await bytesOf(await store.stream('rooms/r1/m1/original.mp4', { suffix: 5 }))).toMatchObject({
      status: 'partial', start: 9_995, end: 9_999, bytes: data.subarray(9_995),
    });
    // An end past the last byte stops at the last byte.
    expect(await bytesOf(await store.stream('rooms/r1/m1/original.mp4', { start: 9_000, end: 20_000 }))).toMatchObject({ end: 9_999 });
    expect(await store.stream('rooms/r1/m1/original.mp4', { start: 10_000 })).toEqual({ status: 'unsatisfiable', size: 10_000 });
  });

  it('sends a small file in one PUT, and a large one in parts no bigger than a part, never the whole file in one request', async () => {
    const small = path.join(work, 'small');
    await writeFile(small, randomBytes(1000));
    const before = standin!.calls.length;
    await store.putFile('rooms/r1/m2/original.bin', small);
    const smallCalls = standin!.calls.slice(before);
    expect(smallCalls.map((c) => c.method)).toEqual(['PUT']);

    const large = path.join(work, 'large');
    const data = randomBytes(20 * 1024 * 1024);
    await writeFile(large, data);
    const from = standin!.calls.length;
    await store.putFile('rooms/r1/m3/original.mp4', large);
    const calls = standin!.calls.slice(from);
    const parts = calls.filter((c) => c.method === 'PUT' && /[?&]partNumber=/.test(c.url));
    expect(calls.some((c) => c.method === 'POST' && /[?&]uploads\b/.test(c.url))).toBe(true);
    expect(parts.length).toBe(3);
    expect(Math.max(...calls.map((c) => c.bytes))).toBeLessThanOrEqual(8 * 1024 * 1024);
    // Compared as bytes: a deep equality over 20 MB would take minutes.
    expect((await store.get('rooms/r1/m3/original.mp4'))?.equals(data)).toBe(true);
  });

  it('deletes, and deleting what is gone is not an error', async () => {
    await store.put('profiles/u1/photo-x.webp', Buffer.from('x'));
    await store.delete('profiles/u1/photo-x.webp');
    expect(await store.get('profiles/u1/photo-x.webp')).toBeNull();
    await store.delete('profiles/u1/photo-x.webp');
  });

  it('refuses a key that could reach outside its place', async () => {
    await expect(store.put('../etc/passwd.txt', Buffer.from('x'))).rejects.toThrow(/invalid media key/);
    await expect(store.stream('avatars/../x.webp')).rejects.toThrow(/invalid media key/);
  });

  it('says why when the bucket cannot be reached', async () => {
    const s = standin!;
    const noBucket = new S3MediaStore({
      endpoint: s.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      bucket: 'no-such-bucket',
      credentials: { accessKeyId: s.env.S3_ACCESS_KEY_ID!, secretAccessKey: s.env.S3_SECRET_ACCESS_KEY! },
    });
    const nobodyThere = new S3MediaStore({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      forcePathStyle: true,
      bucket: s.bucket,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    try {
      await expect(noBucket.check()).rejects.toThrow(/media bucket "no-such-bucket" cannot be reached \(HTTP 404/);
      await expect(nobodyThere.check()).rejects.toThrow(/media bucket "maum-media" cannot be reached/);
    } finally {
      noBucket.close();
      nobodyThere.close();
    }
  });
});
