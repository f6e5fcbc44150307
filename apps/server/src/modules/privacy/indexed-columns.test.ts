import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testAppHooks } from '../../test-support/test-app.js';
import { INDEXED_COLUMNS } from './indexed-columns.js';

/**
 * INDEXED_COLUMNS is what the index-key rotation goes by: a blind-index column missing from it would keep the old
 * chain's indexes, and every lookup through it would miss afterwards. So every `*_index` column of the migrated
 * schema is listed, and each entry matches the schema (a text column, the table's primary key, a filter that runs).
 */
describe('INDEXED_COLUMNS', () => {
  const t = testAppHooks('pglite');
  const name = (e: { table: string; column: string }) => `${e.table}.${e.column}`;

  it('lists each column once, every `*_index` column of the schema among them', async () => {
    const names = INDEXED_COLUMNS.map(name);
    expect(names.length).toBe(new Set(names).size);
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
       where table_schema = 'public' and column_name like '%\\_index'`.execute(t().database.db);
    const missing = rows.map((r) => `${r.table_name}.${r.column_name}`).filter((n) => !names.includes(n));
    expect(missing.sort()).toEqual([]);
  });

  it('describes each entry as the schema has it', async () => {
    const db = t().database.db;
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
       where table_schema = 'public'`.execute(db);
    const typeOf = new Map(columns.rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
    const keys = await sql<{ table_name: string; column_name: string }>`
      select k.table_name, k.column_name from information_schema.table_constraints c
        join information_schema.key_column_usage k
          on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
       where c.table_schema = 'public' and c.constraint_type = 'PRIMARY KEY'
       order by k.table_name, k.ordinal_position`.execute(db);
    const mismatches: string[] = [];
    for (const e of INDEXED_COLUMNS) {
      if (typeOf.get(name(e)) !== 'text') mismatches.push(`${name(e)}: ${typeOf.get(name(e)) ?? 'no such column'}`);
      const pk = keys.rows.filter((r) => r.table_name === e.table).map((r) => r.column_name);
      if (e.key.join() !== pk.join()) mismatches.push(`${name(e)}: key ${e.key.join()}, primary key ${pk.join()}`);
      if (e.onlyWhere) await sql`select count(*) from ${sql.table(e.table)} where ${sql.raw(e.onlyWhere)}`.execute(db);
    }
    expect(mismatches).toEqual([]);
  });
});
