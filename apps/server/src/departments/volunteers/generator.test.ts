import { describe, expect, it } from 'vitest';
import { ageOn } from '../kit/dates.js';
import { demoPerson } from '../kit/demo.js';
import { DEMO_BATCH, generatePeople } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { MIN_REGISTRATION_AGE, starLevel, VOLUNTEER_NUMBER } from './codes.js';
import { REGISTRATION_FROM, volunteerRecords } from './generator.js';

const ctx = seedContext(9);
const batches = [...generatePeople({ count: 8000, seed: 9 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const volunteers = batches.flatMap((b) => volunteerRecords(b, ctx));

describe('volunteers generator', () => {
  it('is deterministic and independent of batching', () => {
    const again = [...generatePeople({ count: 8000, seed: 9, batchSize: 500 })].flatMap((b) =>
      volunteerRecords(b, seedContext(9)),
    );
    expect(again).toEqual(volunteers);
  });

  it('registers about one person in ten aged 14 or more, where they live, after 2010', () => {
    const eligible = [...people.values()].filter(
      (p) => p.status !== 'cancelled' && ageOn(p.birthDate, ctx.asOf) >= MIN_REGISTRATION_AGE,
    );
    const share = volunteers.length / eligible.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.15);
    for (const v of volunteers) {
      const person = people.get(v.idNumber);
      expect(person, v.idNumber).toBeDefined();
      expect(v.name).toBe(person?.name);
      expect(v.cityCode).toBe(person?.residenceCityCode ?? person?.hukouCityCode);
      expect(v.volunteerNumber).toMatch(VOLUNTEER_NUMBER);
      expect(v.volunteerNumber.slice(0, 8)).toBe(`${v.cityCode.slice(0, 4)}${v.registeredOn.slice(0, 4)}`);
      expect(v.volunteerNumber).not.toContain(v.idNumber.slice(0, 10));
      expect(v.registeredOn >= REGISTRATION_FROM && v.registeredOn <= ctx.asOf).toBe(true);
      expect(ageOn(person?.birthDate ?? '', v.registeredOn)).toBeGreaterThanOrEqual(MIN_REGISTRATION_AGE);
      expect(v.organisation).toMatch(/(志愿者协会|义工联合会)$/);
    }
    expect(new Set(volunteers.map((v) => v.volunteerNumber)).size).toBe(volunteers.length);
    expect(new Set(volunteers.map((v) => v.idNumber)).size).toBe(volunteers.length);
  });

  it('hours in half hours, served within the registration; star levels thin out as they rise', () => {
    for (const v of volunteers) {
      expect(Number.isInteger(v.serviceHours * 2)).toBe(true);
      expect(v.lastServiceOn === null).toBe(v.serviceHours === 0);
      if (v.lastServiceOn) {
        expect(v.lastServiceOn >= v.registeredOn).toBe(true);
        expect(v.lastServiceOn <= (v.cancelledOn ?? ctx.asOf)).toBe(true);
      }
    }
    const byLevel = [0, 1, 2, 3, 4, 5].map((l) => volunteers.filter((v) => starLevel(v.serviceHours) === l).length);
    expect(byLevel[0]).toBeGreaterThan(byLevel[1] as number);
    expect(byLevel[1]).toBeGreaterThan(0);
    expect(byLevel[1]).toBeGreaterThan(byLevel[3] as number);
    expect(byLevel[3]).toBeGreaterThanOrEqual(byLevel[5] as number);
  });

  it('cancels the registrations of people who died, and a few others; the dates agree', () => {
    for (const v of volunteers) {
      expect(v.status === 'cancelled').toBe(v.cancelledOn !== null);
      if (people.get(v.idNumber)?.status === 'deceased') expect(v.status).toBe('cancelled');
      if (v.cancelledOn) expect(v.cancelledOn > v.registeredOn && v.cancelledOn <= ctx.asOf).toBe(true);
    }
    const cancelled = volunteers.filter((v) => v.status === 'cancelled').length;
    expect(cancelled).toBeGreaterThan(0);
    expect(cancelled / volunteers.length).toBeLessThan(0.1);
  });

  it('demo people: 李娜 二星 in 深圳, 张伟 in 广州 without a star, 刘洋 cancelled, 陈志强 none', () => {
    const demo = volunteerRecords(DEMO_BATCH, seedContext(1));
    const of = (name: string) => demo.find((v) => v.idNumber === demoPerson(name).idNumber);
    expect(of('李娜')).toMatchObject({ cityCode: '440300', organisation: '深圳市义工联合会', status: 'normal' });
    expect(starLevel(of('李娜')?.serviceHours ?? 0)).toBe(2);
    expect(of('张伟')).toMatchObject({ cityCode: '440100', status: 'normal' });
    expect(starLevel(of('张伟')?.serviceHours ?? 0)).toBe(0);
    expect(of('刘洋')).toMatchObject({ status: 'cancelled' });
    expect(of('陈志强')).toBeUndefined();
  });
});
