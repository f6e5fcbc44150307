import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, prepareDatabase } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrate, readMigrations } from '../db/migrate.js';
import type { Departments } from '../departments/registry.js';
import { connectRedis, type RedisLink } from '../infra/redis.js';
import { RedisSessionStore } from '../modules/identity/redis-session-store.js';
import { DatabaseSessionStore, type SessionStore } from '../modules/identity/session-store.js';
import type { Payments } from '../modules/payments/port.js';
import { FieldCipher } from '../modules/privacy/index.js';

/** The installed PGlite version (its package.json is not exported: found from the entry point). */
const pgliteVersion: string = (() => {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
})();

/** postgres+redis: PostgreSQL with the Redis session store (REDIS_URL). */
export type Engine = 'pglite' | 'postgres' | 'postgres+redis';

/**
 * The engines a suite runs on: PGlite, and PostgreSQL too when DATABASE_URL is set. TEST_ENGINES (a comma list)
 * narrows it: CI sets `postgres` — its 30 minutes no longer hold every server suite twice, so there the suites
 * run on the production path, while every end-to-end journey runs the platform on embedded PGlite and the
 * embedded `npm test` (no DATABASE_URL) runs every suite on PGlite.
 */
export const ENGINES: Engine[] = (() => {
  const available: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const chosen = (process.env.TEST_ENGINES ?? '').split(',').map((e) => e.trim());
  const narrowed = available.filter((e) => chosen.includes(e));
  return narrowed.length > 0 ? narrowed : available;
})();

/** For the suites about sessions: the ENGINES, and PostgreSQL with the Redis session store when REDIS_URL is set too. */
export const SESSION_ENGINES: Engine[] =
  process.env.DATABASE_URL && process.env.REDIS_URL ? [...ENGINES, 'postgres+redis'] : ENGINES;

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** The validated config the app was built with (to build a second server copy on the same database). */
  config: Config;
  /** The app's session store, seen from outside (counting live sessions). */
  sessions: SessionStore;
  close(): Promise<void>;
}

const templates = new Map<'migrated' | 'seeded', Promise<Blob>>();

/** The key test apps started from the seeded template use: the template's demo data is encrypted with it. */
const TEMPLATE_DATA_KEY = createHash('sha256').update('yss test template data key').digest();

/** Every file under a folder, in a stable order (the seeded template depends on the code that wrote it). */
function hashTree(hash: ReturnType<typeof createHash>, dir: string) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, p);
    else if (/\.(ts|sql|tsv|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
      hash.update(p).update(readFileSync(p));
  }
}

/**
 * What a template's content depends on: the migrations and, for 'seeded', the server and contracts sources (the
 * seeders and the data they write). Any change to those makes a new template; one computed per module graph.
 */
const sourceHashes = new Map<'migrated' | 'seeded', string>();
function templateSourceHash(kind: 'migrated' | 'seeded'): string {
  let digest = sourceHashes.get(kind);
  if (digest) return digest;
  const hash = createHash('sha256').update(kind);
  hash.update(JSON.stringify(readMigrations().map((m) => [m.version, m.sql])));
  if (kind === 'seeded') {
    hashTree(hash, path.resolve(import.meta.dirname, '..'));
    hashTree(hash, path.resolve(import.meta.dirname, '../../../../packages/contracts/src'));
  }
  digest = hash.digest('hex');
  sourceHashes.set(kind, digest);
  return digest;
}

/** Migrate, and for 'seeded' also seed the demo province with the template key, as a test app would at start. */
async function prepareTemplate(db: DatabaseHandle, kind: 'migrated' | 'seeded') {
  if (kind === 'seeded') await prepareDatabase(db, { demo: true, cipher: new FieldCipher(TEMPLATE_DATA_KEY) });
  else await migrate(db.db);
}

/**
 * A PGlite cluster as a tarball, so that test apps start from a copy instead of running initdb (seconds) and
 * — for 'seeded' — instead of seeding the demo province again (every department's records). Kept in the
 * temp folder under templateSourceHash and the PGlite version, so every test file (each has its own module
 * graph) and later runs reuse it, and any change to the code that writes it makes a new one.
 */
