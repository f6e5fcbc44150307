/**
 * Motor-vehicle number plates (机动车号牌), GA 36-2018:
 *
 *   粤 B 12345      ordinary (普通): province abbreviation + issuing-authority letter (发牌机关代号) + 5 serial
 *                   characters (digits and capital letters; never I or O, which read as 1 and 0)
 *   粤 B D12345     small new-energy (小型新能源): 6 serial characters, the 1st a letter for the energy type, the
 *   粤 B DA1234     2nd a letter or digit, the last 4 digits
 *   粤 B 12345D     large new-energy (大型新能源): 5 digits, then D or F
 *   粤 A 1234学     special: 4 serial characters + 学 (coach car), 警 (police), 挂 (trailer), 领 (consulate),
 *   粤 Z 1234港     or 港/澳 (cross-boundary vehicles of Hong Kong / Macao, issued as 粤Z only)
 *
 * New-energy letters: GA 36-2018 has D (pure electric) and F (not pure electric: plug-in hybrid, fuel cell). The
 * later extension of the small new-energy series adds A B C E (pure electric, with D) and G H J K (not pure electric,
 * with F); small plates accept all ten. Large plates accept D and F only (no extension documented to us).
 *
 * The serial is not checked further (how many letters, which positions): those rules vary by authority and
 * by era (self-chosen numbers), and a plate in use that breaks today's rule still exists. Input may carry the
 * usual separators ("粤B·12345", "粤B 12345") and lower-case letters; they are normalised.
 *
 * Not covered: 使 (embassy) plates, temporary plates (临时), 试/超 plates, military and armed-police plates.
 */
import type { CityCode } from '../cities.js';

/** Province-level abbreviations on plates → province. Note 贵 (not 黔), 云 (not 滇), 川 (not 蜀). */
export const PLATE_PROVINCES: Readonly<Record<string, string>> = {
  京: '北京',
  津: '天津',
  冀: '河北',
  晋: '山西',
  蒙: '内蒙古',
  辽: '辽宁',
  吉: '吉林',
  黑: '黑龙江',
  沪: '上海',
  苏: '江苏',
  浙: '浙江',
  皖: '安徽',
  闽: '福建',
  赣: '江西',
  鲁: '山东',
  豫: '河南',
  鄂: '湖北',
  湘: '湖南',
  粤: '广东',
  桂: '广西',
  琼: '海南',
  渝: '重庆',
  川: '四川',
  贵: '贵州',
  云: '云南',
  藏: '西藏',
  陕: '陕西',
  甘: '甘肃',
  青: '青海',
  宁: '宁夏',
  新: '新疆',
};

/**
 * Guangdong's issuing-authority letters. 粤X (顺德) and 粤Y (南海) were issued by Foshan's districts and are no
 * longer issued, but remain on the road. 粤Z is the cross-boundary series for Hong Kong and Macao vehicles.
 */
export const GUANGDONG_PLATE_AUTHORITIES: Readonly<
  Record<string, { city: string; cityCode: CityCode | null; district?: string }>
> = {
  A: { city: '广州', cityCode: '440100' },
  B: { city: '深圳', cityCode: '440300' },
  C: { city: '珠海', cityCode: '440400' },
  D: { city: '汕头', cityCode: '440500' },
  E: { city: '佛山', cityCode: '440600' },
  F: { city: '韶关', cityCode: '440200' },
  G: { city: '湛江', cityCode: '440800' },
  H: { city: '肇庆', cityCode: '441200' },
  J: { city: '江门', cityCode: '440700' },
  K: { city: '茂名', cityCode: '440900' },
  L: { city: '惠州', cityCode: '441300' },
  M: { city: '梅州', cityCode: '441400' },
  N: { city: '汕尾', cityCode: '441500' },
  P: { city: '河源', cityCode: '441600' },
  Q: { city: '阳江', cityCode: '441700' },
  R: { city: '清远', cityCode: '441800' },
  S: { city: '东莞', cityCode: '441900' },
  T: { city: '中山', cityCode: '442000' },
  U: { city: '潮州', cityCode: '445100' },
  V: { city: '揭阳', cityCode: '445200' },
  W: { city: '云浮', cityCode: '445300' },
  X: { city: '佛山', cityCode: '440600', district: '顺德' },
  Y: { city: '佛山', cityCode: '440600', district: '南海' },
  Z: { city: '港澳', cityCode: null },
};

export type PlateKind = 'ordinary' | 'new-energy-small' | 'new-energy-large' | 'special';
export type PlateSpecial = '学' | '警' | '挂' | '领' | '港' | '澳';

