import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPersonalNumbers, maskNumbersInText } from './index.js';

/** Every character people type for a digit: ASCII, full-width, and the Chinese digits of a number read out. */
const WRITTEN: Record<string, string[]> = {
  '0': ['0', '０', '〇', '○', '零'],
  '1': ['1', '１', '一', '幺'],
  '2': ['2', '２', '二', '两', '兩'],
  '3': ['3', '３', '三'],
  '4': ['4', '４', '四'],
  '5': ['5', '５', '五'],
  '6': ['6', '６', '六'],
  '7': ['7', '７', '七'],
  '8': ['8', '８', '八'],
  '9': ['9', '９', '九'],
  X: ['X', 'x', 'Ｘ', 'ｘ'],
};
/** The test's own ASCII reading of what the masker returns (full-width by NFKC, Chinese digits by the table above). */
const READ = new Map(Object.entries(WRITTEN).flatMap(([d, forms]) => forms.map((f) => [f, d] as const)));
const asAscii = (s: string) =>
  [...s.normalize('NFKC')].map((c) => (/[0-9Xx]/.test(c) ? c.toUpperCase() : (READ.get(c) ?? c))).join('');

/**
 * How a number is written: all ASCII (as before), all full-width, all Chinese digits (the first variant or any), or
 * each character in any of the forms.
 */
type Script = 'ascii' | 'fullwidth' | 'chinese' | 'mixed';
const script = fc.constantFrom<Script>('ascii', 'ascii', 'fullwidth', 'chinese', 'mixed');
const writeIn = (n: string, how: Script, pick: number[]) =>
  [...n]
    .map((d, k) => {
      const forms = WRITTEN[d.toUpperCase()] as string[];
      const chinese = forms.slice(d === 'X' || d === 'x' ? 0 : 2);
      const choice = pick[k] ?? 0;
      if (how === 'ascii') return d === 'X' || d === 'x' ? d : forms[0];
      if (how === 'fullwidth') return d === 'X' ? 'Ｘ' : d === 'x' ? 'ｘ' : forms[1];
      if (how === 'chinese') return chinese[choice % chinese.length];
      return forms[choice % forms.length];
    })
    .join('');
const picks = fc.array(fc.nat(4), { minLength: 20, maxLength: 20 });

const digit = fc.constantFrom(...'0123456789');
/** One digit character in any form but ASCII. */
const numeralChar = fc.constantFrom(
  ...Object.values(WRITTEN).flatMap((forms) => forms.filter((f) => !/[0-9Xx]/.test(f))),
);
const digits = (min: number, max: number) => fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(''));
/** Digit characters of any form that are not a number (too short), as in 2024年, 第一, 两个, 一二三. */
const anyDigits = (min: number, max: number) =>
  fc.tuple(digits(min, max), script, picks).map(([d, how, pick]) => writeIn(d, how, pick));
const sep = fc.constantFrom(' ', '-', '  ', ' - ', '\u3000', '—');

/** A mainland mobile number as people type it: 13800138000, 138 0013 8000, 138-0013-8000, +86 138…, 86138… */
const phone = fc
  .tuple(
    fc.constantFrom(...'3456789'),
    digits(9, 9),
    fc.constantFrom('', '+86', '+86 ', '86', '+86-'),
    fc.boolean(),
    sep,
    script,
    picks,
  )
  .map(([second, rest, prefix, grouped, s, how, pick]) => {
    const n = `1${second}${rest}`;
    const w = writeIn(n, how, pick);
    const shown = grouped ? `${w.slice(0, 3)}${s}${w.slice(3, 7)}${s}${w.slice(7)}` : w;
    return { number: n, text: `${prefix.replace('86', writeIn('86', how, pick))}${shown}` };
  });

/** A resident ID number (any check character: see free-text.ts), whole or as 6-8-4. */
const idNumber = fc
  .tuple(digits(17, 17), fc.constantFrom(...'0123456789Xx'), fc.boolean(), sep, script, picks)
  .map(([body, check, grouped, s, how, pick]) => {
    const n = `${body}${check}`;
    const w = writeIn(n, how, pick);
    const shown = grouped ? `${w.slice(0, 6)}${s}${w.slice(6, 14)}${s}${w.slice(14)}` : w;
    return { number: n.toUpperCase(), text: shown };
  });

