import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkKey, resolveRange, type ByteRange, type MediaRead, type MediaStore } from './media-store';

export interface S3Settings {
  /** The store's URL; unset for AWS S3 itself, which the region then names. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Always given: the SDK's other sources (instance roles and the like) are AWS's alone. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** `https://host/bucket/key` instead of `https://bucket.host/key`: MinIO, Garage and Ceph RGW usually need it. */
  forcePathStyle: boolean;
}

/**
 * Large files go up in parts of this size, at most PARALLEL_PARTS at a time, so an upload holds no more than their
 * product in memory whatever the file's size. 8 MiB is above S3's 5 MiB minimum part and keeps a 200 MB video under
 * S3's 10,000-part limit by far.
 */
const PART_BYTES = 8 * 1024 * 1024;
const PARALLEL_PARTS = 2;

const TYPES: Record<string, string> = {
  webp: 'image/webp',
  png: 'image/png',
  jpg: 'image/jpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  '3gp': 'video/3gpp',
};

/** Informational only: what is served is typed from the database, never from the object's stored type. */
function typeOf(key: string): string {
  return TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

function missing(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404;
}

function rangeHeader(range: { start: number; end?: number }): string {
  return `bytes=${range.start}-${range.end ?? ''}`;
}

/**
 * Media in a bucket of any S3-compatible store (MinIO, Garage, Ceph RGW, Cloudflare R2, AWS S3), so that every node
 * behind a load balancer reads what any of them stored. Only the plain object calls are used (put, multipart upload,
 * ranged get, head, delete); checksums are sent only where the API requires them, which stores other than AWS's
 * do not all accept.
 */
export class S3MediaStore implements MediaStore {
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      ...(settings.endpoint && { endpoint: settings.endpoint }),
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // A store that does not answer is not waited on for long: a node checks its bucket before it serves.
      maxAttempts: 3,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Fails, saying why, unless the bucket can be reached with these settings; a node checks before it serves. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const status = err instanceof S3ServiceException ? ` (HTTP ${err.$metadata.httpStatusCode ?? '?'} ${err.name})` : '';
      throw new Error(`the media bucket "${this.bucket}" cannot be reached${status}: ${(err as Error).message}`, { cause: err });
    }
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: data, ContentLength: data.length, ContentType: typeOf(key) }),
    );
  }

  async putFile(key: string, file: string): Promise<void> {
    // One PUT for a file under a part; a multipart upload, part by part from the disk, above that.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: checkKey(key), Body: createReadStream(file), ContentType: typeOf(key) },
      partSize: PART_BYTES,
      queueSize: PARALLEL_PARTS,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async stream(key: string, wanted?: ByteRange): Promise<MediaRead | null> {
    checkKey(key);
    let range = wanted;
    if (range && 'suffix' in range) {
      // The last N bytes are asked for as an explicit range, which every compatible store reads the same way.
      const size = await this.size(key);
      if (size === null) return null;
      const part = resolveRange(range, size);
      if (!part) return { status: 'unsatisfiable', size };
      range = part;
    }
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range && { Range: rangeHeader(range) }) }));
      const stream = object.Body as Readable;
      const part = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(object.ContentRange ?? '');
      if (range && part) return { status: 'partial', stream, start: Number(part[1]), end: Number(part[2]), size: Number(part[3]) };
      // A store that ignores the range sends all of it, which is still a right answer to a ranged request.
      return { status: 'whole', stream, size: object.ContentLength ?? 0 };
    } catch (err) {
      if (missing(err)) return null;
      if (range && err instanceof S3ServiceException && (err.name === 'InvalidRange' || err.$metadata.httpStatusCode === 416)) {
        const size = await this.size(key);
        return size === null ? null : { status: 'unsatisfiable', size };
      }
      throw err;
    }
  }

  private async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  close(): void {
    this.client.destroy();
  }
}
