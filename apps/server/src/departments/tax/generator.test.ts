import {
  GUANGDONG_PLATE_AUTHORITIES,
  isValidUscc,
  parseDigitalInvoiceNumber,
  parseInvoiceCheckCode,
  parseInvoiceCode,
  parseInvoiceNumber,
  parsePlate,
  parseResidentId,
} from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { concatTables } from '../../test-support/generator-records.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch, type PeopleBatch } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { taxRecordsFor, taxSeeder } from './generator.js';
import { ageOn, lastDeclaredMonth } from './records.js';
import { contributionBounds, wageMonths } from './rules.js';

const ctx = seedContext(1);
const batches = [...generatePeople({ count: 3_000, seed: 1, batchSize: 1_000 })];
const records = batches.map((b) => taxRecordsFor(b, ctx));
const all = <K extends keyof (typeof records)[number]>(key: K) => concatTables(records, key);
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const asOfDate = new Date('2026-01-01T00:00:00+08:00');

describe('tax generator: determinism', () => {
  it('gives identical rows for the same seed and batch, and other rows for another seed', () => {
    expect(taxRecordsFor(batches[0] as PeopleBatch, seedContext(1))).toEqual(records[0]);
    const other = taxRecordsFor(batches[0] as PeopleBatch, seedContext(2));
    expect(other.vehicles.map((v) => v.plate)).not.toEqual(records[0]?.vehicles.map((v) => v.plate));
  });

  it('does not depend on how people are batched', () => {
    const small = [...generatePeople({ count: 3_000, seed: 1, batchSize: 250 })].map((b) => taxRecordsFor(b, ctx));
    const key = (r: { plate: string }) => r.plate;
    expect(small.flatMap((r) => r.vehicles).map(key)).toEqual(all('vehicles').map(key));
    expect(small.flatMap((r) => r.invoices)).toEqual(all('invoices'));
  });
});

describe('tax generator: validity', () => {
  it('writes valid identifiers: ID numbers, USCCs, plates, invoice codes and numbers, check codes', () => {
    for (const t of all('taxpayers')) expect(parseResidentId(t.idNumber).ok).toBe(true);
    for (const w of all('wagePeriods')) expect(isValidUscc(w.agentUscc)).toBe(true);
    const vehicles = all('vehicles');
    expect(vehicles.length).toBeGreaterThan(100);
    for (const v of vehicles) expect(parsePlate(v.plate), v.plate).toMatchObject({ ok: true, province: '粤' });
    const invoices = all('invoices');
    expect(invoices.length).toBeGreaterThan(1_000);
    for (const i of invoices) {
      expect(isValidUscc(i.sellerUscc)).toBe(true);
      if (i.buyerTaxId) expect(isValidUscc(i.buyerTaxId)).toBe(true);
      if (i.code === null) {
        expect(parseDigitalInvoiceNumber(i.number, { now: asOfDate }).ok, i.number).toBe(true);
      } else {
        const code = parseInvoiceCode(i.code, { now: asOfDate });
        expect(code.ok, i.code).toBe(true);
        expect(code.ok && code.kindName).toBe(i.kind);
        expect(parseInvoiceNumber(i.number).ok).toBe(true);
      }
      if (i.checkCode) expect(parseInvoiceCheckCode(i.checkCode).ok).toBe(true);
      expect(i.amountFen).toBeGreaterThan(0);
    }
    // Every kind and status appears.
    expect(new Set(invoices.map((i) => i.kind)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['normal', 'void', 'red-reversed']));
    expect(all('lostInvoices').length).toBeGreaterThan(0);
    expect(all('certificates').every((c) => /^344\d{15}$/.test(c.number))).toBe(true);
  });

  it('has unique natural keys within a seed (plates, invoice keys, certificate numbers)', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(all('vehicles').map((v) => v.plate))).toBe(true);
    expect(unique(all('invoices').map((i) => `${i.code}:${i.number}`))).toBe(true);
    expect(unique(all('certificates').map((c) => c.number))).toBe(true);
  });
});

