import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { BackupWriter } from './backup-file.js';
import { readInventory, readSequences } from './inventory.js';
import { dumpTable, fixTextForms } from './table-dump.js';

/**
 * The lines of a backup's data (inside the encryption): each table as
 *   ["T", table, [columns to insert]]   then one row_to_json line per row   then ["E", table, rows, sha256]
 * then ["S", [[sequence, last value or null], …]] and the closing ["Z", tables, rows]. Rows start with `{`,
 * records with `[`, so a reader tells them apart by the first character.
 */
export type BackupRecord =
  | ['T', string, string[]]
  | ['E', string, number, string]
  | ['S', Array<[string, string | null]>]
  | ['Z', number, number];

export interface BackupSummary {
  bytes: number;
  tables: number;
  rows: number;
  migrations: number;
  /** Per table: rows and SHA-256 of its lines (the restore checks the database against these). */
  digests: Record<string, { rows: number; sha256: string }>;
}

/**
 * A consistent copy of the whole database into `file`: one REPEATABLE READ, READ ONLY transaction, so every table
 * is read as of one moment (foreign keys hold between them). On PostgreSQL this reads beside the running
 * platform (MVCC); on PGlite, a single session, the platform's other statements wait until it is done.
 */
export async function writeBackup(
  db: Db,
  options: { file: string; dataKey: Buffer; engine: 'pglite' | 'postgres'; now?: Date },
): Promise<BackupSummary> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      await fixTextForms(tx);
      const migrations = await sql<{ version: string; checksum: string }>`
        select version, checksum from schema_migrations order by version`
        .execute(tx)
        .then((r) => r.rows.map((m): [string, string] => [m.version, m.checksum]));
      const tables = await readInventory(tx);
      const writer = await BackupWriter.create(options.file, options.dataKey, {
        createdAt: (options.now ?? new Date()).toISOString(),
        engine: options.engine,
        migrations,
      });
      const record = (r: BackupRecord) => writer.line(JSON.stringify(r));
      try {
        const digests: BackupSummary['digests'] = {};
        let rows = 0;
        for (const table of tables) {
          await record(['T', table.qualified, table.columns.filter((c) => c.insertable).map((c) => c.name)]);
          const digest = await dumpTable(tx, table, (json) => writer.line(json));
          await record(['E', table.qualified, digest.rows, digest.sha256]);
          digests[table.qualified] = digest;
          rows += digest.rows;
        }
        const sequences = await readSequences(tx);
        await record(['S', sequences.map((s): [string, string | null] => [s.qualified, s.lastValue])]);
        await record(['Z', tables.length, rows]);
        const bytes = await writer.finish();
        return { bytes, tables: tables.length, rows, migrations: migrations.length, digests };
      } catch (err) {
        await writer.abort();
        throw err;
      }
    });
}
