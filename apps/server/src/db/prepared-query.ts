import { type Compilable, type CompiledQuery, createQueryId, type QueryResult } from 'kysely';
import { nameStatement } from './named-statements.js';

/** What is needed of a Kysely instance, whatever its database type. */
interface QueryExecutor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * A query of fixed shape built and compiled once, run many times with other values.
 *
 * Why: Kysely builds an immutable operation tree and compiles it to SQL on every call — for the personal
 * lookup's department query (a subquery in `jsonArrayFrom`) that was ~11 % of the request's CPU in a profile.
 * The SQL text only depends on the shape, so it is built here once with a marker for each argument; a call
 * puts its values where the markers ended up. The statement stays parameterised: values never enter the SQL.
 *
 * `build` must use each argument only as a value (in `where`, `values`, …), never to choose the shape
 * (a column, a join, whether a clause is there): the shape is decided once, with the markers.
 *
 * On PostgreSQL the statement also runs as a named statement (db/named-statements.ts): parsed and planned once
 * per connection instead of on every call.
 */
export function preparedQuery<Args extends unknown[], Row>(
  db: QueryExecutor,
  build: (...args: Args) => Compilable<Row>,
): (...args: Args) => Promise<Row[]> {
  let template: Template<Row> | undefined;
  return async (...args: Args) => {
    if (!template) template = compileTemplate(build, args.length);
    const { compiled, slots } = template;
    const parameters = compiled.parameters.map((p, i) => {
      const slot = slots[i] as number;
      return slot < 0 ? p : args[slot];
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

interface Template<Row> {
  compiled: CompiledQuery<Row>;
  /** For each parameter of the SQL: the argument it takes, or -1 for a constant of the query itself. */
  slots: number[];
}

function compileTemplate<Args extends unknown[], Row>(
  build: (...args: Args) => Compilable<Row>,
  arity: number,
): Template<Row> {
  const markers = Array.from({ length: arity }, (_, i) => `\u0000prepared-argument-${i}\u0000`);
  const compiled = build(...(markers as Args)).compile();
  const slots = compiled.parameters.map((p) => (typeof p === 'string' ? markers.indexOf(p) : -1));
  const misused = compiled.parameters.some(
    (p, i) => slots[i] === -1 && typeof p === 'string' && p.includes('\u0000prepared-argument-'),
  );
  if (misused || markers.some((m, i) => compiled.sql.includes(m) || !slots.includes(i))) {
    throw new Error('preparedQuery: every argument must be used as a value of the query, unchanged');
  }
  nameStatement(compiled.sql);
  return { compiled, slots };
}