/** Words with no digits and no separators (Chinese, letters, punctuation). */
const words = fc
  .array(fc.constantFrom(...'张伟住址广州市天河区联系电话身份证号码随迁人员。，、：abcXYZ()（）#/'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((c) => c.join(''));

/** Ordinary words that hold Chinese digit characters: they must stay as typed unless part of a number. */
const numeralWord = fc.constantFrom(
  '一直',
  '两个',
  '第一',
  '一二三',
  '三三两两',
  '二〇二四年',
  '十一',
  '幺儿',
  '零钱',
  '一五一十',
);

type Piece = { text: string; number?: string };
const piece: fc.Arbitrary<Piece> = fc.oneof(
  phone,
  idNumber,
  words.map((text) => ({ text })),
  anyDigits(1, 6).map((text) => ({ text })), // other digits, glued to a number or standing alone
  numeralWord.map((text) => ({ text })), // words with Chinese digits in them (…8000一直)
);
/** Pieces joined by nothing (a number embedded in other digits), a separator, or words. */
const mixedText = fc
  .array(fc.tuple(piece, fc.oneof(fc.constant(''), sep, words)), { minLength: 1, maxLength: 8 })
  .map((parts) => ({
    text: parts.map(([p, gap]) => p.text + gap).join(''),
    numbers: parts.flatMap(([p]) => (p.number ? [p.number] : [])),
  }));

const squeeze = (s: string) => s.replace(/[ \t\u3000\-–—]/g, '');
const isDigitChar = (c: string) => /\d/.test(c) || READ.has(c) || /[０-９]/.test(c);

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

  it('masks numbers written in full-width digits, Chinese digits or a mix, keeping the characters typed', () => {
    expect(maskNumbersInText('联系电话１３８００１３８０００，请回电')).toBe('联系电话１３８****８０００，请回电');
    expect(maskNumbersInText('电话：一三八〇〇一三八〇〇〇')).toBe('电话：一三八****八〇〇〇');
    expect(maskNumbersInText('打幺三八 零零幺三 八零零零找我')).toBe('打幺三八****八零零零找我');
    expect(maskNumbersInText('手机一三九两两三三四四五五')).toBe('手机一三九****四四五五');
    expect(maskNumbersInText('138〇〇一三八〇〇〇')).toBe('138****八〇〇〇');
    expect(maskNumbersInText('1３８-００１３-8000')).toBe('1３８****8000');
    expect(maskNumbersInText('＋８６ １３８ ００１３ ８０００')).toBe('＋８６ １３８****８０００');
    expect(maskNumbersInText('身份证４４０１０６１９９００１０１１２３ｘ')).toBe('身份证４４０***********１２３Ｘ');
    expect(maskNumbersInText('四四〇一〇六 一九九〇〇一〇一 一二三X')).toBe('四四〇***********一二三X');
    expect(maskNumbersInText('四四〇一〇六19900101123x')).toBe('四四〇***********123X');
    // the X set apart like a group is still the ID number's: before, 19880512031 was taken for a phone and the rest
    // (440106, 2031 X) left in clear
    expect(maskNumbersInText('身份证 440106 19880512 031 X')).toBe('身份证 440***********031X');
    expect(maskNumbersInText('身份证44010619880512031 x号')).toBe('身份证440***********031X号');
    // what fast-check found (a property run of CI): the X after the space made an ID number with the zeros before it
    const found = maskNumbersInText('一三〇〇〇〇〇〇〇〇〇〇000000〇000000000000 X张 0');
    expect(asAscii(squeeze(found))).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
    // an X that starts a word is not part of a number
    expect(maskNumbersInText('电话13800138000 Xiao')).toBe('电话138****8000 Xiao');
  });

  it('keeps ordinary words with Chinese digits as typed, also when glued to a number', () => {
    expect(maskNumbersInText('电话13800138000一直打不通')).toBe('电话138****8000一直打不通');
    expect(maskNumbersInText('两13800138000')).toBe('两138****8000');
    expect(maskNumbersInText('编号13800138000123一起寄')).toBe('编号138*******0123一起寄');
    // a phone that is half Arabic, half Chinese is still one number, not two harmless halves
    expect(maskNumbersInText('1380013八〇〇〇')).toBe('138****八〇〇〇');
  });

  it('leaves text without a phone or ID number exactly as typed', () => {
    for (const t of [
      '2024-11-20 上午9点',
      '工资3000元，拖欠6个月',
      '粤A8K2M6',
      '91440604DEM000030D',
      '02012345678',
      '他一直说一二三四五六七八九十，三三两两，一五一十',
      '二〇二四年十一月二十日，两个孩子',
      '一二三四五六七八九〇一', // 11 digit characters, but no phone (12…) and no ID
      '０２０－１２３４５６７８',
    ]) {
      expect(maskNumbersInText(t)).toBe(t);
    }
  });

  it('property: no phone or ID number survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(mixedText, ({ text, numbers }) => {
        const masked = maskNumbersInText(text);
        const flat = asAscii(squeeze(masked));
        for (const n of numbers) {
          expect(flat).not.toContain(n);
        }
        expect(flat).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
        expect(containsPersonalNumbers(masked)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: text without digits is unchanged, and so is text whose digit runs are too short to be a number', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 200,
          // any character, and those that sit next to numbers: other numerals, X, separators
          unit: fc.oneof(
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
            fc.constantFrom(...'十百千万张直个XxＸｘ－- —\u3000'),
          ),
        }),
        (s) => {
          const noDigits = [...s].filter((c) => !isDigitChar(c)).join('');
          expect(maskNumbersInText(noDigits)).toBe(noDigits);
        },
      ),
    );
    // digit runs of up to 10 characters of any form, and words with Chinese digits, between words: never a number
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(anyDigits(0, 10), numeralWord), words)), (parts) => {
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
      fc.property(
        fc.array(fc.oneof(digit, numeralChar, sep, fc.constantFrom('X', 'x', 'Ｘ', 'ｘ', '+', '*', '字', '直')), {
          maxLength: 60,
        }),
        (cs) => {
          const once = maskNumbersInText(cs.join(''));
          expect(maskNumbersInText(once)).toBe(once);
          expect(containsPersonalNumbers(once)).toBe(false);
          expect(asAscii(once)).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
