import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type BackupTable, quoted } from './inventory.js';

/**
 * One table's rows as JSON text (row_to_json), in primary-key order, read through a cursor so that a table of
 * millions of rows never sits in memory. Used both to write a backup and, after a restore, to check that the
 * database now holds exactly what the backup held (same lines, same SHA-256).
 *
 * The session settings fix the text form of every value (time zone, date style, bytea, floats), so the same
 * rows give the same lines on PGlite and on PostgreSQL.
 */

const FETCH_ROWS = 1000;
let cursorCount = 0;

/** Call inside the transaction, before dumping. */
export async function fixTextForms(tx: Db): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(tx);
  await sql`set local datestyle = 'ISO, YMD'`.execute(tx);
  await sql`set local intervalstyle = 'postgres'`.execute(tx);
  await sql`set local bytea_output = 'hex'`.execute(tx);
  await sql`set local extra_float_digits = 1`.execute(tx);
}

export interface TableDigest {
  rows: number;
  sha256: string;
}

/** Feeds each row's JSON text to `onRow` (awaited: the caller may be writing a file) and returns the digest. */
export async function dumpTable(
  tx: Db,
  table: BackupTable,
  onRow: (json: string) => Promise<void> | void,
): Promise<TableDigest> {
  const order = table.primaryKey.length
    ? table.primaryKey.map((c) => `t."${c}"`).join(', ')
    : // No primary key: order by the whole row's text (such tables are small reference lists).
      'row_to_json(t)::text';
  const cursor = `yss_backup_${++cursorCount}`;
  await sql
    .raw(
      `declare ${cursor} no scroll cursor for select row_to_json(t)::text as j from ${quoted(table.qualified)} t order by ${order}`,
    )
    .execute(tx);
  const hash = createHash('sha256');
  let rows = 0;
  for (;;) {
    const batch = await sql.raw<{ j: string }>(`fetch forward ${FETCH_ROWS} from ${cursor}`).execute(tx);
    for (const { j } of batch.rows) {
      hash.update(j).update('\n');
      rows++;
      await onRow(j);
    }
    if (batch.rows.length < FETCH_ROWS) break;
  }
  // On an error the transaction ends and takes the cursor with it.
  await sql.raw(`close ${cursor}`).execute(tx);
  return { rows, sha256: hash.digest('hex') };
}
