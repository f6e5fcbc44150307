import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * The batch loop shared by the maintenance commands that rewrite one column of every row (`npm run rekey`:
 * re-encryption under the current data key; `npm run rotate-index-key`: blind indexes wrapped with the new key).
 * Rows still to do are read in primary-key order, a page at a time (keyset paging: no offset to skip over), each
 * page rewritten by one `update … from (values …)` in its own transaction. A row is only rewritten if it still
 * holds the value read, so a server copy that changed it meanwhile wins; a run can be stopped and started again.
 */

const ident = (name: string) => sql.id(name);

/** The column a rewrite walks: its table, its primary key and how its values are stored. */
export interface RewrittenColumn {
  table: string;
  column: string;
  /** The columns that identify one row (its primary key). */
  key: readonly string[];
  kind: 'text' | 'bytes';
}

export interface BatchRewriteReport {
  rewritten: number;
  /** Rows whose value could not be rewritten: left as they were. */
  failed: number;
  /** The first of those, named by table, column and key (never by the value). */
  firstError?: string;
}

export interface BatchRewrite {
  column: RewrittenColumn;
  /** Other columns `rewrite` reads (e.g. the associated data of a sealed value). */
  reads?: readonly string[];
  /** The rows still to do, besides `column is not null` (SQL over the table's columns). */
  pending: RawBuilder<unknown>;
  batchSize: number;
  /** The new value of a row; a throw that `isRowFailure` accepts counts the row as failed, any other ends the run. */
  rewrite: (row: Record<string, unknown>) => string | Buffer;
  isRowFailure: (err: unknown) => boolean;
  /** Run in each batch's transaction before its update. */
  beforeUpdate?: (tx: Db) => Promise<void>;
  /** After each batch: the counts so far. */
  onBatch?: (done: BatchRewriteReport) => void;
}

/** Rewrite `column` in every row `pending` selects, a batch at a time in key order. */
export async function rewriteColumn(db: Db, w: BatchRewrite): Promise<BatchRewriteReport> {
  const c = w.column;
  const done: BatchRewriteReport = { rewritten: 0, failed: 0 };
  const keyTuple = sql.join(
    c.key.map((k) => ident(k)),
    sql`, `,
  );
  const selected = sql.join(
    [...new Set([...c.key, ...(w.reads ?? []), c.column])].map((k) => ident(k)),
    sql`, `,
  );
  const keyTypes = await columnTypes(db, c.table, c.key);
  let after: unknown[] | undefined;
  for (;;) {
    const page = after ? sql`and (${keyTuple}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      select ${selected} from ${ident(c.table)}
       where ${ident(c.column)} is not null and ${w.pending} ${page}
       order by ${keyTuple} limit ${w.batchSize}`.execute(db);
    if (rows.length === 0) return done;
    after = c.key.map((k) => rows[rows.length - 1]?.[k]);
    const updates: { row: Record<string, unknown>; sealed: string | Buffer }[] = [];
    for (const row of rows) {
      try {
        updates.push({ row, sealed: w.rewrite(row) });
      } catch (err) {
        if (!w.isRowFailure(err)) throw err;
        done.failed++;
        done.firstError ??= `${c.table}.${c.column} (${c.key.map((k) => String(row[k])).join(', ')}): ${
          (err as Error).message
        }`;
      }
    }
    if (updates.length > 0) {
      done.rewritten += await db.transaction().execute(async (tx) => {
        await w.beforeUpdate?.(tx);
        return updateBatch(tx, c, keyTypes, updates);
      });
    }
    w.onBatch?.({ ...done });
  }
}

/** The SQL types of a table's columns (format_type: 'uuid', 'integer', 'text' …), to type a VALUES list. */
export async function columnTypes(db: Db, table: string, columns: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
     where attrelid = ${`public.${table}`}::regclass and attnum > 0 and not attisdropped`.execute(db);
  const types = new Map(rows.map((r) => [r.name, r.type]));
  for (const k of columns) if (!types.has(k)) throw new Error(`${table}.${k}: no such column`);
  return types;
}

/**
 * One statement for a batch: `update … from (values …)`, each row matched by its key and still holding the value
 * read (a copy that changed it meanwhile wrote it with the current key, and is left alone). Returns the rows
 * rewritten. The VALUES are typed by casts to the key columns' own types, so the match uses the primary key.
 */
export async function updateBatch(
  tx: Db,
  c: RewrittenColumn,
  keyTypes: ReadonlyMap<string, string>,
  updates: readonly { row: Record<string, unknown>; sealed: string | Buffer }[],
): Promise<number> {
  const valueType = sql.raw(c.kind === 'text' ? 'text' : 'bytea');
  const rows = updates.map(
    ({ row, sealed }) =>
      sql`(${sql.join([
        ...c.key.map((k) => sql`${row[k]}::${sql.raw(keyTypes.get(k) as string)}`),
        sql`${row[c.column]}::${valueType}`,
        sql`${sealed}::${valueType}`,
      ])})`,
  );
  const keyNames = c.key.map((_, i) => sql.raw(`k${i}`));
  const matches = sql.join(
    c.key.map((k, i) => sql`t.${ident(k)} = v.${keyNames[i]}`),
    sql` and `,
  );
  const r = await sql`
    update ${ident(c.table)} as t set ${ident(c.column)} = v.sealed
      from (values ${sql.join(rows)}) as v (${sql.join([...keyNames, sql.raw('was'), sql.raw('sealed')])})
     where ${matches} and t.${ident(c.column)} = v.was`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}
