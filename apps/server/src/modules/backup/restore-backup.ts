import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type Migration, migrate, readMigrations } from '../../db/migrate.js';
import { BackupError, openBackup } from './backup-file.js';
import { type BackupTable, quoted, readInventory } from './inventory.js';
import { dumpTable, fixTextForms } from './table-dump.js';
import { verifyBackup } from './verify-backup.js';
import type { BackupRecord } from './write-backup.js';

/** Rows per insert statement (and at most this many bytes of JSON): large enough to be quick, small enough for memory. */
const INSERT_ROWS = 500;
const INSERT_BYTES = 4 << 20;

export interface RestoreSummary {
  tables: number;
  rows: number;
  /** Migrations of this build newer than the backup, applied after the data was loaded. */
  migratedAfter: string[];
  backupCreatedAt: string;
}

/**
 * Restore a backup into an EMPTY database (never over live data: a restore that went wrong must leave something
 * to go back to — the CLI moves an embedded database aside first; on PostgreSQL, restore into a new database).
 *
 * 1. The backup's migrations must be this build's first migrations, unchanged: the database is migrated to
 *    exactly those, so the tables are the ones the rows were read from.
 * 2. The whole file is read once without a database (verifyBackup): tag, record order, per-table checksums.
 * 3. In one transaction: empty what the migrations put in the tables, load every table in foreign-key order,
 *    set every sequence, then read each table back and compare rows and SHA-256 with what the backup recorded.
 *    Only then commit.
 * 4. Apply this build's newer migrations, as a start-up would.
 */
export async function restoreBackup(
  db: Db,
  options: { file: string; dataKey: Buffer | readonly Buffer[]; migrations?: Migration[] },
): Promise<RestoreSummary> {
  const known = options.migrations ?? readMigrations();
  // The whole file first: nothing is loaded from a file whose tag or checksums turn out wrong at its end.
  const { header } = await verifyBackup(options.file, options.dataKey);

  const prefix = known.slice(0, header.migrations.length);
  header.migrations.forEach(([version, checksum], i) => {
    const mine = prefix[i];
    if (!mine || mine.version !== version || mine.checksum !== checksum) {
      throw new BackupError(
        'RESTORE_NEWER_BACKUP',
        `这份备份来自不同（或更新）版本的平台：迁移 ${version} 在本版本中${mine ? '不同' : '不存在'}。请用备份时的版本或更新的版本恢复。`,
      );
    }
  });

  const existing = await sql<{ n: number }>`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and (n.nspname = current_schema() or n.nspname like 'dept\\_%')`
    .execute(db)
    .then((r) => r.rows[0]?.n ?? 0);
  if (existing > 0) {
    throw new BackupError(
      'RESTORE_TARGET_NOT_EMPTY',
      `目标数据库不是空的（已有 ${existing} 张表）：恢复只写入空数据库，以免覆盖现有数据。`,
    );
  }

  await migrate(db, prefix);
  const loaded = await db.transaction().execute(async (tx) => {
    await fixTextForms(tx);
    const tables = new Map((await readInventory(tx)).map((t) => [t.qualified, t]));
    if (tables.size > 0) {
      // cascade: the tables a backup leaves out (sessions…) reference some of these; they are empty here.
      await sql.raw(`truncate ${[...tables.keys()].map(quoted).join(', ')} restart identity cascade`).execute(tx);
    }
    const { lines } = await openBackup(options.file, options.dataKey);
    return loadLines(tx, tables, lines);
  });
  const migratedAfter = await migrate(db, known);
  return { ...loaded, migratedAfter, backupCreatedAt: header.createdAt };
}