describe('tax generator: consistency', () => {
  it('declares exactly the life model’s jobs from 2016 to the last declared month', () => {
    const last = lastDeclaredMonth(ctx.asOf);
    expect(last).toBe('2025-11');
    for (const batch of batches.slice(0, 1)) {
      for (const person of batch.people) {
        const expected = lifeOf(person, ctx)
          .jobs.filter((j) => (j.to ?? last) >= '2016-01' && j.from <= last)
          .map((j) => [
            j.employer.uscc,
            j.monthlyWage,
            j.from < '2016-01' ? '2016-01' : j.from,
            j.to === null || j.to > last ? last : j.to,
          ]);
        const got = all('wagePeriods')
          .filter((w) => w.idNumber === person.idNumber)
          .map((w) => [w.agentUscc, w.monthlyWage, w.from, w.to]);
        expect(got).toEqual(expected);
      }
    }
  });

  it('computes contribution bases within the year’s bounds, following the wage', () => {
    const months = wageMonths(all('wagePeriods').slice(0, 300));
    expect(months.length).toBeGreaterThan(1_000);
    for (const m of months) {
      const { lower, upper } = contributionBounds(Number(m.month.slice(0, 4)));
      expect(m.contributionBase).toBeGreaterThanOrEqual(lower);
      expect(m.contributionBase).toBeLessThanOrEqual(upper);
      if (m.period.monthlyWage >= lower && m.period.monthlyWage <= upper) {
        expect(m.contributionBase).toBe(m.period.monthlyWage);
      }
    }
  });

  it('gives cars to adults living in Guangdong, plated in their city; tax years from registration', () => {
    for (const v of all('vehicles')) {
      const owner = people.get(v.ownerIdNumber);
      expect(owner?.status).toBe('normal');
      const age = ageOn(owner?.birthDate as string, ctx.asOf);
      expect(age).toBeGreaterThanOrEqual(23);
      expect(age).toBeLessThanOrEqual(75);
      const letter = Array.from(v.plate)[1] as string;
      expect(GUANGDONG_PLATE_AUTHORITIES[letter]?.cityCode).toBe(owner?.residenceCityCode ?? owner?.hukouCityCode);
      const years = all('vehicleTaxYears').filter((y) => y.plate === v.plate);
      expect(years[0]?.taxYear).toBe(Math.max(2016, Number(v.registeredOn.slice(0, 4))));
      expect(years.at(-1)?.taxYear).toBe(2026);
      if (v.energy !== 'fuel') expect(new Set(years.map((y) => y.status))).toEqual(new Set(['exempt']));
      // A plate that does not parse would have no energy either: check it parses before comparing.
      const plate = parsePlate(v.plate);
      if (!plate.ok) throw new Error(`${v.plate}: ${plate.message}`);
      expect(plate.energy !== undefined).toBe(v.energy !== 'fuel');
    }
  });

  it('issues certificates whose total is the year’s tax computed from the same wages', () => {
    const certificates = all('certificates');
    expect(certificates.length).toBeGreaterThan(10);
    for (const c of certificates) {
      const periods = all('wagePeriods').filter((w) => w.idNumber === c.idNumber);
      const tax = wageMonths(periods)
        .filter((m) => m.month >= c.fromMonth && m.month <= c.toMonth)
        .reduce((s, m) => s + m.taxFen, 0);
      expect(c.totalFen).toBe(tax);
      expect(c.toMonth < '2019-01').toBe(true);
      expect(c.issuedOn >= '2019-01-01').toBe(true);
    }
  });

  it('has a taxpayer row for everyone with a record', () => {
    const taxpayers = new Set(all('taxpayers').map((t) => t.idNumber));
    for (const id of [
      ...all('wagePeriods').map((w) => w.idNumber),
      ...all('vehicles').map((v) => v.ownerIdNumber),
      ...all('certificates').map((c) => c.idNumber),
    ])
      expect(taxpayers.has(id)).toBe(true);
  });
});

describe('tax seeder on PGlite', () => {
  let database: DatabaseHandle;
  const batch = (generatePeople({ count: 200, seed: 1 }).next().value as PeopleBatch) ?? DEMO_BATCH;

  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrate(database.db);
    await insertPeopleBatch(database.db, DEMO_BATCH);
    await insertPeopleBatch(database.db, batch);
  });
  afterAll(() => database?.close());

  const counts = async () =>
    (
      await sql<{
        n: string;
      }>`select (select count(*) from dept_tax.taxpayers) + (select count(*) from dept_tax.wage_periods)
        + (select count(*) from dept_tax.vehicles) + (select count(*) from dept_tax.vehicle_tax_years)
        + (select count(*) from dept_tax.invoices) + (select count(*) from dept_tax.tax_certificates) as n`.execute(
        database.db,
      )
    ).rows[0]?.n;

  it('seeds 200 people, and seeding again adds nothing', async () => {
    await taxSeeder.seedBatch(database.db, DEMO_BATCH, ctx);
    await taxSeeder.seedBatch(database.db, batch, ctx);
    const before = await counts();
    await taxSeeder.seedBatch(database.db, batch, ctx);
    await taxSeeder.seedBatch(database.db, DEMO_BATCH, ctx);
    expect(await counts()).toBe(before);
  });
});
