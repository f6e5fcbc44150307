import { type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';

/** A column of a bulk insert: its name and PostgreSQL type (`jsonb` travels as text and is cast). */
export interface BulkColumn<R> {
  name: string;
  type: 'text' | 'uuid' | 'date' | 'timestamp' | 'timestamptz' | 'int' | 'numeric' | 'boolean' | 'jsonb';
  value: (row: R) => unknown;
}

/**
 * Insert rows as one statement whatever their number: one array parameter per column through unnest()
 * (as insertPeopleBatch does), `on conflict do nothing` so that seeding twice adds nothing. `where` may
 * filter the rows (columns named `u.<column>`), e.g. to keep only rows whose parent row exists. Table and
 * column names are constants of the calling generator, never input.
 */
export async function insertUnnest<R>(
  db: QueryExecutorProvider,
  table: string,
  columns: readonly BulkColumn<R>[],
  rows: readonly R[],
  where?: RawBuilder<unknown>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  const arrays = sql.join(
    columns.map((c) => {
      const values = rows.map((r) => {
        const v = c.value(r);
        return c.type === 'jsonb' && v !== null && v !== undefined ? JSON.stringify(v) : (v ?? null);
      });
      return sql`${values}::${sql.raw(c.type === 'jsonb' ? 'text' : c.type)}[]`;
    }),
  );
  const selected = sql.raw(columns.map((c) => (c.type === 'jsonb' ? `u.${c.name}::jsonb` : `u.${c.name}`)).join(', '));
  const filter = where ? sql`where ${where}` : sql``;
  const result = await sql`
    insert into ${sql.raw(table)} (${names})
    select ${selected} from unnest(${arrays}) as u(${names})
    ${filter}
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
