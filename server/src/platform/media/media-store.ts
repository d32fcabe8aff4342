import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile, rename, stat, copyFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import path from 'node:path';
import { randomToken } from '../ids';

/** Where uploaded bytes live. The embedded default is a local folder; S3-compatible stores come later. */
export interface MediaStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Stores a file that is already on local disk (large uploads are spooled to disk first). */
  putFile(key: string, file: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  stream(key: string): Promise<{ stream: Readable; size: number } | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*\.[a-z0-9]+$/;

export class LocalMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    // Keys are made by the server, but a key that could climb out of the root is refused all the same.
    if (!KEY.test(key)) throw new Error(`invalid media key: ${key}`);
    return path.join(this.root, key);
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

  async stream(key: string): Promise<{ stream: Readable; size: number } | null> {
    const file = this.file(key);
    try {
      const { size } = await stat(file);
      return { stream: createReadStream(file), size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
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
