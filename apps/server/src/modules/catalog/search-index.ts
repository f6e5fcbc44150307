import { pinyin } from 'pinyin-pro';

/**
 * A small in-memory search index for Chinese text, built for the few hundred documents of the catalog
 * and FAQ: Chinese substrings, full pinyin ("gongjijin"), pinyin initials ("gjj"), English words, and
 * typo tolerance (approximate substring match on pinyin).
 *
 * Why in memory: the catalog changes rarely (operators edit it), is small, and is read on every keystroke
 * of the search box; a database round-trip would cost more than the match itself.
 */

export type MatchKind = 'name' | 'keyword' | 'pinyin' | 'initials' | 'fuzzy';

export interface SearchField {
  text: string;
  /** Relative importance: 1 for names, lower for keywords, group names and descriptions. */
  weight: number;
  /** Whether a hit in this field counts as a name hit (vs. keyword) when reporting `matchedBy`. */
  isName?: boolean;
  /** Index pinyin for this field (skip for long descriptions: substring only). */
  pinyin?: boolean;
}

interface IndexedField extends SearchField {
  lower: string;
  /** Full pinyin without separators, e.g. "gongjijinjiaocunxinxi". */
  full: string;
  /** Offsets in `full` where a syllable starts: pinyin matches must start on one. */
  starts: Set<number>;
  initials: string;
}

export interface Hit<T> {
  item: T;
  score: number;
  matchedBy: MatchKind;
}

const HAN = /\p{Script=Han}/u;
const STRIP = /[\s\p{P}\p{S}]+/gu;

export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(STRIP, '');
}

export function toPinyin(text: string): { full: string; starts: Set<number>; initials: string } {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => normaliseQuery(s))
    .filter(Boolean);
  const starts = new Set<number>();
  let full = '';
  let initials = '';
  for (const s of syllables) {
    starts.add(full.length);
    full += s;
    initials += s[0];
  }
  return { full, starts, initials };
}

/**
 * Smallest edit distance (Levenshtein with adjacent transposition) between `pattern` and any prefix of
 * `text`: how far the query is from the start of the text.
 */
export function approximatePrefixDistance(pattern: string, text: string): number {
  const m = pattern.length;
  if (m === 0) return 0;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  let best = prev[m] ?? m;
  for (let j = 1; j <= text.length && j <= m + 2; j++) {
    const cur = new Array<number>(m + 1);
    cur[0] = j;
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === text[j - 1] ? 0 : 1;
      let v = Math.min((prev[i] ?? 0) + 1, (cur[i - 1] ?? 0) + 1, (prev[i - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && pattern[i - 1] === text[j - 2] && pattern[i - 2] === text[j - 1]) {
        v = Math.min(v, (prev2[i - 2] ?? 0) + 1);
      }
      cur[i] = v;
    }
    best = Math.min(best, cur[m] ?? m);
    prev2 = prev;
    prev = cur;
  }
  return best;
}

/** Typos allowed for a query of this many letters: none for short ones (too many false hits). */
function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

function indexOfAtSyllable(field: IndexedField, q: string): number {
  let from = field.full.indexOf(q);
  while (from !== -1) {
    if (field.starts.has(from)) return from;
    from = field.full.indexOf(q, from + 1);
  }
  return -1;
}

export class SearchIndex<T> {
  private readonly docs: { item: T; fields: IndexedField[]; order: number }[];

  constructor(items: readonly T[], fieldsOf: (item: T) => SearchField[]) {
    this.docs = items.map((item, order) => ({
      item,
      order,
      fields: fieldsOf(item)
        .filter((f) => f.text)
        .map((f) => {
          const lower = f.text.normalize('NFKC').toLowerCase();
          const py = f.pinyin === false ? { full: '', starts: new Set<number>(), initials: '' } : toPinyin(f.text);
          return { ...f, lower, ...py };
        }),
    }));
  }

  search(rawQuery: string, limit = 20): Hit<T>[] {
    const q = normaliseQuery(rawQuery);
    if (!q) return [];
    const hasHan = HAN.test(q);
    const qPinyin = hasHan ? toPinyin(q).full : q;
    const hanCount = hasHan ? [...q].filter((c) => HAN.test(c)).length : 0;
    // One Chinese character has too many homophones to match by sound; typos need longer queries.
    const soundAlike = !hasHan || hanCount >= 2;
    const typos = hasHan && hanCount < 3 ? 0 : allowedTypos(qPinyin.length);
    const hits: (Hit<T> & { order: number })[] = [];
    for (const doc of this.docs) {
      let best: Hit<T> | undefined;
      const consider = (score: number, matchedBy: MatchKind) => {
        if (!best || score > best.score) best = { item: doc.item, score, matchedBy };
      };
      for (const f of doc.fields) {
        const named: MatchKind = f.isName ? 'name' : 'keyword';
        // 1. Literal substring (Chinese, or English words in English names).
        const at = f.lower.replace(STRIP, '').indexOf(q);
        if (at !== -1) {
          const exact = f.lower.replace(STRIP, '') === q ? 20 : 0;
          consider(f.weight * (100 + exact - Math.min(at, 10)), named);
          continue;
        }
        if (!f.full) continue;
        // 2. Full pinyin from a syllable boundary ("gongjijin", "shebao", "gongj").
        const pyAt = indexOfAtSyllable(f, qPinyin);
        if (pyAt !== -1 && qPinyin.length >= 2 && soundAlike) {
          consider(f.weight * (hasHan ? 70 : 90 - Math.min(pyAt, 10)), hasHan ? 'fuzzy' : 'pinyin');
          continue;
        }
        // 3. Initials ("gjj", "sbjf").
        if (!hasHan && q.length >= 2) {
          const iAt = f.initials.indexOf(q);
          if (iAt !== -1) {
            consider(f.weight * (85 - Math.min(iAt, 10)), 'initials');
            continue;
          }
        }
        // 4. Typos in pinyin ("gongjijing", "shebo") or homophones in Chinese ("公基金").
        if (typos > 0) {
          let d = Number.POSITIVE_INFINITY;
          for (const start of f.starts) d = Math.min(d, approximatePrefixDistance(qPinyin, f.full.slice(start)));
          if (d <= typos) consider(f.weight * (60 - 15 * d), 'fuzzy');
        }
      }
      if (best) hits.push({ ...best, order: doc.order });
    }
    hits.sort((a, b) => b.score - a.score || a.order - b.order);
    return hits.slice(0, limit).map(({ item, score, matchedBy }) => ({ item, score: Math.round(score), matchedBy }));
  }
}
