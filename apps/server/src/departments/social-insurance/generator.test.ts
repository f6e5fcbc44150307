import { isValidResidentId, isValidUscc } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { DEMO_BATCH, generatePeople, insertPeopleBatch, type PeopleBatch } from '../population-register/generator.js';
import { jobIn, lifeOf } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { DEMO_CARDS } from './demo.js';
import {
  insertSocialInsuranceRows,
  type SocialInsuranceRows,
  socialInsuranceRows,
  socialInsuranceSeeder,
} from './generator.js';
import { lastSettledMonth } from './profile.js';
import { baseBounds, contributionBase, RECORDS_FROM } from './rates.js';
import { socialInsuranceDb } from './tables.js';

const ctx = seedContext(7);
const batches = [...generatePeople({ count: 3_000, seed: 7 })];
const people = batches.flatMap((b) => b.people);
const all = (): SocialInsuranceRows => {
  const parts = batches.map((b) => socialInsuranceRows(b, ctx));
  return {
    persons: parts.flatMap((p) => p.persons),
    spans: parts.flatMap((p) => p.spans),
    cards: parts.flatMap((p) => p.cards),
    certifications: parts.flatMap((p) => p.certifications),
  };
};
const rows = all();
const personOf = new Map(people.map((p) => [p.idNumber, p]));
const lives = new Map(people.map((p) => [p.idNumber, lifeOf(p, ctx)]));

describe('social-insurance generator: determinism', () => {
  it('gives the same rows for the same seed, whatever the batch size', () => {
    const again = socialInsuranceRows({ people, relations: batches.flatMap((b) => b.relations) }, seedContext(7));
    expect(again).toEqual(rows);
  });

  it('gives other rows for another seed', () => {
    const other = socialInsuranceRows(batches[0] as PeopleBatch, seedContext(8));
    expect(other.spans).not.toEqual(socialInsuranceRows(batches[0] as PeopleBatch, ctx).spans);
  });
});

describe('social-insurance generator: validity', () => {
  it('writes valid ID numbers, unified social credit codes, card and bank numbers', () => {
    expect(rows.persons.length).toBeGreaterThan(1_500);
    for (const p of rows.persons) {
      expect(isValidResidentId(p.idNumber)).toBe(true);
      expect(p.socialSecurityNumber).toBe(p.idNumber);
      if (p.currentUnitUscc) expect(isValidUscc(p.currentUnitUscc)).toBe(true);
    }
    for (const s of rows.spans) expect(isValidUscc(s.unitUscc), s.unitUscc).toBe(true);
    for (const c of rows.cards) {
      expect(c.cardNumber).toMatch(/^[A-HJ-NP-Z]\d{8}$/);
      if (c.generation === 2) expect(c.bankAccount).toMatch(/^\d{19}$/);
      else expect([c.bankAccount, c.bankName]).toEqual([null, null]);
    }
  });
});