async function loadLines(
  tx: Db,
  tables: Map<string, BackupTable>,
  lines: AsyncIterable<string>,
): Promise<{ tables: number; rows: number }> {
  const expected = new Map<string, { rows: number; sha256: string }>();
  let current: { table: BackupTable; columns: string[]; batch: string[]; bytes: number; rows: number } | undefined;
  let hash = createHash('sha256');
  let closing: ['Z', number, number] | undefined;

  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    const target = quoted(current.table.qualified);
    const columns = current.columns.map((c) => `"${c}"`).join(', ');
    const overriding = current.table.hasIdentityAlways ? 'overriding system value' : '';
    await sql`${sql.raw(`insert into ${target} (${columns}) ${overriding} select ${columns} from json_populate_recordset(null::${target},`)} ${`[${current.batch.join(',')}]`}::json)`.execute(
      tx,
    );
    current.batch = [];
    current.bytes = 0;
  };

  for await (const line of lines) {
    if (closing) throw new BackupError('BACKUP_DAMAGED', '备份文件在结束标记之后还有内容。');
    if (line.startsWith('{')) {
      if (!current) throw new BackupError('BACKUP_DAMAGED', '备份文件中有不属于任何表的数据行。');
      hash.update(line).update('\n');
      current.rows++;
      current.batch.push(line);
      current.bytes += line.length;
      if (current.batch.length >= INSERT_ROWS || current.bytes >= INSERT_BYTES) await flush();
      continue;
    }
    const record = JSON.parse(line) as BackupRecord;
    switch (record[0]) {
      case 'T': {
        const [, name, columns] = record;
        const table = tables.get(name);
        const mine = table?.columns.filter((c) => c.insertable).map((c) => c.name);
        if (!table || !mine || mine.length !== columns.length || columns.some((c) => !mine.includes(c))) {
          throw new BackupError('RESTORE_SCHEMA_MISMATCH', `表 ${name} 与本版本的表结构不一致，无法恢复。`);
        }
        current = { table, columns, batch: [], bytes: 0, rows: 0 };
        hash = createHash('sha256');
        break;
      }
      case 'E': {
        const [, name, rows, sha256] = record;
        if (!current || current.table.qualified !== name) {
          throw new BackupError('BACKUP_DAMAGED', `备份文件中表 ${name} 的结束标记不在原处。`);
        }
        await flush();
        if (current.rows !== rows || hash.digest('hex') !== sha256) {
          throw new BackupError('BACKUP_DAMAGED', `备份文件中表 ${name} 的数据与其校验值不符。`);
        }
        expected.set(name, { rows, sha256 });
        current = undefined;
        break;
      }
      case 'S':
        for (const [name, lastValue] of record[1]) {
          if (lastValue === null) continue;
          await sql`select setval(${quoted(name)}::regclass, ${lastValue}::bigint, true)`.execute(tx);
        }
        break;
      case 'Z':
        closing = record;
        break;
      default:
        throw new BackupError('BACKUP_DAMAGED', '备份文件中有无法识别的记录。');
    }
  }
  // Reaching here means the whole file was read and its GCM tag matched.
  if (!closing || current) throw new BackupError('BACKUP_DAMAGED', '备份文件不完整（缺少结束标记）。');
  const [, tableCount, rowCount] = closing;
  const missing = [...tables.keys()].filter((t) => !expected.has(t));
  if (expected.size !== tableCount || missing.length > 0) {
    throw new BackupError(
      'RESTORE_SCHEMA_MISMATCH',
      `备份中的表与本版本不一致${missing.length ? `（备份中没有：${missing.join('、')}）` : ''}。`,
    );
  }

  // Read everything back: the database must now hold exactly the backup's rows.
  let rows = 0;
  for (const [name, want] of expected) {
    const table = tables.get(name) as BackupTable;
    const got = await dumpTable(tx, table, () => undefined);
    if (got.rows !== want.rows || got.sha256 !== want.sha256) {
      throw new BackupError(
        'RESTORE_VERIFY_FAILED',
        `恢复后表 ${name} 的内容与备份不一致（${got.rows} 行，备份 ${want.rows} 行）。`,
      );
    }
    rows += got.rows;
  }
  if (rows !== rowCount) throw new BackupError('RESTORE_VERIFY_FAILED', '恢复后的行数与备份记录的不一致。');
  return { tables: expected.size, rows };
}
