import type { CityCode } from '@yss/contracts';

/**
 * The sandbox 人社 system's rate table: contribution rates per insurance type and month, contribution-base
 * floor and ceiling per city and year. Rates are basis points (1/10,000) so that amounts are exact integer
 * arithmetic in fen. Sources and simplifications: docs/departments/social-insurance.md. In short:
 * - national framework: 国办发〔2019〕13号 (pension employer rate down to 16 %, bases from the province's
 *   全口径城镇单位就业人员平均工资, 60 %–300 %), 人社部发〔2015〕71号 (工伤 eight industry classes,
 *   0.2 %–1.9 %);
 * - Guangdong: employer pension rate 14 % until 2021, stepped to 16 % (15 % in 2022) under the province-wide
 *   pooling; unemployment lowered in stages (1 % total, then 0.48 %/0.32 % employer with 0.2 % personal);
 *   tiered floors by city class and one province-wide ceiling;
 * - simplified: one base per month for all five types (real systems keep separate 医疗 bounds in some
 *   cities), bounds per calendar year (real years run from July or January depending on the year), medical
 *   and maternity employer rates illustrative within the published ranges.
 */

export const INSURANCE_TYPES = ['pension', 'medical', 'unemployment', 'injury', 'maternity'] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

export const INSURANCE_TYPE_NAMES: Record<InsuranceType, string> = {
  pension: '养老保险',
  medical: '医疗保险',
  unemployment: '失业保险',
  injury: '工伤保险',
  maternity: '生育保险',
};

/** Records kept month by month from here; months worked before count as 视同缴费 (deemed) years. */
export const RECORDS_FROM = '1998-01';

export interface SideRates {
  /** Personal share, basis points. */
  employee: number;
  /** Employer share, basis points. */
  employer: number;
}

/**
 * Guangdong's average monthly wage (yuan) behind the bases of a year. 2021–2024: the province's published
 * ceilings ÷ 3 (22,941; 24,930; 26,421; 27,501). 2000–2015: approximately the 广东省统计局 average wage of
 * urban non-private units ÷ 12. Between anchors: geometric interpolation; before 2000 −10 %/year; after 2024
 * +3.5 %/year (extrapolated, not published figures).
 */
const AVERAGE_WAGE_ANCHORS: readonly (readonly [number, number])[] = [
  [2000, 1_150],
  [2005, 1_990],
  [2010, 3_360],
  [2015, 5_480],
  [2021, 7_647],
  [2022, 8_310],
  [2023, 8_807],
  [2024, 9_167],
];

export function provinceAverageWage(year: number): number {
  const first = AVERAGE_WAGE_ANCHORS[0] as readonly [number, number];
  const last = AVERAGE_WAGE_ANCHORS[AVERAGE_WAGE_ANCHORS.length - 1] as readonly [number, number];
  if (year <= first[0]) return Math.round(first[1] / 1.1 ** (first[0] - year));
  if (year >= last[0]) return Math.round(last[1] * 1.035 ** (year - last[0]));
  for (let i = 1; i < AVERAGE_WAGE_ANCHORS.length; i++) {
    const [y1, w1] = AVERAGE_WAGE_ANCHORS[i] as readonly [number, number];
    const [y0, w0] = AVERAGE_WAGE_ANCHORS[i - 1] as readonly [number, number];
    if (year <= y1) return Math.round(w0 * (w1 / w0) ** ((year - y0) / (y1 - y0)));
  }
  return last[1];
}

/**
 * The floor as a share of the province average. 广州 60 % (its 2023 floor 5,284 = 60 % of 8,807); 深圳 keeps
 * its floor at the city minimum wage (2,360 in 2022–2024), about 26 %; the other cities follow Guangdong's
 * transitional tiers (二类 珠海 佛山 东莞 中山; 三类 汕头 江门 湛江 肇庆 惠州; 四类 the rest): tier shares
 * approximate, not the published amounts.
 */
