import { parseResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { concatTables } from '../../test-support/generator-records.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch, type PeopleBatch } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { LEGACY_TITLE_NUMBER, PLAT_MAP_CITIES, PROGRESS_CITIES, TITLE_NUMBER } from './contract.js';
import { ageOn, ownerGroups, realEstateRecordsFor, realEstateSeeder } from './generator.js';

const ctx = seedContext(1);
const batches = [...generatePeople({ count: 4_000, seed: 1, batchSize: 1_000 })];
const records = batches.map((b) => realEstateRecordsFor(b, ctx));
const all = <K extends keyof (typeof records)[number]>(key: K) => concatTables(records, key);
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const spouses = new Set(
  batches.flatMap((b) => {
    const ids = new Map(b.people.map((p) => [p.personId, p.idNumber]));
    return b.relations
      .filter((r) => r.relation === 'spouse')
      .map((r) => `${ids.get(r.personId)}|${ids.get(r.relativeId)}`);
  }),
);

describe('real-estate generator', () => {
  it('is deterministic and independent of batching', () => {
    expect(realEstateRecordsFor(batches[0] as PeopleBatch, seedContext(1))).toEqual(records[0]);
    // Households never span batches, so smaller batches give the same owners and titles.
    const small = [...generatePeople({ count: 4_000, seed: 1, batchSize: 300 })].map((b) =>
      realEstateRecordsFor(b, ctx),
    );
    expect(small.flatMap((r) => r.titles)).toEqual(all('titles'));
    const other = realEstateRecordsFor(batches[0] as PeopleBatch, seedContext(2));
    expect(other.titles.map((t) => t.certificateNumber)).not.toEqual(
      records[0]?.titles.map((t) => t.certificateNumber),
    );
  });

  it('writes numbers in the official forms, unique within a seed', () => {
    const titles = all('titles');
    expect(titles.length).toBeGreaterThan(500);
    for (const t of titles) {
      expect(
        TITLE_NUMBER.test(t.certificateNumber) || LEGACY_TITLE_NUMBER.test(t.certificateNumber),
        t.certificateNumber,
      ).toBe(true);
      const m = TITLE_NUMBER.exec(t.certificateNumber);
      if (m) expect(m[1]).toBe(t.registeredOn.slice(0, 4));
      else expect(t.registeredOn < '2016-01-01').toBe(true);
      expect(t.unitNumber).toMatch(/^44\d{10}GB\d{5}F\d{8}$/);
      expect(t.unitNumber.slice(0, 6)).toBe(t.regionCode);
      expect(t.regionCode.slice(0, 4)).toBe(t.cityCode.slice(0, 4));
    }
    expect(new Set(titles.map((t) => t.certificateNumber)).size).toBe(titles.length);
    expect(new Set(titles.map((t) => t.unitNumber)).size).toBe(titles.length);
    for (const p of all('proofs'))
      expect(p.proofNumber).toMatch(/^粤(\(\d{4}\).{2,4}[市县]不动产证明第\d{7}号|房他项权证.{1,2}字第\d{10}号)$/u);
  });

  it('gives titles to living adults in their own city; couples co-own, others own alone', () => {
    const holders = all('holders');
    const byUnit = new Map<string, string[]>();
    for (const h of holders) byUnit.set(h.unitNumber, [...(byUnit.get(h.unitNumber) ?? []), h.idNumber]);
    for (const t of all('titles')) {
      const owners = byUnit.get(t.unitNumber) ?? [];
      expect(owners.length).toBe(t.shareKind === '共同共有' ? 2 : 1);
      if (owners.length === 2) expect(spouses.has(`${owners[0]}|${owners[1]}`)).toBe(true);
      for (const id of owners) {
        const person = people.get(id);
        expect(parseResidentId(id).ok).toBe(true);
        expect(person?.status).toBe('normal');
        expect(ageOn(person?.birthDate as string, t.registeredOn)).toBeGreaterThanOrEqual(
          owners.length === 2 ? 18 : 25,
        );
        expect(person?.residenceCityCode ?? person?.hukouCityCode).toBe(t.cityCode);
      }
    }
    // Some 40 % of owner groups own something.
    const groups = batches.flatMap((b) => ownerGroups(b, ctx.asOf));
    const owning = new Set(holders.map((h) => h.idNumber));
    const share = groups.filter((g) => g.some((p) => owning.has(p.idNumber))).length / groups.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.6);
  });

  it('keeps mortgages current until their term and over the owners of the unit', () => {
    const titleByUnit = new Map(all('titles').map((t) => [t.unitNumber, t]));
    const mortgages = all('proofs').filter((p) => p.kind === 'mortgage');
    expect(mortgages.length).toBeGreaterThan(100);
    for (const m of mortgages) {
      expect(titleByUnit.get(m.unitNumber)?.registeredOn).toBe(m.registeredOn);
      expect(m.status).toBe((m.termTo as string) < ctx.asOf ? '注销' : '现势');
      expect(m.amountFen).toBeGreaterThan(0);
      const obligors = all('proofParties')
        .filter((p) => p.proofNumber === m.proofNumber)
        .map((p) => p.idNumber);
      const owners = all('holders')
        .filter((h) => h.unitNumber === m.unitNumber)
        .map((h) => h.idNumber);
      expect(obligors.sort()).toEqual(owners.sort());
    }
  });

  it('has applications only in 肇庆 and 茂名, plat maps only in 阳江, steps in order up to the province’s date', () => {
    const applications = all('applications');
    expect(applications.length).toBeGreaterThan(0);
    for (const a of applications) {
      expect(PROGRESS_CITIES as readonly string[]).toContain(a.cityCode);
      expect([...a.stepDates].sort()).toEqual(a.stepDates);
      expect(a.stepDates[0]).toBe(a.submittedOn);
      expect((a.stepDates.at(-1) as string) < ctx.asOf).toBe(true);
      expect(a.stepDates.length).toBeLessThanOrEqual(5);
    }
    const cityOfTitle = new Map(all('titles').map((t) => [t.certificateNumber, t.cityCode]));
    expect(all('platMaps').length).toBeGreaterThan(0);
    for (const m of all('platMaps')) {
      expect(PLAT_MAP_CITIES as readonly string[]).toContain(cityOfTitle.get(m.certificateNumber));
      expect(m.parcelCode).toHaveLength(19);
      // The building lies inside the parcel's bounding box.
      const xs = m.parcel.map((p) => p[0]);
      const ys = m.parcel.map((p) => p[1]);
      for (const [x, y] of m.building) {
        expect(x).toBeGreaterThan(Math.min(...xs));
        expect(x).toBeLessThan(Math.max(...xs));
        expect(y).toBeGreaterThan(Math.min(...ys));
        expect(y).toBeLessThan(Math.max(...ys));
      }
    }
    const yangjiang = all('titles').filter((t) => t.cityCode === '441700');
    expect(all('platMaps')).toHaveLength(yangjiang.length);
  });
});

describe('real-estate seeder on PGlite', () => {
  let database: DatabaseHandle;
  const batch = generatePeople({ count: 200, seed: 1 }).next().value as PeopleBatch;
  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrate(database.db);
    await insertPeopleBatch(database.db, DEMO_BATCH);
    await insertPeopleBatch(database.db, batch);
  });
  afterAll(() => database?.close());

  it('seeds 200 people; seeding again adds nothing', async () => {
    await realEstateSeeder.seedBatch(database.db, DEMO_BATCH, ctx);
    await realEstateSeeder.seedBatch(database.db, batch, ctx);
    const count = async () =>
      (
        await sql<{ n: number }>`select ((select count(*) from dept_real_estate.titles)
          + (select count(*) from dept_real_estate.title_holders) + (select count(*) from dept_real_estate.proofs)
          + (select count(*) from dept_real_estate.applications) + (select count(*) from dept_real_estate.plat_maps))::int as n`.execute(
          database.db,
        )
      ).rows[0]?.n;
    const before = await count();
    await realEstateSeeder.seedBatch(database.db, batch, ctx);
    await realEstateSeeder.seedBatch(database.db, DEMO_BATCH, ctx);
    expect(await count()).toBe(before);
  });
});
