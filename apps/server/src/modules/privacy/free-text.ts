import { maskIdNumber, maskPhone } from './mask.js';

/**
 * Phone and ID numbers inside free text (事实与理由, 随迁人员, 意见反馈 …), masked the way the platform masks the fields
 * (`maskPhone` 138****8000, `maskIdNumber` 440***********031X).
 *
 * What counts:
 * - a resident ID number: 17 digits and a digit or X. The ISO 7064 check digit is deliberately NOT checked: a number
 *   typed with one wrong digit still points at one person (and an 18-digit run is as likely a bank card), so a failed
 *   checksum must not let it through in clear. Masking too much costs a click on 显示; too little leaks.
 * - a mainland mobile number: 1[3-9] and 9 more digits, also with spaces or dashes between the groups
 *   (138 0013 8000, 138-0013-8000) and after a +86 / 86 prefix (the prefix stays, the number is masked).
 *
 * A digit is any character that people type for one: ASCII 0-9, full-width ０-９ (a Chinese IME in full-width mode),
 * and the Chinese digit characters of a number read out digit by digit — 〇/○/零 0, 一/幺 1, 二/两/兩 2, 三 … 九 —
 * in any mix (１３８００１３８０００, 一三八〇〇一三八〇〇〇, 幺三八 0013 8000); the X of an ID number also as x, Ｘ or ｘ.
 * Positional numerals (十, 百, 一百三十八) and the financial capitals (壹贰叁) are not read: nobody writes a phone
 * number that way. Ordinary words stay as typed because only a chain whose digits hold a whole phone or ID pattern
 * (11 or 18 digits) is touched: 一直, 两个, 一二三, 二〇二四年 are far too short.
 *
 * How: the text is cut into **chains** — digit groups (the last may end in X) joined by short runs of spaces or
 * dashes — and each chain is judged whole, so a number inside a longer run of digits is never half-masked (an ID
 * number that happens to contain 1380013… is masked as an ID, not as a phone in its middle) nor missed (a phone glued
 * to other digits hides the whole run). A change between Arabic (ASCII or full-width) and Chinese digits also starts
 * a new group, as a separator would: 13800138000一直 is a phone followed by a word, 138〇〇一三八〇〇〇 still one phone.
 * A chain whose digits hold no phone or ID pattern is left exactly as typed. Otherwise its groups are read left to
 * right: groups that together are exactly one number are masked like the field; if anything of the pattern would
 * remain (in the groups kept, or across what is left), the chain is split where the kind of digit changes and each
 * part judged alone (编号13800138000123一起 keeps its 一), and when even that leaves a pattern the whole chain is
 * masked as one block (its first 3 and last 4 digits kept). The result therefore never contains a pattern again:
 * masking is idempotent.
 *
 * The kept first 3 / last 4 stay in the characters they were typed in (一三八****八〇〇〇, １３８****８０００), only an x
 * becoming X as in the field: the rest of the text is as typed, and normalising to ASCII would rewrite a Chinese digit
 * that belongs to a word glued to the number (…8000一直 must not become …80001直) and tell the reader less about
 * what was written. Patterns are always tested on the ASCII reading of the digits.
 */

const ARABIC = '0-9\\uFF10-\\uFF19';
const CHINESE = '〇○零一幺二两兩三四五六七八九';
const DIGIT = `[${ARABIC}${CHINESE}]`;
const X = '[XxＸｘ]';
const SEP = '[ \\t\\u3000\\-–—]{1,3}';
/**
 * The X of an ID number set apart like a group (440106 19880512 031 X) belongs to the chain too, unless a letter
 * follows it (X光, Xbox are words; 138 0013 8000 Xiao is a name).
 */
const LONE_X = `${X}(?![A-Za-zＡ-Ｚａ-ｚ])`;
const CHAIN = new RegExp(`${DIGIT}+${X}?(?:${SEP}(?:${DIGIT}+${X}?|${LONE_X}))*`, 'g');
/** A group: a run of one kind of digit (Arabic or Chinese), the X of an ID number at its end, or that X alone. */
const GROUP = new RegExp(`[${ARABIC}]+${X}?|[${CHINESE}]+${X}?|${X}`, 'g');
const NOT_DIGIT_OR_X = new RegExp(`[^${ARABIC}${CHINESE}XxＸｘ]`, 'g');
const PHONE = /^1[3-9]\d{9}$/;
const PHONE_86 = /^861[3-9]\d{9}$/;
const ID_NUMBER = /^\d{17}[\dX]$/;
const ANY_PATTERN = /1[3-9]\d{9}|\d{17}[\dX]/;

const ASCII_OF: Record<string, string> = {
  〇: '0',
  '○': '0',
  零: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  兩: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  x: 'X',
  Ｘ: 'X',
  ｘ: 'X',
};
const UPPER_X: Record<string, string> = { x: 'X', ｘ: 'Ｘ' };

/** The ASCII reading of digit characters (and X), one character for one: the same length and positions. */
function ascii(chars: string): string {
  return chars.replace(/[^0-9X]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return ASCII_OF[c] ?? c;
  });
}

