import { parseResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch } from '../population-register/generator.js';
import { addMonths } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { accountNumber, BILL_MONTHS, householdsOf, lastBilledPeriod } from './accounts.js';
import { COMPANIES, charge, POWER_CITIES, type TariffTier } from './companies.js';
import { insertUtilityAccounts, utilitiesSeeder, utilityAccounts } from './generator.js';
import { utilitiesDb } from './tables.js';

const ctx = seedContext(42);
const batches = [...generatePeople({ count: 10_000, seed: 42 })];
const accounts = batches.flatMap((b) => utilityAccounts(b, ctx));

/** Tier charges the slow way: unit by unit. */
function slowCharge(tiers: readonly Pick<TariffTier, 'upTo' | 'priceFen'>[], quantity: number, before: number): number {
  let fen = 0;
  for (let unit = before + 1; unit <= before + quantity; unit++) {
    fen += (tiers.find((t) => t.upTo === null || unit <= t.upTo) as { priceFen: number }).priceFen;
  }
  return fen;
}

describe('utility tariffs', () => {
  it('charges Guangdong residential power by monthly tiers: 0.59 / 0.64 / 0.89 yuan per kWh', () => {
    const power = COMPANIES.find((c) => c.id === 'csg-guangdong-power');
    if (!power) throw new Error('no power company');
    // 300 kWh in July (summer: 260 / 600): 260 × 0.59 + 40 × 0.64 = 153.40 + 25.60 = 179.00
    expect(charge(power.tariff.tiers(7), 300)).toEqual([
      { tier: 1, quantity: 260, priceFen: 59, amountFen: 15_340 },
      { tier: 2, quantity: 40, priceFen: 64, amountFen: 2_560 },
    ]);
    // 450 kWh in January (200 / 400): 200 × 0.59 + 200 × 0.64 + 50 × 0.89 = 118 + 128 + 44.50 = 290.50
    expect(charge(power.tariff.tiers(1), 450).reduce((s, c) => s + c.amountFen, 0)).toBe(29_050);
  });

  it('charges 广州 gas by the year’s cumulated use', () => {
    const gas = COMPANIES.find((c) => c.id === 'guangzhou-gas');
    if (!gas) throw new Error('no gas company');
    // 30 m³ after 300 this year: 20 × 3.45 + 10 × 4.14 = 69.00 + 41.40
    expect(charge(gas.tariff.tiers(11), 30, 300)).toEqual([
      { tier: 1, quantity: 20, priceFen: 345, amountFen: 6_900 },
      { tier: 2, quantity: 10, priceFen: 414, amountFen: 4_140 },
    ]);
    expect(charge(gas.tariff.tiers(12), 10, 405)).toEqual([{ tier: 3, quantity: 10, priceFen: 518, amountFen: 5_180 }]);
  });
});

