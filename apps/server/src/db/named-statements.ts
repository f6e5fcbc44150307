import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Hot statements as named (server-side prepared) statements on PostgreSQL.
 *
 * Why: Kysely sends every query unnamed, so PostgreSQL parses and plans it on every execution. For the personal
 * lookup's department query (a join with a json_agg subquery) planning cost more PostgreSQL CPU than running it.
 * A named statement is parsed once per connection and, after a few executions, runs on a cached generic plan.
 *
 * Only SQL texts registered here are named — the statements of `preparedQuery` and a few fixed hot texts —
 * never every text that passes: statements with a variable shape (IN lists, multi-row VALUES) would each become
 * a prepared statement held by every connection for its lifetime. PGlite ignores the registry (one connection,
 * in process: parse and plan are its cost too, but its driver has no named statements).
 */
const names = new Map<string, string>();

/** Run `sqlText` as a named statement on PostgreSQL from now on; the same text always gets the same name. */
export function nameStatement(sqlText: string): void {
  if (!names.has(sqlText)) names.set(sqlText, `yss_stmt_${names.size + 1}`);
}

/** The name `sqlText` runs under, if registered (tests and diagnostics). */
export function statementName(sqlText: string): string | undefined {
  return names.get(sqlText);
}

/**
 * A pg pool for Kysely's PostgresDialect whose clients run the registered texts as named statements. node-postgres
 * keeps track per connection of which names it has prepared, so the first use on each connection prepares.
 */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        // biome-ignore lint/suspicious/noExplicitAny: Kysely's client type overloads query for cursors.
        query: ((textOrCursor: any, parameters?: readonly unknown[]) => {
          const name = typeof textOrCursor === 'string' ? names.get(textOrCursor) : undefined;
          if (name) return client.query({ name, text: textOrCursor, values: parameters as unknown[] });
          return client.query(textOrCursor, parameters as unknown[]);
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
