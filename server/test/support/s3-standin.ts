import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** One request the stand-in answered: enough to tell a multipart upload from a single PUT, and how big each was. */
export interface S3Call {
  method: string;
  url: string;
  bytes: number;
}

export interface S3Standin {
  endpoint: string;
  bucket: string;
  /** The settings a Maum server needs to keep its media in the stand-in's bucket. */
  env: Record<string, string>;
  client: S3Client;
  /** Every request so far, oldest first. */
  calls: S3Call[];
  /** The keys in the bucket. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

// s3rver checks signatures against its one built-in key pair.
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

/**
 * An S3-compatible server on a free local port (s3rver: the S3 REST API over a temporary folder), with one bucket.
 * It speaks the wire format the AWS SDK speaks to MinIO or S3, signatures checked, so what works here works there.
 */
export async function startS3Standin(bucket = 'maum-media'): Promise<S3Standin> {
  const directory = await mkdtemp(path.join(tmpdir(), 'maum-s3-'));
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket }], vhostBuckets: false });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const calls: S3Call[] = [];
  const server: Server = createServer((req, res) => {
    // The body is left to s3rver: its declared length says how much one request carried.
    const length = req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'];
    calls.push({ method: req.method ?? '', url: req.url ?? '', bytes: Number(length ?? 0) });
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
  });
  return {
    endpoint,
    bucket,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: SECRET_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    client,
    calls,
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The stand-in, or null with the reason printed when it cannot start outside CI. In CI (`CI=true`) it must start:
 * a test that silently skipped there would hide that media on S3 is untested.
 */
export async function s3StandinOrSkip(suite: string): Promise<S3Standin | null> {
  try {
    return await startS3Standin();
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`CI=true but the S3 stand-in cannot start, so ${suite} cannot run`, { cause: err });
    process.stdout.write(`⚠ skipping ${suite}: the S3 stand-in (s3rver) cannot start: ${(err as Error).message}\n`);
    return null;
  }
}
