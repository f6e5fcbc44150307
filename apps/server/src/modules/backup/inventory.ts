import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * What a backup holds, read from the database's own catalog (so a new migration's table is backed up without
 * anyone remembering to list it): every ordinary table of the platform's schema and of the sandbox departments'
 * schemas (dept_*), in an order that loads without breaking a foreign key, and every sequence.
 */

/** Tables never backed up: short-lived secrets and counters that a restore must not bring back. */
export const NOT_BACKED_UP: ReadonlyMap<string, string> = new Map([
  // A restore to an earlier point must not bring back a session that was logged out since (H4: one device).
  ['identity_sessions', 'citizens’ sessions: everyone logs in again after a restore'],
  ['staff_sessions', 'staff sessions: likewise'],
  ['identity_webauthn_challenges', 'passkey challenges live for minutes'],
  ['identity_sms_codes', 'SMS codes live for minutes'],
  ['identity_login_throttle', 'login throttling counters'],
  ['staff_login_throttle', 'login throttling counters'],
  // The history of this installation's backups (a backup would hold its own row as still running); a restore
  // writes a row of its own.
  ['backup_runs', 'the installation’s own backup history'],
  // The migration runner writes this itself when the restore migrates the empty database.
  ['schema_migrations', 'written by the migrations the restore runs'],
]);

export interface TableColumn {
  name: string;
  /** false for generated columns (the database computes them again). */
  insertable: boolean;
}

export interface BackupTable {
  /**
   * The platform's tables by name alone (they live in whatever schema the connection's search_path names, so a
   * backup restores into another schema too), the departments' as dept_x.name. Plain identifiers (checked).
   */
  qualified: string;
  columns: TableColumn[];
  /** Columns of the primary key, in key order; rows are written in that order so two dumps compare. */
  primaryKey: string[];
  /** Whether some column is `generated always as identity` (the insert needs OVERRIDING SYSTEM VALUE). */
  hasIdentityAlways: boolean;
  /** Other backed-up tables this one references (loaded before it). */
  references: string[];
}

export interface SequenceState {
  qualified: string;
  /** null: never used (a fresh sequence is right). */
  lastValue: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The schemas a backup covers: the platform's current one and the sandbox departments'. */
const SCHEMA_FILTER = sql`(n.nspname = current_schema() or n.nspname like 'dept\\_%')`;

export async function readInventory(db: Db): Promise<BackupTable[]> {
  const tables = await sql<{ schema: string; name: string; oid: number; platform: boolean }>`
    select n.nspname as schema, c.relname as name, c.oid::int as oid, n.nspname = current_schema() as platform
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and not c.relispartition and ${SCHEMA_FILTER}
     order by n.nspname, c.relname`
    .execute(db)
    .then((r) => r.rows);
  const columns = await sql<{ oid: number; name: string; generated: string; identity: string }>`
    select a.attrelid::int as oid, a.attname as name, a.attgenerated::text as generated, a.attidentity::text as identity
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p') and ${SCHEMA_FILTER}
     order by a.attrelid, a.attnum`
    .execute(db)
    .then((r) => r.rows);
  const keys = await sql<{ oid: number; name: string }>`
    select c.conrelid::int as oid, a.attname as name
      from pg_constraint c
      cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'p' and ${SCHEMA_FILTER}
     order by c.conrelid, k.ord`
    .execute(db)
    .then((r) => r.rows);
  const foreign = await sql<{ oid: number; target: number }>`
    select c.conrelid::int as oid, c.confrelid::int as target
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and ${SCHEMA_FILTER}`
    .execute(db)
    .then((r) => r.rows);

  const byOid = new Map<number, BackupTable>();
  for (const t of tables) {
    if (!IDENTIFIER.test(t.schema) || !IDENTIFIER.test(t.name)) {
      throw new Error(`table ${t.schema}.${t.name}: a name the backup cannot quote safely`);
    }
    byOid.set(t.oid, {
      qualified: t.platform ? t.name : `${t.schema}.${t.name}`,
      columns: [],
      primaryKey: [],
      hasIdentityAlways: false,
      references: [],
    });
  }
  for (const c of columns) {
    const table = byOid.get(c.oid);
    if (!table) continue;
    if (!IDENTIFIER.test(c.name))
      throw new Error(`column ${table.qualified}.${c.name}: a name the backup cannot quote`);
    table.columns.push({ name: c.name, insertable: c.generated === '' });
    if (c.identity === 'a') table.hasIdentityAlways = true;
  }
  for (const k of keys) byOid.get(k.oid)?.primaryKey.push(k.name);
  for (const f of foreign) {
    const from = byOid.get(f.oid);
    const to = byOid.get(f.target);
    if (!from || !to) continue;
    if (from === to) {
      // Rows of one table would have to load in reference order; no table does this today (tested), so say so
      // plainly should a migration ever add one instead of failing half-way through a restore.
      throw new Error(`${from.qualified} references itself: the backup cannot order its rows`);
    }
    if (!from.references.includes(to.qualified)) from.references.push(to.qualified);
  }
  const backedUp = [...byOid.values()].filter((t) => !NOT_BACKED_UP.has(t.qualified));
  for (const t of backedUp) {
    const skipped = t.references.find((r) => NOT_BACKED_UP.has(r));
    if (skipped) throw new Error(`${t.qualified} references ${skipped}, which is not backed up`);
  }
  return loadOrder(backedUp);
}

/** Tables ordered so that each comes after the tables it references (Kahn's algorithm, names as tie-break). */
export function loadOrder(tables: BackupTable[]): BackupTable[] {
  const pending = new Map(tables.map((t) => [t.qualified, t]));
  const ordered: BackupTable[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()]
      .filter((t) => t.references.every((r) => !pending.has(r)))
      .sort((a, b) => a.qualified.localeCompare(b.qualified));
    if (ready.length === 0) {
      throw new Error(`foreign keys form a cycle among: ${[...pending.keys()].join(', ')}`);
    }
    for (const t of ready) {
      ordered.push(t);
      pending.delete(t.qualified);
    }
  }
  return ordered;
}

/** Every sequence of the backed-up schemas with its position (identity columns' sequences included). */
export async function readSequences(db: Db): Promise<SequenceState[]> {
  const rows = await sql<{ schema: string; name: string; last_value: string | null; platform: boolean }>`
    select s.schemaname as schema, s.sequencename as name, s.last_value::text as last_value,
           s.schemaname = current_schema() as platform
      from pg_sequences s join pg_namespace n on n.nspname = s.schemaname
     where ${SCHEMA_FILTER}
     order by s.schemaname, s.sequencename`
    .execute(db)
    .then((r) => r.rows);
  return rows
    .filter((r) => IDENTIFIER.test(r.schema) && IDENTIFIER.test(r.name))
    .map((r) => ({ qualified: r.platform ? r.name : `${r.schema}.${r.name}`, lastValue: r.last_value }));
}

/** `"dept_x"."name"` or `"name"` for SQL text (the parts were checked to be plain identifiers). */
export function quoted(qualified: string): string {
  return qualified
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}
