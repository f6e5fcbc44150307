import { describe, expect, it } from 'vitest';
import { concatTables } from '../../test-support/generator-records.js';
import { addMonthsToDate, addWorkingDays, ageOn } from '../kit/dates.js';
import { seedContext } from '../province/seed-context.js';
import { generatePeople } from './generator.js';
import { ID_CARD_FEES, ID_CARD_PATHS, NO_ONLINE_BIRTH_REGISTRATION, PERMIT_NO_WAIT_CITIES } from './household-codes.js';
import { householdRecords } from './household-generator.js';

const ctx = seedContext(5);
const batches = [...generatePeople({ count: 6000, seed: 5 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const parentsOf = new Map<string, Set<string>>();
{
  const byId = new Map([...people.values()].map((p) => [p.personId, p]));
  for (const r of batches.flatMap((b) => b.relations)) {
    if (r.relation !== 'parent') continue;
    const child = byId.get(r.personId)?.idNumber as string;
    const set = parentsOf.get(child) ?? new Set<string>();
    set.add(byId.get(r.relativeId)?.idNumber as string);
    parentsOf.set(child, set);
  }
}
const records = batches.map((b) => householdRecords(b, ctx));
const all = <K extends keyof (typeof records)[number]>(k: K) => concatTables(records, k);

describe('household services generator', () => {
  it('is deterministic and independent of batching', () => {
    const again = [...generatePeople({ count: 6000, seed: 5, batchSize: 400 })].map((b) =>
      householdRecords(b, seedContext(5)),
    );
    for (const key of ['idCards', 'registrations', 'permits'] as const)
      expect(concatTables(again, key)).toEqual(all(key));
    const byId = (list: { approvalId: string }[]) => [...list].sort((a, b) => a.approvalId.localeCompare(b.approvalId));
    expect(byId(again.flatMap((r) => r.approvals))).toEqual(byId(all('approvals')));
  });

  it('ID-card applications: in the person’s city of residence, fees and steps as published', () => {
    const cards = all('idCards');
    expect(cards.length).toBeGreaterThan(300);
    for (const c of cards) {
      const person = people.get(c.idNumber);
      expect(c.cityCode).toBe(person?.residenceCityCode);
      expect(c.fee).toBe(ID_CARD_FEES[c.kind]);
      expect(c.progress.map((p) => p.step)).toEqual(ID_CARD_PATHS[c.collection].slice(0, c.progress.length));
      expect(c.progress.every((p) => p.on <= ctx.asOf && p.on >= c.acceptedOn)).toBe(true);
      if (c.kind === 'first-issue') expect(ageOn(person?.birthDate ?? '', ctx.asOf)).toBeLessThan(17);
    }
    // Applications outside Guangdong's hukou are handled too (异地受理).
    expect(cards.some((c) => people.get(c.idNumber)?.hukouCityCode === null)).toBe(true);
  });

  it('approvals: only Guangdong hukou; births applied for by a parent, online never in 广州/深圳', () => {
    const approvals = all('approvals');
    const kinds = new Set(approvals.map((a) => a.kind));
    for (const k of ['birth', 'move-in', 'cancellation', 'move-within', 'change', 'restore', 'restore-elsewhere']) {
      expect(kinds).toContain(k);
    }
    for (const a of approvals) {
      const subject = people.get(a.subjectIdNumber);
      expect(subject?.hukouCityCode).toBe(a.cityCode);
      expect(a.status === 'pending').toBe(a.decidedOn === null);
      if (a.kind === 'birth') {
        expect(parentsOf.get(a.subjectIdNumber)?.has(a.applicantIdNumber as string)).toBe(true);
        if (NO_ONLINE_BIRTH_REGISTRATION.includes(a.cityCode)) expect(a.channel).toBe('counter');
      }
      if (a.kind === 'cancellation') expect(['deceased', 'cancelled']).toContain(subject?.status);
    }
  });

  it('residence: registered where one lives outside the hukou city; permits after the wait, issued within 10 working days', () => {
    const registrations = all('registrations');
    const byPerson = new Map(registrations.map((r) => [r.idNumber, r]));
    expect(registrations.length).toBeGreaterThan(200);
    for (const r of registrations) {
      const person = people.get(r.idNumber);
      expect(r.cityCode).toBe(person?.residenceCityCode);
      expect(r.cityCode).not.toBe(person?.hukouCityCode);
    }
    const permits = all('permits');
    expect(permits.length).toBeGreaterThan(100);
    for (const p of permits) {
      const r = byPerson.get(p.idNumber);
      expect(r?.status).toBe('approved');
      const wait = PERMIT_NO_WAIT_CITIES.includes(p.cityCode) ? 0 : 6;
      expect(p.appliedOn >= addMonthsToDate(r?.approvedOn as string, wait)).toBe(true);
      if (p.issuedOn) expect(p.issuedOn <= addWorkingDays(p.acceptedOn, 10)).toBe(true);
      expect(p.endorsements.length).toBeLessThanOrEqual(2);
    }
    expect(
      permits.some(
        (p) =>
          p.cityCode === '440300' && p.appliedOn < addMonthsToDate(byPerson.get(p.idNumber)?.approvedOn as string, 6),
      ),
    ).toBe(true);
  });
});
