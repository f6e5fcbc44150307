import { GUANGDONG_PLATE_AUTHORITIES, parsePlate, parseResidentId } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { addYears, ageOn } from '../kit/dates.js';
import { DEMO_BATCH, generatePeople, type PeopleBatch } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { violationCode } from './codes.js';
import { scoringCycle } from './cycle.js';
import { inspectionDue, trafficRecords } from './generator.js';
import { isValidVin } from './identifiers.js';

const ctx = seedContext(7);
const batches = [...generatePeople({ count: 6000, seed: 7 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const records = batches.map((b) => trafficRecords(b, ctx));
const licences = records.flatMap((r) => r.licences);
const vehicles = records.flatMap((r) => r.vehicles);
const violations = records.flatMap((r) => r.violations);

describe('traffic generator', () => {
  it('is deterministic and independent of batching', () => {
    const again = generatePeople({ count: 6000, seed: 7, batchSize: 250 });
    const rebatched = [...again].map((b) => trafficRecords(b, seedContext(7)));
    expect(rebatched.flatMap((r) => r.vehicles)).toEqual(vehicles);
    expect(rebatched.flatMap((r) => r.violations)).toEqual(violations);
    expect(rebatched.flatMap((r) => r.licences)).toEqual(licences);
    const other = trafficRecords(batches[0] as PeopleBatch, seedContext(8));
    expect(other.vehicles).not.toEqual(records[0]?.vehicles);
  });

  it('has plausible volumes', () => {
    const adults = [...people.values()].filter((p) => ageOn(p.birthDate, ctx.asOf) >= 18).length;
    expect(licences.length / adults).toBeGreaterThan(0.35);
    expect(licences.length / adults).toBeLessThan(0.65);
    expect(vehicles.length / licences.length).toBeGreaterThan(0.45);
    expect(vehicles.filter((v) => v.plateType === 'small-new-energy').length).toBeGreaterThan(vehicles.length * 0.1);
  });

  it('issues licences to living adults, numbered by their ID, renewed 6 → 10 → long-term', () => {
    for (const l of licences) {
      const person = people.get(l.idNumber);
      expect(person?.status).toBe('normal');
      expect(parseResidentId(l.idNumber).ok).toBe(true);
      expect(l.name).toBe(person?.name);
      expect(l.firstIssuedOn >= addYears(person?.birthDate ?? '', 18)).toBe(true);
      expect(l.firstIssuedOn < ctx.asOf).toBe(true);
      expect(l.archiveNumber.slice(0, 6)).toBe(person?.residenceCityCode);
      const periods = [addYears(l.firstIssuedOn, 6), addYears(addYears(l.firstIssuedOn, 6), 10)];
      expect([l.firstIssuedOn, ...periods]).toContain(l.validFrom);
      if (l.status === 'overdue-renewal') expect((l.validUntil ?? '9999') <= ctx.asOf).toBe(true);
      else expect(l.validUntil === null || l.validUntil > ctx.asOf).toBe(true);
    }
  });

  it('plates pass the shared validator and name the owner’s city of residence; VINs are valid', () => {
    const plates = new Set<string>();
    for (const v of vehicles) {
      const parsed = parsePlate(v.plate);
      if (!parsed.ok) throw new Error(`${v.plate}: ${parsed.message}`);
      expect(parsed.plate).toBe(v.plate);
      const owner = people.get(v.ownerIdNumber);
      expect(parsed.cityCode).toBe(owner?.residenceCityCode);
      expect(GUANGDONG_PLATE_AUTHORITIES[parsed.authority]?.district).toBeUndefined();
      expect(parsed.kind).toBe(v.plateType === 'small-new-energy' ? 'new-energy-small' : 'ordinary');
      if (parsed.kind === 'new-energy-small') {
        expect(parsed.energy).toBe(v.energy === 'electric' ? 'electric' : 'non-electric');
        expect(v.registeredOn >= '2017-06-01').toBe(true);
      }
      expect(isValidVin(v.vin)).toBe(true);
      expect(v.ownerName).toBe(owner?.name);
      expect(ageOn(owner?.birthDate ?? '', v.registeredOn)).toBeGreaterThanOrEqual(18);
      plates.add(v.plate);
    }
    // Collisions are possible (the seeder then drops the later vehicle with its violations) but rare.
    expect(vehicles.length - plates.size).toBeLessThan(3);
  });

  it('inspection follows the 2022 rules: 6 and 10 years, then every 2 years to 15, then yearly', () => {
    expect(inspectionDue('2021-06-18', '2026-01-01').due).toBe('2027-06-30');
    expect(inspectionDue('2016-09-20', '2026-01-01').due).toBe('2026-09-30');
    expect(inspectionDue('2012-05-08', '2026-01-01')).toEqual({ due: '2026-05-31', previous: '2024-05-31' });
    expect(inspectionDue('2008-03-01', '2026-01-01').due).toBe('2026-03-31');
    for (const v of vehicles) {
      const { due, previous } = inspectionDue(v.registeredOn, ctx.asOf);
      expect(v.inspectionValidUntil).toBe(v.status === 'overdue-inspection' ? previous : due);
    }
  });

  it('violations: within the vehicle’s life and the last three years, codes with their fines and points', () => {
    const byId = new Map(vehicles.map((v) => [v.vehicleId, v]));
    for (const w of violations) {
      const vehicle = byId.get(w.vehicleId);
      expect(vehicle).toBeDefined();
      expect(w.occurredAt.slice(0, 10) >= (vehicle?.registeredOn ?? '')).toBe(true);
      expect(w.occurredAt.slice(0, 10) >= addYears(ctx.asOf, -3)).toBe(true);
      expect(w.occurredAt.slice(0, 10) < ctx.asOf).toBe(true);
      const code = violationCode(w.code);
      expect([w.fine, w.points, w.description]).toEqual([code.fine, code.points, code.description]);
      expect(w.status === 'handled').toBe(w.handledOn !== null && w.decisionNumber !== null);
      if (w.handledOn) expect(w.handledOn >= w.occurredAt.slice(0, 10)).toBe(true);
      if (w.driverIdNumber) expect(w.driverIdNumber).toBe(vehicle?.ownerIdNumber);
    }
  });

  it('points charged to a licence in its current cycle stay under 12', () => {
    const points = new Map<string, number>();
    const firstIssued = new Map(licences.map((l) => [l.idNumber, l.firstIssuedOn]));
    for (const w of violations) {
      if (!w.driverIdNumber || !w.handledOn) continue;
      const cycle = scoringCycle(firstIssued.get(w.driverIdNumber) as string, ctx.asOf);
      if (w.handledOn >= cycle.start && w.handledOn <= cycle.end)
        points.set(w.driverIdNumber, (points.get(w.driverIdNumber) ?? 0) + w.points);
    }
    expect(points.size).toBeGreaterThan(10);
    for (const p of points.values()) expect(p).toBeLessThan(12);
  });

  it('gives the demo people their hand-picked records only', () => {
    const demo = trafficRecords(DEMO_BATCH, ctx);
    expect(demo.vehicles.map((v) => v.plate).sort()).toEqual(
      ['粤A8K2M6', '粤AD52618', '粤BD88661', '粤E5T8Q1', '粤A6R35P', '粤AF37725', '粤Z3C8F港'].sort(),
    );
    for (const v of demo.vehicles) {
      expect(parsePlate(v.plate).ok).toBe(true);
      expect(isValidVin(v.vin)).toBe(true);
    }
    expect(demo.licences.map((l) => l.name).sort()).toEqual(
      ['刘洋', '刘芳', '张伟', '李娜', '陈嘉欣', '陈志强'].sort(),
    );
  });

  it('scoring cycles run from the anniversary of the first issue', () => {
    expect(scoringCycle('2008-07-15', '2026-01-01')).toEqual({ start: '2025-07-15', end: '2026-07-14' });
    expect(scoringCycle('2008-07-15', '2026-07-15')).toEqual({ start: '2026-07-15', end: '2027-07-14' });
    // A 29 February anniversary falls on the 28th; cycles still follow each other without a gap.
    expect(scoringCycle('2012-02-29', '2026-03-01')).toEqual({ start: '2026-02-28', end: '2027-02-27' });
    expect(scoringCycle('2012-02-29', '2027-02-28').start).toBe('2027-02-28');
  });
});
