import { CITY_CODES } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import {
  amountFen,
  baseBounds,
  contributionBase,
  INJURY_CLASS_RATES,
  injuryRate,
  medicalRates,
  pensionRates,
  provinceAverageWage,
  unemploymentRates,
} from './rates.js';

describe('contribution bases', () => {
  it('reproduces the published Guangdong ceilings and the 广州 floor they anchor on', () => {
    expect(baseBounds('440100', 2021).ceiling).toBe(22_941);
    expect(baseBounds('440100', 2022).ceiling).toBe(24_930);
    expect(baseBounds('440100', 2023)).toEqual({ floor: 5_284, ceiling: 26_421 });
    expect(baseBounds('440300', 2024).ceiling).toBe(27_501);
    // 深圳's floor follows its minimum wage (2,360 in 2022–2024): modelled within 5 %.
    expect(Math.abs(baseBounds('440300', 2024).floor - 2_360)).toBeLessThan(120);
  });

  it('grows every year and keeps every city floor below its ceiling', () => {
    for (let year = 1998; year <= 2026; year++) {
      expect(provinceAverageWage(year)).toBeGreaterThan(provinceAverageWage(year - 1));
      for (const city of CITY_CODES) {
        const { floor, ceiling } = baseBounds(city, year);
        expect(floor).toBeGreaterThan(0);
        expect(floor).toBeLessThan(ceiling);
      }
    }
  });

  it('clamps a wage to the bounds of its city and year', () => {
    expect(contributionBase(1_900, '440100', 2025)).toBe(baseBounds('440100', 2025).floor);
    expect(contributionBase(80_000, '440100', 2025)).toBe(baseBounds('440100', 2025).ceiling);
    expect(contributionBase(12_345, '440100', 2025)).toBe(12_345);
  });
});

describe('rates', () => {
  it('follows the pension and unemployment steps', () => {
    expect(pensionRates('2021-12')).toEqual({ employee: 800, employer: 1_400 });
    expect(pensionRates('2022-06')).toEqual({ employee: 800, employer: 1_500 });
    expect(pensionRates('2025-01')).toEqual({ employee: 800, employer: 1_600 });
    expect(unemploymentRates('2019-04')).toEqual({ employee: 20, employer: 80 });
    expect(unemploymentRates('2019-05')).toEqual({ employee: 20, employer: 48 });
    expect(unemploymentRates('2025-01')).toEqual({ employee: 20, employer: 32 });
  });

  it('keeps medical within 2 % personal and 5.5 %–7 % employer, 工伤 within 0.2 %–1.9 %', () => {
    for (const city of CITY_CODES) {
      const r = medicalRates(city);
      expect(r.employee).toBe(200);
      expect(r.employer).toBeGreaterThanOrEqual(550);
      expect(r.employer).toBeLessThanOrEqual(700);
    }
    for (const industry of ['信息技术', '建筑', '制造', '交通运输', '不认识的行业']) {
      expect(INJURY_CLASS_RATES).toContain(injuryRate(industry));
    }
  });

  it('computes amounts exactly in fen, half up', () => {
    expect(amountFen(6_650, 800)).toBe(53_200); // 532.00
    expect(amountFen(5_284, 32)).toBe(1_691); // 16.9088 → 16.91
    expect(amountFen(5_284, 85)).toBe(4_491); // 44.914 → 44.91
    expect(amountFen(1_001, 50)).toBe(501); // 5.005 → 5.01 (half up)
  });
});
