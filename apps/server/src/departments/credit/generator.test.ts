import { CITIES, type CityCode, isValidUscc, parsePersonName } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { generatePeople, type PeopleBatch } from '../population-register/generator.js';
import { enterprise, poolSize } from '../province/enterprises.js';
import { lifeOf } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { DEMO_CREDIT } from './demo.js';
import {
  CLOSED_SHARE,
  type CreditRecords,
  creditRecordsOfCity,
  creditSeeder,
  emptyCreditRecords,
} from './generator.js';

const ctx = seedContext(1);
const guangzhou = emptyCreditRecords();
creditRecordsOfCity(ctx, '440100', guangzhou);
const yunfu = emptyCreditRecords();
creditRecordsOfCity(ctx, '445300', yunfu);
// The rows of both cities (the USCC set only guards generation, and is not needed here).
const both: Omit<CreditRecords, 'usccs'> = {
  enterprises: [...guangzhou.enterprises, ...yunfu.enterprises],
  penalties: [...guangzhou.penalties, ...yunfu.penalties],
  judicial: [...guangzhou.judicial, ...yunfu.judicial],
  changes: [...guangzhou.changes, ...yunfu.changes],
};

describe('credit generator', () => {
  it('holds the whole shared pool of a city, in business, then the closed entities past its end', () => {
    for (const [city, records] of [
      ['440100', guangzhou],
      ['445300', yunfu],
    ] as [CityCode, CreditRecords][]) {
      const n = poolSize(city);
      // The shared pool can draw one code twice (enterprises.ts maps I O S V Z to 0): the first index keeps it.
      const expected = Array.from({ length: n + Math.round(n * CLOSED_SHARE) }, (_, i) => ({
        i,
        shared: enterprise(ctx.seed, city, i),
      })).filter(({ shared }, k, all) => all.findIndex((x) => x.shared.uscc === shared.uscc) === k);
      expect(records.enterprises).toHaveLength(expected.length);
      expect(n + Math.round(n * CLOSED_SHARE) - expected.length).toBeLessThanOrEqual(2);
      records.enterprises.forEach((e, k) => {
        const { i, shared } = expected[k] as (typeof expected)[number];
        expect([e.uscc, e.name, e.regionCode, e.establishedOn]).toEqual([
          shared.uscc,
          shared.name,
          shared.regionCode,
          shared.establishedOn,
        ]);
        expect(e.status === '存续').toBe(i < n);
        expect(e.statusSince === null).toBe(i < n);
        if (e.statusSince) expect(e.statusSince > e.establishedOn).toBe(true);
      });
    }
  });

  it('names every employer of the life model among entities in business', () => {
    const all = new Map<string, string>();
    const r = emptyCreditRecords();
    for (const city of CITIES) creditRecordsOfCity(ctx, city.code, r);
    for (const e of r.enterprises) all.set(e.uscc, e.status);
    expect(all.size).toBe(r.enterprises.length);
    const people = (generatePeople({ count: 2_000, seed: 1 }).next().value as PeopleBatch).people;
    const employers = people.flatMap((p) => lifeOf(p, ctx).jobs.map((j) => j.employer.uscc));
    expect(employers.length).toBeGreaterThan(1_000);
    for (const uscc of employers) expect(all.get(uscc)).toBe('存续');
  });

  it('writes valid codes and names, and penalties, judicial records and changes that agree', () => {
    for (const e of both.enterprises) {
      expect(isValidUscc(e.uscc)).toBe(true);
      expect(parsePersonName(e.legalRepresentative).ok, e.legalRepresentative).toBe(true);
      expect(e.registeredCapitalWan).toBeGreaterThan(0);
    }
    const byUscc = new Map(both.enterprises.map((e) => [e.uscc, e]));
    expect(both.penalties.length).toBeGreaterThan(50);
    expect(both.judicial.length).toBeGreaterThan(20);
    expect(new Set(both.judicial.map((j) => j.kind))).toEqual(new Set(['ruling', 'enforcement', 'dishonest']));
    for (const p of both.penalties) {
      const e = byUscc.get(p.uscc);
      expect(p.decidedOn >= (e?.establishedOn as string)).toBe(true);
      expect(p.decidedOn < ctx.asOf).toBe(true);
      expect(p.decisionNumber).toMatch(/^.{1,2}(市监|税)罚〔\d{4}〕\d+号$/);
    }
    for (const j of both.judicial) expect(j.caseNumber).toMatch(/^\(\d{4}\)粤\d{4}(执|民初)\d+号$/);
    // Revoked entities carry the revocation as a penalty on the day of revocation.
    for (const e of both.enterprises.filter((x) => x.status === '吊销')) {
      expect(
        both.penalties.some((p) => p.uscc === e.uscc && p.content === '吊销营业执照' && p.decidedOn === e.statusSince),
      ).toBe(true);
    }
    // Versions 1..n, in time order; version and updatedAt of the entity are the last change's.
    for (const e of both.enterprises.slice(0, 2_000)) {
      // Version 1 is the registration (the entity's row); the log holds 2 … n in time order.
      const changes = both.changes.filter((c) => c.uscc === e.uscc);
      expect(changes.map((c) => c.version)).toEqual(changes.map((_, i) => i + 2));
      expect([...changes].sort((a, b) => a.changedAt.localeCompare(b.changedAt))).toEqual(changes);
      expect(e.version).toBe(changes.length + 1);
      expect(e.updatedAt).toBe(changes.at(-1)?.changedAt ?? `${e.establishedOn}T10:00:00+08:00`);
      const events =
        both.penalties.filter((p) => p.uscc === e.uscc).length +
        both.judicial.filter((j) => j.uscc === e.uscc).length +
        (e.statusSince ? 1 : 0) +
        changes.filter((c) => c.item === '法定代表人').length;
      expect(changes).toHaveLength(events);
    }
  });

  it('is deterministic: same seed, same records; another seed, other records', () => {
    const again = emptyCreditRecords();
    creditRecordsOfCity(seedContext(1), '445300', again);
    expect(again).toEqual(yunfu);
    const other = emptyCreditRecords();
    creditRecordsOfCity(seedContext(2), '445300', other);
    expect(other.enterprises.map((e) => e.uscc)).not.toEqual(yunfu.enterprises.map((e) => e.uscc));
  });

  it('gives the demo entities valid fixed codes', () => {
    for (const uscc of Object.values(DEMO_CREDIT)) expect(isValidUscc(uscc)).toBe(true);
  });
});

describe('credit seeder on PGlite', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrate(database.db);
  });
  afterAll(() => database?.close());

  it('writes the pool once; seeding again adds nothing', async () => {
    await creditSeeder.seedReference?.(database.db, ctx);
    const count = async () =>
      (await sql<{ n: number }>`select (select count(*) from dept_credit.enterprises)::int as n`.execute(database.db))
        .rows[0]?.n;
    const records = emptyCreditRecords();
    for (const city of CITIES) creditRecordsOfCity(ctx, city.code, records);
    const pool = records.enterprises.length;
    expect(pool).toBeGreaterThan(25_000);
    expect(await count()).toBe(pool + Object.keys(DEMO_CREDIT).length);
    await creditSeeder.seedReference?.(database.db, ctx);
    expect(await count()).toBe(pool + Object.keys(DEMO_CREDIT).length);
  });
});
