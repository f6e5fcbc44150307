import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.js';
import { preparedQuery } from './prepared-query.js';

interface Tables {
  people: { id: string; city: string; born: number };
}

describe('preparedQuery', () => {
  let database: DatabaseHandle;
  let db: Kysely<Tables>;

  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    db = database.db as unknown as Kysely<Tables>;
    await sql`create table people (id text primary key, city text not null, born int not null)`.execute(db);
    await db
      .insertInto('people')
      .values([
        { id: 'a', city: '440100', born: 1988 },
        { id: 'b', city: '440100', born: 2001 },
        { id: 'c', city: '440300', born: 1975 },
      ])
      .execute();
  });
  afterAll(() => database?.close());

  it('answers each call with its own values, the same as the query built anew', async () => {
    const build = (city: string, bornAfter: number) =>
      db
        .selectFrom('people')
        .select(['id', 'born'])
        .where('city', '=', city)
        .where('born', '>', bornAfter)
        .orderBy('id');
    const prepared = preparedQuery(db, build);
    for (const [city, after] of [
      ['440100', 1980],
      ['440100', 1990],
      ['440300', 1900],
      ['440600', 1900],
    ] as const) {
      expect(await prepared(city, after)).toEqual(await build(city, after).execute());
    }
    // Concurrent calls do not share values.
    const [x, y] = await Promise.all([prepared('440100', 0), prepared('440300', 0)]);
    expect(x.map((r) => r.id)).toEqual(['a', 'b']);
    expect(y.map((r) => r.id)).toEqual(['c']);
  });

  it('keeps values out of the SQL (a quote is data, not syntax)', async () => {
    const byId = preparedQuery(db, (id: string) => db.selectFrom('people').select('id').where('id', '=', id));
    expect(await byId("a' or '1'='1")).toEqual([]);
    expect(await byId('a')).toEqual([{ id: 'a' }]);
  });

  it('refuses an argument that shapes the query or is changed before use', async () => {
    const shaping = preparedQuery(db, (column: string) =>
      db.selectFrom('people').select('id').where(sql.ref(column), '=', '440100'),
    );
    await expect(shaping('city')).rejects.toThrow(/used as a value/);
    const changed = preparedQuery(db, (prefix: string) =>
      db.selectFrom('people').select('id').where('id', 'like', `${prefix}%`),
    );
    await expect(changed('a')).rejects.toThrow(/used as a value/);
    const unused = preparedQuery(db, (_city: string) => db.selectFrom('people').select('id'));
    await expect(unused('440100')).rejects.toThrow(/used as a value/);
  });
});