const FLOOR_SHARE: Partial<Record<CityCode, number>> = {
  '440100': 0.6,
  '440300': 0.26,
  '440400': 0.52,
  '440600': 0.52,
  '441900': 0.52,
  '442000': 0.52,
  '440500': 0.47,
  '440700': 0.47,
  '440800': 0.47,
  '441200': 0.47,
  '441300': 0.47,
};
const OTHER_FLOOR_SHARE = 0.44;

export interface BaseBounds {
  floor: number;
  ceiling: number;
}

/** Contribution-base floor and ceiling (yuan) of a city for a calendar year. */
export function baseBounds(cityCode: CityCode, year: number): BaseBounds {
  const average = provinceAverageWage(year);
  return {
    floor: Math.round(average * (FLOOR_SHARE[cityCode] ?? OTHER_FLOOR_SHARE)),
    ceiling: average * 3,
  };
}

/** The base a wage gives in a city and year: the wage clamped to that year's bounds. */
export function contributionBase(wage: number, cityCode: CityCode, year: number): number {
  const { floor, ceiling } = baseBounds(cityCode, year);
  return Math.min(ceiling, Math.max(floor, Math.round(wage)));
}

export function pensionRates(month: string): SideRates {
  return { employee: 800, employer: month < '2022-01' ? 1_400 : month < '2023-01' ? 1_500 : 1_600 };
}

export function unemploymentRates(month: string): SideRates {
  if (month < '2015-03') return { employee: 50, employer: 150 };
  if (month < '2019-05') return { employee: 20, employer: 80 };
  if (month < '2022-01') return { employee: 20, employer: 48 };
  return { employee: 20, employer: 32 };
}

/** Employer 职工医保 rates (illustrative, within Guangdong's 5.5 %–7 %); personal 2 % everywhere. */
const MEDICAL_EMPLOYER: Partial<Record<CityCode, number>> = {
  '440100': 550,
  '440300': 600,
  '440600': 600,
  '440400': 650,
  '441900': 650,
  '442000': 650,
  '440500': 700,
  '440800': 700,
  '440900': 700,
};

export function medicalRates(cityCode: CityCode): SideRates {
  return { employee: 200, employer: MEDICAL_EMPLOYER[cityCode] ?? 600 };
}

/** 生育: employer only, 0.85 % (shown as its own line even where it is collected with 医疗 since 2020). */
export function maternityRates(): SideRates {
  return { employee: 0, employer: 85 };
}

/** 工伤 base rates of the eight industry risk classes (人社部发〔2015〕71号), basis points. */
export const INJURY_CLASS_RATES = [20, 40, 70, 90, 110, 130, 160, 190] as const;

/** Risk class (1–8) of the industries of the enterprise pool (approximate mapping). */
const INDUSTRY_INJURY_CLASS: Record<string, number> = {
  信息技术: 1,
  批发零售: 1,
  教育: 1,
  医药: 1,
  房地产: 2,
  住宿餐饮: 2,
  汽车: 2,
  制造: 3,
  交通运输: 4,
  建筑: 5,
};

export function injuryRate(industry: string): number {
  const cls = INDUSTRY_INJURY_CLASS[industry] ?? 2;
  return INJURY_CLASS_RATES[cls - 1] as number;
}

export function ratesFor(type: InsuranceType, cityCode: CityCode, month: string, injuryBp: number): SideRates {
  switch (type) {
    case 'pension':
      return pensionRates(month);
    case 'medical':
      return medicalRates(cityCode);
    case 'unemployment':
      return unemploymentRates(month);
    case 'injury':
      return { employee: 0, employer: injuryBp };
    case 'maternity':
      return maternityRates();
  }
}

/** Amount in fen of a base (yuan) at a rate (basis points), rounded half up to the fen: exact integers. */
export function amountFen(baseYuan: number, rateBp: number): number {
  return Math.floor((baseYuan * rateBp + 50) / 100);
}
