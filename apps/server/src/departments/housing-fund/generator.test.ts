import { isValidResidentId, isValidUscc } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch, type PeopleBatch } from '../population-register/generator.js';
import { jobIn, lifeOf, monthsBetween } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { NOT_CONNECTED_CITIES } from './contract.js';
import { DEMO_HOUSING } from './demo.js';
import { depositBase, depositBaseFloor, depositFen } from './deposit-rules.js';
import { housingFundRows, housingFundSeeder } from './generator.js';

const ctx = seedContext(7);
const batches = [...generatePeople({ count: 3_000, seed: 7 })];
const people = batches.flatMap((b) => b.people);
const rows = housingFundRows({ people, relations: [] }, ctx);
const personOf = new Map(people.map((p) => [p.idNumber, p]));
const lives = new Map(people.map((p) => [p.idNumber, lifeOf(p, ctx)]));
const key = (r: { idNumber: string; cityCode: string }) => `${r.idNumber}:${r.cityCode}`;

describe('housing-fund generator', () => {
  it('is deterministic batch by batch, and another seed differs', () => {
    const parts = batches.map((b) => housingFundRows(b, seedContext(7)));
    expect({
      accounts: parts.flatMap((p) => p.accounts),
      spans: parts.flatMap((p) => p.spans),
      withdrawals: parts.flatMap((p) => p.withdrawals),
      loans: parts.flatMap((p) => p.loans),
    }).toEqual(rows);
    expect(housingFundRows(batches[0] as PeopleBatch, seedContext(8)).spans).not.toEqual(
      housingFundRows(batches[0] as PeopleBatch, ctx).spans,
    );
  });

  it('writes valid ID numbers, credit codes, account numbers and phones', () => {
    expect(rows.accounts.length).toBeGreaterThan(800);
    for (const a of rows.accounts) {
      expect(isValidResidentId(a.idNumber)).toBe(true);
      expect(isValidUscc(a.unitUscc)).toBe(true);
      expect(a.accountNumber).toMatch(new RegExp(`^${a.cityCode.slice(0, 4)}\\d{10}$`));
      if (a.boundPhone) expect(a.boundPhone).toMatch(/^1[3-9]\d{9}$/);
    }
    // The bound phone is mostly the register's, sometimes another number ("手机号码不正确").
    const other = rows.accounts.filter((a) => a.boundPhone !== personOf.get(a.idNumber)?.phone).length;
    expect(other).toBeGreaterThan(rows.accounts.length * 0.03);
    expect(other).toBeLessThan(rows.accounts.length * 0.15);
  });

  it('has no records at the centres that are not connected, nor for retired or deceased people', () => {
    for (const a of rows.accounts) {
      expect((NOT_CONNECTED_CITIES as readonly string[]).includes(a.cityCode)).toBe(false);
      expect(personOf.get(a.idNumber)?.status).toBe('normal');
      expect(lives.get(a.idNumber)?.retired).toBe(false);
    }
    // People working there exist in the province: their centres simply are not connected.
    const dongguanWorkers = people.filter((p) => lives.get(p.idNumber)?.jobs.some((j) => j.cityCode === '441900'));
    expect(dongguanWorkers.length).toBeGreaterThan(10);
  });

  it('deposits follow the jobs of the life model: base from the wage, 5 %–12 % each side', () => {
    for (const s of rows.spans) {
      const life = lives.get(s.idNumber);
      const job = life && jobIn(life, s.from);
      expect(job?.cityCode).toBe(s.cityCode);
      expect(jobIn(life as never, s.to)).toBe(job);
      expect(s.unitUscc).toBe(job?.employer.uscc);
      for (let year = Number(s.from.slice(0, 4)); year <= Number(s.to.slice(0, 4)); year++) {
        expect(s.base).toBe(depositBase(job?.monthlyWage ?? 0, s.cityCode as '440100', year));
        expect(s.base).toBeGreaterThanOrEqual(depositBaseFloor(s.cityCode as '440100', year));
      }
      expect(s.employeeRateBp).toBeGreaterThanOrEqual(500);
      expect(s.employeeRateBp).toBeLessThanOrEqual(1_200);
      if (job?.employer.kind === 'institution') expect(s.employeeRateBp).toBe(1_200);
    }
  });

  it('keeps balances consistent: deposits less completed withdrawals, never below zero', () => {
    const deposits = new Map<string, number>();
    for (const s of rows.spans) {
      const months = monthsBetween(s.from, s.to) + 1;
      const fen = depositFen(s.base, s.employeeRateBp) + depositFen(s.base, s.employerRateBp);
      deposits.set(key(s), (deposits.get(key(s)) ?? 0) + months * fen);
    }
    const withdrawn = new Map<string, number>();
    for (const w of rows.withdrawals) {
      if (w.status === 'completed') withdrawn.set(key(w), (withdrawn.get(key(w)) ?? 0) + w.amountFen);
    }
    for (const a of rows.accounts) {
      expect(a.balanceFen).toBe((deposits.get(key(a)) ?? 0) - (withdrawn.get(key(a)) ?? 0));
      expect(a.balanceFen).toBeGreaterThanOrEqual(0);
    }
  });

  it('marks the account of the current job 正常 and the others 封存; withdrawal rules hold', () => {
    for (const a of rows.accounts) {
      const current = lives.get(a.idNumber)?.jobs.find((j) => j.to === null);
      if (a.status === 'normal') expect(current?.cityCode).toBe(a.cityCode);
    }
    const byAccount = new Map<string, typeof rows.withdrawals>();
    for (const w of rows.withdrawals) byAccount.set(key(w), [...(byAccount.get(key(w)) ?? []), w]);
    const statusOf = new Map(rows.accounts.map((a) => [key(a), a.status]));
    let unfinished = 0;
    for (const [k, list] of byAccount) {
      const open = list.filter((w) => w.status === 'in-progress');
      expect(open.length).toBeLessThanOrEqual(1);
      if (open.length > 0) expect(statusOf.get(k)).toBe('normal');
      unfinished += open.length;
      expect(list[0]?.channel).toBe('counter');
      for (const w of list) {
        expect(w.amountFen % 10_000).toBe(0);
        expect(w.appliedAt < `${ctx.asOf}T00:00:00+08:00`).toBe(true);
      }
    }
    expect(unfinished).toBeGreaterThan(0);
    expect(byAccount.size).toBeGreaterThan(100);
  });

  it('gives the demo people their hand-picked withdrawals and bound phones (seed 1)', () => {
    const demo = housingFundRows(DEMO_BATCH, seedContext(1));
    for (const person of DEMO_BATCH.people) {
      const picked = DEMO_HOUSING.get(person.personId);
      if (!picked) continue;
      const current = lifeOf(person, seedContext(1)).jobs.at(-1);
      const account = demo.accounts.find((a) => a.idNumber === person.idNumber && a.cityCode === current?.cityCode);
      expect(account?.status, person.name).toBe('normal');
      expect(account?.boundPhone).toBe(picked.boundPhone ?? person.phone);
      const list = demo.withdrawals.filter((w) => w.idNumber === person.idNumber && w.cityCode === current?.cityCode);
      expect(list.map((w) => [w.appliedAt, w.status])).toEqual([
        ...picked.completed.map((w) => [w.at, 'completed']),
        ...(picked.unfinished ? [[picked.unfinished.at, 'in-progress']] : []),
      ]);
    }
  });
});

