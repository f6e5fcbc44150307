import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type BatchRewriteReport, rewriteColumn } from './column-batches.js';
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
  const report = (r: BatchRewriteReport): RekeyedColumn => ({
    table: c.table,
    column: c.column,
    resealed: r.rewritten,
    failed: r.failed,
    ...(r.firstError ? { firstError: r.firstError } : {}),
  });
  const r = await rewriteColumn(db, {
    column: c,
    reads: c.reads,
    pending: notSealedWith(c, cipher.keyId),
    batchSize,
    rewrite: (row) => {
      const value = row[c.column] as string | Uint8Array;
      const aad = c.aad(row);
      return c.kind === 'text'
        ? cipher.encrypt(cipher.decrypt(value as string, aad), aad)
        : cipher.encryptBytes(cipher.decryptBytes(value as Uint8Array, aad), aad);
    },
    // any value that cannot be opened is left as it was and counted (unknown key, wrong associated data)
    isRowFailure: () => true,
    // the append-only logs allow this one replacement inside the batch's transaction (migrations/0076)
    beforeUpdate: async (tx) => {
      await sql`select set_config('yss.rekey', 'on', true)`.execute(tx);
    },
    onBatch: onBatch && ((r) => onBatch(report(r))),
  });
  return report(r);
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
