import { taxByTable } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import {
  atRate,
  contributionBase,
  contributionBounds,
  declaredOn,
  MONTHLY_2011_TABLE,
  personalInsuranceFen,
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

describe('the monthly table of 2011 (until 2018-09)', () => {
  it('taxes each bracket with its quick deduction, rounded to the fen', () => {
    const tax = (yuan: number) => taxByTable(MONTHLY_2011_TABLE, Math.round(yuan * 100)).tax;
    expect(tax(0)).toBe(0);
    expect(tax(1_500)).toBe(45_00);
    expect(tax(1_500.01)).toBe(45_00); // 150.001 − 105
    expect(tax(5_480)).toBe(541_00);
    expect(tax(80_000)).toBe(22_495_00);
    expect(tax(100_000)).toBe(31_495_00);
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
  // 2019 onwards: the calculators' cumulative withholding (withholdWages), whose own tests carry the tax
  // administration's worked examples; these check how the wage declarations feed it.
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
