import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.js';
import { nameStatement, statementName } from './named-statements.js';
import { preparedQuery } from './prepared-query.js';

interface Tables {
  people: { id: string; city: string };
}

// Named statements only exist on PostgreSQL (PGlite's driver has none; the registry is unused there).
describe.skipIf(!process.env.DATABASE_URL)('named statements on PostgreSQL', () => {
  const schema = `yss_named_${randomBytes(5).toString('hex')}`;
  let database: DatabaseHandle;
  let db: Kysely<Tables>;

  /** What the (single) connection of the pool has prepared, by name. */
  const prepared = async () =>
    (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db))
      .rows;

  beforeAll(async () => {
    const admin = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    // One connection: every query below meets the same PostgreSQL session and its prepared statements.
    database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, searchPath: schema, poolSize: 1 });
    db = database.db as unknown as Kysely<Tables>;
    await sql`create table people (id text primary key, city text not null)`.execute(db);
    await db
      .insertInto('people')
      .values([
        { id: 'a', city: '440100' },
        { id: 'b', city: '440300' },
      ])
      .execute();
  });
  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await database?.close();
  });

  it('runs a preparedQuery as a named statement, prepared once, with each call its own values', async () => {
    const byCity = preparedQuery(db, (city: string) => db.selectFrom('people').select('id').where('city', '=', city));
    expect(await byCity('440100')).toEqual([{ id: 'a' }]);
    expect(await byCity('440300')).toEqual([{ id: 'b' }]);
    expect(await byCity('440600')).toEqual([]);
    const text = db.selectFrom('people').select('id').where('city', '=', 'x').compile().sql;
    const name = statementName(text);
    expect(name).toMatch(/^yss_stmt_\d+$/);
    expect((await prepared()).filter((p) => p.name === name)).toEqual([{ name, statement: text }]);
  });

  it('leaves unregistered texts unnamed, and names a registered raw text', async () => {
    const before = (await prepared()).length;
    await db.selectFrom('people').select('city').where('id', '=', 'a').execute();
    expect((await prepared()).length).toBe(before);

    const insert =
      sql`insert into people (id, city) select i, c from unnest(${['c', 'd']}::text[], ${['440100', '440100']}::text[]) as t (i, c) on conflict (id) do nothing returning id`.compile(
        db,
      );
    nameStatement(insert.sql);
    expect((await db.executeQuery(insert)).rows).toEqual([{ id: 'c' }, { id: 'd' }]);
    // Again with other values: the same prepared statement, the conflict decided by the database.
    const again =
      sql`insert into people (id, city) select i, c from unnest(${['d', 'e']}::text[], ${['440100', '440100']}::text[]) as t (i, c) on conflict (id) do nothing returning id`.compile(
        db,
      );
    expect(again.sql).toBe(insert.sql);
    expect((await db.executeQuery(again)).rows).toEqual([{ id: 'e' }]);
    expect((await prepared()).map((p) => p.statement)).toContain(insert.sql);
    expect((await prepared()).length).toBe(before + 1);
  });
});
