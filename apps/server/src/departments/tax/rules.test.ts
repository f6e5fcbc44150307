import { describe, expect, it } from 'vitest';
import {
  ANNUAL_2019,
  atRate,
  contributionBase,
  contributionBounds,
  declaredOn,
  personalInsuranceFen,
  taxByTable,
  type WagePeriod,
  wageMonths,
} from './rules.js';
import { annualVehicleTaxFen, vehicleTaxForYearFen } from './vehicle-tax.js';

const period = (monthlyWage: number, from: string, to: string, agentUscc = '91440101MA59XXXX1A'): WagePeriod => ({
  agentUscc,
  agentName: '广州某某科技有限公司',
  agentRegionCode: '440106',
  monthlyWage,
  from,
  to,
});

describe('the annual table (cumulative withholding)', () => {
  // 国家税务总局 worked example of cumulative withholding (2019): wage 30,000 a month, 5,000 basic deduction,
  // 4,500 专项扣除 and 2,000 专项附加扣除 a month: 555, 625, 1,850 yuan in January, February, March.
  it('gives the tax authority’s worked example', () => {
    const cumulative = (n: number) => (30_000 - 5_000 - 4_500 - 2_000) * n * 100;
    const due = [1, 2, 3].map((n) => taxByTable(cumulative(n), ANNUAL_2019));
    expect([due[0], (due[1] ?? 0) - (due[0] ?? 0), (due[2] ?? 0) - (due[1] ?? 0)]).toEqual([555_00, 625_00, 1_850_00]);
  });

  it('is zero at or below zero and rounds to the fen', () => {
    expect(taxByTable(0, ANNUAL_2019)).toBe(0);
    expect(taxByTable(-100, ANNUAL_2019)).toBe(0);
    expect(taxByTable(971_70, ANNUAL_2019)).toBe(29_15); // 29.151
    expect(taxByTable(36_000_00, ANNUAL_2019)).toBe(1_080_00);
    expect(taxByTable(36_000_01, ANNUAL_2019)).toBe(1_080_00); // 3600.001 - 2520 at 10 %
  });
});

describe('contribution base and personal insurance', () => {
  it('clamps the wage to the year’s bounds', () => {
    const { lower, upper } = contributionBounds(2025);
    expect([lower, upper]).toEqual([4_590, 22_950]);
    expect(contributionBase(2025, 1_900)).toBe(lower);
    expect(contributionBase(2025, 6_650)).toBe(6_650);
    expect(contributionBase(2025, 90_000)).toBe(upper);
    expect(contributionBounds(2016).upper).toBeLessThan(upper);
  });

  it('takes 8 % + 2 % + 0.2 % of the base from the employee, each rounded to the fen', () => {
    expect(personalInsuranceFen(2025, 6_650)).toBe(532_00 + 133_00 + 13_30);
    expect(atRate(17_127, 20)).toBe(34_25); // 34.254
    expect(atRate(17_125, 20)).toBe(34_25); // 34.25 exactly
    expect(atRate(17_127, 800)).toBe(1_370_16);
  });
});

describe('wageMonths', () => {
  it('withholds cumulatively from 2019, restarting each January', () => {
    // 2019: base clamped to the upper bound 17,127; personal 1,370.16 + 342.54 + 34.25 = 1,746.95.
    const months = wageMonths([period(30_000, '2019-11', '2020-01')]);
    expect(months.map((m) => [m.month, m.insuranceFen, m.taxFen])).toEqual([
      ['2019-11', 1_746_95, 697_59], // 23,253.05 × 3 % = 697.5915
      ['2019-12', 1_746_95, 1_433_02], // 46,506.10 × 10 % − 2,520 − 697.59
      ['2020-01', expect.any(Number), expect.any(Number)],
    ]);
    const january = months[2] as (typeof months)[number];
    // A new year: the first month's cumulative figure again (3 %), on 2020's base.
    expect(january.taxFen).toBe(Math.floor(((30_000_00 - 5_000_00 - january.insuranceFen) * 3 + 50) / 100));
  });

  it('applies the monthly tables before 2019 (3,500, then 5,000 from 2018-10)', () => {
    const months = wageMonths([period(10_000, '2017-05', '2017-05'), period(10_000, '2018-10', '2018-10')]);
    // 2017: 10,000 − 1,020 − 3,500 = 5,480 → 20 % − 555 = 541; 2018-10: 3,980 → 10 % − 210 = 188.
    expect(months.map((m) => m.taxFen)).toEqual([541_00, 188_00]);
    expect(months.map((m) => m.basicDeductionFen)).toEqual([3_500_00, 5_000_00]);
  });

  it('restarts with a new withholding agent in the same year', () => {
    const months = wageMonths([
      period(20_000, '2023-01', '2023-06', '91440101AAAAAAAAAA'),
      period(20_000, '2023-07', '2023-12', '91440101BBBBBBBBBB'),
    ]);
    expect(months[6]?.taxFen).toBe(months[0]?.taxFen);
    expect(months).toHaveLength(12);
  });

  it('declares in the first half of the next month', () => {
    const day = declaredOn('2025-12', '91440101MA59XXXX1A');
    expect(day.slice(0, 8)).toBe('2026-01-');
    expect(Number(day.slice(8))).toBeGreaterThanOrEqual(1);
    expect(Number(day.slice(8))).toBeLessThanOrEqual(15);
  });
});

describe('车船税', () => {
  it('follows the Guangdong table by displacement and exempts new-energy cars', () => {
    expect(annualVehicleTaxFen('fuel', 998)).toBe(180_00);
    expect(annualVehicleTaxFen('fuel', 1_498)).toBe(360_00);
    expect(annualVehicleTaxFen('fuel', 1_998)).toBe(420_00);
    expect(annualVehicleTaxFen('fuel', 2_487)).toBe(720_00);
    expect(annualVehicleTaxFen('fuel', 2_995)).toBe(1_800_00);
    expect(annualVehicleTaxFen('fuel', 3_456)).toBe(3_000_00);
    expect(annualVehicleTaxFen('fuel', 4_200)).toBe(4_500_00);
    expect(annualVehicleTaxFen('electric', null)).toBe(0);
    expect(annualVehicleTaxFen('plug-in-hybrid', 1_498)).toBe(0);
  });

  it('prorates the year of purchase by month, the month of purchase included', () => {
    expect(vehicleTaxForYearFen(360_00, '2019-06-18', 2019)).toBe(210_00);
    expect(vehicleTaxForYearFen(360_00, '2019-01-02', 2019)).toBe(360_00);
    expect(vehicleTaxForYearFen(420_00, '2019-12-31', 2019)).toBe(35_00);
    expect(vehicleTaxForYearFen(360_00, '2019-06-18', 2020)).toBe(360_00);
    expect(vehicleTaxForYearFen(360_00, '2019-06-18', 2018)).toBe(0);
  });
});
