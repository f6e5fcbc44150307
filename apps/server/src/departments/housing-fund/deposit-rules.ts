import type { CityCode } from '@yss/contracts';
import { baseBounds, provinceAverageWage } from '../social-insurance/rates.js';

/**
 * The centres' deposit rules as the sandbox applies them (sources and simplifications in
 * docs/departments/housing-fund.md): 缴存基数 = the wage clamped between the city's minimum wage and three
 * times the average wage; 缴存比例 5 %–12 % for the employee and the same for the unit (《住房公积金管理条例》,
 * Guangdong's 5 %–12 % range); each side rounded to the yuan, as the centres round.
 */

/** Records are kept month by month from here (older deposits are only in the balance, here: not at all). */
export const DEPOSITS_FROM = '2000-01';

/** The city minimum wage as a share of the province average (广州 2,300 / 深圳 2,360 ≈ 26 % in 2024). */
const MIN_WAGE_SHARE: Partial<Record<CityCode, number>> = {
  '440100': 0.26,
  '440300': 0.26,
  '440400': 0.21,
  '440600': 0.21,
  '441900': 0.21,
  '442000': 0.21,
};
const OTHER_MIN_WAGE_SHARE = 0.19;

export function depositBase(wage: number, cityCode: CityCode, year: number): number {
  const floor = depositBaseFloor(cityCode, year);
  // Simplified: the social-insurance ceiling (3 × the province average) stands for each city's own 3 × average.
  const { ceiling } = baseBounds(cityCode, year);
  return Math.min(ceiling, Math.max(floor, Math.round(wage)));
}

export function depositBaseFloor(cityCode: CityCode, year: number): number {
  return Math.round(provinceAverageWage(year) * (MIN_WAGE_SHARE[cityCode] ?? OTHER_MIN_WAGE_SHARE));
}

/** Rates the units choose (basis points, the same for both sides); institutions deposit at 12 %. */
export const DEPOSIT_RATES_BP = [500, 500, 500, 600, 700, 800, 1_000, 1_200, 1_200] as const;

/** One side's monthly deposit in fen: base × rate rounded to the yuan. */
export function depositFen(baseYuan: number, rateBp: number): number {
  return Math.floor((baseYuan * rateBp + 5_000) / 10_000) * 100;
}
