import { describe, expect, it } from 'vitest';
import { computePurchaseTax, newEnergyRelief } from './purchase-tax.js';

/** 车辆购置税 as the law computes it (docs/tax-payments.md): integer fen, each step rounded to the fen. */
describe('车辆购置税 computation', () => {
  it('计税价格 = 价税合计 ÷ 1.13, 应纳税额 = 计税价格 × 10 %, in time: no late fee', () => {
    const c = computePurchaseTax({ totalFen: 169_800_00, purchasedOn: '2025-12-20', kind: 'fuel' }, '2026-01-05');
    expect(c).toEqual({
      taxablePriceFen: 150_265_49, // 169,800 ÷ 1.13 = 150,265.486…
      taxFen: 15_026_55, // 15,026.549
      reliefFen: 0,
      reliefRule: null,
      payableTaxFen: 15_026_55,
      deadline: '2026-02-18', // the day of purchase not counted: 60 days after
      overdueDays: 0,
      lateFeeFen: 0,
      totalDueFen: 15_026_55,
    });
    // the last day is still in time; the day after is one day late: 万分之五 of the tax
    expect(
      computePurchaseTax({ totalFen: 169_800_00, purchasedOn: '2025-12-20', kind: 'fuel' }, '2026-02-18').overdueDays,
    ).toBe(0);
    const late = computePurchaseTax({ totalFen: 169_800_00, purchasedOn: '2025-12-20', kind: 'fuel' }, '2026-02-19');
    expect(late).toMatchObject({ overdueDays: 1, lateFeeFen: 7_51, totalDueFen: 15_034_06 }); // 15,026.55 × 0.0005 = 7.513
    const later = computePurchaseTax({ totalFen: 98_800_00, purchasedOn: '2025-09-15', kind: 'fuel' }, '2025-12-24');
    // deadline 2025-11-14; 40 days late: 8,743.36 × 0.0005 × 40 = 174.8672
    expect(later).toMatchObject({ taxFen: 8_743_36, deadline: '2025-11-14', overdueDays: 40, lateFeeFen: 174_87 });
    expect(later.totalDueFen).toBe(8_743_36 + 174_87);
  });

  it('新能源汽车: exempt up to 30,000 in 2024–2025, halved up to 15,000 off in 2026–2027, in full before 2024, none from 2028', () => {
    // 452,000 → 400,000 → 40,000 tax; 30,000 off
    const capped = computePurchaseTax(
      { totalFen: 452_000_00, purchasedOn: '2025-11-28', kind: 'new-energy' },
      '2025-12-01',
    );
    expect(capped).toMatchObject({
      taxFen: 40_000_00,
      reliefFen: 30_000_00,
      payableTaxFen: 10_000_00,
      totalDueFen: 10_000_00,
    });
    expect(capped.reliefRule).toContain('3万元');
    // under the cap: all of it off, nothing due, never a late fee
    const free = computePurchaseTax(
      { totalFen: 239_800_00, purchasedOn: '2025-10-08', kind: 'new-energy' },
      '2026-11-27',
    );
    expect(free).toMatchObject({
      taxFen: 21_221_24,
      reliefFen: 21_221_24,
      payableTaxFen: 0,
      lateFeeFen: 0,
      totalDueFen: 0,
    });
    // 2026: halved (23,000 → 11,500 off), and the 15,000 cap for a dear car (40,000 → 15,000 off, not 20,000)
    expect(newEnergyRelief(23_000_00, '2026-01-01')).toMatchObject({ reliefFen: 11_500_00 });
    expect(newEnergyRelief(40_000_00, '2027-12-31')).toMatchObject({ reliefFen: 15_000_00 });
    expect(newEnergyRelief(40_000_00, '2027-12-31').rule).toContain('减半');
    expect(newEnergyRelief(40_000_00, '2023-12-31').reliefFen).toBe(40_000_00);
    expect(newEnergyRelief(40_000_00, '2028-01-01')).toEqual({ reliefFen: 0, rule: null });
    expect(newEnergyRelief(40_000_00, '2024-01-01').reliefFen).toBe(30_000_00);
    // an odd fen halves to the nearest fen
    expect(newEnergyRelief(1_001, '2026-06-01').reliefFen).toBe(501);
  });
});
