import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualBonusTax,
  annualSettlement,
  annualSpecialDeductions,
  COMPREHENSIVE_TABLE,
  comprehensiveTax,
  labourRemunerationTax,
  MONTHLY_TABLE,
  royaltiesTax,
  specialDeductionsForMonth,
  taxByTable,
  type WageMonth,
  withholdWages,
} from './iit.js';
import { formatYuan, yuan } from './money.js';

const sameEveryMonth = (gross: number, si: number, count = 12, other = 0): WageMonth[] =>
  Array.from({ length: count }, (_, i) => ({
    month: i + 1,
    gross: yuan(gross),
    socialInsurance: yuan(si),
    otherDeductions: yuan(other),
  }));

describe('tax tables', () => {
  it('quick deductions are consistent with the rates (each bracket joins the next without a jump)', () => {
    for (const t of [COMPREHENSIVE_TABLE, MONTHLY_TABLE]) {
      for (let i = 0; i + 1 < t.length; i++) {
        const here = t[i];
        const next = t[i + 1];
        if (!here?.upTo || !next) throw new Error('table');
        const atBound = (here.upTo * here.ratePercent) / 100 - here.quickDeduction;
        const nextAtBound = (here.upTo * next.ratePercent) / 100 - next.quickDeduction;
        expect(nextAtBound).toBe(atBound);
      }
    }
  });

  it('bracket bounds are inclusive (不超过)', () => {
    expect(taxByTable(COMPREHENSIVE_TABLE, yuan(36_000)).bracket.ratePercent).toBe(3);
    expect(taxByTable(COMPREHENSIVE_TABLE, yuan(36_000.01)).bracket.ratePercent).toBe(10);
    expect(taxByTable(COMPREHENSIVE_TABLE, yuan(960_000.01)).bracket.ratePercent).toBe(45);
  });
});

