import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once at boot (ARCHITECTURE.md convention 8).
 * Every variable is documented in .env.example; keep the two in step.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** demo: seeds demo data and demo staff accounts; production: refuses demo shortcuts, no default accounts. */
  APP_MODE: z.enum(['demo', 'production']).default('demo'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Prefix of every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1-64 letters, digits or : _ . -')
    .default('yss:'),
  /** Where sessions live: auto = Redis when REDIS_URL is set, else the database. */
  SESSION_STORE: z.enum(['auto', 'database', 'redis']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Base64 of 32 random bytes; encrypts personal data at rest. Required in production mode. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Key rotation: further data keys that only open stored values (never seal), comma-separated base64 of 32 bytes
   * each — the previous DATA_ENCRYPTION_KEY until `npm run rekey` has re-encrypted everything, or the next one
   * before it becomes DATA_ENCRYPTION_KEY. docs/data-keys.md.
   */
  DATA_DECRYPTION_KEYS: z
    .string()
    .refine(
      (v) =>
        v
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
          .every((k) => Buffer.from(k, 'base64').length === 32),
      'must be base64 keys of exactly 32 bytes, separated by commas',
    )
    .optional(),
  /** Trust X-Forwarded-* from a reverse proxy (true, false, or a hop count). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '2', '3'])
    .default('false')
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number(v))),
  /** Feedback submissions allowed per client IP per minute. */
  FEEDBACK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Origins the web app is served from (comma-separated); WebAuthn checks them. Default http://localhost:PORT. */
  PUBLIC_ORIGINS: z.string().optional(),
  /** WebAuthn relying-party id: the site's host name (localhost in development). */
  WEBAUTHN_RP_ID: z.string().min(1).default('localhost'),
  /** Session cookie with Secure and the __Host- prefix (browsers accept Secure cookies on http://localhost). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** How long a passkey/PIN verification unlocks personal data (the guide: 人脸识别验证 before any personal data). */
  VERIFICATION_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Seconds before another SMS code may be sent to the same phone. */
  SMS_RESEND_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /**
   * Serialize every response both ways (fast-json-stringify and zod) and fail on any difference: on in the
   * test suites (vitest sets VITEST), off otherwise (http/response-serializer.ts).
   */
  RESPONSE_CROSS_CHECK: z.enum(['true', 'false']).optional(),
  /** In-process session cache in ms (several copies without Redis may accept a replaced session this long). */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /**
   * Test-only session limits in milliseconds (the minute/hour settings above are too coarse to wait for in a
   * test). Refused unless NODE_ENV=test, so a production server can never run with them.
   */
  TEST_SESSION_IDLE_MS: z.coerce.number().int().min(100).optional(),
  TEST_SESSION_ABSOLUTE_MS: z.coerce.number().int().min(100).optional(),
  /** Built citizen web app to serve at /; empty disables static serving (API only). */
  CITIZEN_DIST: z.string().optional(),
  /** Department gateway base URL: department systems over HTTP. Unset: the embedded sandbox departments. */
  DEPARTMENTS_URL: z
    .string()
    .regex(/^https?:\/\//, 'must start with http:// or https://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Key id and base64 key (≥ 32 bytes) the platform signs department requests with. */
  DEPARTMENTS_KEY_ID: z.string().min(1).max(64).default('yss-platform'),
  DEPARTMENTS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be base64 of at least 32 bytes')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Deadline of one call to a department, in ms (at most 5 s). */
  DEPARTMENT_TIMEOUT_MS: z.coerce.number().int().min(50).max(5000).default(5000),
  /** Built staff console to serve at /console/; empty disables it. */
  CONSOLE_DIST: z.string().optional(),
  /** Seconds between polls of 信用广东 for changes of subscribed entities (信用信息订阅); 0: no polling. */
  CREDIT_POLL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Seconds between checks whether another server copy changed the catalog (console edits); 0: never. */
  CATALOG_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(3),
  /** Seconds between rounds of the wallet status synchroniser (linked certificates follow their department); 0: off. */
  WALLET_SYNC_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Department reads per synchroniser round at most (links are read oldest-checked first, over several rounds). */
  WALLET_SYNC_BATCH: z.coerce.number().int().min(1).max(10_000).default(200),
  /**
   * The payment provider (支付): only `sandbox` exists (沙箱支付, a provider's test mode: no real money moves).
   * Default sandbox; APP_MODE=production refuses to start with it unless it is set here explicitly.
   */
  PAYMENT_PROVIDER: z.enum(['sandbox']).optional(),
  /** Seconds between rounds of the payments sweep (expired orders, 主动查单, fulfilment and refund retries); 0: off. */
  PAYMENT_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Seconds between runs of the 预约提醒 job (0: off). */
  APPOINTMENT_REMINDER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Seconds between runs of the 未到 job (bookings still booked after their slot ended become no_show; 0: off). */
  APPOINTMENT_NO_SHOW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** 未到 rule: this many no-shows of a person at one department within the window stop new bookings there (0: off). */
  APPOINTMENT_NO_SHOW_LIMIT: z.coerce.number().int().min(0).max(100).default(3),
  /** 未到 rule: the window the no-shows are counted in, in days. */
  APPOINTMENT_NO_SHOW_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** 未到 rule: how many days new bookings of that department are refused, from the day of the last of them. */
  APPOINTMENT_NO_SHOW_BLOCK_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Seconds between runs of the 办件 write-back job (approved cases to their department; 0: off, and no nudge). */
  CASE_FULFILMENT_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Where backups are written (H2); relative to the repository like DATA_DIR. Default: DATA_DIR/backups. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** Hours between scheduled backups (0: none; the console's 立即备份 and the CLI still work). */
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(24),
  /** How many of the newest backup files to keep; older ones are removed after each successful backup. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  mode: 'demo' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  sessionStore: 'database' | 'redis';
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  dataEncryptionKey: Buffer | undefined;
  /** Keys that only open (DATA_DECRYPTION_KEYS), for key rotation. */
  dataDecryptionKeys: Buffer[];
  trustProxy: boolean | number;
  /** Responses serialized by zod too and compared (tests). */
  responseCrossCheck: boolean;
  feedbackRateLimitPerMinute: number;
  citizenDist: string | undefined;
  consoleDist: string | undefined;
  publicOrigins: string[];
  webauthnRpId: string;
  cookieSecure: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  verificationMaxAgeMs: number;
  sessionCacheMs: number;
  smsResendMs: number;
  departments: { url: string | undefined; keyId: string; key: Buffer | undefined; timeoutMs: number };
  creditPollMs: number;
  catalogPollMs: number;
  walletSync: { intervalMs: number; batchSize: number };
  payments: { provider: 'sandbox'; sweepMs: number };
  appointmentReminderMs: number;
  appointmentNoShow: { intervalMs: number; limit: number; windowDays: number; blockDays: number };
  caseFulfilmentMs: number;
  /** H2: where backups go, how often the scheduled one runs (0: never), how many files are kept. */
  backup: { dir: string; intervalMs: number; keep: number };
};

export class ConfigError extends Error {}

function operatorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be a ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(issue.input)}`;
    case 'too_small':
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Parse the environment into a Config; throws ConfigError with a one-line explanation. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Operators read these messages: English, whatever locale the app sets for citizens' validation.
  const parsed = Env.safeParse(env, { error: operatorMessage });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = first?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid configuration: ${name} ${first?.message ?? 'is invalid'} (see .env.example)`);
  }
  const e = parsed.data;
  if (e.APP_MODE === 'production' && !e.DATA_ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration: DATA_ENCRYPTION_KEY is required when APP_MODE=production');
  }
  if (e.APP_MODE === 'production' && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration: APP_MODE=production needs DATABASE_URL (PostgreSQL)');
  }
  if (e.DEPARTMENTS_URL && !e.DEPARTMENTS_KEY) {
    throw new ConfigError('Invalid configuration: DEPARTMENTS_URL needs DEPARTMENTS_KEY (requests are signed)');
  }
  if (e.SESSION_STORE === 'redis' && !e.REDIS_URL) {
    throw new ConfigError('Invalid configuration: SESSION_STORE=redis needs REDIS_URL (see .env.example)');
  }
  if (e.APP_MODE === 'production' && e.PAYMENT_PROVIDER === undefined) {
    throw new ConfigError(
      'Invalid configuration: APP_MODE=production needs PAYMENT_PROVIDER; only the sandbox exists (no real money ' +
        'moves): set PAYMENT_PROVIDER=sandbox to run with it knowingly',
    );
  }
  if ((e.TEST_SESSION_IDLE_MS || e.TEST_SESSION_ABSOLUTE_MS) && e.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration: TEST_SESSION_* may only be set when NODE_ENV=test');
  }
  return {
    env: e.NODE_ENV,
    mode: e.APP_MODE,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(repoRoot, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    sessionStore: e.SESSION_STORE === 'auto' ? (e.REDIS_URL ? 'redis' : 'database') : e.SESSION_STORE,
    logLevel: e.LOG_LEVEL,
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY ? Buffer.from(e.DATA_ENCRYPTION_KEY, 'base64') : undefined,
    dataDecryptionKeys: (e.DATA_DECRYPTION_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => Buffer.from(k, 'base64')),
    trustProxy: e.TRUST_PROXY,
    responseCrossCheck: e.RESPONSE_CROSS_CHECK ? e.RESPONSE_CROSS_CHECK === 'true' : Boolean(env.VITEST),
    feedbackRateLimitPerMinute: e.FEEDBACK_RATE_LIMIT_PER_MINUTE,
    citizenDist: e.CITIZEN_DIST === undefined ? path.join(repoRoot, 'apps/citizen/dist') : e.CITIZEN_DIST || undefined,
    consoleDist: e.CONSOLE_DIST === undefined ? path.join(repoRoot, 'apps/console/dist') : e.CONSOLE_DIST || undefined,
    publicOrigins: (e.PUBLIC_ORIGINS ?? `http://localhost:${e.PORT}`)
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    webauthnRpId: e.WEBAUTHN_RP_ID,
    cookieSecure: e.COOKIE_SECURE === 'true',
    sessionIdleMs: e.TEST_SESSION_IDLE_MS ?? e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.TEST_SESSION_ABSOLUTE_MS ?? e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    verificationMaxAgeMs: e.VERIFICATION_MAX_AGE_SECONDS * 1000,
    sessionCacheMs: e.SESSION_CACHE_MS,
    smsResendMs: e.SMS_RESEND_SECONDS * 1000,
    departments: {
      url: e.DEPARTMENTS_URL,
      keyId: e.DEPARTMENTS_KEY_ID,
      key: e.DEPARTMENTS_KEY ? Buffer.from(e.DEPARTMENTS_KEY, 'base64') : undefined,
      timeoutMs: e.DEPARTMENT_TIMEOUT_MS,
    },
    creditPollMs: e.CREDIT_POLL_SECONDS * 1000,
    catalogPollMs: e.CATALOG_POLL_SECONDS * 1000,
    walletSync: { intervalMs: e.WALLET_SYNC_SECONDS * 1000, batchSize: e.WALLET_SYNC_BATCH },
    payments: { provider: e.PAYMENT_PROVIDER ?? 'sandbox', sweepMs: e.PAYMENT_SWEEP_SECONDS * 1000 },
    appointmentReminderMs: e.APPOINTMENT_REMINDER_SECONDS * 1000,
    appointmentNoShow: {
      intervalMs: e.APPOINTMENT_NO_SHOW_SECONDS * 1000,
      limit: e.APPOINTMENT_NO_SHOW_LIMIT,
      windowDays: e.APPOINTMENT_NO_SHOW_WINDOW_DAYS,
      blockDays: e.APPOINTMENT_NO_SHOW_BLOCK_DAYS,
    },
    caseFulfilmentMs: e.CASE_FULFILMENT_SECONDS * 1000,
    backup: {
      dir: e.BACKUP_DIR
        ? path.resolve(repoRoot, e.BACKUP_DIR)
        : path.join(path.resolve(repoRoot, e.DATA_DIR), 'backups'),
      intervalMs: Math.round(e.BACKUP_INTERVAL_HOURS * 3600_000),
      keep: e.BACKUP_KEEP,
    },
  };
}
