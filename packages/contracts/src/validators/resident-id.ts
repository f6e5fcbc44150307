/**
 * Resident identity card numbers (公民身份号码), GB 11643-1999:
 *
 *   RRRRRR YYYYMMDD SSS C
 *   region  birth    seq check
 *
 * - region: the GB/T 2260 code of the place of first registration (its first two digits are a province);
 * - birth date: a real calendar date, not in the future (China time), not before 1900-01-01;
 * - sequence: odd for men, even for women (the 17th character);
 * - check character: ISO 7064 MOD 11-2 over the first 17 digits, 0..10 → 1 0 X 9 8 7 6 5 4 3 2.
 *
 * Used by the generator of the sandbox province, by the server before asking the population register,
 * and by the web app for an early, friendly message. Residence permits for Hong Kong, Macao and Taiwan
 * residents (港澳台居民居住证) use the same structure with the region codes 810000, 820000 and 830000.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/**
 * First two digits of GB/T 2260 province-level codes: the mainland provinces, 71 (Taiwan), 81 (Hong Kong),
 * 82 (Macao), and 83, which the Ministry of Public Security uses for Taiwan residents' residence permits.
 */
export const RESIDENT_ID_PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export const RESIDENT_ID_MIN_BIRTH_DATE = '1900-01-01';

export type ResidentIdFailure = 'format' | 'region' | 'birth-date' | 'check-digit';

export type ParsedResidentId =
  | {
      ok: true;
      /** The number as the register writes it: trimmed, with an upper-case X. */
      idNumber: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'male' | 'female';
      /** The six-digit region code (first registration), e.g. 440106. */
      regionCode: string;
    }
  | { ok: false; reason: ResidentIdFailure; message: string };

export const RESIDENT_ID_MESSAGES = {
  format: '请输入18位居民身份证号码（前17位为数字，末位为数字或X）',
  region: '身份证号码的地区码不正确，请核对后重新输入',
  'birth-date': '身份证号码中的出生日期不正确，请核对后重新输入',
  'check-digit': '身份证号码校验位不正确，请核对后重新输入',
} as const satisfies Record<ResidentIdFailure, string>;

const FORMAT = /^\d{17}[\dX]$/;

/** The MOD 11-2 check character for the first 17 digits. Throws when the input is not 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Today's date in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whether YYYYMMDD is a real Gregorian calendar date. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

export interface ParseResidentIdOptions {
  /** The moment that counts as "now" for the not-in-the-future rule (tests, generators); default: now. */
  now?: Date;
}

/**
 * Validate and decode a resident ID number. Checks run in the order format → region → birth date → check
 * character, so a mistyped birth date is reported as such rather than as a wrong check character.
 * Surrounding spaces and a lower-case x are accepted (and normalised in `idNumber`).
 */
export function parseResidentId(id: string, options: ParseResidentIdOptions = {}): ParsedResidentId {
  const idNumber = typeof id === 'string' ? id.trim().toUpperCase() : '';
  if (!FORMAT.test(idNumber)) return fail('format');
  const regionCode = idNumber.slice(0, 6);
  if (!RESIDENT_ID_PROVINCE_PREFIXES.has(regionCode.slice(0, 2))) return fail('region');
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (
    !isCalendarDate(year, month, day) ||
    birthDate < RESIDENT_ID_MIN_BIRTH_DATE ||
    birthDate > chinaToday(options.now ?? new Date())
  ) {
    return fail('birth-date');
  }
  if (residentIdCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return fail('check-digit');
  const sex = (idNumber.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idNumber, birthDate, sex, regionCode };
}

/** Whether the ID number is valid (see parseResidentId). */
export function isValidResidentId(id: string, options?: ParseResidentIdOptions): boolean {
  return parseResidentId(id, options).ok;
}

function fail(reason: ResidentIdFailure): ParsedResidentId {
  return { ok: false, reason, message: RESIDENT_ID_MESSAGES[reason] };
}

/**
 * Build a valid ID number (generators, tests): region code (6 digits), birth date (YYYYMMDD or YYYY-MM-DD)
 * and sequence (0–999; odd = male, even = female). Throws on input that cannot make a valid number.
 */
export function makeResidentId(region6: string, birthYYYYMMDD: string, sequence3: number | string): string {
  const birth = birthYYYYMMDD.replaceAll('-', '');
  const seq = typeof sequence3 === 'number' ? String(sequence3).padStart(3, '0') : sequence3;
  if (!/^\d{6}$/.test(region6)) throw new Error(`makeResidentId: region must be 6 digits, got ${region6}`);
  if (!/^\d{8}$/.test(birth)) throw new Error(`makeResidentId: birth date must be YYYYMMDD, got ${birthYYYYMMDD}`);
  if (!/^\d{3}$/.test(seq)) throw new Error(`makeResidentId: sequence must be 0–999, got ${sequence3}`);
  const first17 = `${region6}${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
}