interface Group {
  text: string;
  /** its ASCII reading */
  digits: string;
  chinese: boolean;
  /** offset in the chain */
  start: number;
  end: number;
}

/** Whether the digits of any chain in `text` hold a phone or ID number. */
export function containsPersonalNumbers(text: string): boolean {
  for (const m of text.matchAll(CHAIN)) if (holdsPattern(m[0])) return true;
  return false;
}

/** The digit characters (and X) of a chain, as typed. */
function projection(chain: string): string {
  return chain.replace(NOT_DIGIT_OR_X, '');
}

function holdsPattern(chain: string): boolean {
  return ANY_PATTERN.test(ascii(projection(chain)));
}

/**
 * The field's mask (from `maskPhone` / `maskIdNumber` on the ASCII reading) put back on the characters as typed:
 * what the mask shows stays in its own character, an x becomes X. Both masks keep length and positions.
 */
function inTypedCharacters(typed: string, masked: string): string {
  let out = '';
  for (let k = 0; k < masked.length; k++) {
    const c = typed[k] as string;
    out += masked[k] === '*' ? '*' : (UPPER_X[c] ?? c);
  }
  return out;
}

/** One number exactly (`typed`: the digit characters of groups i..j of a chain), masked; null when it is not one. */
function exactMask(typed: string): string | null {
  const digits = ascii(typed);
  if (PHONE.test(digits)) return inTypedCharacters(typed, maskPhone(digits));
  if (PHONE_86.test(digits)) return typed.slice(0, 2) + inTypedCharacters(typed.slice(2), maskPhone(digits.slice(2)));
  if (ID_NUMBER.test(digits)) return inTypedCharacters(typed, maskIdNumber(digits));
  return null;
}

function blockMask(chain: string): string {
  const p = projection(chain);
  return `${p.slice(0, 3)}${'*'.repeat(Math.max(p.length - 7, 4))}${p.slice(-4)}`;
}

function groupsOf(chain: string): Group[] {
  return [...chain.matchAll(GROUP)].map((m) => ({
    text: m[0],
    digits: ascii(m[0]),
    chinese: CHINESE.includes(m[0][0] as string),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The chain read group by group (see above); null when something of a pattern would remain. */
function readChain(chain: string, groups: Group[]): string | null {
  let out = '';
  let kept = ''; // the digits of the groups since the last masked number that are not part of one
  let cursor = 0;
  let i = 0;
  while (i < groups.length) {
    let matched = false;
    let typed = '';
    for (let j = i; j < groups.length; j++) {
      typed += (groups[j] as Group).text;
      if (typed.length > 20) break;
      let masked = exactMask(typed);
      if (masked !== null && j > i && (groups[i] as Group).digits === '86' && PHONE_86.test(ascii(typed))) {
        // +86 138 0013 8000: the prefix and its separator stay as typed
        const rest = typed.slice(2);
        masked =
          chain.slice((groups[i] as Group).start, (groups[i + 1] as Group).start) +
          inTypedCharacters(rest, maskPhone(ascii(rest)));
      }
      if (masked !== null) {
        if (ANY_PATTERN.test(kept)) return null;
        out += chain.slice(cursor, (groups[i] as Group).start) + masked;
        cursor = (groups[j] as Group).end;
        kept = '';
        i = j + 1;
        matched = true;
        break;
      }
    }
    if (!matched) {
      kept += (groups[i] as Group).digits;
      i++;
    }
  }
  out += chain.slice(cursor);
  // What was kept, or what the kept digits form with a masked number's visible ends, must hold no number.
  if (ANY_PATTERN.test(kept) || containsPersonalNumbers(out)) return null;
  return out;
}

/**
 * Where the kind of digit changes with nothing between (13800138000123|一): the chain's parts, each judged alone
 * when the whole could not be read as numbers; null when there is no such place or a pattern would remain.
 */
function readParts(chain: string, groups: Group[]): string | null {
  const cuts: number[] = [];
  for (let k = 1; k < groups.length; k++) {
    const [a, b] = [groups[k - 1] as Group, groups[k] as Group];
    if (a.end === b.start && a.chinese !== b.chinese) cuts.push(b.start);
  }
  if (cuts.length === 0) return null;
  let out = '';
  let from = 0;
  for (const to of [...cuts, chain.length]) {
    const part = chain.slice(from, to);
    out += holdsPattern(part) ? (readChain(part, groupsOf(part)) ?? blockMask(part)) : part;
    from = to;
  }
  return containsPersonalNumbers(out) ? null : out;
}

function maskChain(chain: string): string {
  if (!holdsPattern(chain)) return chain;
  const groups = groupsOf(chain);
  return readChain(chain, groups) ?? readParts(chain, groups) ?? blockMask(chain);
}

/** The text with every phone and ID number in it masked (see above); text without one comes back unchanged. */
export function maskNumbersInText(text: string): string {
  return text.replace(CHAIN, maskChain);
}
