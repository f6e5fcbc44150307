import { type CityCode, GUANGDONG_PLATE_AUTHORITIES } from '@yss/contracts';
import type { Rng } from '../population-register/generator.js';

/**
 * Plate numbers and vehicle identification numbers of the sandbox's vehicles. Plates follow GA 36-2018 as
 * the shared validator (parsePlate) reads it; VINs follow GB 16735 / ISO 3779 with the check digit.
 */

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I, O
const DIGITS = '0123456789';

/** The issuing-authority letter of a city (粤A 广州 … 粤W 云浮); 佛山 issues E (X and Y are retired). */
export function authorityLetter(cityCode: CityCode): string {
  const entry = Object.entries(GUANGDONG_PLATE_AUTHORITIES).find(
    ([letter, a]) => a.cityCode === cityCode && !a.district && letter !== 'Z',
  );
  if (!entry) throw new Error(`no plate authority for ${cityCode}`);
  return entry[0];
}

/** 5 serial characters of an ordinary plate: digits, with 0–2 letters in random positions. */
export function ordinarySerial(rng: Rng): string {
  const chars = Array.from({ length: 5 }, () => rng.pick(Array.from(DIGITS)));
  const letters = rng.chance(0.5) ? 1 : rng.chance(0.6) ? 2 : 0;
  for (let i = 0; i < letters; i++) chars[rng.int(0, 4)] = rng.pick(Array.from(LETTERS));
  return chars.join('');
}

/**
 * 6 serial characters of a small new-energy plate: the energy letter (D pure electric, F other; since the
 * 2022 extension also A–C, E and G–K), a letter or digit, then four digits.
 */
export function newEnergySerial(rng: Rng, electric: boolean, registeredOn: string): string {
  const extended = registeredOn >= '2022-01-01' && rng.chance(0.3);
  const first = electric
    ? extended
      ? rng.pick(['A', 'B', 'C', 'E'])
      : 'D'
    : extended
      ? rng.pick(['G', 'H', 'J', 'K'])
      : 'F';
  const second = rng.chance(0.5) ? rng.pick(Array.from(LETTERS)) : rng.pick(Array.from(DIGITS));
  let rest = '';
  for (let i = 0; i < 4; i++) rest += rng.pick(Array.from(DIGITS));
  return `${first}${second}${rest}`;
}

const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'; // no I, O, Q
const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Model-year codes from 2001 (1 … 9, then A … Y without I, O, Q, U, Z and 0). */
const YEAR_CODES = '123456789ABCDEFGHJKLMNPRSTVWXY';

/** The 9th character of a VIN from the other 16 (position 9 itself ignored): 0–9 or X. */
export function vinCheckChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i] as string;
    const value = /\d/.test(ch) ? Number(ch) : (TRANSLITERATION[ch] ?? 0);
    sum += value * (VIN_WEIGHTS[i] as number);
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function isValidVin(vin: string): boolean {
  return /^[0-9A-HJ-NPR-Z]{17}$/.test(vin) && vinCheckChar(vin) === vin[8];
}

/** A VIN for a manufacturer (WMI) and model year: VDS, check digit, year, plant, 6-digit serial. */
export function makeVin(rng: Rng, wmi: string, modelYear: number): string {
  let vds = '';
  for (let i = 0; i < 5; i++) vds += rng.pick(Array.from(VIN_CHARS));
  const year = YEAR_CODES[(modelYear - 2001) % YEAR_CODES.length] as string;
  const plant = rng.pick(Array.from(VIN_CHARS));
  const serial = String(rng.int(0, 999_999)).padStart(6, '0');
  const draft = `${wmi}${vds}0${year}${plant}${serial}`;
  return `${draft.slice(0, 8)}${vinCheckChar(draft)}${draft.slice(9)}`;
}

/** 发动机号 / 电动机号: eight to ten letters and digits. */
export function makeEngineNumber(rng: Rng): string {
  let out = '';
  const length = rng.int(8, 10);
  for (let i = 0; i < length; i++) out += rng.pick(Array.from(VIN_CHARS));
  return out;
}
