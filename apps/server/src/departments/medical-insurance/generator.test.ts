import { isValidResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch, type PeopleBatch } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { insertSocialInsuranceRows, socialInsuranceRows } from '../social-insurance/generator.js';
import { insuranceProfile } from '../social-insurance/profile.js';
import { amountFen } from '../social-insurance/rates.js';
import { PAYMENT_ACTIVATION_CITIES } from './contract.js';
import { DEMO_ACTIVATIONS } from './demo.js';
import { medicalInsuranceRows, medicalInsuranceSeeder } from './generator.js';

const ctx = seedContext(7);
const batches = [...generatePeople({ count: 2_000, seed: 7 })];
const people = batches.flatMap((b) => b.people);
const rows = medicalInsuranceRows({ people, relations: [] }, ctx);
const profiles = new Map(people.map((p) => [p.idNumber, insuranceProfile(p, ctx)]));

describe('medical-insurance generator', () => {
  it('is deterministic: batch by batch or all at once, the same rows', () => {
    const parts = batches.map((b) => medicalInsuranceRows(b, seedContext(7)));
    expect(parts.flatMap((p) => p.accounts)).toEqual(rows.accounts);
    expect(parts.flatMap((p) => p.transactions)).toEqual(rows.transactions);
    expect(parts.flatMap((p) => p.activations)).toEqual(rows.activations);
  });

  it('puts exactly the 人社 employees and pensioners in the employee scheme, in the same city', () => {
    expect(rows.accounts.length).toBeGreaterThan(1_500);
    for (const a of rows.accounts) {
      expect(isValidResidentId(a.idNumber)).toBe(true);
      const profile = profiles.get(a.idNumber);
      const employee = profile !== null && profile !== undefined && profile.scheme !== 'resident';
      expect(a.scheme === 'employee').toBe(employee);
      if (employee) expect(a.insuredCityCode).toBe(profile?.insuredCityCode);
      expect(a.balanceFen === null).toBe(a.scheme === 'resident');
    }
  });

  it('keeps the ledger consistent: never below zero, credits of 2 % of the 人社 base, ends at the balance', () => {
    const byPerson = new Map<string, typeof rows.transactions>();
    for (const x of rows.transactions) byPerson.set(x.idNumber, [...(byPerson.get(x.idNumber) ?? []), x]);
    const accounts = new Map(rows.accounts.map((a) => [a.idNumber, a]));
    for (const [idNumber, list] of byPerson) {
      const profile = profiles.get(idNumber);
      list.forEach((x, i) => {
        expect(x.seq).toBe(i);
        expect(x.balanceAfterFen).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(x.balanceAfterFen).toBe((list[i - 1]?.balanceAfterFen ?? 0) + x.amountFen);
        expect(x.occurredAt >= '2025-01-01' && x.occurredAt < '2026-01-01').toBe(true);
        if (x.kind === 'credit' && profile?.status !== 'retired') {
          const month = x.occurredAt.slice(0, 7);
          const span = profile?.spans.find((s) => s.from <= month && month <= s.to);
          expect(x.amountFen).toBe(amountFen(span?.base ?? 0, 200));
        }
      });
      expect(list.at(-1)?.balanceAfterFen).toBe(accounts.get(idNumber)?.balanceFen);
    }
    expect(byPerson.size).toBeGreaterThan(500);
  });

  it('activates payment only for active accounts in 广州 and 深圳, and as picked for the demo people', () => {
    const accounts = new Map(rows.accounts.map((a) => [a.idNumber, a]));
    for (const x of rows.activations) {
      const a = accounts.get(x.idNumber);
      expect((PAYMENT_ACTIVATION_CITIES as readonly string[]).includes(a?.insuredCityCode ?? '')).toBe(true);
      expect(a?.status).toBe('active');
      expect(x.cityCode).toBe(a?.insuredCityCode);
    }
    expect(rows.activations.length).toBeGreaterThan(50);
    const demo = medicalInsuranceRows(DEMO_BATCH, seedContext(1));
    for (const person of DEMO_BATCH.people) {
      const picked = DEMO_ACTIVATIONS.get(person.personId);
      if (picked === undefined) continue;
      expect(demo.activations.find((x) => x.idNumber === person.idNumber)?.activatedAt ?? null).toBe(picked);
    }
  });
});

describe('medical-insurance seeder on PGlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('seeds 200 people and idempotently', async () => {
    const ctx200 = seedContext('timing');
    const batch = generatePeople({ count: 200, seed: 'timing' }).next().value as PeopleBatch;
    await insertPeopleBatch(t.database.db, batch);
    await insertSocialInsuranceRows(t.database.db, socialInsuranceRows(batch, ctx200));
    const count = async () =>
      (
        await sql<{ n: number }>`select (select count(*) from dept_yibao.accounts)::int
          + (select count(*) from dept_yibao.account_transactions)::int as n`.execute(t.database.db)
      ).rows[0]?.n;
    const before = await count();
    await medicalInsuranceSeeder.seedBatch(t.database.db, batch, ctx200);
    const expected = medicalInsuranceRows(batch, ctx200);
    const after = await count();
    expect((after ?? 0) - (before ?? 0)).toBe(expected.accounts.length + expected.transactions.length);
    await medicalInsuranceSeeder.seedBatch(t.database.db, batch, ctx200);
    expect(await count()).toBe(after);
    const orphans = await sql<{ n: number }>`select count(*)::int as n from dept_yibao.account_transactions x
      where not exists (select 1 from dept_yibao.accounts a where a.id_number = x.id_number)`.execute(t.database.db);
    expect(orphans.rows[0]?.n).toBe(0);
  });
});
