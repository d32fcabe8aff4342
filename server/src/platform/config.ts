import path from 'node:path';
import { z } from 'zod';
import { VOICE_MAX_MS } from '@maum/protocol';
import type { S3Settings } from './media/s3-media-store';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const megabytes = (mb: number) => z.coerce.number().int().positive().default(mb * 1024 * 1024);
const percent = z.coerce.number().min(0).max(100).optional();

/** Every environment variable Maum reads. README.md has the same table for operators. */
const EnvFields = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PGLITE_THREAD: bool.default(false),
  PGLITE_VACUUM_SECONDS: z.coerce.number().positive().max(86_400).default(10),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|ws|wss):\/\//, 'must be a nats:// URL')
    .optional(),
  NATS_SUBJECT_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('maum'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_LIMIT_PER_HANDLE: z.coerce.number().int().min(1).default(5),
  LOGIN_LIMIT_PER_HANDLE_FROM_NEW_ADDRESSES: z.coerce.number().int().min(1).default(20),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  SIGNUP_LIMIT_PER_IP: z.coerce.number().int().min(1).default(10),
  SIGNUP_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** Argon2id's cost for new password hashes (argon2's defaults: 64 MiB, 3 passes); a stored hash keeps its own. */
  PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(1024).max(4 * 1024 * 1024).default(65_536),
  PASSWORD_HASH_PASSES: z.coerce.number().int().min(1).max(20).default(3),
  AVATAR_MAX_BYTES: megabytes(10),
  IMAGE_MAX_PIXELS: z.coerce.number().int().positive().default(50_000_000),
  MEDIA_MAX_IMAGE_BYTES: megabytes(20),
  MEDIA_MAX_VIDEO_BYTES: megabytes(200),
  MEDIA_MAX_FILE_BYTES: megabytes(100),
  MEDIA_MAX_VOICE_BYTES: megabytes(10),
  MEDIA_MAX_VOICE_SECONDS: z.coerce.number().int().positive().max(VOICE_MAX_MS / 1000).default(VOICE_MAX_MS / 1000),
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  WS_PING_INTERVAL_SECONDS: z.coerce.number().positive().max(30).default(25),
  WS_HELLO_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(10),
  WS_FRAMES_PER_SECOND: z.coerce.number().positive().default(30),
  WS_FRAME_BURST: z.coerce.number().int().positive().default(120),
  WS_USER_FRAMES_PER_SECOND: z.coerce.number().positive().default(60),
  WS_USER_FRAME_BURST: z.coerce.number().int().positive().default(240),
  WS_MAX_SOCKETS_PER_USER: z.coerce.number().int().positive().default(20),
  WEB_DIST: z.string().optional(),
  PIN_LOOKUP_LIMIT: z.coerce.number().int().min(1).default(120),
  PIN_LOOKUP_HARD_LIMIT: z.coerce.number().int().min(1).default(600),
  PIN_LOOKUP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().positive().max(3600).default(10),
  SCHEDULER_LEASE_SECONDS: z.coerce.number().positive().max(3600).default(60),
  CHECKOUT_HOLD_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  ORDER_AUTO_COMPLETE_DAYS: z.coerce.number().positive().max(90).default(7),
  SETTLEMENT_INTERVAL_HOURS: z.coerce.number().positive().max(24 * 31).default(24),
  SUBSCRIPTION_GRACE_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  MAUM_DEV_CLOCK: z.enum(['0', '1']).default('0'),
  VOUCHER_NOTICE_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, 'comma-separated whole days, such as 30,7')
    .optional(),
  VOUCHER_EXTENSION_MONTHS: z.coerce.number().int().min(1).max(60).optional(),
  VOUCHER_PRESCRIPTION_YEARS: z.coerce.number().int().min(1).max(20).optional(),
  VOUCHER_EXPIRED_REFUND_PERCENT: percent,
  VOUCHER_EXPIRED_REFUND_PERCENT_HIGH_VALUE: percent,
  VOUCHER_HIGH_VALUE_OVER: z.coerce.number().int().min(0).optional(),
  VOUCHER_EXPIRED_POINTS_PERCENT: percent,
  VOUCHER_REMAINDER_USED_PERCENT: percent,
  VOUCHER_REMAINDER_USED_PERCENT_SMALL: percent,
  VOUCHER_SMALL_FACE_VALUE_AT_MOST: z.coerce.number().int().min(0).optional(),
  TLOG_BATCH_MS: z.coerce.number().int().min(1).max(1000).default(500),
  TLOG_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(1000),
  TLOG_SIGNING_KEY: z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'a 32-byte Ed25519 seed, base64').optional(),
  TRANSLATE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  TRANSLATE_API_KEY: z.string().max(512).optional(),
  TRANSLATE_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  ANCHOR_RPC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ANCHOR_CHAIN_ID: z.coerce.number().int().positive().optional(),
  ANCHOR_CONTRACT: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a contract address: 0x and 40 hex digits').optional(),
  ANCHOR_PRIVATE_KEY: z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'a private key: 64 hex digits, 0x first or not').optional(),
  ANCHOR_INTERVAL_MINUTES: z.coerce.number().positive().max(7 * 24 * 60).default(60),
  COUPON_SECRET: z.base64().refine((v) => Buffer.from(v, 'base64').length >= 32, 'at least 32 bytes, base64').optional(),
  CERT_OWNER_KEY: z.base64().refine((v) => Buffer.from(v, 'base64').length >= 32, 'at least 32 bytes, base64').optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  // S3's bucket naming rules, which every compatible store accepts.
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '3 to 63 lower-case letters, digits, dots and hyphens')
    .optional(),
  S3_REGION: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).max(256).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
});

