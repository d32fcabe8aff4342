import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('has working defaults: port 8080, PGlite under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: 'pglite', dir: path.resolve('data', 'db'), thread: false, vacuumEveryMs: 10_000 });
    expect(config.mediaDir).toBe(path.resolve('data', 'media'));
    expect(loadConfig({ PGLITE_THREAD: 'true' }).database).toMatchObject({ kind: 'pglite', thread: true });
    expect(loadConfig({ PGLITE_VACUUM_SECONDS: '60' }).database).toMatchObject({ kind: 'pglite', vacuumEveryMs: 60_000 });
  });

  it('switches to PostgreSQL when DATABASE_URL is set, and treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/maum' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/maum',
    });
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('reports every bad value in one line', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });

  it('translates through TRANSLATE_URL only when it is set, with its key and timeout; a non-http URL is refused', () => {
    expect(loadConfig({}).translate).toBeUndefined();
    expect(loadConfig({ TRANSLATE_API_KEY: 'k' }).translate).toBeUndefined();
    expect(loadConfig({ TRANSLATE_URL: 'http://lt:5000', TRANSLATE_API_KEY: 'k' }).translate).toEqual({
      url: 'http://lt:5000',
      apiKey: 'k',
      timeoutMs: 10_000,
    });
    expect(loadConfig({ TRANSLATE_URL: 'https://lt.example', TRANSLATE_TIMEOUT_SECONDS: '2.5' }).translate).toEqual({
      url: 'https://lt.example',
      apiKey: undefined,
      timeoutMs: 2500,
    });
    expect(() => loadConfig({ TRANSLATE_URL: 'ftp://lt' })).toThrow(/TRANSLATE_URL/);
    expect(() => loadConfig({ TRANSLATE_URL: 'lt:5000' })).toThrow(/TRANSLATE_URL/);
    expect(() => loadConfig({ TRANSLATE_URL: 'http://lt', TRANSLATE_TIMEOUT_SECONDS: '0' })).toThrow(/TRANSLATE_TIMEOUT_SECONDS/);
  });
  it('keeps media in DATA_DIR/media unless S3_BUCKET names a bucket; path-style by default only with an endpoint', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    const keys = { S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig({ S3_BUCKET: 'maum-media', ...keys }).s3).toEqual({
      endpoint: undefined,
      bucket: 'maum-media',
      region: 'us-east-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: false,
    });
    expect(
      loadConfig({
        S3_ENDPOINT: 'http://minio:9000',
        S3_BUCKET: 'media',
        S3_REGION: 'garage',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
      }).s3,
    ).toEqual({
      endpoint: 'http://minio:9000',
      bucket: 'media',
      region: 'garage',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
    expect(loadConfig({ S3_ENDPOINT: 'https://acct.r2.example', S3_BUCKET: 'media', S3_FORCE_PATH_STYLE: 'false', ...keys }).s3?.forcePathStyle).toBe(false);
  });

  it('refuses S3 settings that cannot work: no bucket, missing credentials, a bad endpoint or bucket name', () => {
    const keys = { S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_ENDPOINT: set S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'id' })).toThrow(/S3_SECRET_ACCESS_KEY: required with S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: 'media' })).toThrow(/S3_ACCESS_KEY_ID.*S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ S3_BUCKET: 'media', S3_ENDPOINT: 'minio:9000', ...keys })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ S3_BUCKET: 'Media_Bucket', ...keys })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: 'media', S3_FORCE_PATH_STYLE: 'yes', ...keys })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
  it('takes the shared secrets every node of a deployment needs alike, and refuses short ones', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({}).certOwnerKey).toBeUndefined();
    expect(loadConfig({ CERT_OWNER_KEY: key, COUPON_SECRET: key, TLOG_SIGNING_KEY: key })).toMatchObject({ certOwnerKey: key, couponSecret: key, tlog: { signingKey: key } });
    expect(() => loadConfig({ CERT_OWNER_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/CERT_OWNER_KEY/);
  });

  it('anchors checkpoints only when all four chain settings are given; a partial or malformed set is refused without echoing the key', () => {
    expect(loadConfig({}).anchor).toBeUndefined();
    expect(loadConfig({ ANCHOR_INTERVAL_MINUTES: '5' }).anchor).toBeUndefined();
    const key = 'ab'.repeat(32);
    const full = { ANCHOR_RPC_URL: 'https://rpc.example', ANCHOR_CHAIN_ID: '11155111', ANCHOR_CONTRACT: `0x${'AB12'.repeat(10)}`, ANCHOR_PRIVATE_KEY: key };
    expect(loadConfig(full).anchor).toEqual({
      rpcUrl: 'https://rpc.example',
      chainId: 11155111,
      contract: `0x${'ab12'.repeat(10)}`,
      privateKey: `0x${key}`,
      intervalMs: 60 * 60_000,
    });
    expect(loadConfig({ ...full, ANCHOR_PRIVATE_KEY: `0x${key}`, ANCHOR_INTERVAL_MINUTES: '0.5' }).anchor).toMatchObject({ privateKey: `0x${key}`, intervalMs: 30_000 });
    expect(() => loadConfig({ ANCHOR_RPC_URL: 'https://rpc.example', ANCHOR_PRIVATE_KEY: key })).toThrow(/missing ANCHOR_CHAIN_ID, ANCHOR_CONTRACT$/);
    expect(() => loadConfig({ ...full, ANCHOR_RPC_URL: 'ws://rpc' })).toThrow(/ANCHOR_RPC_URL/);
    expect(() => loadConfig({ ...full, ANCHOR_CONTRACT: '0x1234' })).toThrow(/ANCHOR_CONTRACT/);
    expect(() => loadConfig({ ...full, ANCHOR_CHAIN_ID: '-1' })).toThrow(/ANCHOR_CHAIN_ID/);
    expect(() => loadConfig({ ...full, ANCHOR_INTERVAL_MINUTES: '0' })).toThrow(/ANCHOR_INTERVAL_MINUTES/);
    const badKey = () => loadConfig({ ...full, ANCHOR_PRIVATE_KEY: `${key}zz` });
    expect(badKey).toThrow(/ANCHOR_PRIVATE_KEY/);
    expect(badKey).not.toThrow(new RegExp(key));
  });
});
