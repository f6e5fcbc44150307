import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidResidentId,
  makeResidentId,
  parseResidentId,
  RESIDENT_ID_PROVINCE_PREFIXES,
  residentIdCheckChar,
} from './resident-id.js';

const NOW = new Date('2026-06-01T00:00:00Z');

/** A valid ID number's parts: a plausible region, a real birth date in range, any sequence. */
const validParts = fc.record({
  region: fc
    .tuple(fc.constantFrom(...RESIDENT_ID_PROVINCE_PREFIXES), fc.integer({ min: 0, max: 9999 }))
    .map(([p, rest]) => p + String(rest).padStart(4, '0')),
  birth: fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-05-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10).replaceAll('-', '')),
  sequence: fc.integer({ min: 0, max: 999 }),
});

describe('residentIdCheckChar', () => {
  it('computes the MOD 11-2 check character of known numbers', () => {
    // The worked example of GB 11643-1999, then two numbers worked by hand.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44010619900307123')).toBe('1');
    expect(residentIdCheckChar('44030419850101001')).toBe('3');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow();
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow();
  });
});

describe('parseResidentId', () => {
  it('decodes a valid number', () => {
    expect(parseResidentId('11010519491231002X', { now: NOW })).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
    const male = parseResidentId(makeResidentId('440106', '19900307', 123), { now: NOW });
    expect(male).toMatchObject({ ok: true, sex: 'male', birthDate: '1990-03-07', regionCode: '440106' });
  });

  it('accepts surrounding spaces and a lower-case x, and normalises them', () => {
    expect(parseResidentId(' 11010519491231002x ', { now: NOW })).toMatchObject({
      ok: true,
      idNumber: '11010519491231002X',
    });
  });

  it.each([
    ['', 'format'],
    ['44010619900307123', 'format'], // 17 characters
    ['440106199003071232X', 'format'], // 19 characters
    ['440106900307123', 'format'], // a 15-digit first-generation number
    ['4401061990030712X2', 'format'], // X not last
    ['４４０１０６１９９００３０７１２３２', 'format'], // full-width digits
    [makeResidentId('000000', '19900307', 123), 'region'],
    [makeResidentId('990000', '19900307', 123), 'region'],
    [makeResidentId('240000', '19900307', 123), 'region'],
    [makeResidentId('440106', '19900230', 123), 'birth-date'], // 30 February
    [makeResidentId('440106', '19001301', 123), 'birth-date'], // month 13
    [makeResidentId('440106', '19000229', 123), 'birth-date'], // 1900 is not a leap year
    [makeResidentId('440106', '18991231', 123), 'birth-date'], // before 1900
    [makeResidentId('440106', '20260602', 123), 'birth-date'], // tomorrow
    ['440106199003071233', 'check-digit'],
  ])('refuses %s (%s) with a Chinese message', (id, reason) => {
    const result = parseResidentId(id, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says a wrong check character plainly', () => {
    expect(parseResidentId('440106199003071233', { now: NOW })).toEqual({
      ok: false,
      reason: 'check-digit',
      message: '身份证号码校验位不正确，请核对后重新输入',
    });
  });

  it('accepts 2000-02-29 and today, uses China time for "today"', () => {
    expect(isValidResidentId(makeResidentId('440106', '20000229', 2), { now: NOW })).toBe(true);
    // 2026-06-01 16:30 UTC is already 2 June in China.
    const lateUtc = new Date('2026-06-01T16:30:00Z');
    expect(isValidResidentId(makeResidentId('440106', '20260602', 2), { now: lateUtc })).toBe(true);
    expect(isValidResidentId(makeResidentId('440106', '20260602', 2), { now: NOW })).toBe(false);
  });

  it('accepts Hong Kong / Macao / Taiwan residence permit numbers', () => {
    expect(isValidResidentId(makeResidentId('810000', '19880512', 21), { now: NOW })).toBe(true);
    expect(isValidResidentId(makeResidentId('820000', '19880512', 21), { now: NOW })).toBe(true);
    expect(isValidResidentId(makeResidentId('830000', '19880512', 21), { now: NOW })).toBe(true);
  });
});

describe('makeResidentId', () => {
  it('accepts YYYY-MM-DD and string sequences, refuses bad parts', () => {
    expect(makeResidentId('440106', '1990-03-07', '123')).toBe(makeResidentId('440106', '19900307', 123));
    expect(() => makeResidentId('44010', '19900307', 1)).toThrow();
    expect(() => makeResidentId('440106', '1990037', 1)).toThrow();
    expect(() => makeResidentId('440106', '19900307', 1000)).toThrow();
  });
});

describe('properties', () => {
  it('every made ID parses back to its parts', () => {
    fc.assert(
      fc.property(validParts, ({ region, birth, sequence }) => {
        const id = makeResidentId(region, birth, sequence);
        const parsed = parseResidentId(id, { now: NOW });
        expect(parsed).toEqual({
          ok: true,
          idNumber: id,
          birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          sex: sequence % 2 === 1 ? 'male' : 'female',
          regionCode: region,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('changing any single character of a valid ID makes it invalid', () => {
    const alphabet = '0123456789X';
    fc.assert(
      fc.property(
        validParts,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        ({ region, birth, sequence }, position, shift) => {
          const id = makeResidentId(region, birth, sequence);
          // Positions 0–16 hold digits (shift within 0–9); position 17 may also be X (shift within 0–9, X).
          const symbols = position === 17 ? alphabet : alphabet.slice(0, 10);
          const current = symbols.indexOf(id[position] as string);
          const replacement = symbols[(current + (shift % symbols.length || 1)) % symbols.length] as string;
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          expect(changed).not.toBe(id);
          expect(parseResidentId(changed, { now: NOW }).ok).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('swapping two different adjacent digits is detected', () => {
    fc.assert(
      fc.property(validParts, fc.integer({ min: 0, max: 15 }), ({ region, birth, sequence }, i) => {
        const id = makeResidentId(region, birth, sequence);
        fc.pre(id[i] !== id[i + 1]);
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(parseResidentId(swapped, { now: NOW }).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
