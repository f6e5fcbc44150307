import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ADVISORY_LOCKS } from '../../db/advisory-locks.js';
import type { DatabaseHandle, Db, SessionLock } from '../../db/database.js';
import { rewriteColumn } from './column-batches.js';
import { type FieldCipher, UnknownIndexKeyError } from './crypto.js';
import { DataKeyError, establishIndexKey, indexKeyAad } from './data-keys.js';
import type { IndexedColumn } from './indexed-columns.js';

/**
 * Index-key rotation (`npm run rotate-index-key`, docs/data-keys.md). A blind index is an HMAC of a phone or ID
 * number; whoever holds the index key and a copy of the indexes can test guesses against them. Rotating adds a key
 * to the chain and wraps every stored index with it (FieldCipher.reindex) — from the stored index alone, so no
 * personal value is opened and columns whose value is kept nowhere rotate like the rest.
 *
 * It runs with the server copies stopped: a copy still using the old chain would write indexes the new chain
 * never finds, and look up with indexes the rewritten rows no longer hold. On PostgreSQL every copy holds
 * SERVER_COPIES_LOCK shared while it runs, and the rotation takes it exclusively, so it refuses to start beside one
 * (and a copy refuses to start during it); PGlite allows one process per folder anyway.
 *
 * Steps, each safe to repeat: a new key is stored 'pending' (servers refuse to start while one is); every column of
 * INDEXED_COLUMNS is wrapped a batch at a time, rows already made with the new key skipped; then the key becomes
 * 'active'. An interrupted run is finished by running it again, which takes up the pending key.
 */

/** The advisory lock's key: held shared by each server copy, exclusively by the rotation. */
export const SERVER_COPIES_LOCK = ADVISORY_LOCKS.serverCopies;

export interface IndexColumnCensus {
  table: string;
  column: string;
  /** Indexes per key that made them: the index key's id, or '' for the chain's first key (no prefix). */
  byKey: Record<string, number>;
}

export interface RotatedColumn {
  table: string;
  column: string;
  rewritten: number;
  /** Indexes made by a key this database does not hold (not an index at all, another site's): left as they were. */
  failed: number;
  firstError?: string;
}

export interface IndexKeyRotation {
  /** The new key's id (the prefix of every index from now on) and its place in the chain. */
  keyId: string;
  position: number;
  /** True when a pending key of an interrupted run was taken up rather than a new one made. */
  resumed: boolean;
  columns: RotatedColumn[];
  /** False when some index could not be wrapped: the key stays pending, servers do not start. */
  activated: boolean;
}

const ident = (name: string) => sql.id(name);
const onlyWhere = (c: IndexedColumn) => (c.onlyWhere ? sql`and ${sql.raw(c.onlyWhere)}` : sql``);
/** The key id a stored index names ('' for none: the chain's first key). */
const keyIdOf = (col: ReturnType<typeof ident>) =>
  sql<string>`case when strpos(${col}, '.') > 0 then split_part(${col}, '.', 1) else '' end`;

/** How many indexes of each column each key made (after a finished rotation: the current key only). */
export async function censusOfIndexes(db: Db, columns: readonly IndexedColumn[]): Promise<IndexColumnCensus[]> {
  const out: IndexColumnCensus[] = [];
  for (const c of columns) {
    const col = ident(c.column);
    const { rows } = await sql<{ id: string; n: string | number }>`
      select ${keyIdOf(col)} as id, count(*) as n from ${ident(c.table)}
       where ${col} is not null ${onlyWhere(c)} group by 1`.execute(db);
    out.push({ table: c.table, column: c.column, byKey: Object.fromEntries(rows.map((r) => [r.id, Number(r.n)])) });
  }
  return out;
}

/**
 * The exclusive hold on the database for a maintenance step that no server copy may run beside (PostgreSQL;
 * PGlite's folder lock already gives that). Refuses, in Chinese, when a copy is running.
 */
export async function holdServerCopiesOut(database: DatabaseHandle): Promise<SessionLock> {
  if (!database.sessionLock) return { release: async () => undefined };
  const lock = await database.sessionLock(SERVER_COPIES_LOCK, 'exclusive');
  if (!lock) {
    throw new DataKeyError('还有服务实例连接着这个数据库：轮换索引密钥前，请先停止所有服务实例（完成后再启动）。');
  }
  return lock;
}

/** What a server copy holds while it runs (PostgreSQL): refuses to start during an index-key rotation. */
export async function holdAsServerCopy(database: DatabaseHandle): Promise<SessionLock | undefined> {
  if (!database.sessionLock) return undefined;
  const lock = await database.sessionLock(SERVER_COPIES_LOCK, 'shared');
  if (!lock) throw new DataKeyError('索引密钥正在轮换（npm run rotate-index-key）：请在它完成后再启动服务。');
  return lock;
}

/** Wrap one column's indexes with the cipher's current chain, a batch at a time in key order. */
async function rotateColumn(
  db: Db,
  cipher: FieldCipher,
  c: IndexedColumn,
  batchSize: number,
  onBatch?: (done: RotatedColumn) => void,
): Promise<RotatedColumn> {
  const current = `${cipher.indexKeyId}.`;
  const report = (r: { rewritten: number; failed: number; firstError?: string }): RotatedColumn => ({
    table: c.table,
    column: c.column,
    ...r,
  });
  const r = await rewriteColumn(db, {
    column: { table: c.table, column: c.column, key: c.key, kind: 'text' },
    pending: sql`left(${ident(c.column)}, ${current.length}) <> ${current} ${onlyWhere(c)}`,
    batchSize,
    rewrite: (row) => cipher.reindex(row[c.column] as string),
    // an index of a key the chain does not hold is counted and left; anything else is a bug and stops the run
    isRowFailure: (err) => err instanceof UnknownIndexKeyError,
    onBatch: onBatch && ((r) => onBatch(report(r))),
  });
  return report(r);
}

/**
 * Rotate the index key: take up the pending key of an interrupted run or store a new one, wrap every column of
 * `columns`, then activate it if nothing failed. The caller holds the server copies out (holdServerCopiesOut).
 */
export async function rotateIndexKey(
  db: Db,
  cipher: FieldCipher,
  columns: readonly IndexedColumn[],
  o: { batchSize?: number; onBatch?: (done: RotatedColumn) => void } = {},
): Promise<IndexKeyRotation> {
  const before = await establishIndexKey(db, cipher, { includePending: true });
  const position = before.pending ? before.keys - 1 : before.keys;
  if (!before.pending) {
    await db
      .insertInto('data_index_keys')
      .values({
        position,
        key_encrypted: cipher.encrypt(randomBytes(32).toString('base64'), indexKeyAad(position)),
        state: 'pending',
      })
      .execute();
    await establishIndexKey(db, cipher, { includePending: true });
  }
  const report: RotatedColumn[] = [];
  for (const c of columns) report.push(await rotateColumn(db, cipher, c, o.batchSize ?? 500, o.onBatch));
  const activated = report.every((r) => r.failed === 0);
  if (activated) {
    await db.updateTable('data_index_keys').set({ state: 'active' }).where('position', '=', position).execute();
  }
  return { keyId: cipher.indexKeyId, position, resumed: before.pending, columns: report, activated };
}
