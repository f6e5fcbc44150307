import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { FieldCipher } from './crypto.js';
import type { SealedColumn } from './sealed-column.js';

/**
 * Re-encryption under the current data key (`npm run rekey`, docs/data-keys.md): every value of every sealed
 * column that another key sealed is opened with the associated data it was sealed with and sealed again with the
 * current key. Safe beside running server copies: a row is rewritten only if its value is still the one read (a
 * copy that changed it meanwhile wrote it with the current key), each batch in its own transaction, and a run
 * can be stopped and started again. The append-only logs allow exactly this replacement in such a transaction
 * (migrations/0076: set_config('yss.rekey', 'on', true)).
 */

export interface ColumnKeys {
  table: string;
  column: string;
  /** Values per key id ('v1': sealed before key ids; 'unreadable': not a sealed value at all). */
  byKey: Record<string, number>;
}

export interface RekeyedColumn {
  table: string;
  column: string;
  resealed: number;
  /** Values that could not be opened (unknown key, wrong associated data): left as they were. */
  failed: number;
  firstError?: string;
}

const ident = (name: string) => sql.id(name);
const keyTuple = (c: SealedColumn) =>
  sql.join(
    c.key.map((k) => ident(k)),
    sql`, `,
  );

/** Rows still to re-encrypt: not sealed with `keyId` (text: the v2 prefix; bytes: version 2 and the id's bytes). */
function notSealedWith(c: SealedColumn, keyId: string): RawBuilder<unknown> {
  const col = ident(c.column);
  if (c.kind === 'text') return sql`${col} not like ${`v2.${keyId}.%`}`;
  const prefix = Buffer.concat([Buffer.of(2), Buffer.from(keyId, 'base64url')]);
  return sql`substring(${col} from 1 for ${prefix.length}) <> ${prefix}`;
}

/** How many values of each column each key sealed (what still needs the old key, before it is forgotten). */
export async function censusOfKeys(db: Db, columns: readonly SealedColumn[]): Promise<ColumnKeys[]> {
  const out: ColumnKeys[] = [];
  for (const c of columns) {
    const col = ident(c.column);
    const id =
      c.kind === 'text'
        ? sql<string>`case when ${col} like 'v2.%' then split_part(${col}, '.', 2)
                           when ${col} like 'v1.%' then 'v1' else 'unreadable' end`
        : sql<string>`case when get_byte(${col}, 0) = 2 and length(${col}) >= 35
                             then encode(substring(${col} from 2 for 6), 'base64')
                           when get_byte(${col}, 0) = 1 then 'v1' else 'unreadable' end`;
    const { rows } = await sql<{ id: string; n: string | number }>`
      select ${id} as id, count(*) as n from ${ident(c.table)} where ${col} is not null group by 1`.execute(db);
    const byKey: Record<string, number> = {};
    for (const r of rows) {
      // Postgres's base64 is the standard alphabet; key ids are base64url (6 bytes: no padding either way).
      const key = c.kind === 'bytes' && r.id !== 'v1' && r.id !== 'unreadable' ? toBase64url(r.id) : r.id;
      byKey[key] = (byKey[key] ?? 0) + Number(r.n);
    }
    out.push({ table: c.table, column: c.column, byKey });
  }
  return out;
}

const toBase64url = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Re-encrypt one column, a batch at a time in key order (a value that fails is passed, not retried forever). */
async function rekeyColumn(
  db: Db,
  cipher: FieldCipher,
  c: SealedColumn,
  batchSize: number,
  onBatch?: (done: RekeyedColumn) => void,
): Promise<RekeyedColumn> {
  const done: RekeyedColumn = { table: c.table, column: c.column, resealed: 0, failed: 0 };
  const selected = sql.join(
    [...new Set([...c.key, ...(c.reads ?? []), c.column])].map((k) => ident(k)),
    sql`, `,
  );
  const keyTypes = await columnTypes(db, c.table, c.key);
  let after: unknown[] | undefined;
  for (;;) {
    const page = after ? sql`and (${keyTuple(c)}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      select ${selected} from ${ident(c.table)}
       where ${ident(c.column)} is not null and ${notSealedWith(c, cipher.keyId)} ${page}
       order by ${keyTuple(c)} limit ${batchSize}`.execute(db);
    if (rows.length === 0) return done;
    after = c.key.map((k) => rows[rows.length - 1]?.[k]);
    const updates: { row: Record<string, unknown>; sealed: string | Buffer }[] = [];
    for (const row of rows) {
      const value = row[c.column] as string | Uint8Array;
      try {
        const aad = c.aad(row);
        const sealed =
          c.kind === 'text'
            ? cipher.encrypt(cipher.decrypt(value as string, aad), aad)
            : cipher.encryptBytes(cipher.decryptBytes(value as Uint8Array, aad), aad);
        updates.push({ row, sealed });
      } catch (err) {
        done.failed++;
        done.firstError ??= `${c.table}.${c.column} (${c.key.map((k) => String(row[k])).join(', ')}): ${
          (err as Error).message
        }`;
      }
    }
    if (updates.length > 0) {
      await db.transaction().execute(async (tx) => {
        await sql`select set_config('yss.rekey', 'on', true)`.execute(tx);
        done.resealed += await updateBatch(tx, c, keyTypes, updates);
      });
    }
    onBatch?.(done);
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
  c: Pick<SealedColumn, 'table' | 'column' | 'key' | 'kind'>,
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

/** Re-encrypt every sealed column under the cipher's current key; the report says what was done per column. */
export async function rekey(
  db: Db,
  cipher: FieldCipher,
  columns: readonly SealedColumn[],
  o: { batchSize?: number; onBatch?: (done: RekeyedColumn) => void } = {},
): Promise<RekeyedColumn[]> {
  const report: RekeyedColumn[] = [];
  for (const c of columns) report.push(await rekeyColumn(db, cipher, c, o.batchSize ?? 500, o.onBatch));
  return report;
}

/** The key ids other than the current one that still seal something (empty: the old keys may be forgotten). */
export function keysStillInUse(census: readonly ColumnKeys[], currentKeyId: string): string[] {
  const ids = new Set<string>();
  for (const c of census) for (const id of Object.keys(c.byKey)) if (id !== currentKeyId) ids.add(id);
  return [...ids];
}
