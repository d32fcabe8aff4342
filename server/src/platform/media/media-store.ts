import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile, rename, stat, copyFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import path from 'node:path';
import { randomToken } from '../ids';

/**
 * A byte range as a client asked for it (RFC 9110 §14.1.2): from `start` to `end` inclusive (to the last byte when
 * `end` is missing), or the last `suffix` bytes.
 */
export type ByteRange = { start: number; end?: number } | { suffix: number };

/** What a read of a stored object gives: all of it, the part asked for, or the size alone when no byte of it is in the range. */
export type MediaRead =
  | { status: 'whole'; stream: Readable; size: number }
  | { status: 'partial'; stream: Readable; size: number; start: number; end: number }
  | { status: 'unsatisfiable'; size: number };

/**
 * Where uploaded bytes live: a local folder (the embedded default, `LocalMediaStore`) or an S3-compatible bucket
 * (`S3MediaStore`), so that every node behind a load balancer serves what any of them stored. Keys are made by the
 * server (`avatars/…`, `rooms/…`, `products/…`, `profiles/…`).
 */
export interface MediaStore {
  /** Stores a small object (a re-encoded picture) that is already in memory. */
  put(key: string, data: Buffer): Promise<void>;
  /** Stores a file on local disk (large uploads are spooled there first), streamed: never read whole into memory. */
  putFile(key: string, file: string): Promise<void>;
  /** A small object whole, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** An object as a stream, all of it or the `range` asked for; null when there is none. */
  stream(key: string, range?: ByteRange): Promise<MediaRead | null>;
  delete(key: string): Promise<void>;
}

/**
 * Reads a `Range` header. Anything but one well-formed `bytes=` range (several ranges, another unit, a typo) is
 * null, and the whole object is sent, as RFC 9110 allows a server to do.
 */
export function parseRange(header: string | undefined): ByteRange | null {
  const match = header && /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!match) return null;
  const [, from, to] = match as unknown as [string, string, string];
  if (from === '' && to === '') return null;
  if (from === '') return { suffix: Number(to) };
  const start = Number(from);
  if (to === '') return { start };
  const end = Number(to);
  return end < start ? null : { start, end };
}

/** The first and last byte a range covers in an object of `size` bytes, or null when it covers none of them. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } | null {
  if ('suffix' in range) return range.suffix === 0 || size === 0 ? null : { start: Math.max(0, size - range.suffix), end: size - 1 };
  if (range.start >= size) return null;
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}

const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*\.[a-z0-9]+$/;

/** Keys are made by the server, but one that could climb out of a folder or a prefix is refused all the same. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid media key: ${key}`);
  return key;
}

export class LocalMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${target}.${randomToken(8)}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async putFile(key: string, file: string): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomToken(8)}.tmp`;
    await copyFile(file, temp);
    await rename(temp, target);
  }

  async stream(key: string, range?: ByteRange): Promise<MediaRead | null> {
    const file = this.file(key);
    let size: number;
    try {
      ({ size } = await stat(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    if (!range) return { status: 'whole', stream: createReadStream(file), size };
    const part = resolveRange(range, size);
    if (!part) return { status: 'unsatisfiable', size };
    return { status: 'partial', stream: createReadStream(file, part), size, ...part };
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
