import { describe, expect, it } from 'vitest';
import { civilAffairsRecords } from '../civil-affairs/generator.js';
import { ageOn } from '../kit/dates.js';
import { generatePeople } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { APPLICATION_PATHS } from './codes.js';
import { disabledPersonsRecords } from './generator.js';

const ctx = seedContext(9);
const batches = [...generatePeople({ count: 8000, seed: 9 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const records = batches.map((b) => disabledPersonsRecords(b, ctx));
const certificates = records.flatMap((r) => r.certificates);
const subsidies = records.flatMap((r) => r.subsidies);
const applications = records.flatMap((r) => r.applications);

/** Living adult relatives in the register, by ID number: the only people who may apply for someone. */
const adultRelatives = new Map<string, Set<string>>();
{
  const byId = new Map([...people.values()].map((p) => [p.personId, p]));
  for (const r of batches.flatMap((b) => b.relations)) {
    const person = byId.get(r.personId);
    const relative = byId.get(r.relativeId);
    if (!person || relative?.status !== 'normal' || ageOn(relative.birthDate, ctx.asOf) < 18) continue;
    const set = adultRelatives.get(person.idNumber) ?? new Set<string>();
    set.add(relative.idNumber);
    adultRelatives.set(person.idNumber, set);
  }
}

describe('disabled-persons generator', () => {
  it('is deterministic and independent of batching', () => {
    const again = [...generatePeople({ count: 8000, seed: 9, batchSize: 500 })].map((b) =>
      disabledPersonsRecords(b, seedContext(9)),
    );
    expect(again.flatMap((r) => r.certificates)).toEqual(certificates);
    expect(again.flatMap((r) => r.subsidies)).toEqual(subsidies);
    expect(again.flatMap((r) => r.applications)).toEqual(applications);
  });

  it('certificates: plausible prevalence, Guangdong hukou, valid numbers and dates', () => {
    expect(certificates.length / people.size).toBeGreaterThan(0.01);
    expect(certificates.length / people.size).toBeLessThan(0.06);
    for (const c of certificates) {
      const person = people.get(c.idNumber);
      expect(person?.hukouCityCode).toBe(c.cityCode);
      expect(c.certificateNumber).toBe(`${c.idNumber}${c.category}${c.grade}`);
      expect(c.issuedOn >= c.firstIssuedOn && c.validUntil > c.issuedOn).toBe(true);
      expect(c.firstIssuedOn > (person?.birthDate ?? '')).toBe(true);
      expect(c.status === 'cancelled').toBe(person?.status === 'deceased');
    }
  });

  it('subsidies: care for grades 一级/二级 only; living for households in 低保 or 低收入 (civil affairs agrees)', () => {
    const grade = new Map(certificates.map((c) => [c.idNumber, c.grade]));
    const assisted = new Set(
      batches.flatMap((b) =>
        civilAffairsRecords(b, ctx)
          .cases.filter(
            (c) => (c.kind === 'dibao' || c.kind === 'low-income') && (c.status === 'approved' || c.status === 'paid'),
          )
          .map((c) => c.idNumber),
      ),
    );
    for (const s of subsidies) {
      expect(grade.has(s.idNumber)).toBe(true);
      if (s.kind === 'care') expect(grade.get(s.idNumber)).toBeLessThanOrEqual(2);
      if (s.kind === 'living') expect(assisted.has(s.idNumber)).toBe(true);
      expect(s.sinceMonth <= ctx.asOf.slice(0, 7)).toBe(true);
    }
    expect(subsidies.some((s) => s.kind === 'care')).toBe(true);
  });

  it('applications: along their path; made by a carer for children (为他人办理)', () => {
    expect(applications.length).toBeGreaterThan(10);
    for (const a of applications) {
      const steps = a.progress.map((p) => p.step);
      expect(steps).toEqual(APPLICATION_PATHS[a.kind].slice(0, steps.length));
      expect(a.status === 'completed').toBe(steps.length === APPLICATION_PATHS[a.kind].length);
      const subject = people.get(a.subjectIdNumber);
      if (subject && ageOn(subject.birthDate, ctx.asOf) < 16 && adultRelatives.has(a.subjectIdNumber)) {
        expect(adultRelatives.get(a.subjectIdNumber)?.has(a.applicantIdNumber)).toBe(true);
      }
      if (a.applicantIdNumber !== a.subjectIdNumber) {
        expect(adultRelatives.get(a.subjectIdNumber)?.has(a.applicantIdNumber)).toBe(true);
      }
    }
    expect(applications.some((a) => a.applicantIdNumber !== a.subjectIdNumber)).toBe(true);
  });
});
