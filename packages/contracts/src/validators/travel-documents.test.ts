import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidTravelDocument,
  PASSPORT_KINDS,
  parseTravelDocument,
  TRAVEL_DOCUMENT_NAMES,
  type TravelDocumentKind,
} from './travel-documents.js';

// Every number below is made up in the documented shape; none is a real person's document.
describe('parseTravelDocument', () => {
  it.each([
    ['E12345678', 'passport', false],
    ['EA1234567', 'passport', false],
    ['G12345678', 'passport', true],
    ['DE1234567', 'passport-diplomatic', false],
    ['SE1234567', 'passport-service', false],
    ['PE1234567', 'passport-public-affairs', false],
    ['C12345678', 'hk-macao-permit', false],
    ['W12345678', 'hk-macao-permit', true],
    ['L12345678', 'taiwan-permit', false],
    ['T12345678', 'taiwan-permit', true],
    ['H12345678', 'hk-macao-resident-permit', false],
    ['M12345678', 'hk-macao-resident-permit', false],
    ['H1234567801', 'hk-macao-resident-permit', true],
    ['12345678', 'taiwan-resident-permit', false],
  ] as const)('recognises %s as %s', (number, kind, legacy) => {
    expect(parseTravelDocument(number)).toMatchObject({
      ok: true,
      number,
      kind,
      name: TRAVEL_DOCUMENT_NAMES[kind],
      legacy,
    });
    expect(isValidTravelDocument(number, kind)).toBe(true);
  });

  it('tells Hong Kong from Macao home-return permits', () => {
    expect(parseTravelDocument('H12345678')).toMatchObject({ region: 'hong-kong', name: '港澳居民来往内地通行证' });
    expect(parseTravelDocument('M1234567802')).toMatchObject({ region: 'macao', legacy: true });
  });

  it('normalises spaces, lower case and full-width characters', () => {
    expect(parseTravelDocument(' e1234 5678 ')).toMatchObject({ ok: true, number: 'E12345678' });
    expect(parseTravelDocument('Ｃ１２３４５６７８')).toMatchObject({ ok: true, number: 'C12345678' });
  });

  it('checks the expected kind, with the document’s own message', () => {
    expect(parseTravelDocument('C12345678', 'passport')).toEqual({
      ok: false,
      reason: 'kind',
      message: '证件号码与所选证件类型不符',
    });
    expect(parseTravelDocument('E1234567', 'passport')).toEqual({
      ok: false,
      reason: 'format',
      message: '护照号码格式不正确（如 E12345678）',
    });
    expect(parseTravelDocument('1234567', 'taiwan-resident-permit')).toMatchObject({
      message: '台湾居民来往大陆通行证号码应为8位数字',
    });
    expect(isValidTravelDocument('DE1234567', PASSPORT_KINDS)).toBe(true);
    expect(isValidTravelDocument('L12345678', PASSPORT_KINDS)).toBe(false);
  });

  it.each([
    '',
    'E1234567', // 8 characters
    'E123456789',
    'EI1234567', // no I or O after E
    'EO1234567',
    'X12345678',
    'C1234567A',
    'H123456789', // 9 digits: neither the card nor the old form
    '1234567',
    '123456789',
    'DE12345678',
  ])('refuses %s with a Chinese message', (number) => {
    const result = parseTravelDocument(number);
    expect(result).toMatchObject({ ok: false, reason: 'format' });
    if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('properties', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const cases: [TravelDocumentKind, fc.Arbitrary<string>][] = [
    ['passport', digits(8).map((d) => `E${d}`)],
    ['passport', fc.tuple(fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ'), digits(7)).map(([l, d]) => `E${l}${d}`)],
    ['hk-macao-permit', digits(8).map((d) => `C${d}`)],
    ['taiwan-permit', digits(8).map((d) => `L${d}`)],
    ['hk-macao-resident-permit', fc.tuple(fc.constantFrom('H', 'M'), digits(8)).map(([l, d]) => l + d)],
    ['taiwan-resident-permit', digits(8)],
  ];

  it('numbers of each documented shape are recognised as their kind, and as no other', () => {
    for (const [kind, arbitrary] of cases) {
      fc.assert(
        fc.property(arbitrary, (number) => {
          expect(parseTravelDocument(number)).toMatchObject({ ok: true, kind });
          const others = Object.keys(TRAVEL_DOCUMENT_NAMES).filter((k) => k !== kind) as TravelDocumentKind[];
          expect(parseTravelDocument(number, others)).toMatchObject({ ok: false, reason: 'kind' });
        }),
        { numRuns: 300 },
      );
    }
  });
});