describe('housing-fund seeder on PGlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('seeds 200 people and idempotently', async () => {
    const ctx200 = seedContext('timing');
    const batch = generatePeople({ count: 200, seed: 'timing' }).next().value as PeopleBatch;
    await insertPeopleBatch(t.database.db, batch);
    const count = async () =>
      (
        await sql<{ n: number }>`select (select count(*) from dept_gjj.accounts)::int
          + (select count(*) from dept_gjj.deposit_spans)::int + (select count(*) from dept_gjj.withdrawals)::int as n`.execute(
          t.database.db,
        )
      ).rows[0]?.n ?? 0;
    const before = await count();
    await housingFundSeeder.seedBatch(t.database.db, batch, ctx200);
    const expected = housingFundRows(batch, ctx200);
    const after = await count();
    expect(after - before).toBe(expected.accounts.length + expected.spans.length + expected.withdrawals.length);
    await housingFundSeeder.seedBatch(t.database.db, batch, ctx200);
    expect(await count()).toBe(after);
    const orphans = await sql<{ n: number }>`select count(*)::int as n from dept_gjj.deposit_spans s
      where not exists (select 1 from dept_gjj.accounts a where a.id_number = s.id_number and a.city_code = s.city_code)`.execute(
      t.database.db,
    );
    expect(orphans.rows[0]?.n).toBe(0);
  });
});
