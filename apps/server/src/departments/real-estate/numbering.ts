import { GUANGDONG_CITIES, type Rng } from '../population-register/generator.js';

/**
 * Numbers of the registration system. 不动产权证书 and 不动产登记证明 follow the national form of unified
 * registration: 粤(2019)广州市不动产权第0123456号, 粤(2019)广州市不动产证明第0123456号 (province abbreviation, year,
 * city, 7-digit serial). Titles of before unified registration (2016 in Guangdong) keep their 房地产权证 number,
 * written here as 粤房地权证穗字第0100012345号 (city abbreviation, 10 digits: the form varied by city; ours is one).
 * The 不动产单元号 has 28 characters: district (6) · cadastral zone (3) · subzone (3) · GB (state-owned land) ·
 * parcel (5) · F (a building) · building unit (8); its first 19 are the 宗地代码. Application numbers (受理编号)
 * are our own form: city code, year, 7 digits.
 */

const ABBREVIATIONS: Record<string, string> = {
  '440100': '穗',
  '440300': '深',
  '440400': '珠',
  '440500': '汕',
  '440600': '佛',
  '440200': '韶',
  '440800': '湛',
  '441200': '肇',
  '440700': '江',
  '440900': '茂',
  '441300': '惠',
  '441400': '梅',
  '441500': '汕尾',
  '441600': '河',
  '441700': '阳',
  '441800': '清',
  '441900': '莞',
  '442000': '中',
  '445100': '潮',
  '445200': '揭',
  '445300': '云',
};

export function cityFullName(cityCode: string): string {
  return GUANGDONG_CITIES.find((c) => c.code === cityCode)?.fullName ?? '';
}

const serial = (rng: Rng, digits: number) =>
  Array.from({ length: digits }, () => rng.int(0, 9))
    .join('')
    .replace(/^0+$/, '1'.padStart(digits, '0'));

export function titleNumber(cityCode: string, registeredOn: string, rng: Rng): string {
  const year = Number(registeredOn.slice(0, 4));
  if (year < 2016) return `粤房地权证${ABBREVIATIONS[cityCode] ?? '粤'}字第${serial(rng, 10)}号`;
  return `粤(${year})${cityFullName(cityCode)}不动产权第${serial(rng, 7)}号`;
}

export function proofNumber(cityCode: string, registeredOn: string, rng: Rng): string {
  const year = Number(registeredOn.slice(0, 4));
  if (year < 2016) return `粤房他项权证${ABBREVIATIONS[cityCode] ?? '粤'}字第${serial(rng, 10)}号`;
  return `粤(${year})${cityFullName(cityCode)}不动产证明第${serial(rng, 7)}号`;
}

export function unitNumber(regionCode: string, rng: Rng): string {
  const zone = String(rng.int(1, 30)).padStart(3, '0');
  const subzone = String(rng.int(1, 20)).padStart(3, '0');
  const parcel = String(rng.int(1, 99_999)).padStart(5, '0');
  const building = String(rng.int(1, 60)).padStart(4, '0');
  const unit = String(rng.int(1, 3_300)).padStart(4, '0');
  return `${regionCode}${zone}${subzone}GB${parcel}F${building}${unit}`;
}

export function applicationNumber(cityCode: string, submittedOn: string, rng: Rng): string {
  return `${cityCode}-${submittedOn.slice(0, 4)}-${serial(rng, 7)}`;
}
