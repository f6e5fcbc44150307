import { parseResidentId } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { addYears, ageOn } from '../kit/dates.js';
import { generatePeople } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { ALLOWANCE_ONLINE_CITIES, MARRIAGE_AGE } from './codes.js';
import { civilAffairsRecords } from './generator.js';

const ctx = seedContext(3);
const batches = [...generatePeople({ count: 8000, seed: 3 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const records = batches.map((b) => civilAffairsRecords(b, ctx));
const marriages = records.flatMap((r) => r.marriages);
const allowances = records.flatMap((r) => r.allowances);
const cases = records.flatMap((r) => r.cases);

describe('civil-affairs generator', () => {
  it('is deterministic and independent of batching', () => {
    const again = [...generatePeople({ count: 8000, seed: 3, batchSize: 333 })].map((b) =>
      civilAffairsRecords(b, seedContext(3)),
    );
    expect(again.flatMap((r) => r.marriages)).toEqual(marriages);
    expect(again.flatMap((r) => r.allowances)).toEqual(allowances);
    expect(again.flatMap((r) => r.cases)).toEqual(cases);
  });

  it('marriages: legal ages, a Guangdong registry, former spouses outside the register', () => {
    expect(marriages.filter((m) => m.kind === 'divorce').length).toBeGreaterThan(20);
    for (const m of marriages) {
      for (const [idNumber, sex] of [
        [m.husbandIdNumber, 'male'],
        [m.wifeIdNumber, 'female'],
      ] as const) {
        const parsed = parseResidentId(idNumber);
        if (!parsed.ok) throw new Error(`${idNumber}: ${parsed.message}`);
        expect(parsed.sex).toBe(sex);
        const inRegister = people.get(idNumber);
        // Not in the register: only former spouses, whose sequences the register never issues.
        if (!inRegister) expect(['996', '997']).toContain(idNumber.slice(14, 17));
        if (m.kind === 'marriage' && m.status === 'married')
          expect(m.registeredOn >= addYears(parsed.birthDate, MARRIAGE_AGE[sex])).toBe(true);
      }
      expect(m.certificateNumber).toMatch(m.kind === 'marriage' ? /^J44\d{4}-\d{4}-\d{6}$/ : /^L44\d{4}-\d{4}-\d{6}$/);
      expect(m.certificateNumber.slice(8, 12)).toBe(m.registeredOn.slice(0, 4));
      expect(m.registeredOn < ctx.asOf).toBe(true);
    }
    // A divorce comes after its marriage, and before a current one.
    const divorces = marriages.filter((m) => m.kind === 'divorce');
    for (const d of divorces) {
      const married = marriages.find(
        (m) => m.kind === 'marriage' && m.husbandIdNumber === d.husbandIdNumber && m.wifeIdNumber === d.wifeIdNumber,
      );
      expect(married?.status).toBe('dissolved');
      expect((married?.registeredOn ?? '') < d.registeredOn).toBe(true);
    }
  });

  it('every spouse link of the register with a Guangdong hukou has its marriage, unless below the legal age', () => {
    const married = new Set(marriages.filter((m) => m.status === 'married').map((m) => m.husbandIdNumber));
    const byId = new Map([...people.values()].map((p) => [p.personId, p]));
    let underAge = 0;
    let checked = 0;
    for (const r of batches.flatMap((b) => b.relations)) {
      const husband = byId.get(r.personId);
      const wife = byId.get(r.relativeId);
      if (r.relation !== 'spouse' || husband?.sex !== 'male' || !wife) continue;
      if (!husband.hukouCityCode && !wife.hukouCityCode) continue;
      if (addYears(husband.birthDate, 22) >= ctx.asOf || addYears(wife.birthDate, 20) >= ctx.asOf) {
        underAge++;
        continue;
      }
      checked++;
      expect(married.has(husband.idNumber)).toBe(true);
    }
    expect(checked).toBeGreaterThan(1000);
    expect(underAge).toBeLessThan(checked / 50);
  });

  it('高龄津贴: Guangdong hukou, 80+, online only in 肇庆、清远、韶关', () => {
    expect(allowances.length).toBeGreaterThan(30);
    for (const a of allowances) {
      const person = people.get(a.idNumber);
      expect(person?.hukouCityCode).toBe(a.cityCode);
      expect(ageOn(person?.birthDate ?? '', ctx.asOf)).toBeGreaterThanOrEqual(80);
      if (a.channel === 'online') expect(ALLOWANCE_ONLINE_CITIES).toContain(a.cityCode);
      expect(a.status === 'receiving').toBe(a.sinceMonth !== null && person?.status === 'normal');
    }
  });

  it('social assistance: Guangdong hukou; 低保 and 特困 only for people without work or pension', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      const person = people.get(c.idNumber);
      if (!person) throw new Error('case of an unknown person');
      expect(person.hukouCityCode).toBe(c.cityCode);
      if (c.kind === 'dibao' || c.kind === 'tekun' || c.kind === 'low-income') {
        const life = lifeOf(person, ctx);
        expect(life.jobs.some((j) => j.to === null) || life.retired).toBe(false);
      }
      if (c.status === 'processing' || c.status === 'rejected')
        expect([c.monthlyAmount, c.oneOffAmount]).toEqual([null, null]);
      if (c.monthlyAmount !== null) expect(Number.isInteger(c.monthlyAmount * 100)).toBe(true);
    }
  });
});
