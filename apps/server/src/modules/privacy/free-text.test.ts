import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPersonalNumbers, maskNumbersInText } from './index.js';

const digit = fc.constantFrom(...'0123456789');
const digits = (min: number, max: number) => fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(''));
const sep = fc.constantFrom(' ', '-', '  ', ' - ', '\u3000', '—');

/** A mainland mobile number as people type it: 13800138000, 138 0013 8000, 138-0013-8000, +86 138…, 86138… */
const phone = fc
  .tuple(
    fc.constantFrom(...'3456789'),
    digits(9, 9),
    fc.constantFrom('', '+86', '+86 ', '86', '+86-'),
    fc.boolean(),
    sep,
  )
  .map(([second, rest, prefix, grouped, s]) => {
    const n = `1${second}${rest}`;
    const shown = grouped ? `${n.slice(0, 3)}${s}${n.slice(3, 7)}${s}${n.slice(7)}` : n;
    return { number: n, text: `${prefix}${shown}` };
  });

/** A resident ID number (any check character: see free-text.ts), whole or as 6-8-4. */
const idNumber = fc
  .tuple(digits(17, 17), fc.constantFrom(...'0123456789Xx'), fc.boolean(), sep)
  .map(([body, check, grouped, s]) => {
    const n = `${body}${check}`;
    const shown = grouped ? `${n.slice(0, 6)}${s}${n.slice(6, 14)}${s}${n.slice(14)}` : n;
    return { number: n, text: shown };
  });

/** Words with no digits and no separators (Chinese, letters, punctuation). */
const words = fc
  .array(fc.constantFrom(...'张伟住址广州市天河区联系电话身份证号码随迁人员。，、：abcXYZ()（）#/'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((c) => c.join(''));

type Piece = { text: string; number?: string };
const piece: fc.Arbitrary<Piece> = fc.oneof(
  phone,
  idNumber,
  words.map((text) => ({ text })),
  digits(1, 6).map((text) => ({ text })), // other digits, glued to a number or standing alone
);
/** Pieces joined by nothing (a number embedded in other digits), a separator, or words. */
const mixedText = fc
  .array(fc.tuple(piece, fc.oneof(fc.constant(''), sep, words)), { minLength: 1, maxLength: 8 })
  .map((parts) => ({
    text: parts.map(([p, gap]) => p.text + gap).join(''),
    numbers: parts.flatMap(([p]) => (p.number ? [p.number] : [])),
  }));

const squeeze = (s: string) => s.replace(/[ \t\u3000\-–—]/g, '');

describe('maskNumbersInText', () => {
  it('masks numbers the way the fields are masked', () => {
    expect(maskNumbersInText('联系电话13800138000，请回电')).toBe('联系电话138****8000，请回电');
    expect(maskNumbersInText('电话 138 0013 8000')).toBe('电话 138****8000');
    expect(maskNumbersInText('电话138-0013-8000。')).toBe('电话138****8000。');
    expect(maskNumbersInText('+86 138 0013 8000')).toBe('+86 138****8000');
    expect(maskNumbersInText('+8613800138000')).toBe('+86138****8000');
    expect(maskNumbersInText('妻子 李娜 440106199001011234；儿子 张梓轩 440106201704150151')).toBe(
      '妻子 李娜 440***********1234；儿子 张梓轩 440***********0151',
    );
    expect(maskNumbersInText('身份证号 440106 19880512 031x')).toBe('身份证号 440***********031X');
  });

  it('does not half-mask an ID number that contains a phone-like run, nor miss a phone inside a longer run', () => {
    // 440106 + 13800138000 + X: one ID number, masked as one
    expect(maskNumbersInText('44010613800138000X')).toBe('440***********000X');
    // a phone glued to other digits: the whole run is hidden
    expect(maskNumbersInText('编号13800138000123')).toBe('编号138*******0123');
    expect(maskNumbersInText('门牌1203 13800138000')).toBe('门牌1203 138****8000');
  });

  it('leaves text without a phone or ID number exactly as typed', () => {
    for (const t of ['2024-11-20 上午9点', '工资3000元，拖欠6个月', '粤A8K2M6', '91440604DEM000030D', '02012345678']) {
      expect(maskNumbersInText(t)).toBe(t);
    }
  });

  it('property: no phone or ID number survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(mixedText, ({ text, numbers }) => {
        const masked = maskNumbersInText(text);
        const flat = squeeze(masked);
        for (const n of numbers) {
          expect(flat.toUpperCase()).not.toContain(n.toUpperCase());
        }
        expect(flat).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
        expect(containsPersonalNumbers(masked)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: text without digits is unchanged, and so is text whose digit runs are too short to be a number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const noDigits = s.replace(/\d/g, '');
        expect(maskNumbersInText(noDigits)).toBe(noDigits);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(digits(0, 10), words)), (parts) => {
        const t = parts.map(([d, w]) => d + w).join('');
        expect(maskNumbersInText(t)).toBe(t);
      }),
    );
  });

  it('property: idempotent (masking masked text changes nothing)', () => {
    fc.assert(
      fc.property(mixedText, ({ text }) => {
        const once = maskNumbersInText(text);
        expect(maskNumbersInText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(digit, sep, fc.constantFrom('X', '+', '*', '字')), { maxLength: 60 }), (cs) => {
        const once = maskNumbersInText(cs.join(''));
        expect(maskNumbersInText(once)).toBe(once);
        expect(containsPersonalNumbers(once)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