describe('social-insurance generator: consistency with the life model and the rules', () => {
  const settled = lastSettledMonth(ctx.asOf);

  it('bases follow the wage of the job of the life model, clamped to the city bounds of the year', () => {
    for (const s of rows.spans) {
      const life = lives.get(s.idNumber);
      if (!life) throw new Error('span without person');
      const job = jobIn(life, s.from);
      expect(job).toBeDefined();
      expect(jobIn(life, s.to)).toBe(job);
      expect(s.cityCode).toBe(job?.cityCode);
      expect(s.unitUscc).toBe(job?.employer.uscc);
      // A run may cover several years: the base is the clamped wage of each of them.
      for (let year = Number(s.from.slice(0, 4)); year <= Number(s.to.slice(0, 4)); year++) {
        expect(s.base).toBe(contributionBase(job?.monthlyWage ?? 0, job?.cityCode ?? '440100', year));
        const { floor, ceiling } = baseBounds(s.cityCode as '440100', year);
        expect(s.base).toBeGreaterThanOrEqual(floor);
        expect(s.base).toBeLessThanOrEqual(ceiling);
      }
      expect(s.from >= RECORDS_FROM && s.to <= settled && s.from <= s.to).toBe(true);
    }
    // Some wages are clamped at each end.
    const clamped = rows.spans.filter((s) => {
      const job = jobIn(lives.get(s.idNumber) as never, s.from);
      return job && job.monthlyWage !== s.base;
    });
    expect(clamped.length).toBeGreaterThan(100);
    // Years at an unchanged base are one run: far fewer rows than years.
    expect(rows.spans.some((s) => s.from.slice(0, 4) !== s.to.slice(0, 4))).toBe(true);
  });

  it('has no overlapping months, and retirees stop contributing before retirement', () => {
    const byPerson = new Map<string, typeof rows.spans>();
    for (const s of rows.spans) byPerson.set(s.idNumber, [...(byPerson.get(s.idNumber) ?? []), s]);
    for (const [idNumber, spans] of byPerson) {
      for (let i = 1; i < spans.length; i++) expect((spans[i]?.from ?? '') > (spans[i - 1]?.to ?? '')).toBe(true);
      const life = lives.get(idNumber);
      if (life?.retiredIn) expect((spans.at(-1)?.to ?? '') < life.retiredIn).toBe(true);
    }
  });

  it('derives status, insured city, current unit and pension from the life model', () => {
    const statuses = new Set<string>();
    for (const r of rows.persons) {
      const person = personOf.get(r.idNumber);
      if (!person) throw new Error('record without person');
      const life = lifeOf(person, ctx);
      statuses.add(`${r.scheme}:${r.status}`);
      if (person.status === 'deceased') expect(r.status).toBe('terminated');
      if (r.scheme === 'resident') {
        expect(life.jobs).toEqual([]);
        expect(r.insuredCityCode).toBe(person.hukouCityCode);
        continue;
      }
      const last = life.jobs.at(-1);
      expect(r.insuredCityCode).toBe(last?.cityCode);
      expect(r.status === 'contributing').toBe(r.currentUnitUscc !== null);
      if (r.status === 'contributing') expect(r.currentUnitUscc).toBe(last?.employer.uscc);
      if (r.status === 'retired') expect(r.pensionSince).toBe(life.retiredIn);
      expect(r.pensionFen !== null).toBe(r.status === 'retired');
    }
    for (const s of ['enterprise:contributing', 'enterprise:suspended', 'enterprise:retired', 'resident:retired']) {
      expect(statuses).toContain(s);
    }
  });

  it('issues second-generation cards from 2015 on and certifies only pensioners, by themselves or a child', () => {
    for (const c of rows.cards) if (c.issuedOn >= '2015-01-01') expect(c.generation).toBe(2);
    const firstGeneration = rows.cards.filter((c) => c.generation === 1).length;
    expect(firstGeneration).toBeGreaterThan(20);
    expect(firstGeneration).toBeLessThan(rows.cards.length / 4);
    const pensioners = new Set(rows.persons.filter((p) => p.pensionFen !== null).map((p) => p.idNumber));
    const relations = batches.flatMap((b) => b.relations);
    const idOf = new Map(people.map((p) => [p.personId, p.idNumber]));
    for (const c of rows.certifications) {
      expect(pensioners.has(c.idNumber)).toBe(true);
      expect(c.certifiedAt < `${ctx.asOf}T00:00:00+08:00`).toBe(true);
      expect(c.certifiedAt >= '2024-11-01').toBe(true);
      if (c.agentIdNumber) {
        const person = personOf.get(c.idNumber)?.personId;
        const children = relations.filter((r) => r.personId === person && r.relation === 'child');
        expect(children.map((r) => idOf.get(r.relativeId))).toContain(c.agentIdNumber);
      }
    }
    expect(rows.certifications.length).toBe(pensioners.size);
  });

  it('gives the demo people their hand-picked cards', () => {
    const demo = socialInsuranceRows(DEMO_BATCH, seedContext(1));
    for (const person of DEMO_BATCH.people) {
      const picked = DEMO_CARDS.get(person.personId);
      if (!picked) continue;
      const card = demo.cards.find((c) => c.idNumber === person.idNumber);
      expect(card, person.name).toMatchObject({
        generation: picked.generation,
        issuingCityCode: picked.issuingCityCode,
      });
    }
    expect(demo.persons.find((p) => p.idNumber.startsWith('81'))?.hkMacau).toBe('hong-kong');
  });
});

describe('social-insurance seeder on PGlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]?.n,
    );

  it('seeds 200 people, and seeding them again adds nothing', async () => {
    const ctx200 = seedContext('timing');
    const batch = generatePeople({ count: 200, seed: 'timing' }).next().value as PeopleBatch;
    await insertPeopleBatch(t.database.db, batch);
    const before = await count('dept_shebao.contribution_spans');
    await socialInsuranceSeeder.seedBatch(t.database.db, batch, ctx200);
    const expected = socialInsuranceRows(batch, ctx200);
    const after = await count('dept_shebao.contribution_spans');
    expect(after - before).toBe(expected.spans.length);
    const tables = ['insured_persons', 'contribution_spans', 'cards', 'pension_certifications'];
    const counts = await Promise.all(tables.map((n) => count(`dept_shebao.${n}`)));
    await socialInsuranceSeeder.seedBatch(t.database.db, batch, ctx200);
    expect(await Promise.all(tables.map((n) => count(`dept_shebao.${n}`)))).toEqual(counts);
  });

  it('stores exactly the rows it generated', async () => {
    const ctx1 = seedContext(1);
    const batch = generatePeople({ count: 200, seed: 1 }).next().value as PeopleBatch;
    const expected = socialInsuranceRows(batch, ctx1);
    const db = socialInsuranceDb(t.database.db);
    const ids = expected.persons.map((p) => p.idNumber);
    const stored = await db
      .selectFrom('dept_shebao.contribution_spans')
      .select(['id_number', 'from_month', 'to_month', 'base_yuan', 'unit_uscc'])
      .where('id_number', 'in', ids)
      .orderBy('id_number')
      .orderBy('from_month')
      .execute();
    const key = (r: { idNumber: string; from: string; to: string; base: number; unitUscc: string }) =>
      `${r.idNumber}|${r.from}|${r.to}|${r.base}|${r.unitUscc}`;
    expect(
      stored.map((r) =>
        key({ idNumber: r.id_number, from: r.from_month, to: r.to_month, base: r.base_yuan, unitUscc: r.unit_uscc }),
      ),
    ).toEqual(expected.spans.map(key).sort());
    // Nothing new on a second insert of the same rows.
    expect(await insertSocialInsuranceRows(t.database.db, expected)).toBe(0);
    // No span without its insured person (the table has no foreign key: the seeder keeps this).
    const orphans = await sql<{ n: number }>`select count(*)::int as n from dept_shebao.contribution_spans s
      where not exists (select 1 from dept_shebao.insured_persons p where p.id_number = s.id_number)`.execute(
      t.database.db,
    );
    expect(orphans.rows[0]?.n).toBe(0);
  });
});
