import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidUscc,
  makeOrgCode,
  makeUscc,
  orgCodeCheckChar,
  parseUscc,
  USCC_ALPHABET,
  USCC_AUTHORITIES,
  usccCheckChar,
} from './uscc.js';

const ORG_BODY_ALPHABET = USCC_ALPHABET; // body characters of a USCC's organisation code stay in the USCC alphabet

/** Parts of a valid code: an authority/kind pair of the table, a Guangdong region, any organisation-code body. */
const validParts = fc.record({
  pair: fc.constantFrom(
    ...Object.entries(USCC_AUTHORITIES).flatMap(([authority, { kinds }]) =>
      Object.keys(kinds).map((kind) => ({ authority, kind })),
    ),
  ),
  regionCode: fc.constantFrom('440000', '440100', '440106', '440300', '440305', '441900', '445300', '110000', '100000'),
  body: fc.string({ unit: fc.constantFrom(...ORG_BODY_ALPHABET), minLength: 8, maxLength: 8 }),
});

const make = ({
  pair,
  regionCode,
  body,
}: {
  pair: { authority: string; kind: string };
  regionCode: string;
  body: string;
}) => makeUscc({ ...pair, regionCode, orgCode: body });

describe('check characters', () => {
  it('GB 11714: the organisation-code check of codes worked by hand', () => {
    // 1×3 + 9×7 + 2×9 + 2×10 + 0×5 + 3×8 + 8×4 + 2×2 = 164; 164 mod 11 = 10; 11 − 10 = 1.
    expect(orgCodeCheckChar('19220382')).toBe('1');
    // 3 + 14 + 27 + 40 + 25 + 48 + 28 + 16 = 201; 201 mod 11 = 3; 11 − 3 = 8.
    expect(orgCodeCheckChar('12345678')).toBe('8');
    expect(orgCodeCheckChar('00000006')).toBe('X'); // 6×2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → X
    expect(orgCodeCheckChar('00000000')).toBe('0'); // 11 − 0 = 11 → 0
    // Letters count A=10 … Z=35: M×3 + A×7 + 2×9 + 8×10 + 2×5 + U×8 + F×4 + 1×2 = 546; 546 mod 11 = 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('MA282UF1')).toBe('4');
    expect(makeOrgCode('00000006')).toBe('00000006X');
  });

  it('GB 32100: weights 3^i mod 31, 31 − (sum mod 31)', () => {
    // All zeros: sum 0 → 31 − 0 = 31 → 0.
    expect(usccCheckChar('00000000000000000')).toBe('0');
    // A single 1 in position i contributes 3^i mod 31: position 1 (weight 1) → 31 − 1 = 30 → Y.
    expect(usccCheckChar('10000000000000000')).toBe('Y');
    expect(usccCheckChar('01000000000000000')).toBe('W'); // weight 3 → 28 → W
  });

  it('refuses inputs outside the alphabet or of the wrong length', () => {
    expect(() => usccCheckChar('9144030019220382')).toThrow();
    expect(() => usccCheckChar('9144030019220382I')).toThrow();
    expect(() => orgCodeCheckChar('1922038')).toThrow();
    expect(() => orgCodeCheckChar('1922038a')).toThrow();
  });
});

