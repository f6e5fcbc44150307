import { describe, expect, it } from 'vitest';
import { generatePeople } from '../population-register/generator.js';
import { seedContext } from '../province/seed-context.js';
import { healthRecords } from './generator.js';

const ctx = seedContext(13);
const batches = [...generatePeople({ count: 8000, seed: 13 })];
const people = new Map(batches.flatMap((b) => b.people).map((p) => [p.idNumber, p]));
const rows = batches.flatMap((b) => healthRecords(b, ctx));

describe('health generator', () => {
  it('is deterministic and independent of batching', () => {
    const again = [...generatePeople({ count: 8000, seed: 13, batchSize: 700 })].flatMap((b) =>
      healthRecords(b, seedContext(13)),
    );
    expect(again).toEqual(rows);
  });

  it('a certificate for every child born in Guangdong from 2014 whose mother the register links', () => {
    const withCertificate = new Set(rows.map((r) => r.childIdNumber));
    const byId = new Map([...people.values()].map((p) => [p.personId, p]));
    const mothers = new Map<string, string>();
    for (const r of batches.flatMap((b) => b.relations)) {
      const parent = byId.get(r.relativeId);
      if (r.relation === 'parent' && parent?.sex === 'female')
        mothers.set(byId.get(r.personId)?.idNumber as string, parent.idNumber);
    }
    let expected = 0;
    for (const p of people.values()) {
      if (p.birthDate < '2014-01-01' || !mothers.has(p.idNumber)) continue;
      expected++;
      expect(withCertificate.has(p.idNumber)).toBe(true);
    }
    expect(expected).toBe(rows.length);
    for (const r of rows) {
      expect(r.motherIdNumber).toBe(mothers.get(r.childIdNumber as string));
      expect(r.childName).toBe(people.get(r.childIdNumber as string)?.name);
      expect(r.issuedOn >= r.birthDate && r.issuedOn <= ctx.asOf).toBe(true);
      expect(r.certificateNumber).toMatch(/^[OPQ]\d{9}$/);
      expect(r.weightGrams).toBeGreaterThanOrEqual(1500);
    }
  });
});
