import { describe, expect, it } from 'vitest';
import { referenceNumber, withReferenceNumber } from './reference-number.js';

/** Random draws from a list, in order (the last one repeated). */
const draws = (...values: number[]) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] as number;
};

describe('reference numbers (办件编号, 预约号)', () => {
  it('is the China date, the prefix and 6 random digits, zero-padded', () => {
    const at = new Date('2026-03-02T04:00:00Z'); // 12:00 in China
    expect(referenceNumber('440100', at, () => 42)).toBe('20260302440100000042');
    expect(referenceNumber('440300', at, () => 999_999)).toBe('20260302440300999999');
    expect(referenceNumber('440100', at)).toMatch(/^20260302440100\d{6}$/);
  });

  it('takes the day in China time, not the server’s zone', () => {
    // 16:00 UTC is already midnight in China: the next day, also across a year.
    expect(referenceNumber('440100', new Date('2026-03-01T15:59:59Z'), () => 1)).toBe('20260301440100000001');
    expect(referenceNumber('440100', new Date('2026-03-01T16:00:00Z'), () => 1)).toBe('20260302440100000001');
    expect(referenceNumber('440600', new Date('2026-12-31T23:30:00Z'), () => 7)).toBe('20270101440600000007');
  });

  it('draws the 6 digits from the whole range', () => {
    const seen = new Set(Array.from({ length: 200 }, () => referenceNumber('440100', new Date()).slice(-6)));
    expect(seen.size).toBeGreaterThan(190);
  });

  it('draws again while the number is taken, and answers what the claim stored', async () => {
    const taken = new Set(['20260302440100000001', '20260302440100000002']);
    const tried: string[] = [];
    const stored = await withReferenceNumber(
      { prefix: '440100', now: new Date('2026-03-02T04:00:00Z'), attempts: 8, random: draws(1, 2, 3) },
      async (n) => {
        tried.push(n);
        return taken.has(n) ? undefined : { number: n };
      },
    );
    expect(tried).toEqual(['20260302440100000001', '20260302440100000002', '20260302440100000003']);
    expect(stored).toEqual({ number: '20260302440100000003' });
  });

  it('gives up after the given number of draws', async () => {
    let claims = 0;
    await expect(
      withReferenceNumber({ prefix: '440100', now: new Date(), attempts: 6, random: draws(5) }, async () => {
        claims++;
        return undefined;
      }),
    ).rejects.toThrow('could not draw a free reference number in 6 attempts');
    expect(claims).toBe(6);
  });

  it('lets a claim’s own failure through at once', async () => {
    let claims = 0;
    await expect(
      withReferenceNumber({ prefix: '440100', now: new Date(), attempts: 6 }, async () => {
        claims++;
        throw new Error('the database is gone');
      }),
    ).rejects.toThrow('the database is gone');
    expect(claims).toBe(1);
  });
});
