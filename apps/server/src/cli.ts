import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { rekeyCommand, rotateDataKeyCommand, rotateIndexKeyCommand } from './cli-data-keys.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { lockDataDir } from './db/pglite-lock.js';
import { startDepartmentGateway } from './departments/gateway-main.js';
import { seedProvince } from './departments/province/seed-province.js';
import { exitOnConfigError, start } from './main.js';
import { AuditLog } from './modules/audit/index.js';
import { BackupError, BackupService, recordRestore, restoreBackup, verifyBackup } from './modules/backup/index.js';
import { seedCatalog } from './modules/catalog/index.js';
import { DataKeyError, type DataKeySet, resolveDataKeys } from './modules/privacy/index.js';
import { createStaffAccount, ROLES, StaffAccountError } from './modules/staff/index.js';

const USAGE = `usage: node apps/server/dist/cli.js <command>
  start     migrate, seed reference data and serve (what npm start runs)
  migrate   apply pending database migrations
  seed      migrate, then seed reference data (idempotent); with --citizens N [--seed S] also the
            sandbox province: N generated citizens and every sandbox department's records for them
  backup    write a backup of the whole database to BACKUP_DIR (default DATA_DIR/backups) now; on the embedded
            database only while the platform is stopped (running: the console's 数据备份 → 立即备份)
  backup-verify <file>  read a backup file back in full: its key, tag, record order and checksums
  restore <file> [--replace]  restore a backup into an empty database, with the platform stopped. Embedded:
            --replace moves the current DATA_DIR/pglite aside (kept as pglite.before-restore-<time>) first.
            PostgreSQL: DATABASE_URL must name an empty database (create one; nothing is ever overwritten).
            Needs the backed-up installation's DATA_ENCRYPTION_KEY (demo: its data/keys/data-encryption.key).
  rekey [--check]  re-encrypt every sealed value under DATA_ENCRYPTION_KEY, opening older values with
            DATA_DECRYPTION_KEYS (key rotation, docs/data-keys.md); --check only counts what each key sealed
  rotate-data-key  demo mode (key files under DATA_DIR/keys): a new data key, then rekey; the old key is
            forgotten once nothing needs it
  rotate-index-key [--check]  with every server copy stopped: a new key for the blind indexes (lookups by phone
            or ID number), wrapping every stored index; --check only counts which index key made them
  dept-gateway  serve the sandbox departments over HTTP (signed requests; DEPT_GATEWAY_PORT, DEPT_GATEWAY_KEYS)
  staff-create --username u --name 名字 --role r --department d [--city 440100]
            create a console staff account; prints a one-time password once (changed at first login,
            where the TOTP authenticator is enrolled). Roles: ${Object.keys(ROLES).join(', ')}`;

/** --name value pairs after the command. */
function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

/** One line on stderr, rewritten in place: [#####.....] 45% 450,000/1,000,000 · 12,345/s · ETA 40 s */
function progressBar(started: number) {
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - lastPrinted < (tty ? 200 : 5000)) return;
    lastPrinted = now;
    const share = total ? done / total : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const line = `[${bar}] ${Math.floor(share * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(rate).toLocaleString('en')}/s · ETA ${eta} s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    if (done >= total && tty) process.stderr.write('\n');
  };
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: `${config.dataDir}/pglite` });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** `staff-create`: the only way to make a staff account outside demo mode (no default accounts). */
async function staffCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      city: { type: 'string' },
    },
    strict: true,
  });
  if (!values.username || !values.name || !values.role || !values.department) {
    console.error(USAGE);
    process.exit(2);
  }
  const input = {
    username: values.username,
    displayName: values.name,
    grants: [{ role: values.role, departmentId: values.department, cityCode: values.city ?? null }],
  };
  try {
    const created = await withDatabase(async (d) => {
      await migrate(d.db);
      // grants reference the departments: make sure the reference data is there
      await seedCatalog(d.db);
      return createStaffAccount(d.db, input);
    });
    console.log(`created staff account ${created.username}`);
    console.log(`one-time password (shown once; changed at first login): ${created.password}`);
  } catch (err) {
    if (err instanceof StaffAccountError) {
      console.error(`staff-create: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

/**
 * The data keys a backup or restore needs: configured, or in demo mode the installation's key files (a backup may
 * create the key, as the platform's first start would; a restore never does — a new key could read nothing).
 */