const S3_SETTINGS = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const;

const EnvSchema = EnvFields.superRefine((e, ctx) => {
  if (!e.S3_BUCKET) {
    for (const name of S3_SETTINGS) {
      if (e[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'set S3_BUCKET too, or media stays in DATA_DIR/media' });
    }
  }
  if (e.S3_BUCKET) {
    for (const name of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required with S3_BUCKET' });
    }
  }
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  /**
   * PGlite's `thread`: run it on a worker thread of its own (more throughput at peak, more latency below it); its
   * `vacuumEveryMs`: how often the scheduler vacuums it (it has no autovacuum).
   */
  database: { kind: 'pglite'; dir: string; thread?: boolean; vacuumEveryMs?: number } | { kind: 'postgres'; url: string };
  /** Where media lives without `s3`. */
  mediaDir: string;
  /** An S3-compatible bucket that holds the media instead of `mediaDir`, shared by every node. */
  s3: S3Settings | undefined;
  nats: { url: string; subjectPrefix: string } | undefined;
  logLevel: z.infer<typeof EnvFields>['LOG_LEVEL'];
  trustProxy: boolean;
  sessionTtlMs: number;
  /** See AccountsService.login for what each counts. */
  loginLimit: { perHandle: number; perHandleFromNewAddresses: number; perIp: number; windowMs: number };
  signupLimit: { perIp: number; windowMs: number };
  /** Argon2id's memory (KiB) and passes for new password hashes. */
  passwordHash: { memoryCost: number; timeCost: number };
  avatarMaxBytes: number;
  imageMaxPixels: number;
  mediaMax: { image: number; video: number; file: number; voice: number };
  /** The longest voice message. */
  voiceMaxMs: number;
  realtime: {
    maxBufferedBytes: number;
    pingIntervalMs: number;
    helloTimeoutMs: number;
    rate: { perSecond: number; burst: number };
    /** Shared by all of one account's sockets on a node. */
    accountRate: { perSecond: number; burst: number };
    maxSocketsPerUser: number;
  };
  webDist: string;
  /** Base64; when unset, a secret is made in the data directory. */
  couponSecret: string | undefined;
  /** Base64, the key certificate owners' pseudonyms are derived with; when unset, a secret is made in the data directory. */
  certOwnerKey: string | undefined;
  /** Unknown PINs a store may try per window; past `hardLimit`, the store is refused every PIN (see StoresService). */
  pinLookupLimit: { limit: number; hardLimit: number; windowMs: number };
  scheduler: { intervalMs: number; leaseMs: number };
  orders: { reservationMs: number; autoCompleteMs: number };
  settlementIntervalMs: number;
  /** Days a subscription keeps its access after a failed renewal, retried once a day. */
  subscriptionGraceDays: number;
  /**
   * A clock that `POST /api/dev/clock` moves forward (each move also runs the scheduler once), for demos and browser
   * tests of renewals and expiry. Never on a server people use: anyone may move its time.
   */
  devClock: boolean;
  /** The certificate transparency log: how appends are batched into checkpoints, and its signing key's seed (base64). */
  tlog: { batchMs: number; batchSize: number; signingKey: string | undefined };
  /**
   * Anchoring of the log's checkpoints on an EVM chain, at most once per `intervalMs`; off (undefined) unless all
   * four chain settings are given.
   */
  anchor: { rpcUrl: string; chainId: number; contract: `0x${string}`; privateKey: `0x${string}`; intervalMs: number } | undefined;
  /** A LibreTranslate-compatible service; when unset, Maum only detects languages and shows messages untranslated. */
  translate: { url: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  /** Only the voucher figures an operator set; the policy's defaults (the standard terms') fill in the rest. */
  voucherTerms: Partial<Record<'extensionMonths' | 'prescriptionYears' | 'expiredRefundPercent' | 'expiredRefundPercentHighValue' |
    'highValueOver' | 'expiredPointsPercent' | 'remainderAfterUsedPercent' | 'remainderAfterUsedPercentSmall' | 'smallFaceValueAtMost', number>> & {
    noticeDaysBefore?: number[];
  };
}

export class ConfigError extends Error {}

/** What `maum anchor-deploy` needs: the chain and the key that will own the contract (the contract does not exist yet). */
export function loadAnchorDeploySettings(env: Record<string, string | undefined>): { rpcUrl: string; chainId: number; privateKey: `0x${string}` } {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.pick({ ANCHOR_RPC_URL: true, ANCHOR_CHAIN_ID: true, ANCHOR_PRIVATE_KEY: true })
    .required()
    .safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { ANCHOR_RPC_URL: rpcUrl, ANCHOR_CHAIN_ID: chainId, ANCHOR_PRIVATE_KEY: key } = parsed.data;
  return { rpcUrl, chainId, privateKey: (key.startsWith('0x') ? key : `0x${key}`) as `0x${string}` };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Reads the configuration from environment variables; a bad value throws one readable line. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const anchorSettings = { ANCHOR_RPC_URL: e.ANCHOR_RPC_URL, ANCHOR_CHAIN_ID: e.ANCHOR_CHAIN_ID, ANCHOR_CONTRACT: e.ANCHOR_CONTRACT, ANCHOR_PRIVATE_KEY: e.ANCHOR_PRIVATE_KEY };
  const missing = Object.entries(anchorSettings).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0 && missing.length < 4) {
    throw new ConfigError(`invalid configuration: anchoring checkpoints needs ANCHOR_RPC_URL, ANCHOR_CHAIN_ID, ANCHOR_CONTRACT and ANCHOR_PRIVATE_KEY together; missing ${missing.join(', ')}`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dir: path.join(dataDir, 'db'), thread: e.PGLITE_THREAD, vacuumEveryMs: e.PGLITE_VACUUM_SECONDS * 1000 },
    mediaDir: path.join(dataDir, 'media'),
    s3: e.S3_BUCKET
      ? {
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          credentials: { accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY! },
          // Self-hosted stores (MinIO, Garage, Ceph RGW) are mostly reached by path; AWS S3 wants the bucket in the host name.
          forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
        }
      : undefined,
    nats: e.NATS_URL ? { url: e.NATS_URL, subjectPrefix: e.NATS_SUBJECT_PREFIX } : undefined,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 3600 * 1000,
    loginLimit: {
      perHandle: e.LOGIN_LIMIT_PER_HANDLE,
      perHandleFromNewAddresses: e.LOGIN_LIMIT_PER_HANDLE_FROM_NEW_ADDRESSES,
      perIp: e.LOGIN_LIMIT_PER_IP,
      windowMs: e.LOGIN_LIMIT_WINDOW_SECONDS * 1000,
    },
    signupLimit: { perIp: e.SIGNUP_LIMIT_PER_IP, windowMs: e.SIGNUP_LIMIT_WINDOW_SECONDS * 1000 },
    passwordHash: { memoryCost: e.PASSWORD_HASH_MEMORY_KIB, timeCost: e.PASSWORD_HASH_PASSES },
    avatarMaxBytes: e.AVATAR_MAX_BYTES,
    imageMaxPixels: e.IMAGE_MAX_PIXELS,
    mediaMax: { image: e.MEDIA_MAX_IMAGE_BYTES, video: e.MEDIA_MAX_VIDEO_BYTES, file: e.MEDIA_MAX_FILE_BYTES, voice: e.MEDIA_MAX_VOICE_BYTES },
    voiceMaxMs: e.MEDIA_MAX_VOICE_SECONDS * 1000,
    realtime: {
      maxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
      pingIntervalMs: e.WS_PING_INTERVAL_SECONDS * 1000,
      helloTimeoutMs: e.WS_HELLO_TIMEOUT_SECONDS * 1000,
      rate: { perSecond: e.WS_FRAMES_PER_SECOND, burst: e.WS_FRAME_BURST },
      accountRate: { perSecond: e.WS_USER_FRAMES_PER_SECOND, burst: e.WS_USER_FRAME_BURST },
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
    },
    webDist: e.WEB_DIST ? path.resolve(e.WEB_DIST) : path.join(repoRoot, 'web', 'dist'),
    couponSecret: e.COUPON_SECRET,
    certOwnerKey: e.CERT_OWNER_KEY,
    pinLookupLimit: { limit: e.PIN_LOOKUP_LIMIT, hardLimit: e.PIN_LOOKUP_HARD_LIMIT, windowMs: e.PIN_LOOKUP_WINDOW_SECONDS * 1000 },
    scheduler: { intervalMs: e.SCHEDULER_INTERVAL_SECONDS * 1000, leaseMs: e.SCHEDULER_LEASE_SECONDS * 1000 },
    orders: { reservationMs: e.CHECKOUT_HOLD_MINUTES * 60_000, autoCompleteMs: e.ORDER_AUTO_COMPLETE_DAYS * 86_400_000 },
    settlementIntervalMs: e.SETTLEMENT_INTERVAL_HOURS * 3_600_000,
    subscriptionGraceDays: e.SUBSCRIPTION_GRACE_DAYS,
    devClock: e.MAUM_DEV_CLOCK === '1',
    tlog: { batchMs: e.TLOG_BATCH_MS, batchSize: e.TLOG_BATCH_SIZE, signingKey: e.TLOG_SIGNING_KEY },
    anchor:
      e.ANCHOR_RPC_URL && e.ANCHOR_CHAIN_ID && e.ANCHOR_CONTRACT && e.ANCHOR_PRIVATE_KEY
        ? {
            rpcUrl: e.ANCHOR_RPC_URL,
            chainId: e.ANCHOR_CHAIN_ID,
            contract: e.ANCHOR_CONTRACT.toLowerCase() as `0x${string}`,
            privateKey: (e.ANCHOR_PRIVATE_KEY.startsWith('0x') ? e.ANCHOR_PRIVATE_KEY : `0x${e.ANCHOR_PRIVATE_KEY}`) as `0x${string}`,
            intervalMs: e.ANCHOR_INTERVAL_MINUTES * 60_000,
          }
        : undefined,
    translate: e.TRANSLATE_URL
      ? { url: e.TRANSLATE_URL, apiKey: e.TRANSLATE_API_KEY, timeoutMs: e.TRANSLATE_TIMEOUT_SECONDS * 1000 }
      : undefined,
    voucherTerms: definedOnly({
      noticeDaysBefore: e.VOUCHER_NOTICE_DAYS?.split(',').map(Number),
      extensionMonths: e.VOUCHER_EXTENSION_MONTHS,
      prescriptionYears: e.VOUCHER_PRESCRIPTION_YEARS,
      expiredRefundPercent: e.VOUCHER_EXPIRED_REFUND_PERCENT,
      expiredRefundPercentHighValue: e.VOUCHER_EXPIRED_REFUND_PERCENT_HIGH_VALUE,
      highValueOver: e.VOUCHER_HIGH_VALUE_OVER,
      expiredPointsPercent: e.VOUCHER_EXPIRED_POINTS_PERCENT,
      remainderAfterUsedPercent: e.VOUCHER_REMAINDER_USED_PERCENT,
      remainderAfterUsedPercentSmall: e.VOUCHER_REMAINDER_USED_PERCENT_SMALL,
      smallFaceValueAtMost: e.VOUCHER_SMALL_FACE_VALUE_AT_MOST,
    }),
  };
}