describe('parseUscc', () => {
  it('accepts codes published as the registrations of well-known companies (both check characters verified here)', () => {
    // Widely published as the codes of 华为技术有限公司 and 深圳市腾讯计算机系统有限公司 (Shenzhen); not verified
    // against the national enterprise credit system from here, but both the GB 11714 and the GB 32100 check
    // characters agree with this implementation, which a random code does with probability 1/341.
    expect(parseUscc('914403001922038216')).toEqual({
      ok: true,
      code: '914403001922038216',
      authority: '9',
      authorityName: '工商',
      kind: '1',
      kindName: '企业',
      regionCode: '440300',
      orgCode: '192203821',
    });
    expect(parseUscc('91440300708461136T')).toMatchObject({ ok: true, regionCode: '440300', orgCode: '708461136' });
  });

  it('decodes codes built with makeUscc: authorities and kinds by name', () => {
    const social = makeUscc({ authority: '5', kind: '3', regionCode: '440100', orgCode: 'MJ000001' });
    expect(parseUscc(social)).toMatchObject({ ok: true, authorityName: '民政', kindName: '基金会' });
    const shop = makeUscc({ authority: '9', kind: '2', regionCode: '440106', orgCode: 'L1234567' });
    expect(parseUscc(shop)).toMatchObject({ ok: true, authorityName: '工商', kindName: '个体工商户' });
    const central = makeUscc({ authority: '1', kind: '1', regionCode: '100000', orgCode: '00001312' });
    expect(parseUscc(central)).toMatchObject({ ok: true, kindName: '机关', regionCode: '100000' });
  });

  it('accepts surrounding spaces and lower case', () => {
    expect(parseUscc(' 91440300708461136t ')).toMatchObject({ ok: true, code: '91440300708461136T' });
  });

  it.each([
    ['', 'format'],
    ['91440300192203821', 'format'], // 17 characters
    ['9144030019220382166', 'format'], // 19 characters
    ['91440300I92203821X', 'format'], // I is not in the alphabet
    ['9144030O1922038216', 'format'], // O in the region
    ['91440300192203821Z', 'format'], // Z, S, V are not used
    ['９１４４０３００１９２２０３８２１６', 'format'], // full-width
    ['941403001922038216', 'category'], // 工商 has no kind 4
    ['B14403001922038216', 'category'], // no authority B
    ['Y24403001922038216', 'category'],
    ['919903001922038216', 'region'],
    ['918103001922038216', 'region'], // Hong Kong registers no USCC
    ['914403001922038226', 'org-code'], // organisation code 19220382-2
    ['914403001922038217', 'check-digit'],
  ])('refuses %s (%s) with a Chinese message', (code, reason) => {
    const result = parseUscc(code);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says a wrong check character plainly', () => {
    expect(parseUscc('91440300708461136U')).toEqual({
      ok: false,
      reason: 'check-digit',
      message: '统一社会信用代码校验位不正确，请核对后重新输入',
    });
  });
});

describe('makeUscc', () => {
  it('computes the organisation-code check, or verifies a given one', () => {
    expect(makeUscc({ authority: '9', kind: '1', regionCode: '440300', orgCode: '19220382' })).toBe(
      '914403001922038216',
    );
    expect(makeUscc({ authority: '9', kind: '1', regionCode: '440300', orgCode: '192203821' })).toBe(
      '914403001922038216',
    );
    expect(() => makeUscc({ authority: '9', kind: '1', regionCode: '440300', orgCode: '192203822' })).toThrow();
  });

  it('appends the check character to 17 given characters', () => {
    expect(makeUscc('91440300192203821')).toBe('914403001922038216');
    expect(makeUscc('91440300708461136')).toBe('91440300708461136T');
    expect(() => makeUscc('91440300192203822')).toThrow(); // wrong organisation-code check
    expect(() => makeUscc('9144030019220382')).toThrow();
    expect(() => makeUscc('9144030019220382I')).toThrow();
  });

  it('refuses parts that cannot make a valid code', () => {
    expect(() => makeUscc({ authority: '9', kind: '9', regionCode: '440300', orgCode: '19220382' })).toThrow();
    expect(() => makeUscc({ authority: '9', kind: '1', regionCode: '44030', orgCode: '19220382' })).toThrow();
    expect(() => makeUscc({ authority: '9', kind: '1', regionCode: '990300', orgCode: '19220382' })).toThrow();
    expect(() => makeUscc({ authority: '9', kind: '1', regionCode: '440300', orgCode: '1922038I' })).toThrow();
  });
});

describe('properties', () => {
  it('every made code parses back to its parts', () => {
    fc.assert(
      fc.property(validParts, (parts) => {
        const code = make(parts);
        expect(parseUscc(code)).toMatchObject({
          ok: true,
          code,
          authority: parts.pair.authority,
          kind: parts.pair.kind,
          regionCode: parts.regionCode,
          orgCode: makeOrgCode(parts.body),
        });
        expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
      }),
      { numRuns: 3000 },
    );
  });

  it('changing any single character of a valid code (within the alphabet) makes it invalid', () => {
    fc.assert(
      fc.property(
        validParts,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (parts, position, shift) => {
          const code = make(parts);
          const current = USCC_ALPHABET.indexOf(code[position] as string);
          const replacement = USCC_ALPHABET[(current + shift) % 31] as string;
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(changed).not.toBe(code);
          expect(isValidUscc(changed)).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('swapping two different adjacent characters of the first 17 is detected', () => {
    fc.assert(
      fc.property(validParts, fc.integer({ min: 0, max: 15 }), (parts, i) => {
        const code = make(parts);
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidUscc(swapped)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
