import { makeResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { type FamilyRelation, RegisteredPerson } from './contract.js';
import { DEMO_PEOPLE, generatePeople, type PeopleBatch, seedPopulationRegister } from './generator.js';
import { SandboxPopulationRegister } from './sandbox.js';
import { type PopulationRegisterDb, populationRegisterDb } from './tables.js';

const demo = (name: string): RegisteredPerson => {
  const found = DEMO_PEOPLE.find((p) => p.name === name);
  if (!found) throw new Error(`no demo person ${name}`);
  const { note: _note, ...person } = found;
  return person;
};

describe.each(ENGINES)('sandbox population register on %s', (engine) => {
  let t: TestApp;
  let db: PopulationRegisterDb;
  let register: SandboxPopulationRegister;
  let firstBatch: PeopleBatch;

  const counts = async () => ({
    people: Number(
      (await db.selectFrom('dept_gongan.people').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
    ),
    relations: Number(
      (
        await db
          .selectFrom('dept_gongan.family_relations')
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    db = populationRegisterDb(t.database.db);
    await seedPopulationRegister(t.database.db, { count: 200, seed: 1 });
    register = new SandboxPopulationRegister(t.database.db);
    firstBatch = generatePeople({ count: 200, seed: 1 }).next().value as PeopleBatch;
  });
  afterAll(() => t?.close());

  describe('matchIdentity', () => {
    it('matches the right name and ID number', async () => {
      const zhang = demo('张伟');
      expect(await register.matchIdentity({ name: '张伟', idNumber: zhang.idNumber })).toEqual({
        matched: true,
        personId: zhang.personId,
      });
      // Spaces around the input and a lower-case x are tolerated.
      expect(await register.matchIdentity({ name: ' 张伟 ', idNumber: ` ${zhang.idNumber.toLowerCase()} ` })).toEqual({
        matched: true,
        personId: zhang.personId,
      });
      for (const person of firstBatch.people.filter((p) => p.status === 'normal').slice(0, 20)) {
        expect(await register.matchIdentity({ name: person.name, idNumber: person.idNumber })).toEqual({
          matched: true,
          personId: person.personId,
        });
      }
    });

    it('gives one and the same answer for a wrong name, a wrong or unknown ID, and a malformed ID', async () => {
      const zhang = demo('张伟');
      const unknownButValid = makeResidentId('440106', '19880512', 999);
      const misses = [
        { name: '张三', idNumber: zhang.idNumber }, // wrong name
        { name: '张', idNumber: zhang.idNumber }, // part of the name
        { name: '张伟', idNumber: demo('李娜').idNumber }, // someone else's ID number
        { name: '张伟', idNumber: unknownButValid }, // valid but not registered
        { name: '张伟', idNumber: `${zhang.idNumber.slice(0, 17)}${zhang.idNumber[17] === '1' ? '2' : '1'}` }, // bad check
        { name: '张伟', idNumber: '12345' },
        { name: '', idNumber: zhang.idNumber },
      ];
      for (const input of misses)
        expect(await register.matchIdentity(input), JSON.stringify(input)).toEqual({ matched: false });
    });

    it('does not match a person whose registration has ended', async () => {
      const wang = demo('王秀英');
      expect(wang.status).toBe('deceased');
      expect(await register.matchIdentity({ name: wang.name, idNumber: wang.idNumber })).toEqual({ matched: false });
    });
  });

  describe('getPerson', () => {
    it('returns the full record, birth date as YYYY-MM-DD', async () => {
      for (const name of ['张伟', '张梓轩', '王秀英', '刘洋', '陈嘉欣']) {
        const person = await register.getPerson(demo(name).idNumber);
        expect(person).toEqual(demo(name));
        expect(RegisteredPerson.safeParse(person).success).toBe(true);
      }
      for (const person of firstBatch.people.slice(0, 30)) {
        expect(await register.getPerson(person.idNumber)).toEqual(person);
      }
    });

    it('returns undefined for unknown or malformed numbers', async () => {
      expect(await register.getPerson(makeResidentId('440106', '19880512', 999))).toBeUndefined();
      expect(await register.getPerson('not an id')).toBeUndefined();
      expect(await register.getPerson("440106198805120311' or '1'='1")).toBeUndefined();
    });
  });

  describe('familyOf', () => {
    it("lists a person's spouse, parents (oldest first) and children", async () => {
      const family = await register.familyOf(demo('张伟').idNumber);
      expect(family.map((f) => [f.relation, f.person.name])).toEqual([
        ['spouse', '刘芳'],
        ['parent', '张建国'],
        ['parent', '王秀英'],
        ['child', '张梓轩'],
      ]);
      expect(family[3]?.person).toEqual(demo('张梓轩'));
      const child = await register.familyOf(demo('张梓轩').idNumber);
      expect(child.map((f) => [f.relation, f.person.name])).toEqual([
        ['parent', '张伟'],
        ['parent', '刘芳'],
      ]);
      const grandfather = await register.familyOf(demo('张建国').idNumber);
      expect(grandfather.map((f) => [f.relation, f.person.name])).toEqual([
        ['spouse', '王秀英'],
        ['child', '张伟'],
      ]);
      // 李娜 (深圳) and her mother in 清远
      expect((await register.familyOf(demo('李娜').idNumber)).map((f) => [f.relation, f.person.name])).toEqual([
        ['parent', '周桂兰'],
      ]);
    });

    it("agrees with the generator's links and is symmetric", async () => {
      const byId = new Map(firstBatch.people.map((p) => [p.personId, p]));
      for (const person of firstBatch.people.slice(0, 40)) {
        const expected = firstBatch.relations
          .filter((r) => r.personId === person.personId)
          .map((r) => `${r.relation}:${byId.get(r.relativeId)?.idNumber}`)
          .sort();
        const family = await register.familyOf(person.idNumber);
        expect(family.map((f) => `${f.relation}:${f.person.idNumber}`).sort()).toEqual(expected);
        for (const f of family) {
          const back = await register.familyOf(f.person.idNumber);
          const converse: FamilyRelation['relation'] =
            f.relation === 'spouse' ? 'spouse' : f.relation === 'child' ? 'parent' : 'child';
          expect(back.filter((b) => b.person.idNumber === person.idNumber).map((b) => b.relation)).toEqual([converse]);
        }
      }
    });

    it('is empty for people without links, unknown and malformed numbers', async () => {
      expect(await register.familyOf(demo('陈志强').idNumber)).toEqual([]);
      expect(await register.familyOf(makeResidentId('440106', '19880512', 999))).toEqual([]);
      expect(await register.familyOf('garbage')).toEqual([]);
    });
  });

  describe('findByPhone', () => {
    it('finds the people registered with a mobile number', async () => {
      expect(await register.findByPhone('13800138000')).toEqual([demo('张伟')]);
      const withPhone = firstBatch.people.filter((p) => p.phone).slice(0, 20);
      for (const person of withPhone) expect(await register.findByPhone(person.phone as string)).toEqual([person]);
    });

    it('finds nobody for an unknown or malformed number', async () => {
      expect(await register.findByPhone('13800138999')).toEqual([]);
      expect(await register.findByPhone('12345')).toEqual([]);
      expect(await register.findByPhone('')).toEqual([]);
    });
  });

  describe('seedPopulationRegister', () => {
    it('is idempotent, and a larger count adds only the new people', async () => {
      const before = await counts();
      expect(before.people).toBe(200 + DEMO_PEOPLE.length);
      expect(await seedPopulationRegister(t.database.db, { count: 200, seed: 1 })).toEqual({
        inserted: 0,
        skipped: 200,
      });
      expect(await counts()).toEqual(before);

      const progress: number[] = [];
      const result = await seedPopulationRegister(t.database.db, {
        count: 350,
        seed: 1,
        batchSize: 100,
        onProgress: (done) => progress.push(done),
      });
      expect(progress.at(-1)).toBe(350);
      expect(result.inserted).toBe(150);
      expect((await counts()).people).toBe(350 + DEMO_PEOPLE.length);
      // The household cut at 200 is completed, links across the cut included: every generated link is there.
      const generated = [...generatePeople({ count: 350, seed: 1 })].flatMap((batch) => batch.relations);
      const stored = await db
        .selectFrom('dept_gongan.family_relations')
        .select(['person_id', 'relative_id', 'relation'])
        .where(
          'person_id',
          'not in',
          DEMO_PEOPLE.map((p) => p.personId),
        )
        .execute();
      const key = (r: { personId: string; relativeId: string; relation: string }) =>
        `${r.personId}>${r.relativeId}:${r.relation}`;
      expect(
        stored.map((r) => key({ personId: r.person_id, relativeId: r.relative_id, relation: r.relation })).sort(),
      ).toEqual(generated.map(key).sort());
    });

    it('another seed adds other people without linking them to the first seed', async () => {
      const before = await counts();
      const result = await seedPopulationRegister(t.database.db, { count: 300, seed: 'other', batchSize: 128 });
      expect(result.inserted + result.skipped).toBe(300);
      expect(result.inserted).toBeGreaterThan(295);
      const after = await counts();
      expect(after.people).toBe(before.people + result.inserted);
      // Every link still has its converse.
      const orphan = await sql<{ n: string }>`
        select count(*) as n from dept_gongan.family_relations r
        where not exists (
          select 1 from dept_gongan.family_relations c
          where c.person_id = r.relative_id and c.relative_id = r.person_id
        )`.execute(db);
      expect(Number(orphan.rows[0]?.n)).toBe(0);
    });
  });
});