describe('utilities generator', () => {
  it('is deterministic and independent of batch size (households never span batches)', () => {
    expect(batches.slice(0, 2).flatMap((b) => utilityAccounts(b, seedContext(42)))).toEqual(
      batches.slice(0, 2).flatMap((b) => utilityAccounts(b, ctx)),
    );
    const rebatched = [...generatePeople({ count: 10_000, seed: 42, batchSize: 250 })].flatMap((b) =>
      utilityAccounts(b, ctx),
    );
    expect(rebatched).toEqual(accounts);
    const other = batches.slice(0, 1).flatMap((b) => utilityAccounts(b, seedContext(43)));
    expect(other.map((a) => a.bills[0]?.consumption)).not.toEqual(
      batches
        .slice(0, 1)
        .flatMap((b) => utilityAccounts(b, ctx))
        .map((a) => a.bills[0]?.consumption),
    );
  });

  it('opens accounts only where the company serves: gas in 广州, power outside 广州/深圳, water in 阳江', () => {
    expect(accounts.length).toBeGreaterThan(1500);
    for (const a of accounts) {
      expect(a.company.cityCodes).toContain(a.household.cityCode);
      if (a.company.utility === 'gas') expect(a.household.cityCode).toBe('440100');
      if (a.company.utility === 'water') expect(a.household.cityCode).toBe('441700');
      if (a.company.utility === 'power') expect(['440100', '440300']).not.toContain(a.household.cityCode);
    }
    expect(new Set(accounts.map((a) => a.company.id))).toEqual(new Set(COMPANIES.map((c) => c.id)));
    // One account per company and holder.
    const keys = accounts.map((a) => `${a.company.id}|${a.household.holder.personId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('holds accounts in the name of a living adult at the household’s residence address', () => {
    for (const a of accounts) {
      const { holder } = a.household;
      expect(holder.status).toBe('normal');
      expect(Number(ctx.asOf.slice(0, 4)) - Number(holder.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(18);
      expect(a.household.address).toBe(holder.residenceAddress);
      expect(parseResidentId(holder.idNumber, { now: new Date('2026-01-01') }).ok).toBe(true);
    }
    // Every household of a batch is someone's home, and the people of a household share its address.
    for (const b of batches.slice(0, 3)) {
      for (const h of householdsOf(b, ctx.asOf)) {
        const members = b.people.filter((p) => p.residenceAddress === h.address && p.status === 'normal');
        expect(members.length).toBe(h.size);
      }
    }
  });

  it('bills the last 24 months with continuous readings and exact tiered amounts', () => {
    const last = lastBilledPeriod(ctx.asOf);
    expect(last).toBe('2025-11');
    let tierTwo = 0;
    // Every company and tier occurs in the first 800 accounts; checking unit by unit is slow.
    for (const a of accounts.slice(0, 800)) {
      expect(a.bills.map((b) => b.period)).toEqual(
        Array.from({ length: BILL_MONTHS }, (_, i) => addMonths(last, i + 1 - BILL_MONTHS)),
      );
      let yearSoFar: number | undefined;
      a.bills.forEach((b, i) => {
        const prev = a.bills[i - 1];
        if (prev) expect(b.previousReading).toBe(prev.currentReading);
        expect(b.currentReading - b.previousReading).toBe(b.consumption);
        const month = Number(b.period.slice(5));
        const tiers = a.company.tariff.tiers(month);
        if (a.company.tariff.period === 'month') {
          expect(b.amountFen).toBe(slowCharge(tiers, b.consumption, 0));
        } else {
          // Yearly tiers: the use before the first bill shown is not known here; from January on it is.
          if (month === 1) yearSoFar = 0;
          if (yearSoFar !== undefined) {
            expect(b.amountFen).toBe(slowCharge(tiers, b.consumption, yearSoFar));
            yearSoFar += b.consumption;
          }
        }
        expect(b.amountFen).toBe(b.charges.reduce((s, c) => s + c.amountFen, 0));
        if (b.charges.length > 1) tierTwo++;
        expect(b.issuedOn).toBe(`${addMonths(b.period, 1)}-05`);
        if (b.paid) expect((b.paidAt as string) < ctx.asOf && (b.paidAt as string) >= b.issuedOn).toBe(true);
        else expect(b.paidAt).toBeNull();
      });
    }
    expect(tierTwo).toBeGreaterThan(50);
    // Old bills are nearly all paid; the open one (due 2026-01-05) about half the time.
    const old = accounts.flatMap((a) => a.bills.slice(0, -1));
    expect(old.filter((b) => b.paid).length / old.length).toBeGreaterThan(0.97);
    const open = accounts.map((a) => a.bills.at(-1));
    const openPaid = open.filter((b) => b?.paid).length / open.length;
    expect(openPaid).toBeGreaterThan(0.3);
    expect(openPaid).toBeLessThan(0.6);
  });

  it('numbers accounts in each company’s format, power by the city’s place among the 19', () => {
    for (const a of accounts.slice(0, 500)) {
      const n = accountNumber(a, ctx, 0);
      expect(n).toMatch(a.company.accountPattern);
      if (a.company.utility === 'power') {
        expect(Number(n.slice(2, 4))).toBe(POWER_CITIES.indexOf(a.household.cityCode) + 1);
      }
    }
  });
});

describe('utilities seeder on PGlite', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrate(database.db);
  });
  afterAll(() => database?.close());

  const count = async () => {
    const db = utilitiesDb(database.db);
    const a = await sql<{ n: string }>`select count(*) as n from dept_gongyong.accounts`.execute(db);
    const b = await sql<{ n: string }>`select count(*) as n from dept_gongyong.bills`.execute(db);
    return [Number(a.rows[0]?.n), Number(b.rows[0]?.n)];
  };

  it('seeds the demo province and idempotently, re-drawing a taken account number', async () => {
    const seed1 = seedContext(1);
    const people = [DEMO_BATCH, ...generatePeople({ count: 200, seed: 1 })];
    for (const b of people) await insertPeopleBatch(database.db, b);
    const expected = people.flatMap((b) => utilityAccounts(b, seed1));

    // Someone else already has the number the first generated account would draw first.
    const first = expected[0];
    if (!first) throw new Error('no account');
    const taken = accountNumber(first, seed1, 0);
    await sql`insert into dept_gongyong.accounts (account_number, company_id, city_code, holder_person_id,
        holder_id_number, holder_name, address, opened_on, updated_at)
      values (${taken}, ${first.company.id}, ${first.household.cityCode}, '00000000-0000-4000-8000-000000000000',
        '110105194912310029', '某人', '某地址', '2020-01-01', now())`.execute(database.db);

    for (const b of people) await utilitiesSeeder.seedBatch(database.db, b, seed1);

    expect(await count()).toEqual([expected.length + 1, expected.length * BILL_MONTHS]);
    const row = await utilitiesDb(database.db)
      .selectFrom('dept_gongyong.accounts')
      .select('account_number')
      .where('holder_person_id', '=', first.household.holder.personId)
      .where('company_id', '=', first.company.id)
      .executeTakeFirstOrThrow();
    expect(row.account_number).toBe(accountNumber(first, seed1, 1));

    const before = await count();
    for (const b of people) await utilitiesSeeder.seedBatch(database.db, b, seed1);
    await insertUtilityAccounts(database.db, expected, seed1);
    expect(await count()).toEqual(before);
  });
});
