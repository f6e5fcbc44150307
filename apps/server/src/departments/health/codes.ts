import { guangdongCity } from '../kit/places.js';

/**
 * Reference data of the sandbox health commission system (卫健): the birth medical certificate (出生医学证明).
 */

/**
 * The guide (E2, FAQ): the e-licence of a birth certificate can be linked for births from 2014-01-01 in
 * the province, but only from 2018-05-01 in 广州、深圳、佛山、珠海.
 */
export const ELECTRONIC_FROM_DEFAULT = '2014-01-01';
export const ELECTRONIC_LATE_CITIES: readonly string[] = ['440100', '440300', '440600', '440400'];
export const ELECTRONIC_FROM_LATE = '2018-05-01';

export const electronicFrom = (cityCode: string) =>
  ELECTRONIC_LATE_CITIES.includes(cityCode) ? ELECTRONIC_FROM_LATE : ELECTRONIC_FROM_DEFAULT;

/** This system holds the births from the first day any e-licence exists; earlier ones are paper only. */
export const RECORDS_FROM = ELECTRONIC_FROM_DEFAULT;

/**
 * The form's edition letter + 9 digits (synthetic: the real series letters are not published to us; the
 * letter changes with the form's edition as it does on real certificates).
 */
export function editionLetter(birthDate: string): string {
  return birthDate < '2019-01-01' ? 'O' : birthDate < '2023-01-01' ? 'P' : 'Q';
}

const HOSPITALS: Record<string, readonly string[]> = {
  '440100': ['广东省妇幼保健院', '广州市妇女儿童医疗中心', '中山大学附属第三医院', '广州市第一人民医院'],
  '440300': ['深圳市妇幼保健院', '北京大学深圳医院', '深圳市人民医院'],
  '440600': ['佛山市妇幼保健院', '佛山市第一人民医院'],
  '440400': ['珠海市妇幼保健院', '珠海市人民医院'],
};

/** 接生机构 of a city. */
export function hospitalsOf(cityCode: string): readonly string[] {
  const city = guangdongCity(cityCode).fullName;
  return HOSPITALS[cityCode] ?? [`${city}妇幼保健院`, `${city}人民医院`];
}