export const PLATE_SPECIAL_NAMES: Readonly<Record<PlateSpecial, string>> = {
  学: '教练汽车号牌',
  警: '警用汽车号牌',
  挂: '挂车号牌',
  领: '领馆汽车号牌',
  港: '香港入出境车号牌',
  澳: '澳门入出境车号牌',
};

export type PlateFailure = 'format' | 'province' | 'authority' | 'serial';

export type ParsedPlate =
  | {
      ok: true;
      /** Normalised: no separators, upper case, e.g. 粤BD12345. */
      plate: string;
      /** Abbreviation and province, e.g. '粤', '广东'. */
      province: string;
      provinceName: string;
      /** Issuing-authority letter, e.g. 'B'. */
      authority: string;
      kind: PlateKind;
      /** For new-energy plates: 'electric' (纯电动) or 'non-electric' (非纯电动, e.g. plug-in hybrid). */
      energy?: 'electric' | 'non-electric';
      /** For special plates: the suffix character. */
      special?: PlateSpecial;
      /** For Guangdong plates: the city of the issuing authority (null for 粤Z) and its GB/T 2260 code. */
      city?: string;
      cityCode?: CityCode | null;
    }
  | { ok: false; reason: PlateFailure; message: string };

export const PLATE_MESSAGES = {
  format: '请输入正确的车牌号码，如 粤A12345 或新能源车牌 粤BD12345',
  province: '车牌号码的省份简称不正确',
  authority: '车牌号码的发牌机关代号不正确',
  serial: '车牌号码的序号不正确，请核对后重新输入',
} as const satisfies Record<PlateFailure, string>;

const SERIAL_CHAR = '[0-9A-HJ-NP-Z]';
const ORDINARY = new RegExp(`^${SERIAL_CHAR}{5}$`);
const SMALL_NEV = new RegExp(`^[A-HJK]${SERIAL_CHAR}\\d{4}$`);
const LARGE_NEV = /^\d{5}[DF]$/;
const SPECIAL = new RegExp(`^${SERIAL_CHAR}{4}[学警挂领港澳]$`);
const ELECTRIC = new Set(['A', 'B', 'C', 'D', 'E']);

/** Remove separators and spaces, upper-case letters (full-width letters and digits become ASCII). */
export function normalizePlate(plate: string): string {
  return plate
    .normalize('NFKC')
    .replace(/[\s·・•.\-－]/gu, '')
    .toUpperCase();
}

/** Validate and decode a plate number. */
export function parsePlate(input: string): ParsedPlate {
  const plate = typeof input === 'string' ? normalizePlate(input) : '';
  const chars = Array.from(plate);
  if (chars.length < 7 || chars.length > 8 || !/^[A-Z]$/.test(chars[1] ?? '')) return fail('format');
  const province = chars[0] as string;
  const provinceName = PLATE_PROVINCES[province];
  if (!provinceName) return fail('province');
  const authority = chars[1] as string;
  if (authority === 'I' || authority === 'O') return fail('authority');
  const serial = chars.slice(2).join('');

  let kind: PlateKind;
  let energy: 'electric' | 'non-electric' | undefined;
  let special: PlateSpecial | undefined;
  if (serial.length === 6 && SMALL_NEV.test(serial)) {
    kind = 'new-energy-small';
    energy = ELECTRIC.has(serial[0] as string) ? 'electric' : 'non-electric';
  } else if (serial.length === 6 && LARGE_NEV.test(serial)) {
    kind = 'new-energy-large';
    energy = serial[5] === 'D' ? 'electric' : 'non-electric';
  } else if (serial.length === 5 && SPECIAL.test(serial)) {
    kind = 'special';
    special = serial[4] as PlateSpecial;
  } else if (serial.length === 5 && ORDINARY.test(serial)) {
    kind = 'ordinary';
  } else {
    return fail('serial');
  }

  // 粤Z is issued only to Hong Kong / Macao cross-boundary vehicles, and those plates are only 粤Z.
  const crossBoundary = special === '港' || special === '澳';
  const guangdongZ = province === '粤' && authority === 'Z';
  if (crossBoundary !== guangdongZ) return fail(crossBoundary ? 'authority' : 'serial');

  const result: ParsedPlate = { ok: true, plate, province, provinceName, authority, kind };
  if (energy) result.energy = energy;
  if (special) result.special = special;
  if (province === '粤') {
    const gd = GUANGDONG_PLATE_AUTHORITIES[authority];
    if (!gd) return fail('authority');
    result.city = gd.district ? `${gd.city}${gd.district}` : gd.city;
    result.cityCode = gd.cityCode;
  }
  return result;
}

/** Whether the plate is valid (see parsePlate). */
export function isValidPlate(plate: string): boolean {
  return parsePlate(plate).ok;
}

function fail(reason: PlateFailure): ParsedPlate {
  return { ok: false, reason, message: PLATE_MESSAGES[reason] };
}
