import { readFileSync } from 'node:fs';
import { CITY_CODES, hanziNumber, parsePersonName, parseResidentId } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { RegisteredPerson } from './contract.js';
import {
  DEFAULT_AS_OF,
  DEMO_FAMILY_RELATIONS,
  DEMO_PEOPLE,
  type GeneratedRelation,
  GIVEN_NAME_CHARACTERS,
  generatePeople,
  type PeopleBatch,
  Rng,
  SURNAMES,
} from './generator.js';

/** 通用规范汉字表 (8105 characters), one per line in the table's order: code point, character, pinyin. */
const TABLE_IN_ORDER = readFileSync(new URL('./data/tongyong-guifan-hanzi-8105.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => line.split('\t')[1] as string);
const STANDARD_CHARACTERS = new Set(TABLE_IN_ORDER);

function collect(count: number, seed: number | string, batchSize?: number) {
  const batches: PeopleBatch[] = [];
  for (const batch of generatePeople({ count, seed, ...(batchSize ? { batchSize } : {}) })) batches.push(batch);
  return {
    batches,
    people: batches.flatMap((b) => b.people),
    relations: batches.flatMap((b) => b.relations),
  };
}

const AS_OF = new Date(`${DEFAULT_AS_OF}T00:00:00+08:00`);
const sample = collect(20_000, 42);

describe('the 通用规范汉字表 copy', () => {
  it('has 8105 distinct characters, counted in code points', () => {
    expect(STANDARD_CHARACTERS.size).toBe(8105);
    expect([...STANDARD_CHARACTERS].filter((ch) => Array.from(ch).length !== 1)).toEqual([]);
    // 196 lie outside the Basic Multilingual Plane: two UTF-16 units, one character.
    expect([...STANDARD_CHARACTERS].filter((ch) => ch.length === 2)).toHaveLength(196);
  });

  it('is the table the shared name validator compiles in (@yss/contracts), character for character, in order', () => {
    expect(TABLE_IN_ORDER.filter((ch, i) => hanziNumber(ch) !== i + 1)).toEqual([]);
  });
});

describe('Rng', () => {
  it('is deterministic per seed and spreads its output', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(xs);
    const floats = Array.from({ length: 10_000 }, () => a.float());
    const mean = floats.reduce((s, x) => s + x, 0) / floats.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
  });
});

describe('generatePeople: determinism', () => {
  it('gives the same people for the same seed, whatever the batch size', () => {
    const again = collect(20_000, 42, 333);
    expect(again.people).toEqual(sample.people);
    expect(again.relations).toEqual(sample.relations);
  });

  it('gives other people for another seed', () => {
    const other = collect(2_000, 43);
    const ids = new Set(sample.people.slice(0, 2_000).map((p) => p.idNumber));
    expect(other.people.filter((p) => ids.has(p.idNumber)).length).toBeLessThan(10);
    expect(other.people.map((p) => p.name)).not.toEqual(sample.people.slice(0, 2_000).map((p) => p.name));
  });

  it('yields exactly count people, in batches of whole households', () => {
    for (const count of [0, 1, 7, 1000, 2_345]) expect(collect(count, 5).people).toHaveLength(count);
    const { batches } = collect(5_000, 5, 500);
    for (const batch of batches.slice(0, -1)) expect(batch.people.length).toBeGreaterThanOrEqual(500);
    for (const batch of batches) {
      const here = new Set(batch.people.map((p) => p.personId));
      for (const r of batch.relations) {
        expect(here.has(r.personId)).toBe(true);
        expect(here.has(r.relativeId)).toBe(true);
      }
    }
  });

  it('a larger count extends a smaller one', () => {
    const small = collect(1_000, 42);
    expect(small.people).toEqual(sample.people.slice(0, 1_000));
  });
});

describe('generatePeople: validity', () => {
  it('every record fits the contract', () => {
    expect(sample.people.filter((person) => !RegisteredPerson.safeParse(person).success)).toEqual([]);
  });

  it('every ID number is valid, unique, and agrees with the birth date and sex', () => {
    const wrong = sample.people.filter((person) => {
      const parsed = parseResidentId(person.idNumber, { now: AS_OF });
      return !parsed.ok || parsed.birthDate !== person.birthDate || parsed.sex !== person.sex;
    });
    expect(wrong).toEqual([]);
    const seen = new Set(sample.people.map((p) => p.idNumber));
    expect(seen.size).toBe(sample.people.length);
    expect(DEMO_PEOPLE.filter((demo) => seen.has(demo.idNumber))).toEqual([]);
  });

  it('ages run from 0 to 95', () => {
    const ages = sample.people.map((p) => ageOn(p.birthDate, DEFAULT_AS_OF));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(90);
    const children = ages.filter((a) => a < 18).length / ages.length;
    const elderly = ages.filter((a) => a >= 60).length / ages.length;
    expect(children).toBeGreaterThan(0.1);
    expect(elderly).toBeGreaterThan(0.08);
  });

  it('names are a known surname and 1–2 given-name characters, all in the 8105 table', () => {
    const surnames = new Set(SURNAMES);
    const wrong = sample.people
      .map((p) => p.name)
      .filter((name) => {
        const surname = SURNAMES.find((s) => s.length === 2 && name.startsWith(s)) ?? name.slice(0, 1);
        const given = Array.from(name.slice(surname.length));
        return (
          !surnames.has(surname) ||
          given.length < 1 ||
          given.length > 2 ||
          Array.from(name).some((ch) => !STANDARD_CHARACTERS.has(ch))
        );
      });
    expect(wrong).toEqual([]);
    expect(new Set(sample.people.map((p) => p.name)).size).toBeGreaterThan(sample.people.length / 4);
  });

  it('every generated and demo name passes the shared name validator (2–4 characters, all in the table)', () => {
    const names = [...sample.people, ...DEMO_PEOPLE].map((p) => p.name);
    const wrong = names.flatMap((name) => {
      const parsed = parsePersonName(name, { minLength: 2, maxLength: 4 });
      return parsed.ok && parsed.name === name ? [] : [{ name, parsed }];
    });
    expect(wrong).toEqual([]);
  });

  it('every surname and given-name character the generator knows is in the 8105 table', () => {
    for (const ch of [...SURNAMES.flatMap((s) => Array.from(s)), ...GIVEN_NAME_CHARACTERS]) {
      expect(STANDARD_CHARACTERS.has(ch), ch).toBe(true);
    }
    for (const demo of DEMO_PEOPLE) {
      for (const ch of Array.from(demo.name)) expect(STANDARD_CHARACTERS.has(ch), demo.name).toBe(true);
    }
  });

  it('phones are valid mobile numbers, unique, never a demo phone; young children have none', () => {
    const phones = sample.people.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(phones.length).toBeGreaterThan(sample.people.length * 0.7);
    expect(phones.filter((phone) => !/^1[3-9]\d{9}$/.test(phone))).toEqual([]);
    expect(new Set(phones).size).toBe(phones.length);
    const demoPhones = new Set(DEMO_PEOPLE.flatMap((p) => (p.phone ? [p.phone] : [])));
    expect(phones.filter((p) => demoPhones.has(p))).toEqual([]);
    expect(sample.people.filter((p) => ageOn(p.birthDate, DEFAULT_AS_OF) < 12 && p.phone !== null)).toEqual([]);
  });

  it('covers all 21 cities, with about 5% of households registered outside Guangdong', () => {
    const cities = new Set(sample.people.map((p) => p.hukouCityCode));
    for (const code of CITY_CODES) expect(cities.has(code), code).toBe(true);
    const outside = sample.people.filter((p) => p.hukouCityCode === null);
    expect(outside.length / sample.people.length).toBeGreaterThan(0.03);
    expect(outside.length / sample.people.length).toBeLessThan(0.08);
    expect(outside.filter((p) => p.hukouRegionCode.startsWith('44') || p.residenceCityCode === null)).toEqual([]);
    const inconsistent = sample.people.filter(
      (p) =>
        (p.hukouCityCode && p.hukouRegionCode.slice(0, 4) !== p.hukouCityCode.slice(0, 4)) ||
        !p.address.startsWith(p.hukouCityCode ? '广东省' : '') ||
        p.address.length < 10,
    );
    expect(inconsistent).toEqual([]);
  });

  it('statuses: mostly normal, some deceased (elderly only), a few cancelled', () => {
    const count = (s: string) => sample.people.filter((p) => p.status === s).length;
    expect(count('normal') / sample.people.length).toBeGreaterThan(0.95);
    expect(count('deceased')).toBeGreaterThan(0);
    expect(count('cancelled')).toBeGreaterThan(0);
    for (const p of sample.people.filter((x) => x.status === 'deceased')) {
      expect(ageOn(p.birthDate, DEFAULT_AS_OF)).toBeGreaterThanOrEqual(45);
      expect(p.phone).toBeNull();
    }
  });
});

describe('generatePeople: families', () => {
  checkFamilies('generated', sample.people, sample.relations);
  checkFamilies('demo', DEMO_PEOPLE, DEMO_FAMILY_RELATIONS);

  it('has spouses, children and parents in realistic proportions', () => {
    const spouses = sample.relations.filter((r) => r.relation === 'spouse').length / 2;
    const childLinks = sample.relations.filter((r) => r.relation === 'child').length;
    expect(spouses / sample.people.length).toBeGreaterThan(0.15);
    expect(childLinks / sample.people.length).toBeGreaterThan(0.3);
  });
});

function checkFamilies(label: string, people: readonly RegisteredPerson[], relations: readonly GeneratedRelation[]) {
  const byId = new Map(people.map((p) => [p.personId, p]));
  const key = (r: GeneratedRelation) => `${r.personId}>${r.relativeId}`;
  const links = new Map(relations.map((r) => [key(r), r.relation]));

  it(`${label}: every link has its converse (a spouse's spouse is the person; a child's parent is the person)`, () => {
    expect(links.size).toBe(relations.length);
    const converse = { spouse: 'spouse', child: 'parent', parent: 'child' } as const;
    const wrong = relations.filter(
      (r) =>
        !byId.has(r.personId) ||
        !byId.has(r.relativeId) ||
        r.personId === r.relativeId ||
        links.get(`${r.relativeId}>${r.personId}`) !== converse[r.relation],
    );
    expect(wrong).toEqual([]);
  });

  it(`${label}: spouses are of opposite sex and one spouse each; a child is ≥ 18 years younger than each parent`, () => {
    const spouseCount = new Map<string, number>();
    const parentCount = new Map<string, number>();
    const wrong: string[] = [];
    for (const r of relations) {
      const person = byId.get(r.personId) as RegisteredPerson;
      const relative = byId.get(r.relativeId) as RegisteredPerson;
      const what = `${person.name} ${person.birthDate} → ${r.relation} ${relative.name} ${relative.birthDate}`;
      if (r.relation === 'spouse') {
        if (person.sex === relative.sex || Math.abs(ageOn(person.birthDate, relative.birthDate)) > 13) wrong.push(what);
        spouseCount.set(r.personId, (spouseCount.get(r.personId) ?? 0) + 1);
      }
      if (r.relation === 'child' && ageOn(person.birthDate, relative.birthDate) < 18) wrong.push(what);
      if (r.relation === 'parent') parentCount.set(r.personId, (parentCount.get(r.personId) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    expect([...spouseCount.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...parentCount.values()].filter((n) => n > 2)).toEqual([]);
  });
}

/** Whole years from `from` (YYYY-MM-DD) to `to`. */
function ageOn(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

describe('DEMO_PEOPLE', () => {
  it('are valid, unique, and cover the demo roles', () => {
    expect(new Set(DEMO_PEOPLE.map((p) => p.idNumber)).size).toBe(DEMO_PEOPLE.length);
    expect(new Set(DEMO_PEOPLE.map((p) => p.personId)).size).toBe(DEMO_PEOPLE.length);
    const phones = DEMO_PEOPLE.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of DEMO_PEOPLE) {
      const { note: _note, ...person } = p;
      expect(RegisteredPerson.safeParse(person).success, p.name).toBe(true);
      const parsed = parseResidentId(p.idNumber);
      expect(parsed.ok, p.name).toBe(true);
      if (parsed.ok) expect([parsed.birthDate, parsed.sex]).toEqual([p.birthDate, p.sex]);
    }
    const today = new Date().toISOString().slice(0, 10);
    const find = (name: string) => DEMO_PEOPLE.find((p) => p.name === name) as RegisteredPerson;
    expect(find('张伟').hukouCityCode).toBe('440100');
    expect(find('李娜').hukouCityCode).toBe('440300');
    expect(find('陈志强').hukouCityCode).toBe('440600');
    expect(ageOn(find('张建国').birthDate, today)).toBeGreaterThanOrEqual(80);
    // Born 2017-04-15: a child under 14 until April 2031.
    expect(ageOn(find('张梓轩').birthDate, today)).toBeLessThan(14);
    expect(find('刘洋')).toMatchObject({ hukouCityCode: null, residenceCityCode: '440100' });
    expect(find('陈嘉欣').idNumber.slice(0, 6)).toBe('810000');
  });
});
