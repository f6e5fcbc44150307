import type { CityCode } from '@yss/contracts';
import type { Rng } from '../population-register/generator.js';

/**
 * Long-distance area codes (长途区号) of the 21 cities, for the landline numbers of schools, law firms,
 * legal-aid centres and utilities in the synthetic province. 广州 and 深圳 (and 东莞, 佛山, 中山) have
 * eight-digit local numbers; the other cities seven.
 */
export const AREA_CODES: Readonly<Record<CityCode, string>> = {
  '440100': '020',
  '440200': '0751',
  '440300': '0755',
  '440400': '0756',
  '440500': '0754',
  '440600': '0757',
  '440700': '0750',
  '440800': '0759',
  '440900': '0668',
  '441200': '0758',
  '441300': '0752',
  '441400': '0753',
  '441500': '0660',
  '441600': '0762',
  '441700': '0662',
  '441800': '0763',
  '441900': '0769',
  '442000': '0760',
  '445100': '0768',
  '445200': '0663',
  '445300': '0766',
};

const EIGHT_DIGIT_CITIES: ReadonlySet<string> = new Set(['440100', '440300', '440600', '441900', '442000']);

/** A plausible landline, e.g. 020-83451234 (local numbers never start with 0 or 1). */
export function landline(cityCode: CityCode, rng: Rng): string {
  const length = EIGHT_DIGIT_CITIES.has(cityCode) ? 8 : 7;
  let local = String(rng.int(2, 8));
  while (local.length < length) local += String(rng.int(0, 9));
  return `${AREA_CODES[cityCode]}-${local}`;
}
