import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITIES } from '../cities.js';
import { GUANGDONG_PLATE_AUTHORITIES, isValidPlate, normalizePlate, PLATE_PROVINCES, parsePlate } from './plate.js';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const SERIAL = `0123456789${LETTERS}`;
const serialOf = (n: number) => fc.string({ unit: fc.constantFrom(...SERIAL), minLength: n, maxLength: n });
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const province = fc.constantFrom(...Object.keys(PLATE_PROVINCES));
const authority = fc.constantFrom(...LETTERS);

describe('Guangdong authorities', () => {
  it('map the 21 cities one letter each (plus 粤X/粤Y for Foshan districts and 粤Z for cross-boundary cars)', () => {
    const byCity = new Map<string, string[]>();
    for (const [letter, a] of Object.entries(GUANGDONG_PLATE_AUTHORITIES)) {
      if (a.cityCode) byCity.set(a.cityCode, [...(byCity.get(a.cityCode) ?? []), letter]);
    }
    expect(byCity.size).toBe(21);
    for (const city of CITIES) {
      const letters = byCity.get(city.code) ?? [];
      expect(letters.length, city.name).toBeGreaterThan(0);
      // The name stored with the letter is the city's own name in cities.ts.
      for (const letter of letters) expect(GUANGDONG_PLATE_AUTHORITIES[letter]?.city).toBe(city.name);
    }
    expect(byCity.get('440600')).toEqual(['E', 'X', 'Y']);
    expect('IO'.split('').filter((l) => l in GUANGDONG_PLATE_AUTHORITIES)).toEqual([]);
  });
});

describe('parsePlate', () => {
  it('decodes ordinary plates, with the Guangdong city', () => {
    expect(parsePlate('粤A12345')).toEqual({
      ok: true,
      plate: '粤A12345',
      province: '粤',
      provinceName: '广东',
      authority: 'A',
      kind: 'ordinary',
      city: '广州',
      cityCode: '440100',
    });
    expect(parsePlate('粤S3B7Q9')).toMatchObject({ ok: true, kind: 'ordinary', city: '东莞', cityCode: '441900' });
    expect(parsePlate('粤X12345')).toMatchObject({ ok: true, city: '佛山顺德', cityCode: '440600' });
    expect(parsePlate('湘A12345')).toEqual({
      ok: true,
      plate: '湘A12345',
      province: '湘',
      provinceName: '湖南',
      authority: 'A',
      kind: 'ordinary',
    });
  });

  it('decodes new-energy plates, small and large, and their energy type', () => {
    expect(parsePlate('粤BD12345')).toMatchObject({ ok: true, kind: 'new-energy-small', energy: 'electric' });
    expect(parsePlate('粤BFA1234')).toMatchObject({ ok: true, kind: 'new-energy-small', energy: 'non-electric' });
    expect(parsePlate('粤BA12345')).toMatchObject({ ok: true, kind: 'new-energy-small', energy: 'electric' });
    expect(parsePlate('粤BK12345')).toMatchObject({ ok: true, kind: 'new-energy-small', energy: 'non-electric' });
    expect(parsePlate('粤B12345D')).toMatchObject({ ok: true, kind: 'new-energy-large', energy: 'electric' });
    expect(parsePlate('粤B12345F')).toMatchObject({ ok: true, kind: 'new-energy-large', energy: 'non-electric' });
  });

  it('decodes special plates', () => {
    expect(parsePlate('粤A1234学')).toMatchObject({ ok: true, kind: 'special', special: '学' });
    expect(parsePlate('粤A0123警')).toMatchObject({ ok: true, kind: 'special', special: '警' });
    expect(parsePlate('粤E1234挂')).toMatchObject({ ok: true, kind: 'special', special: '挂' });
    expect(parsePlate('粤A0001领')).toMatchObject({ ok: true, kind: 'special', special: '领' });
    expect(parsePlate('粤Z1234港')).toMatchObject({ ok: true, special: '港', city: '港澳', cityCode: null });
    expect(parsePlate('粤ZA123澳')).toMatchObject({ ok: true, special: '澳' });
  });

  it('normalises separators, spaces, lower case and full-width characters', () => {
    expect(normalizePlate(' 粤b·12345 ')).toBe('粤B12345');
    expect(parsePlate('粤Ｂ－ｄ１２３４５')).toMatchObject({ ok: true, plate: '粤BD12345' });
    expect(parsePlate('粤 A 1234 学')).toMatchObject({ ok: true, plate: '粤A1234学' });
  });

  it.each([
    ['', 'format'],
    ['粤A1234', 'format'], // too short
    ['粤AD123456', 'format'], // too long
    ['粤112345', 'format'], // no authority letter
    ['AB12345', 'province'],
    ['黔A12345', 'province'], // Guizhou plates say 贵
    ['粤I12345', 'authority'],
    ['粤O12345', 'authority'],
    ['粤A1234港', 'authority'], // 港/澳 only on 粤Z
    ['粤Z12345', 'serial'], // 粤Z only with 港/澳
    ['粤A1I345', 'serial'], // no I or O in the serial
    ['粤A12O45', 'serial'],
    ['粤BD1234A', 'serial'], // small new energy: last four are digits
    ['粤BL12345', 'serial'], // L is not a new-energy letter
    ['粤B1234AD', 'serial'], // large new energy: five digits first
    ['粤B12345E', 'serial'], // large new energy: D or F only
    ['粤A123学', 'format'], // 6 characters
    ['粤A1234使', 'serial'],
  ])('refuses %s (%s) with a Chinese message', (plate, reason) => {
    const result = parsePlate(plate);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('properties', () => {
  const ordinary = fc.tuple(province, authority, serialOf(5)).map(([p, a, s]) => `${p}${a}${s}`);
  const smallNev = fc
    .tuple(province, authority, fc.constantFrom(...'ABCDEFGHJK'), serialOf(1), digits(4))
    .map(([p, a, e, x, d]) => `${p}${a}${e}${x}${d}`);
  const largeNev = fc
    .tuple(province, authority, digits(5), fc.constantFrom('D', 'F'))
    .map(([p, a, d, e]) => `${p}${a}${d}${e}`);
  const notCrossBoundary = (plate: string) => !plate.startsWith('粤Z');

  it('generated plates of each kind pass with that kind', () => {
    fc.assert(
      fc.property(ordinary.filter(notCrossBoundary), (plate) => {
        expect(parsePlate(plate)).toMatchObject({ ok: true, plate, kind: 'ordinary' });
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(smallNev.filter(notCrossBoundary), (plate) => {
        expect(parsePlate(plate)).toMatchObject({ ok: true, plate, kind: 'new-energy-small' });
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(largeNev.filter(notCrossBoundary), (plate) => {
        expect(parsePlate(plate)).toMatchObject({ ok: true, plate, kind: 'new-energy-large' });
      }),
      { numRuns: 1000 },
    );
  });

  it('every Guangdong plate but 粤Z names a city among the 21', () => {
    const codes = new Set(CITIES.map((c) => c.code));
    fc.assert(
      fc.property(
        ordinary.filter((p) => p.startsWith('粤') && notCrossBoundary(p)),
        (plate) => {
          const parsed = parsePlate(plate);
          expect(parsed.ok && parsed.cityCode && codes.has(parsed.cityCode)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('any plate with I or O in it is refused', () => {
    fc.assert(
      fc.property(ordinary, fc.integer({ min: 1, max: 6 }), fc.constantFrom('I', 'O'), (plate, at, bad) => {
        const chars = Array.from(plate);
        chars[at] = bad;
        expect(isValidPlate(chars.join(''))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