function backupKeys(config: ReturnType<typeof loadConfig>, o: { create: boolean }): DataKeySet {
  try {
    return resolveDataKeys(config, o);
  } catch (err) {
    if (!(err instanceof DataKeyError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}

function failBackup(command: string, err: unknown): never {
  if (err instanceof BackupError) {
    console.error(`${command}: ${err.message} (${err.code})`);
    process.exit(2);
  }
  throw err;
}

async function backupNow() {
  const config = loadConfig();
  const keys = backupKeys(config, { create: true });
  const run = await withDatabase(async (d) => {
    const service = new BackupService({
      db: d.db,
      engine: d.engine,
      dataKey: keys.current,
      decryptionKeys: keys.decryptionKeys,
      ...config.backup,
      intervalMs: 0,
      log: pino({ level: 'warn' }),
    });
    return service.backUp({ kind: 'cli' });
  });
  if (run.status !== 'succeeded') {
    console.error(`backup failed: ${run.error}`);
    process.exit(1);
  }
  console.log(
    `backup written: ${path.join(config.backup.dir, run.file_name)} (${Number(run.bytes).toLocaleString('en')} bytes, ` +
      `${run.tables} tables, ${Number(run.row_count).toLocaleString('en')} rows)`,
  );
}

async function backupVerify(file: string | undefined) {
  if (!file) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  try {
    const keys = backupKeys(config, { create: false });
    const v = await verifyBackup(path.resolve(file), [keys.current, ...keys.decryptionKeys]);
    console.log(
      `backup is sound: written ${v.header.createdAt} on ${v.header.engine}, ${v.header.migrations.length} migrations, ` +
        `${v.tables} tables, ${v.rows.toLocaleString('en')} rows`,
    );
  } catch (err) {
    failBackup('backup-verify', err);
  }
}

async function restore(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { replace: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0] ? path.resolve(positionals[0]) : undefined;
  if (!file || !existsSync(file)) {
    console.error(file ? `restore: no such file: ${file}` : USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const keys = backupKeys(config, { create: false });
  const dataKey = [keys.current, ...keys.decryptionKeys];
  // Before touching anything: the file must be sound and for this key (restoreBackup checks again).
  try {
    await verifyBackup(file, dataKey);
  } catch (err) {
    failBackup('restore', err);
  }
  const pgliteDir = `${config.dataDir}/pglite`;
  let setAside: string | undefined;
  if (!config.databaseUrl && existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) {
    if (!values.replace) {
      console.error(
        `restore: ${pgliteDir} already holds a database. Stop the platform and add --replace to move it aside ` +
          '(it is kept, not deleted), or set DATA_DIR to an empty folder.',
      );
      process.exit(2);
    }
    // The lock refuses while the platform runs; take it before moving the folder.
    const unlock = lockDataDir(pgliteDir);
    setAside = `${pgliteDir}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
    renameSync(pgliteDir, setAside);
    unlock();
    console.log(`moved the current database aside: ${setAside}`);
  }
  const startedAt = new Date();
  try {
    const summary = await withDatabase(async (d) => {
      const restored = await restoreBackup(d.db, { file, dataKey });
      await recordRestore(d.db, {
        fileName: path
          .basename(file)
          .replace(/[^A-Za-z0-9._-]/g, '_')
          .slice(0, 200),
        startedAt,
        finishedAt: new Date(),
        tables: restored.tables,
        rows: restored.rows,
      });
      await new AuditLog(d.db).record({
        action: 'platform.restore',
        result: 'success',
        actorKind: 'system',
        detail: { file: path.basename(file), backupCreatedAt: restored.backupCreatedAt, rows: restored.rows },
      });
      return restored;
    });
    console.log(
      `restored ${summary.tables} tables, ${summary.rows.toLocaleString('en')} rows (backup of ${summary.backupCreatedAt}); ` +
        `every table read back and checked${summary.migratedAfter.length ? `; then applied ${summary.migratedAfter.join(', ')}` : ''}`,
    );
  } catch (err) {
    if (setAside) {
      rmSync(pgliteDir, { recursive: true, force: true });
      renameSync(setAside, pgliteDir);
      console.error(`restore failed; the previous database was put back at ${pgliteDir}`);
    } else if (config.databaseUrl && !(err instanceof BackupError && err.code === 'RESTORE_TARGET_NOT_EMPTY')) {
      console.error(
        'restore failed; no data was loaded, but the database may now hold empty tables: drop and create it again before retrying',
      );
    }
    failBackup('restore', err);
  }
}

async function main(command: string | undefined) {
  switch (command) {
    case 'backup':
      await backupNow();
      return;
    case 'backup-verify':
      await backupVerify(process.argv[3]);
      return;
    case 'restore':
      await restore(process.argv.slice(3));
      return;
    case 'rekey':
      process.exitCode = await rekeyCommand(loadConfig(), process.argv.slice(3), withDatabase);
      return;
    case 'rotate-data-key':
      process.exitCode = await rotateDataKeyCommand(loadConfig(), withDatabase);
      return;
    case 'rotate-index-key':
      process.exitCode = await rotateIndexKeyCommand(loadConfig(), process.argv.slice(3), withDatabase);
      return;
    case 'staff-create':
      await staffCreate(process.argv.slice(3));
      return;
    case 'start':
      await start();
      return;
    case 'migrate': {
      const applied = await withDatabase((d) => migrate(d.db));
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'seed': {
      const args = process.argv.slice(3);
      const citizens = flag(args, 'citizens');
      const seed = flag(args, 'seed') ?? '1';
      const count = citizens === undefined ? undefined : Number(citizens);
      if (count !== undefined && (!Number.isInteger(count) || count < 0 || count > 10_000_000)) {
        console.error('--citizens must be a whole number between 0 and 10,000,000');
        process.exit(2);
      }
      await withDatabase(async (d) => {
        await migrate(d.db);
        const catalog = await seedCatalog(d.db);
        console.log(`seeded ${catalog.services} services, ${catalog.faqs} FAQs, ${catalog.departments} departments`);
        if (count === undefined) return;
        const started = Date.now();
        const province = await seedProvince(d.db, { count, seed, onProgress: progressBar(started) });
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `seeded the sandbox province (seed ${seed}): ${province.people.toLocaleString('en')} citizens in ${seconds.toFixed(1)} s ` +
            `(${Math.round(province.people / Math.max(seconds, 0.001)).toLocaleString('en')}/s); departments: ${province.departments.join(', ')}`,
        );
      });
      return;
    }
    case 'dept-gateway': {
      const config = loadConfig();
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDataDir: `${config.dataDir}/pglite`,
      });
      await migrate(database.db);
      const gateway = await startDepartmentGateway(config, database.db);
      const stop = async () => {
        await gateway.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return;
    }
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
}

main(process.argv[2]).catch(exitOnConfigError);
