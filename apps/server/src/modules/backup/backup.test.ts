import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { readMigrations } from '../../db/migrate.js';
import { createTestApp, ENGINES, type Engine, type TestApp } from '../../test-support/test-app.js';
import { BackupError, readBackupHeader } from './backup-file.js';
import { readInventory } from './inventory.js';
import { restoreBackup } from './restore-backup.js';
import { verifyBackup } from './verify-backup.js';
import { writeBackup } from './write-backup.js';

/** An empty database of the engine: in-memory PGlite, or a new PostgreSQL database (dropped by `close`). */
async function emptyDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openDatabase({ pgliteDataDir: 'memory://' });
  const adminUrl = process.env.DATABASE_URL as string;
  const name = `yss_restore_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

const countRows = async (db: DatabaseHandle['db'], table: string) =>
  sql<{ n: number }>`select count(*)::int as n from ${sql.raw(table)}`.execute(db).then((r) => r.rows[0]?.n);

// The embedded default to itself, and across engines (a trial on PGlite moved to production PostgreSQL, and back)
// whenever PostgreSQL is there — also in CI, whose TEST_ENGINES narrows the other suites to PostgreSQL.
const PAIRS: Array<[Engine, Engine]> = [
  ...(ENGINES.includes('pglite') ? [['pglite', 'pglite'] as [Engine, Engine]] : []),
  ...(process.env.DATABASE_URL
    ? ([
        ['pglite', 'postgres'],
        ['postgres', 'pglite'],
      ] as Array<[Engine, Engine]>)
    : []),
  ...(ENGINES.includes('postgres') ? [['postgres', 'postgres'] as [Engine, Engine]] : []),
];

describe.each(PAIRS)('backup on %s, restore on %s (H2)', (from, to) => {
  let source: TestApp;
  let dir: string;
  let file: string;
  let dataKey: Buffer;
  let summary: Awaited<ReturnType<typeof writeBackup>>;

  beforeAll(async () => {
    source = await createTestApp(from);
    dir = mkdtempSync(path.join(os.tmpdir(), 'yss-backup-'));
    file = path.join(dir, 'demo.yssbak');
    dataKey = source.config.dataEncryptionKey as Buffer;
    summary = await writeBackup(source.database.db, { file, dataKey, engine: source.database.engine });
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every table of the platform and the departments, with their rows', async () => {
    const tables = await readInventory(source.database.db);
    expect(summary.tables).toBe(tables.length);
    expect(tables.map((t) => t.qualified)).toEqual(expect.arrayContaining(['identity_accounts', 'dept_gongan.people']));
    expect(summary.digests.identity_accounts?.rows).toBe(await countRows(source.database.db, 'identity_accounts'));
    expect(summary.digests['dept_gongan.people']?.rows).toBeGreaterThan(0);
    // Sessions are not backed up (a restore must not revive a session logged out since).
    expect(summary.digests.identity_sessions).toBeUndefined();
    const { header } = await readBackupHeader(file);
    expect(header.engine).toBe(source.database.engine);
    expect(header.migrations.map(([v]) => v)).toEqual(readMigrations().map((m) => m.version));
  });

  it('keeps personal data unreadable in the file: no ID number, name or phone in clear', () => {
    const bytes = readFileSync(file);
    for (const clear of ['440104', '张伟', '13800138000', 'identity_accounts']) {
      expect(bytes.includes(Buffer.from(clear))).toBe(false);
    }
  });

  it('restores into an empty database: the same rows, the same sequences, and the app can use them', async () => {
    const target = await emptyDatabase(to);
    try {
      const restored = await restoreBackup(target.db, { file, dataKey });
      expect(restored).toMatchObject({ tables: summary.tables, rows: summary.rows, migratedAfter: [] });
      // Identity columns carry on after the restored rows, not from 1.
      const seq = await sql<{ n: number }>`select max(seq)::int as n from audit_log`.execute(target.db);
      const before = seq.rows[0]?.n ?? 0;
      await sql`insert into audit_log (actor_kind, action, result, prev_hash, hash)
                values ('system', 'backup.test', 'success', 'x', ${randomBytes(8).toString('hex')})`.execute(target.db);
      const after = await sql<{ n: number }>`select max(seq)::int as n from audit_log`.execute(target.db);
      expect(after.rows[0]?.n).toBe(before + 1);
      // A second restore into the same (now full) database is refused, touching nothing.
      const again = await restoreBackup(target.db, { file, dataKey }).catch((e) => e);
      expect(again).toBeInstanceOf(BackupError);
      expect(again.code).toBe('RESTORE_TARGET_NOT_EMPTY');
    } finally {
      await target.close();
    }
  }, 120_000);
});

describe('a backup that cannot be restored says why, and loads nothing', () => {
  let source: TestApp;
  let dir: string;
  let file: string;
  let dataKey: Buffer;

  beforeAll(async () => {
    source = await createTestApp('pglite');
    dir = mkdtempSync(path.join(os.tmpdir(), 'yss-backup-'));
    file = path.join(dir, 'demo.yssbak');
    dataKey = source.config.dataEncryptionKey as Buffer;
    await writeBackup(source.database.db, { file, dataKey, engine: 'pglite' });
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const attempt = async (f: string, key = dataKey, migrations = readMigrations()) => {
    const target = await openDatabase({ pgliteDataDir: 'memory://' });
    try {
      const err = await restoreBackup(target.db, { file: f, dataKey: key, migrations }).catch((e) => e);
      const tables = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = 'identity_accounts'`
        .execute(target.db)
        .then((r) => r.rows[0]?.n);
      const accounts = tables ? await countRows(target.db, 'identity_accounts') : 0;
      return { err, accounts };
    } finally {
      await target.close();
    }
  };

  it('with another data key: BACKUP_WRONG_KEY before anything is read', async () => {
    const { err, accounts } = await attempt(file, randomBytes(32));
    expect(err).toMatchObject({ code: 'BACKUP_WRONG_KEY' });
    expect(err.message).toContain('DATA_ENCRYPTION_KEY');
    expect(accounts).toBe(0);
  });

  it('after a key rotation: opened with the previous key among the configured ones', async () => {
    const rotated = await verifyBackup(file, [randomBytes(32), dataKey]);
    expect(rotated.rows).toBeGreaterThan(0);
    await expect(verifyBackup(file, [randomBytes(32), randomBytes(32)])).rejects.toMatchObject({
      code: 'BACKUP_WRONG_KEY',
    });
  });

  it('with one byte changed anywhere in the data: BACKUP_DAMAGED, no rows committed', async () => {
    const bytes = readFileSync(file);
    for (const at of [Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      const f = path.join(dir, `changed-${at}.yssbak`);
      writeFileSync(f, changed);
      const { err, accounts } = await attempt(f);
      expect(err, `byte ${at}`).toMatchObject({ code: 'BACKUP_DAMAGED' });
      expect(accounts).toBe(0);
    }
  }, 60_000);

  it('cut short: BACKUP_DAMAGED', async () => {
    const bytes = readFileSync(file);
    const f = path.join(dir, 'short.yssbak');
    writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect((await attempt(f)).err).toMatchObject({ code: 'BACKUP_DAMAGED' });
  });

  it('a file that is not a backup, or whose header was edited', async () => {
    const f = path.join(dir, 'other.yssbak');
    writeFileSync(f, 'hello\n');
    expect((await attempt(f)).err).toMatchObject({ code: 'BACKUP_NOT_A_BACKUP' });
    // The clear header is authenticated too: claiming another engine breaks the tag.
    const edited = readFileSync(file).toString('latin1').replace('"engine":"pglite"', '"engine":"postgrs"');
    const g = path.join(dir, 'edited.yssbak');
    writeFileSync(g, Buffer.from(edited, 'latin1'));
    expect((await attempt(g)).err).toMatchObject({ code: 'BACKUP_DAMAGED' });
  });

  it('from a newer platform (a migration this build does not have): RESTORE_NEWER_BACKUP', async () => {
    const { err } = await attempt(file, dataKey, readMigrations().slice(0, -1));
    expect(err).toMatchObject({ code: 'RESTORE_NEWER_BACKUP' });
  });

  it('into an older-backup-newer-build: the build’s newer migrations run after the load', async () => {
    // The backup of a database one migration behind restores, then gets the last migration applied.
    const all = readMigrations();
    const older = await openDatabase({ pgliteDataDir: 'memory://' });
    const target = await openDatabase({ pgliteDataDir: 'memory://' });
    try {
      const { migrate } = await import('../../db/migrate.js');
      await migrate(older.db, all.slice(0, -1));
      const f = path.join(dir, 'older.yssbak');
      await writeBackup(older.db, { file: f, dataKey, engine: 'pglite' });
      const restored = await restoreBackup(target.db, { file: f, dataKey, migrations: all });
      expect(restored.migratedAfter).toEqual([all.at(-1)?.version]);
    } finally {
      await older.close();
      await target.close();
    }
  }, 60_000);
});
