import { CITIES, type CityCode, makeUscc, USCC_ALPHABET } from '@yss/contracts';
import { GUANGDONG_CITIES, Rng } from '../population-register/generator.js';

/**
 * The synthetic province's enterprises: a deterministic pool per city, so that an employer can be named for
 * any person without a database lookup (the 人社, 公积金, 税务 and 信用 sandboxes agree on who employs whom).
 * The 信用 sandbox stores the pool; everyone else computes the same enterprise from (seed, city, index).
 */
export interface Enterprise {
  uscc: string;
  name: string;
  cityCode: CityCode;
  /** GB/T 2260 code of the district where it is registered. */
  regionCode: string;
  /** YYYY-MM-DD */
  establishedOn: string;
  kind: 'company' | 'sole-proprietor' | 'institution';
  industry: string;
}

const TRADE_NAMES =
  '华信宏达恒通粤海南方金穗珠江岭南新创卓越盛丰鸿运嘉禾汇智锦程天成永安顺景瑞丰德辉星河云帆凯旋远航博雅明德宏图'.match(
    /.{2}/gu,
  ) as string[];
const INDUSTRIES = [
  ['科技', '信息技术'],
  ['贸易', '批发零售'],
  ['建设工程', '建筑'],
  ['物流', '交通运输'],
  ['餐饮管理', '住宿餐饮'],
  ['电子', '制造'],
  ['服装', '制造'],
  ['物业管理', '房地产'],
  ['医药', '医药'],
  ['教育咨询', '教育'],
  ['家具', '制造'],
  ['汽车服务', '汽车'],
] as const;

function base31(n: number): string {
  let out = '';
  do {
    out = USCC_ALPHABET[n % 31] + out;
    n = Math.floor(n / 31);
  } while (n > 0);
  return out;
}

/** Enterprises per city in the pool: proportional to where people live, at least 200. */
export function poolSize(cityCode: CityCode): number {
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCode);
  return Math.max(200, Math.round((city?.residentWeight ?? 10) * 20));
}

export function enterprise(seed: string, cityCode: CityCode, index: number): Enterprise {
  const rng = new Rng(`${seed}:enterprise:${cityCode}:${index}`);
  const city = GUANGDONG_CITIES.find((c) => c.code === cityCode);
  if (!city) throw new Error(`not a Guangdong city: ${cityCode}`);
  const district = rng.pick(city.districts);
  const cityShort = CITIES.find((c) => c.code === cityCode)?.name ?? '';
  const [trade, industry] = rng.pick(INDUSTRIES);
  const soleProprietor = rng.chance(0.08);
  const institution = !soleProprietor && rng.chance(0.04);
  const kind = soleProprietor ? 'sole-proprietor' : institution ? 'institution' : 'company';
  // Organisation code: 8 characters unique per (city, index): the index spread over the code space, written
  // in base 31 over the USCC alphabet (no I, O, S, V, Z), so no two indexes can share a code.
  const orgBody = base31(index * 7_919 + rng.int(0, 7_918)).padStart(8, '0');
  const uscc = makeUscc({
    authority: institution ? '1' : '9',
    kind: institution ? '2' : soleProprietor ? '2' : '1',
    regionCode: district.code,
    orgCode: orgBody,
  });
  const name = soleProprietor
    ? `${district.name}${rng.pick(TRADE_NAMES)}${trade}店`
    : institution
      ? `${cityShort}市${rng.pick(TRADE_NAMES)}${trade}服务中心`
      : `${cityShort}${rng.pick(TRADE_NAMES)}${rng.pick(TRADE_NAMES)}${trade}有限公司`;
  const year = rng.int(1995, 2024);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  return {
    uscc,
    name,
    cityCode,
    regionCode: district.code,
    establishedOn: `${year}-${month}-${day}`,
    kind,
    industry,
  };
}

/** Every enterprise of a city's pool, in index order. */
export function* enterprisesOf(seed: string, cityCode: CityCode): Generator<Enterprise> {
  const n = poolSize(cityCode);
  for (let i = 0; i < n; i++) yield enterprise(seed, cityCode, i);
}
