import { describe, expect, it } from 'vitest';
import { approximatePrefixDistance, SearchIndex, toPinyin } from './search-index.js';

const items = [
  { id: 'gjj', name: '公积金缴存信息', en: 'Housing fund deposits', kw: [] as string[] },
  { id: 'sb', name: '社保缴费明细', en: 'Social insurance contributions', kw: ['五险'] },
  { id: 'xs', name: '违法查询', en: 'Traffic violations', kw: ['罚单'] },
  { id: 'bank', name: '银行网点', en: 'Bank branches', kw: [] },
];
const index = new SearchIndex(items, (i) => [
  { text: i.name, weight: 1, isName: true },
  { text: i.en, weight: 0.6, isName: true, pinyin: false },
  ...i.kw.map((k) => ({ text: k, weight: 0.8 })),
]);
const ids = (q: string) => index.search(q).map((h) => h.item.id);

describe('SearchIndex', () => {
  it('finds Chinese substrings', () => {
    expect(ids('公积金')).toEqual(['gjj']);
    expect(ids('缴')).toEqual(['sb', 'gjj']); // earlier position ranks higher
  });
  it('finds full pinyin and initials', () => {
    expect(index.search('gongjijin')[0]).toMatchObject({ matchedBy: 'pinyin', item: { id: 'gjj' } });
    expect(index.search('gjj')[0]).toMatchObject({ matchedBy: 'initials', item: { id: 'gjj' } });
    expect(ids('shebao')).toEqual(['sb']);
    expect(ids('weifa')).toEqual(['xs']);
  });
  it('uses context-aware pinyin for polyphones (行 in 银行 is hang)', () => {
    expect(toPinyin('银行').full).toBe('yinhang');
    expect(ids('yinhang')).toEqual(['bank']);
  });
  it('pinyin matches start on a syllable boundary', () => {
    // "ong" and "iji" are inside "gongjijin" but not at a syllable start
    expect(ids('ong')).toEqual([]);
    expect(ids('iji')).toEqual([]);
  });
  it('tolerates typos in pinyin and homophones in Chinese', () => {
    expect(ids('gongjijing')).toContain('gjj');
    expect(ids('公基金')).toContain('gjj');
  });
  it('matches keywords and English', () => {
    expect(index.search('五险')[0]).toMatchObject({ matchedBy: 'keyword', item: { id: 'sb' } });
    expect(ids('housing')).toEqual(['gjj']);
  });
  it('returns nothing for blank or punctuation-only queries', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('？！')).toEqual([]);
  });
  it('ranks a name hit above a keyword hit', () => {
    const hits = index.search('缴费');
    expect(hits[0]?.item.id).toBe('sb');
  });
});

describe('approximatePrefixDistance', () => {
  it('is 0 for prefixes and counts edits otherwise', () => {
    expect(approximatePrefixDistance('gongji', 'gongjijin')).toBe(0);
    expect(approximatePrefixDistance('jijin', 'gongjijin')).toBe(4);
    expect(approximatePrefixDistance('gongjijing', 'gongjijin')).toBe(1);
    expect(approximatePrefixDistance('gonjgijin', 'gongjijin')).toBe(1); // transposition
  });
});

describe('SearchIndex cache', () => {
  it('answers a repeated query the same way, whatever the limit', () => {
    const first = index.search('gongjijing', 1);
    const again = index.search('  GongJiJing ', 5);
    expect(again.slice(0, 1)).toEqual(first);
    expect(again.length).toBeGreaterThanOrEqual(first.length);
  });
});
