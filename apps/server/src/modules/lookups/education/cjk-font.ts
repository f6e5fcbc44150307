import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import decompress from 'wawoff2/decompress.js';

/**
 * Noto Sans SC (SIL OFL 1.1) for PDFs, from the npm package `noto-sans-sc`: Google Fonts' build of the font
 * cut into about 100 WOFF2 slices per weight, each covering a unicode-range (about 2.7 MB per weight for
 * every Chinese character of the font). A PDF needs only the slices its text touches; each slice is
 * decompressed once to TrueType (wawoff2: fontkit cannot subset the transformed glyf table of a WOFF2
 * file) and kept in memory, and pdfkit embeds just the glyphs used, with a ToUnicode map so the text can
 * be searched and copied.
 */

export type FontWeight = 'regular' | 'bold';

interface Slice {
  file: string;
  ranges: [number, number][];
}

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('noto-sans-sc/package.json'));
const FOLDERS: Readonly<Record<FontWeight, string>> = {
  regular: 'noto_sans_sc_regular',
  bold: 'noto_sans_sc_bold',
};

const slicesByWeight = new Map<FontWeight, Slice[]>();
const ttfCache = new Map<string, Promise<Buffer>>();

function slices(weight: FontWeight): Slice[] {
  let list = slicesByWeight.get(weight);
  if (list) return list;
  const css = readFileSync(path.join(PACKAGE_DIR, FOLDERS[weight], 'css.css'), 'utf8');
  list = [...css.matchAll(/url\(([^)]+)\)[^}]*?unicode-range:([^;]+);/g)].map((m) => ({
    file: path.join(FOLDERS[weight], (m[1] ?? '').replace(/['"]/g, '')),
    ranges: (m[2] ?? '').split(',').map((part) => {
      const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
      const from = Number.parseInt(a ?? '', 16);
      return [from, b === undefined ? from : Number.parseInt(b, 16)] as [number, number];
    }),
  }));
  slicesByWeight.set(weight, list);
  return list;
}

/** The slice (file relative to the package) holding a character, or undefined when the font lacks it. */
export function sliceOf(char: string, weight: FontWeight): string | undefined {
  const cp = char.codePointAt(0) ?? 0;
  return slices(weight).find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b))?.file;
}

/** A slice as TrueType bytes (decompressed once per process). */
export function sliceFont(file: string): Promise<Buffer> {
  let ttf = ttfCache.get(file);
  if (!ttf) {
    ttf = decompress(readFileSync(path.join(PACKAGE_DIR, file))).then((bytes) => Buffer.from(bytes));
    ttfCache.set(file, ttf);
    // A failure is not cached: the next PDF tries again.
    ttf.catch(() => ttfCache.delete(file));
  }
  return ttf;
}

export interface Run {
  text: string;
  /** Slice file, or undefined for characters the font does not have (drawn as a white square). */
  font: string | undefined;
}

/** Cut text into runs that one slice can draw. */
export function runsOf(text: string, weight: FontWeight): Run[] {
  const runs: Run[] = [];
  for (const char of text.normalize('NFC')) {
    const font = /\s/.test(char) ? (runs.at(-1)?.font ?? sliceOf(' ', weight)) : sliceOf(char, weight);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}