function pgliteTemplate(kind: 'migrated' | 'seeded'): Promise<Blob> {
  let template = templates.get(kind);
  if (template) return template;
  template = (async () => {
    const digest = createHash('sha256').update(templateSourceHash(kind)).update(pgliteVersion).digest('hex');
    const file = path.join(os.tmpdir(), `yss-pglite-${kind}-${digest.slice(0, 16)}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    // One builder per machine: on a clean checkout both vitest workers want it at once, and seeding the
    // province twice side by side on two cores costs the run about a minute. The other worker waits.
    const release = await buildLock(file);
    if (!release) return new Blob([readFileSync(file)]);
    const db = await openDatabase({ pgliteDataDir: 'memory://' }).catch((err) => {
      release();
      throw err;
    });
    try {
      await prepareTemplate(db, kind);
      // A checkpoint first: a dump taken without one makes every copy replay the seed's WAL at start (~1.4 s of
      // CPU per test app on this machine: 3.5 → 2.1 s to open the seeded copy), and a test run opens ~100.
      await sql`checkpoint`.execute(db.db);
      const dump = await db.dump?.();
      if (!dump) throw new Error('PGlite dump unavailable');
      // Written aside then renamed: parallel workers never read a half-written file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await db.close();
      release();
    }
  })();
  templates.set(kind, template);
  return template;
}

/**
 * Take the lock for building `file`, or wait while another process builds it: resolves to a release function
 * for the builder, or to null once `file` exists (another process built it). A lock whose process is gone (a
 * run that was killed) is taken over.
 */
async function buildLock(file: string): Promise<(() => void) | null> {
  const lock = `${file}.lock`;
  let deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (existsSync(file)) return null;
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(readFileSafely(lock));
    // A lock of a process that is gone, or held for longer than any build takes, is taken over.
    if ((owner && owner !== process.pid && !processAlive(owner)) || Date.now() > deadline) {
      rmSync(lock, { force: true });
      deadline = Date.now() + 10 * 60_000;
    } else await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readFileSafely(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Templates of other code versions are dropped once made this long ago (other runs may still use them). */
const STALE_TEMPLATE_MS = 6 * 60 * 60 * 1000;

/**
 * A test database on PostgreSQL as a copy of a template database (`create database … template …`, a file copy
 * of a fraction of a second) instead of migrating and seeding the demo province anew (5–9 s each on the CI
 * machine, for every PostgreSQL test app). The template is named after templateSourceHash, so test files, the
 * two vitest workers and later runs share it and a change to the code makes a new one. It is built under a
 * temporary name and renamed when complete: a copy never starts from a half-built template, and of two
 * workers building at once, one rename wins and the other's copy is dropped.
 */
async function clonePostgresTemplate(adminUrl: string, kind: 'migrated' | 'seeded', databaseName: string) {
  const template = `yss_tpl_${kind}_${templateSourceHash(kind).slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      const exists = async () =>
        Boolean((await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount);
      if (!(await exists())) {
        // One builder at a time (the other vitest worker waits here, then finds it built): two seeding the
        // province side by side on a clean machine cost the run about a minute. Released if the process dies.
        await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
        try {
          if (!(await exists())) await buildPostgresTemplate(admin, adminUrl, kind, template);
        } finally {
          await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
        }
      }
      try {
        await admin.query(`create database ${databaseName} template ${template}`);
        return;
      } catch (err) {
        // Dropped meanwhile as stale by another run, or still being renamed: look again, a few times.
        if (attempt >= 3) throw err;
      }
    }
  } finally {
    await admin.end();
  }
}

async function buildPostgresTemplate(admin: pg.Client, adminUrl: string, kind: 'migrated' | 'seeded', name: string) {
  const building = `yss_tplbuild_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${building}`);
  // When it was made, for the clean-up of stale templates below (a build in progress counts as fresh).
  await admin.query(`comment on database ${building} is '${Date.now()}'`);
  const url = new URL(adminUrl);
  url.pathname = `/${building}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  try {
    await prepareTemplate(db, kind);
  } finally {
    await db.close();
  }
  try {
    await admin.query(`alter database ${building} rename to ${name}`);
  } catch (err) {
    await admin.query(`drop database if exists ${building} with (force)`);
    if ((err as { code?: string }).code !== '42P04') throw err; // 42P04: another worker's template won
    return;
  }
  // Templates of older code versions (and builds that died half-way) take disk space: drop the stale ones. One
  // still being copied refuses the drop; it goes next time.
  const { rows } = await admin.query<{ datname: string; made: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as made from pg_database
      where (datname like 'yss_tpl_%' or datname like 'yss_tplbuild_%') and datname <> $1`,
    [name],
  );
  for (const { datname, made } of rows) {
    if (Date.now() - Number(made ?? 0) < STALE_TEMPLATE_MS) continue;
    await admin.query(`drop database if exists ${datname}`).catch(() => {});
  }
}

/**
 * A fresh platform on a fresh database with the real migrations: in-memory PGlite, or on PostgreSQL a
 * database of its own (dropped afterwards), so that test files run in parallel and department schemas
 * (dept_*) never collide.
 */
export async function createTestApp(
  engine: Engine,
  overrides: Record<string, string> = {},
  options: {
    departments?: (db: DatabaseHandle['db']) => Departments;
    now?: () => Date;
    /** The payments module the app uses (e.g. a FakePayments the test drives). */
    payments?: Payments;
  } = {},
): Promise<TestApp> {
  let env = overrides;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-test-'));
  const adminUrl = engine !== 'pglite' ? process.env.DATABASE_URL : undefined;
  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  if (engine === 'postgres+redis') {
    if (!process.env.REDIS_URL) throw new Error('REDIS_URL is needed for the postgres+redis engine');
    env = { REDIS_URL: process.env.REDIS_URL, SESSION_STORE: 'redis', ...env };
  }
  // Other engineers' test runs share the Redis: every test app gets its own key prefix, removed afterwards.
  if (env.REDIS_URL && !env.REDIS_KEY_PREFIX)
    env = { ...env, REDIS_KEY_PREFIX: `yss-test-${randomBytes(6).toString('hex')}:` };
  // A demo-mode app starts from the seeded template (already migrated and seeded with its key); anything else
  // (production mode, its own key) from the migrated one, and is seeded at start as in production.
  const fromSeeded = env.APP_MODE === undefined && env.DATA_ENCRYPTION_KEY === undefined;
  const templateKind = fromSeeded ? 'seeded' : 'migrated';
  if (engine !== 'pglite') {
    if (!adminUrl) throw new Error(`DATABASE_URL is needed for the ${engine} engine`);
    databaseName = `yss_test_${randomBytes(6).toString('hex')}`;
    await clonePostgresTemplate(adminUrl, templateKind, databaseName);
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const database = await openDatabase({
    databaseUrl,
    pgliteDataDir: 'memory://',
    poolSize: 4,
    pgliteLoadDataDir: databaseUrl ? undefined : await pgliteTemplate(templateKind),
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    CITIZEN_DIST: '',
    CONSOLE_DIST: '',
    DATA_ENCRYPTION_KEY: (fromSeeded ? TEMPLATE_DATA_KEY : randomBytes(32)).toString('base64'),
    // The payments sweep runs when a test asks (app.payments.sweepOnce); production-mode apps name the sandbox
    // provider, as production requires.
    PAYMENT_SWEEP_SECONDS: '0',
    // 预约提醒 runs when a test asks (app.appointmentReminders.runOnce).
    APPOINTMENT_REMINDER_SECONDS: '0',
    APPOINTMENT_NO_SHOW_SECONDS: '0',
    // The 办件 write-back runs when a test asks (app.caseFulfilment.runOnce).
    CASE_FULFILMENT_SECONDS: '0',
    // Backups when a test asks (app.backups).
    BACKUP_INTERVAL_HOURS: '0',
    ...(env.APP_MODE === 'production' ? { PAYMENT_PROVIDER: 'sandbox' } : {}),
    ...env,
  });
  const app = await buildApp(config, {
    database,
    departments: options.departments?.(database.db),
    prepare: !fromSeeded,
    now: options.now,
    payments: options.payments,
  });
  let redis: RedisLink | undefined;
  let sessions: SessionStore = new DatabaseSessionStore(database.db);
  if (config.redisUrl) {
    redis = await connectRedis(config.redisUrl, { prefix: config.redisKeyPrefix });
    if (config.sessionStore === 'redis') sessions = new RedisSessionStore(redis, config.sessionIdleMs, console);
  }
  return {
    app,
    database,
    config,
    sessions,
    async close() {
      await app.close();
      if (redis) {
        await redis.close();
        await deleteRedisKeys(config.redisUrl ?? '', config.redisKeyPrefix);
      }
      await database.close();
      if (adminUrl && databaseName) await dropTestDatabase(adminUrl, databaseName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * createTestApp as hooks of the enclosing describe block: opened before its tests, closed after them. The getter
 * gives the app inside tests (it does not exist yet while the tests are being collected).
 */
export function testAppHooks(engine: Engine, overrides: Record<string, string> = {}): () => TestApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await createTestApp(engine, overrides);
  });
  afterAll(() => t?.close());
  return () => {
    if (!t) throw new Error('the test app is opened by beforeAll: read it inside a test');
    return t;
  };
}

/** Remove a test app's keys (its own prefix only: never FLUSHDB on a shared Redis). */
async function deleteRedisKeys(url: string, prefix: string) {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await r.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Drop a test database (its connections are gone: DatabaseHandle.close waits for them). */
async function dropTestDatabase(url: string, name: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
