import { CITIES, type CityCode } from '@yss/contracts';
import { GUANGDONG_CITIES } from '../population-register/generator.js';

export type GuangdongCity = (typeof GUANGDONG_CITIES)[number];

/** The generator's city record (full name, districts) of a Guangdong city code. */
export function guangdongCity(code: string): GuangdongCity {
  const city = GUANGDONG_CITIES.find((c) => c.code === code);
  if (!city) throw new Error(`not a Guangdong city: ${code}`);
  return city;
}

/** 广州, 深圳 …: the short name of a city code. */
export function cityShortName(code: string): string {
  const city = CITIES.find((c) => c.code === code);
  if (!city) throw new Error(`not a Guangdong city: ${code}`);
  return city.name;
}

/** The Guangdong city of a county-level code (440106 → 440100; 441900/442000 are cities themselves). */
export function cityOfRegion(regionCode: string): CityCode | null {
  if (!regionCode.startsWith('44')) return null;
  const code = regionCode === '441900' || regionCode === '442000' ? regionCode : `${regionCode.slice(0, 4)}00`;
  return CITIES.some((c) => c.code === code) ? (code as CityCode) : null;
}

/** The district record of a region code, when the generator lists it. */
export function districtOf(regionCode: string): { code: string; name: string } | undefined {
  const city = cityOfRegion(regionCode);
  return city ? guangdongCity(city).districts.find((d) => d.code === regionCode) : undefined;
}
