import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANZI_8105 } from './hanzi-8105.js';
import {
  charactersOutsideTable,
  hanziLevel,
  hanziNumber,
  isStandardHanzi,
  isValidPersonName,
  normalizePersonName,
  parsePersonName,
} from './person-name.js';

const TABLE = Array.from(HANZI_8105);
const standardChar = fc.constantFrom(...TABLE);

describe('the compiled table', () => {
  it('holds 8105 distinct characters, 196 of them outside the BMP, in the table order', () => {
    expect(TABLE).toHaveLength(8105);
    expect(new Set(TABLE).size).toBe(8105);
    expect(TABLE.filter((ch) => ch.length === 2)).toHaveLength(196);
    expect(hanziNumber('一')).toBe(1);
    expect(hanziNumber('乂')).toBe(3501);
    expect(hanziNumber('亍')).toBe(6501);
    expect(hanziNumber('A')).toBeUndefined();
  });

  it('knows the levels: 一级 1–3500, 二级 3501–6500, 三级 6501–8105', () => {
    expect(hanziLevel('张')).toBe(1);
    expect(hanziLevel('乂')).toBe(2);
    expect(hanziLevel('齉')).toBe(2);
    expect(hanziLevel('亍')).toBe(3);
    expect(hanziLevel('𫚭')).toBe(3); // U+2B6AD, outside the BMP
    expect(hanziLevel('a')).toBeUndefined();
    expect(isStandardHanzi('𫚭')).toBe(true);
    expect(isStandardHanzi('囧')).toBe(false); // popular online, not in the table
    expect(isStandardHanzi('堃')).toBe(true); // a name character the 2013 table took in (三级)
    expect(hanziLevel('堃')).toBe(3);
  });
});

describe('parsePersonName', () => {
  it('accepts ordinary names and reports their length and parts', () => {
    expect(parsePersonName('张伟')).toEqual({
      ok: true,
      name: '张伟',
      length: 2,
      parts: ['张伟'],
      level3Characters: [],
    });
    expect(parsePersonName(' 欧阳梓轩 ')).toMatchObject({ ok: true, name: '欧阳梓轩', length: 4 });
    expect(parsePersonName('李')).toMatchObject({ ok: true, length: 1 });
  });

  it('counts characters outside the BMP as one', () => {
    const name = '李𫚭';
    expect(name.length).toBe(3); // UTF-16 units
    expect(parsePersonName(name)).toMatchObject({ ok: true, length: 2, level3Characters: ['𫚭'] });
    expect(parsePersonName(name, { maxLength: 2 }).ok).toBe(true);
  });

  it('accepts minority names with the middle dot, normalising look-alike dots', () => {
    expect(parsePersonName('买买提·艾力')).toMatchObject({ ok: true, length: 6, parts: ['买买提', '艾力'] });
    for (const dot of ['・', '･', '•', '‧']) {
      expect(parsePersonName(`阿依古丽${dot}吐尔逊`)).toMatchObject({ ok: true, name: '阿依古丽·吐尔逊' });
    }
    expect(normalizePersonName(' 尼玛•次仁 ')).toBe('尼玛·次仁');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['·艾力', 'separator'],
    ['买买提·', 'separator'],
    ['买买提··艾力', 'separator'],
    ['买买提・·艾力', 'separator'], // doubled once normalised
    ['张 伟', 'characters'],
    ['Zhang Wei', 'characters'],
    ['张伟2', 'characters'],
    ['王囧', 'characters'],
    ['张偉', 'characters'], // traditional form, not in the table
    ['张'.repeat(31), 'length'],
  ])('refuses %s (%s) with a Chinese message', (name, reason) => {
    const result = parsePersonName(name);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the characters outside the table', () => {
    expect(parsePersonName('王囧𠀀囧')).toEqual({
      ok: false,
      reason: 'characters',
      message: '姓名中有不在《通用规范汉字表》中的字：“囧”、“𠀀”',
      characters: ['囧', '𠀀'],
    });
    expect(parsePersonName('张 伟')).toMatchObject({ message: '姓名中有不在《通用规范汉字表》中的字：空格' });
    expect(charactersOutsideTable('王囧·Li')).toEqual(['囧', 'L', 'i']);
  });

  it('applies the caller’s length range', () => {
    expect(parsePersonName('张', { minLength: 2 })).toMatchObject({
      ok: false,
      reason: 'length',
      message: '姓名应为2至30个字（含间隔号），当前为1个字',
    });
    expect(parsePersonName('张伟', { minLength: 2, maxLength: 4 }).ok).toBe(true);
    expect(parsePersonName('张'.repeat(30)).ok).toBe(true);
  });
});

describe('properties', () => {
  it('any name made of table characters, with single dots between parts, passes', () => {
    const part = fc.array(standardChar, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const name = parts.join('·');
        const parsed = parsePersonName(name);
        expect(parsed).toMatchObject({ ok: true, name, length: Array.from(name).length, parts });
      }),
      { numRuns: 2000 },
    );
  });

  it('inserting a character outside the table is reported, and only it', () => {
    const outside = fc.constantFrom('囧', '偉', '𠀀', 'A', '1', '丟', '頫');
    fc.assert(
      fc.property(fc.array(standardChar, { minLength: 1, maxLength: 4 }), outside, fc.nat(), (chars, bad, at) => {
        const i = at % (chars.length + 1);
        const name = [...chars.slice(0, i), bad, ...chars.slice(i)].join('');
        expect(parsePersonName(name)).toMatchObject({ ok: false, reason: 'characters', characters: [bad] });
      }),
      { numRuns: 1000 },
    );
  });

  it('every character of the table is accepted on its own', () => {
    expect(TABLE.filter((ch) => !isValidPersonName(ch))).toEqual([]);
  });
});
