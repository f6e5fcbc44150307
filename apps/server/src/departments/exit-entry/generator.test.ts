import { parseTravelDocument } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { addYears, ageOn } from '../kit/dates.js';
import { DEMO_BATCH, generatePeople } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { CHANNEL_STEPS, SHENZHEN, TAIWAN_ONLINE_CITIES } from './codes.js';
import { exitEntryRecords, mayBookHere } from './generator.js';

const ctx = seedContext(11);
const batches = [...generatePeople({ count: 6000, seed: 11 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const records = batches.map((b) => exitEntryRecords(b, ctx));
const documents = records.flatMap((r) => r.documents);
const endorsements = records.flatMap((r) => r.endorsements);
const appointments = records.flatMap((r) => r.appointments);

describe('exit-entry generator', () => {
  it('is deterministic and independent of batching', () => {
    const rebatched = [...generatePeople({ count: 6000, seed: 11, batchSize: 300 })].map((b) =>
      exitEntryRecords(b, seedContext(11)),
    );
    expect(rebatched.flatMap((r) => r.documents)).toEqual(documents);
    expect(rebatched.flatMap((r) => r.endorsements)).toEqual(endorsements);
    expect(rebatched.flatMap((r) => r.appointments)).toEqual(appointments);
  });

  it('document numbers pass the shared validator for their kind and era', () => {
    for (const d of documents) {
      const parsed = parseTravelDocument(d.documentNumber, d.kind);
      if (!parsed.ok) throw new Error(`${d.documentNumber}: ${parsed.message}`);
      expect(parsed.legacy).toBe(
        d.kind === 'passport'
          ? d.issuedOn < '2012-05-15'
          : d.kind === 'hk-macao-permit'
            ? d.issuedOn < '2014-09-15'
            : d.issuedOn < '2016-12-26',
      );
      const person = people.get(d.idNumber);
      expect(d.name).toBe(person?.name);
      const years = ageOn(person?.birthDate ?? '', d.issuedOn) < 16 ? 5 : 10;
      expect(d.validUntil < addYears(d.issuedOn, years)).toBe(true);
      expect(d.validUntil >= addYears(d.issuedOn, years - 1)).toBe(true);
      if (d.status === 'valid') expect(d.validUntil >= ctx.asOf).toBe(true);
      if (d.issuedCityCode) expect(d.issuePlace).toBe('广东');
      if (!person?.hukouCityCode && !d.issuedCityCode) expect(d.issuePlace).not.toBe('广东');
    }
    expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(['passport', 'hk-macao-permit', 'taiwan-permit']));
  });

  it('endorsements follow the guide: online only where allowed, progress along the channel’s path', () => {
    const byNumber = new Map(documents.map((d) => [d.documentNumber, d]));
    let online = 0;
    for (const e of endorsements) {
      const doc = byNumber.get(e.documentNumber);
      expect(doc?.idNumber).toBe(e.idNumber);
      expect(doc?.status).toBe('valid');
      const person = people.get(e.idNumber);
      if (e.channel === 'online') {
        online++;
        if (e.destination === 'taiwan') expect(TAIWAN_ONLINE_CITIES).toContain(doc?.issuedCityCode);
        else expect(person?.hukouCityCode !== null || doc?.issuedCityCode !== null).toBe(true);
      }
      if (e.trips === 'multiple') {
        expect(person?.hukouCityCode).toBe(SHENZHEN);
        expect(e.appliedOn >= '2024-12-01').toBe(true);
      }
      const path = CHANNEL_STEPS[e.channel];
      const steps = e.progress.map((p) => p.step);
      const expected =
        steps.at(-1) === 'rejected' ? [...path.slice(0, steps.length - 1), 'rejected'] : path.slice(0, steps.length);
      expect(steps).toEqual(expected);
      expect(e.status).toBe(steps.at(-1));
      const dates = e.progress.map((p) => p.on);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((d) => d <= ctx.asOf && d >= e.appliedOn)).toBe(true);
      expect(e.validFrom === null).toBe(
        !steps.includes('approved') && !(e.channel === 'machine' && steps.includes('issued')),
      );
    }
    expect(online).toBeGreaterThan(endorsements.length * 0.3);
  });

  it('appointments only for those the guide admits: not 深圳 hukou; non-Guangdong hukou only if over 60 or working', () => {
    expect(appointments.length).toBeGreaterThan(50);
    for (const a of appointments) {
      const person = people.get(a.idNumber);
      if (!person) throw new Error('appointment of an unknown person');
      expect(person.hukouCityCode).not.toBe(SHENZHEN);
      expect(mayBookHere(person, ctx)).toBe(true);
      expect(a.bookedOn <= a.appointmentDate).toBe(true);
      if (a.status === 'booked') expect(a.appointmentDate > ctx.asOf).toBe(true);
      if (a.status === 'attended') expect(a.appointmentDate <= ctx.asOf).toBe(true);
      if (a.bookedByIdNumber !== a.idNumber) {
        // A parent in the register booked for a child under 16.
        expect(ageOn(person.birthDate, ctx.asOf)).toBeLessThan(16);
        expect(people.has(a.bookedByIdNumber)).toBe(true);
      }
    }
    const shenzhen = [...people.values()].filter((p) => p.hukouCityCode === SHENZHEN);
    expect(shenzhen.length).toBeGreaterThan(50);
    expect(documents.some((d) => people.get(d.idNumber)?.hukouCityCode === SHENZHEN)).toBe(true);
  });

  it('the demo people get their hand-picked records only', () => {
    const demo = exitEntryRecords(DEMO_BATCH, ctx);
    expect(demo.documents.map((d) => d.documentNumber).sort()).toEqual(
      [
        'C28461935',
        'C32815406',
        'C60419327',
        'C71530284',
        'E83921564',
        'EB3047185',
        'G20571934',
        'H60318274',
        'L10472835',
      ].sort(),
    );
    for (const d of demo.documents) expect(parseTravelDocument(d.documentNumber, d.kind).ok).toBe(true);
  });
});
