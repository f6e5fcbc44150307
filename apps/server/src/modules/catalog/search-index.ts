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
  /** Lower-cased text without spaces or punctuation, as queries are normalised. */
  plain: string;
  /** Full pinyin without separators, e.g. "gongjijinjiaocunxinxi". */
  full: string;
  /** Offsets in `full` where a syllable starts: pinyin matches must start on one. */
  starts: Set<number>;
  initials: string;
  /** Letter pairs of `full`: a cheap filter before the edit-distance check. */
  bigrams: Set<string>;
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
 * `text.slice(offset)`: how far the query is from the text at that point. Stops early once every cell of a
 * row exceeds `cutoff` (row minima never decrease), which is what makes the typo check cheap.
 */
export function approximatePrefixDistance(pattern: string, text: string, offset = 0, cutoff = pattern.length): number {
  const m = pattern.length;
  if (m === 0) return 0;
  let prev2 = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = m;
  const n = Math.min(text.length - offset, m + cutoff);
  for (let j = 1; j <= n; j++) {
    cur[0] = j;
    let rowMin = j;
    const tj = text.charCodeAt(offset + j - 1);
    for (let i = 1; i <= m; i++) {
      const pi = pattern.charCodeAt(i - 1);
      let v = Math.min((prev[i] ?? 0) + 1, (cur[i - 1] ?? 0) + 1, (prev[i - 1] ?? 0) + (pi === tj ? 0 : 1));
      if (i > 1 && j > 1 && pi === text.charCodeAt(offset + j - 2) && pattern.charCodeAt(i - 2) === tj) {
        v = Math.min(v, (prev2[i - 2] ?? 0) + 1);
      }
      cur[i] = v;
      if (v < rowMin) rowMin = v;
    }
    if ((cur[m] ?? 0) < best) best = cur[m] ?? 0;
    if (rowMin > cutoff) break;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return best;
}

/** Typos allowed for a query of this many letters: none for short ones (too many false hits). */
function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length < 11) return 1;
  return 2;
}

function bigramsOf(text: string): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) set.add(text.slice(i, i + 2));
  return set;
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
  /** Recent answers by normalised query: people search for the same few things; the index never changes. */
  private readonly cache = new Map<string, Hit<T>[]>();
  private static readonly CACHE_SIZE = 1000;

  constructor(items: readonly T[], fieldsOf: (item: T) => SearchField[]) {
    this.docs = items.map((item, order) => ({
      item,
      order,
      fields: fieldsOf(item)
        .filter((f) => f.text)
        .map((f) => {
          const plain = normaliseQuery(f.text);
          const py = f.pinyin === false ? { full: '', starts: new Set<number>(), initials: '' } : toPinyin(f.text);
          return { ...f, plain, ...py, bigrams: bigramsOf(py.full) };
        }),
    }));
  }

  search(rawQuery: string, limit = 20): Hit<T>[] {
    const q = normaliseQuery(rawQuery);
    if (!q) return [];
    const cached = this.cache.get(q);
    if (cached) {
      // refresh its place in the least-recently-used order
      this.cache.delete(q);
      this.cache.set(q, cached);
      return cached.slice(0, limit);
    }
    const hits = this.rank(q);
    if (this.cache.size >= SearchIndex.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(q, hits);
    return hits.slice(0, limit);
  }

  private rank(q: string): Hit<T>[] {
    const hasHan = HAN.test(q);
    const qPinyin = hasHan ? toPinyin(q).full : q;
    const hanCount = hasHan ? [...q].filter((c) => HAN.test(c)).length : 0;
    // One Chinese character has too many homophones to match by sound; typos need longer queries.
    const soundAlike = !hasHan || hanCount >= 2;
    const typos = hasHan && hanCount < 3 ? 0 : allowedTypos(qPinyin.length);
    const hits: (Hit<T> & { order: number })[] = [];
    const qBigrams = [...bigramsOf(qPinyin)];
    for (const doc of this.docs) {
      let best: Hit<T> | undefined;
      const consider = (score: number, matchedBy: MatchKind) => {
        if (!best || score > best.score) best = { item: doc.item, score, matchedBy };
      };
      for (const f of doc.fields) {
        const named: MatchKind = f.isName ? 'name' : 'keyword';
        // 1. Literal substring (Chinese, or English words in English names).
        const at = f.plain.indexOf(q);
        if (at !== -1) {
          const exact = f.plain === q ? 20 : 0;
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
          if (iAt !== -1) consider(f.weight * (85 - Math.min(iAt, 10)), 'initials');
        }
      }
      // 4. Only when nothing matched exactly: typos in pinyin ("gongjijing", "shebo") or homophones in
      // Chinese ("公基金"). Each edit breaks at most three letter pairs (a transposition), so a field sharing too few pairs
      // with the query cannot be within reach and is skipped before the edit-distance check.
      if (!best && typos > 0) {
        const needShared = qBigrams.length - 3 * typos;
        for (const f of doc.fields) {
          if (!f.full) continue;
          let shared = 0;
          for (const bg of qBigrams) if (f.bigrams.has(bg)) shared++;
          if (shared < needShared) continue;
          let d = Number.POSITIVE_INFINITY;
          for (const start of f.starts) {
            d = Math.min(d, approximatePrefixDistance(qPinyin, f.full, start, typos));
            if (d === 0) break;
          }
          if (d <= typos) consider(f.weight * (60 - 15 * d), 'fuzzy');
        }
      }
      if (best) hits.push({ ...best, order: doc.order });
    }
    hits.sort((a, b) => b.score - a.score || a.order - b.order);
    return hits.map(({ item, score, matchedBy }) => ({ item, score: Math.round(score), matchedBy }));
  }
}
