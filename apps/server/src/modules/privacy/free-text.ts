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
 * How: the text is cut into **chains** — digit groups (the last may end in X) joined by short runs of spaces or
 * dashes — and each chain is judged whole, so a number inside a longer run of digits is never half-masked (an ID
 * number that happens to contain 1380013… is masked as an ID, not as a phone in its middle) nor missed (a phone glued
 * to other digits hides the whole run). A chain whose digits hold no phone or ID pattern is left exactly as typed.
 * Otherwise its groups are read left to right: groups that together are exactly one number are masked like the
 * field; if anything of the pattern would remain (in the groups kept, or across what is left), the whole chain is
 * masked as one block (its first 3 and last 4 characters kept). The result therefore never contains a pattern
 * again: masking is idempotent.
 */

const SEP = '[ \\t\\u3000\\-–—]{1,3}';
const CHAIN = new RegExp(`\\d+[Xx]?(?:${SEP}\\d+[Xx]?)*`, 'g');
const GROUP = /\d+[Xx]?/g;
const PHONE = /^1[3-9]\d{9}$/;
const PHONE_86 = /^861[3-9]\d{9}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;
const ANY_PATTERN = /1[3-9]\d{9}|\d{17}[\dXx]/;

interface Group {
  text: string;
  /** offset in the chain */
  start: number;
  end: number;
}

/** Whether the digits of any chain in `text` hold a phone or ID number. */
export function containsPersonalNumbers(text: string): boolean {
  for (const m of text.matchAll(CHAIN)) if (ANY_PATTERN.test(projection(m[0]))) return true;
  return false;
}

function projection(chain: string): string {
  return chain.replace(/[^\dXx]/g, '');
}

/** One number exactly (the groups i..j of a chain), masked like the fields; null when it is not one. */
function exactMask(digits: string): string | null {
  if (PHONE.test(digits)) return maskPhone(digits);
  if (PHONE_86.test(digits)) return `86${maskPhone(digits.slice(2))}`;
  if (ID_NUMBER.test(digits)) return maskIdNumber(digits.toUpperCase());
  return null;
}

function blockMask(chain: string): string {
  const p = projection(chain);
  return `${p.slice(0, 3)}${'*'.repeat(Math.max(p.length - 7, 4))}${p.slice(-4)}`;
}

function maskChain(chain: string): string {
  if (!ANY_PATTERN.test(projection(chain))) return chain;
  const groups: Group[] = [...chain.matchAll(GROUP)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  let out = '';
  let kept = ''; // the digits of the groups since the last masked number that are not part of one
  let cursor = 0;
  let i = 0;
  while (i < groups.length) {
    let matched = false;
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      digits += (groups[j] as Group).text;
      if (digits.length > 20) break;
      let masked = exactMask(digits);
      if (masked !== null && j > i && PHONE_86.test(digits) && (groups[i] as Group).text === '86') {
        // +86 138 0013 8000: the prefix and its separator stay as typed
        masked = chain.slice((groups[i] as Group).start, (groups[i + 1] as Group).start) + maskPhone(digits.slice(2));
      }
      if (masked !== null) {
        if (ANY_PATTERN.test(projection(kept))) return blockMask(chain);
        out += chain.slice(cursor, (groups[i] as Group).start) + masked;
        cursor = (groups[j] as Group).end;
        kept = '';
        i = j + 1;
        matched = true;
        break;
      }
    }
    if (!matched) {
      kept += (groups[i] as Group).text;
      i++;
    }
  }
  out += chain.slice(cursor);
  // What was kept, or what the kept digits form with a masked number's visible ends, must hold no number.
  if (ANY_PATTERN.test(projection(kept)) || containsPersonalNumbers(out)) return blockMask(chain);
  return out;
}

/** The text with every phone and ID number in it masked (see above); text without one comes back unchanged. */
export function maskNumbersInText(text: string): string {
  return text.replace(CHAIN, maskChain);
}