describe('工资薪金 累计预扣法', () => {
  // Published: 国家税务总局公告2018年第61号 的政策解读 (累计预扣法 举例): 每月应发工资30000元，减除费用5000元，
  // 三险一金4500元，专项附加扣除共计2000元 (then 子女教育 + 赡养老人 1,000 each) → 1月555元、2月625元、3月1850元.
  // Today one child at 100 % is the same 2,000 a month.
  it('reproduces the tax authority’s example: 555, 625, 1,850 yuan', () => {
    const result = withholdWages(sameEveryMonth(30_000, 4_500), {
      childEducation: { children: 1, sharePercent: 100 },
    });
    expect(result.months.slice(0, 3).map((m) => formatYuan(m.tax))).toEqual(['555.00', '625.00', '1850.00']);
    const [jan, feb, mar] = result.months;
    expect(jan && formatYuan(jan.cumulativeTaxable)).toBe('18500.00');
    expect(feb && formatYuan(feb.cumulativeTaxable)).toBe('37000.00');
    expect(feb?.ratePercent).toBe(10);
    expect(feb && formatYuan(feb.quickDeduction)).toBe('2520.00');
    expect(mar && formatYuan(mar.cumulativeTax)).toBe('3030.00');
  });

  // Computed (not a publication): the same person's whole year; cumulative taxable 222,000 → 20 % − 16,920.
  it('computes the rest of that year', () => {
    const result = withholdWages(sameEveryMonth(30_000, 4_500), {
      elderlySupport: 'shared',
      elderlySharedMonthly: yuan(1_000),
      degreeEducation: false,
      childEducation: { children: 1, sharePercent: 50 },
    });
    expect(result.months.map((m) => formatYuan(m.tax))).toEqual([
      '555.00',
      '625.00',
      '1850.00',
      '1850.00',
      '1850.00',
      '1850.00',
      '1850.00',
      '2250.00',
      '3700.00',
      '3700.00',
      '3700.00',
      '3700.00',
    ]);
    expect(formatYuan(result.totals.tax)).toBe('27480.00');
    expect(formatYuan(result.finalCumulativeTax)).toBe('27480.00');
    expect(
      formatYuan(
        comprehensiveTax({
          wages: yuan(360_000),
          labour: 0,
          royalties: 0,
          franchise: 0,
          socialInsurance: yuan(54_000),
          specialDeductions: yuan(24_000),
          otherDeductions: 0,
        }).tax,
      ),
    ).toBe('27480.00');
  });

  it('a wage below the deductions pays no tax', () => {
    const result = withholdWages(sameEveryMonth(5_000, 500), {});
    expect(result.totals.tax).toBe(0);
    expect(result.months.every((m) => m.cumulativeTaxable === 0)).toBe(true);
  });

  it('does not refund within the year when income falls (the excess waits for the annual settlement)', () => {
    const months: WageMonth[] = [
      { month: 1, gross: yuan(50_000), socialInsurance: 0, otherDeductions: 0 },
      { month: 2, gross: yuan(0), socialInsurance: 0, otherDeductions: 0 },
      { month: 3, gross: yuan(0), socialInsurance: 0, otherDeductions: 0 },
    ];
    const result = withholdWages(months, {});
    // Jan: 45,000 → 10 % − 2,520 = 1,980; Feb: 40,000 → 1,480 (0 withheld); Mar: 35,000 → 1,050.
    expect(result.months.map((m) => formatYuan(m.tax))).toEqual(['1980.00', '0.00', '0.00']);
    expect(formatYuan(result.finalCumulativeTax)).toBe('1050.00');
    expect(formatYuan(result.overWithheld)).toBe('930.00');
  });

  it('rounds half up to the fen', () => {
    // 5,000.01 + 5,000 deduction… taxable 0.01 × 3 % = 0.0003 → 0.00; 16.67 × 3 % = 0.5001 → 0.50; 0.17×3%=0.0051→0.01
    const r = withholdWages([{ month: 1, gross: yuan(5_016.67), socialInsurance: 0, otherDeductions: 0 }], {});
    expect(formatYuan(r.months[0]?.tax ?? -1)).toBe('0.50');
    const r2 = withholdWages([{ month: 1, gross: yuan(5_000.17), socialInsurance: 0, otherDeductions: 0 }], {});
    expect(formatYuan(r2.months[0]?.tax ?? -1)).toBe('0.01');
  });

  it('starts the 5,000 a month from the first month with the employer', () => {
    const months: WageMonth[] = [7, 8].map((month) => ({
      month,
      gross: yuan(10_000),
      socialInsurance: 0,
      otherDeductions: 0,
    }));
    const result = withholdWages(months, {});
    expect(result.months.map((m) => formatYuan(m.cumulativeBasicDeduction))).toEqual(['5000.00', '10000.00']);
    expect(result.months.map((m) => formatYuan(m.tax))).toEqual(['150.00', '150.00']);
  });

  const wageMonths = fc
    .array(
      fc.record({
        gross: fc.integer({ min: 0, max: 200_000_00 }),
        siRatio: fc.integer({ min: 0, max: 30 }),
        other: fc.integer({ min: 0, max: 500_00 }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((ms) =>
      ms.map((m, i) => ({
        month: i + 1,
        gross: m.gross,
        socialInsurance: Math.floor((m.gross * m.siRatio) / 100),
        otherDeductions: m.other,
      })),
    );
  const choices = fc.record({
    childEducation: fc.record({
      children: fc.integer({ min: 0, max: 3 }),
      sharePercent: fc.constantFrom(100 as const, 50 as const),
    }),
    infantCare: fc.record({
      children: fc.integer({ min: 0, max: 2 }),
      sharePercent: fc.constantFrom(100 as const, 50 as const),
    }),
    elderlySupport: fc.constantFrom('none' as const, 'only-child' as const, 'shared' as const),
    elderlySharedMonthly: fc.integer({ min: 0, max: 1_500_00 }),
    housing: fc.constantFrom(
      'none' as const,
      'loan' as const,
      'rent-tier1' as const,
      'rent-tier2' as const,
      'rent-tier3' as const,
    ),
    degreeEducation: fc.boolean(),
    vocationalCertificateMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  });

  it('properties: tax never negative; net + tax + social insurance = gross; monthly taxes add up', () => {
    fc.assert(
      fc.property(wageMonths, choices, (months, choice) => {
        const r = withholdWages(months, choice);
        let withheld = 0;
        let maxCumulative = 0;
        for (const row of r.months) {
          expect(row.tax).toBeGreaterThanOrEqual(0);
          expect(row.cumulativeTax).toBeGreaterThanOrEqual(0);
          expect(row.net + row.tax + row.socialInsurance).toBe(row.gross);
          expect(Number.isSafeInteger(row.tax)).toBe(true);
          withheld += row.tax;
          maxCumulative = Math.max(maxCumulative, row.cumulativeTax);
          // what has been withheld so far is the highest cumulative tax met so far
          expect(withheld).toBe(maxCumulative);
        }
        expect(r.totals.tax).toBe(withheld);
        expect(r.totals.net + r.totals.tax + r.totals.socialInsurance).toBe(r.totals.gross);
        expect(r.overWithheld).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('property: when each month’s wage covers its deductions, the monthly taxes sum to the cumulative tax', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000_00, max: 500_000_00 }),
        fc.integer({ min: 1, max: 12 }),
        choices,
        (gross, n, choice) => {
          // The 3,600 vocational certificate falls in one month and can exceed that month's taxable income
          // (e.g. 20,000 a month with the largest deductions): the cumulative tax then drops and nothing is
          // refunded in the year (the property above). Without it every month's wage (≥ 20,000) covers the
          // monthly deductions (≤ 19,900 with the 5,000), which is this property's premise.
          const monthly = { ...choice, vocationalCertificateMonth: undefined };
          const r = withholdWages(sameEveryMonth(gross / 100, 0, n), monthly);
          expect(r.totals.tax).toBe(r.finalCumulativeTax);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('专项附加扣除', () => {
  it('uses the current standards (国发〔2023〕13号) and the sharing rules', () => {
    const amounts = (choice: Parameters<typeof specialDeductionsForMonth>[0], month = 1) =>
      Object.fromEntries(specialDeductionsForMonth(choice, month).map((i) => [i.kind, formatYuan(i.amount)]));
    expect(amounts({ childEducation: { children: 2, sharePercent: 50 } })).toEqual({ childEducation: '2000.00' });
    expect(amounts({ infantCare: { children: 1, sharePercent: 100 } })).toEqual({ infantCare: '2000.00' });
    expect(amounts({ elderlySupport: 'only-child' })).toEqual({ elderlySupport: '3000.00' });
    expect(amounts({ elderlySupport: 'shared', elderlySharedMonthly: yuan(2_000) })).toEqual({
      elderlySupport: '1500.00',
    });
    expect(amounts({ housing: 'loan' })).toEqual({ housingLoan: '1000.00' });
    expect(amounts({ housing: 'rent-tier1' })).toEqual({ housingRent: '1500.00' });
    expect(amounts({ housing: 'rent-tier2' })).toEqual({ housingRent: '1100.00' });
    expect(amounts({ housing: 'rent-tier3' })).toEqual({ housingRent: '800.00' });
    expect(amounts({ degreeEducation: true })).toEqual({ degreeEducation: '400.00' });
    expect(amounts({ vocationalCertificateMonth: 5 }, 5)).toEqual({ vocationalCertificate: '3600.00' });
    expect(amounts({ vocationalCertificateMonth: 5 }, 6)).toEqual({});
    expect(
      formatYuan(
        annualSpecialDeductions({
          childEducation: { children: 1, sharePercent: 100 },
          housing: 'rent-tier1',
          vocationalCertificateMonth: 3,
        }),
      ),
    ).toBe('45600.00');
  });
});

describe('劳务报酬 and 稿酬 (预扣预缴 per payment)', () => {
  // Computed (believed to be the example of the 公告2018年第61号 政策解读; not re-verified, so not claimed):
  // 劳务报酬所得2000元 → 收入额1200元 → 预扣240元.
  it('labour remuneration 2,000 → 240', () => {
    const r = labourRemunerationTax(yuan(2_000));
    expect(formatYuan(r.taxable)).toBe('1200.00');
    expect(formatYuan(r.tax)).toBe('240.00');
  });

  // Computed (as above, believed to be the 解读's example): 稿酬所得40000元 → (40000 − 40000×20%)×70% = 22400 → 4480.
  it('royalties 40,000 → 4,480', () => {
    const r = royaltiesTax(yuan(40_000));
    expect(formatYuan(r.taxable)).toBe('22400.00');
    expect(formatYuan(r.tax)).toBe('4480.00');
  });

  // Computed.
  it('labour remuneration: the 4,000 threshold and the 20/30/40 % rates', () => {
    const t = (y: number) => formatYuan(labourRemunerationTax(yuan(y)).tax);
    expect(t(800)).toBe('0.00');
    expect(t(500)).toBe('0.00');
    expect(t(4_000)).toBe('640.00'); // (4000 − 800) × 20 %
    expect(t(4_000.01)).toBe('640.00'); // 3200.008 → 3200.01 × 20 % = 640.002
    expect(t(25_000)).toBe('4000.00'); // 20,000 × 20 %
    expect(t(50_000)).toBe('10000.00'); // 40,000 × 30 % − 2,000
    expect(t(100_000)).toBe('25000.00'); // 80,000 × 40 % − 7,000
  });

  it('royalties below 4,000 take 800 off first (computed)', () => {
    expect(formatYuan(royaltiesTax(yuan(3_000)).tax)).toBe('308.00'); // 2,200 × 70 % × 20 %
  });

  it('properties: withholding is between zero and the payment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_00 }), (amount) => {
        for (const r of [labourRemunerationTax(amount), royaltiesTax(amount)]) {
          expect(r.tax).toBeGreaterThanOrEqual(0);
          expect(r.tax).toBeLessThanOrEqual(amount);
          expect(r.net + r.tax).toBe(amount);
        }
      }),
    );
  });
});

describe('全年一次性奖金', () => {
  // Computed with the monthly-converted table of 财税〔2018〕164号.
  it('picks the rate by bonus ÷ 12; the famous 36,000 / 36,001 edge', () => {
    const bonus = (y: number) =>
      annualBonusTax({ bonus: yuan(y), wages: 0, socialInsurance: 0, specialDeductions: 0, otherDeductions: 0 })
        .separate;
    expect(formatYuan(bonus(36_000).bonusTax)).toBe('1080.00');
    expect(formatYuan(bonus(36_001).bonusTax)).toBe('3390.10');
    expect(formatYuan(bonus(144_000).bonusTax)).toBe('14190.00');
    expect(formatYuan(bonus(144_001).bonusTax)).toBe('27390.20');
    expect(bonus(1_000_000).ratePercent).toBe(45);
  });

  it('compares separate and merged taxation and names the lower (computed)', () => {
    // Wages 100,000, SI 12,000, no other: wages taxable 28,000 → 840. Bonus 20,000 separately 600 → 1,440.
    // Merged: 48,000 → 10 % − 2,520 = 2,280. Separate is lower by 840.
    const r = annualBonusTax({
      bonus: yuan(20_000),
      wages: yuan(100_000),
      socialInsurance: yuan(12_000),
      specialDeductions: 0,
      otherDeductions: 0,
    });
    expect(formatYuan(r.separate.totalTax)).toBe('1440.00');
    expect(formatYuan(r.merged.totalTax)).toBe('2280.00');
    expect(r.better).toBe('separate');
    expect(formatYuan(r.saving)).toBe('840.00');
    // Wages below the deductions: merging uses the unused allowance.
    const low = annualBonusTax({
      bonus: yuan(30_000),
      wages: yuan(40_000),
      socialInsurance: 0,
      specialDeductions: 0,
      otherDeductions: 0,
    });
    expect(formatYuan(low.merged.totalTax)).toBe('300.00'); // 10,000 × 3 %
    expect(formatYuan(low.separate.totalTax)).toBe('900.00');
    expect(low.better).toBe('merged');
  });

  it('property: the better choice is the lower tax', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000_00 }),
        fc.integer({ min: 0, max: 5_000_000_00 }),
        (bonus, wages) => {
          const r = annualBonusTax({ bonus, wages, socialInsurance: 0, specialDeductions: 0, otherDeductions: 0 });
          const min = Math.min(r.separate.totalTax, r.merged.totalTax);
          expect(r.saving).toBe(Math.max(r.separate.totalTax, r.merged.totalTax) - min);
          if (r.better === 'separate') expect(r.separate.totalTax).toBe(min);
          if (r.better === 'merged') expect(r.merged.totalTax).toBe(min);
          expect(r.separate.bonusTax).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('年度汇算', () => {
  // Computed: wages 120,000 + labour 10,000 + royalties 5,000, SI 24,000, specials 24,000; prepaid 2,000.
  it('adds wages, labour × 80 %, royalties × 80 % × 70 %, then the annual table', () => {
    const r = annualSettlement({
      wages: yuan(120_000),
      labour: yuan(10_000),
      royalties: yuan(5_000),
      franchise: yuan(0),
      socialInsurance: yuan(24_000),
      specialDeductions: yuan(24_000),
      otherDeductions: 0,
      prepaid: yuan(2_000),
    });
    expect(formatYuan(r.labourIncome)).toBe('8000.00');
    expect(formatYuan(r.royaltiesIncome)).toBe('2800.00');
    expect(formatYuan(r.totalIncome)).toBe('130800.00');
    expect(formatYuan(r.taxable)).toBe('22800.00');
    expect(formatYuan(r.tax)).toBe('684.00');
    expect(formatYuan(r.balance)).toBe('-1316.00');
    expect(r.outcome).toBe('refund');
  });

  it('a small payment, or a payment on income ≤ 120,000, is exempt (公告2023年第32号)', () => {
    const base = {
      labour: 0,
      royalties: 0,
      franchise: 0,
      socialInsurance: 0,
      specialDeductions: 0,
      otherDeductions: 0,
    };
    const small = annualSettlement({ ...base, wages: yuan(200_000), prepaid: yuan(10_000) });
    // 140,000 × 10 % − 2,520 = 11,480 → pay 1,480: not exempt
    expect(formatYuan(small.balance)).toBe('1480.00');
    expect(small.paymentExempt).toBe(false);
    const tiny = annualSettlement({ ...base, wages: yuan(200_000), prepaid: yuan(11_100) });
    expect(tiny.paymentExempt).toBe(true);
    const lowIncome = annualSettlement({ ...base, wages: yuan(110_000), prepaid: 0 });
    expect(lowIncome.outcome).toBe('pay');
    expect(lowIncome.paymentExempt).toBe(true);
  });

  it('property: tax due − prepaid = balance; tax never negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { minLength: 8, maxLength: 8 }),
        ([wages = 0, labour = 0, royalties = 0, franchise = 0, si = 0, sp = 0, other = 0, prepaid = 0]) => {
          const r = annualSettlement({
            wages,
            labour,
            royalties,
            franchise,
            socialInsurance: si,
            specialDeductions: sp,
            otherDeductions: other,
            prepaid,
          });
          expect(r.tax).toBeGreaterThanOrEqual(0);
          expect(r.tax - r.prepaid).toBe(r.balance);
          expect(r.totalIncome).toBeLessThanOrEqual(r.grossIncome);
        },
      ),
    );
  });
});
