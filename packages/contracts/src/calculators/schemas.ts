/**
 * The calculators' API contracts: inputs (numbers or decimal strings, checked with Chinese messages, turned
 * into fen / tenths) and outputs (money as exact decimal strings "1234.56").
 */
import { z } from 'zod';
import { CITY_CODES } from '../cities.js';
import { ELDERLY_CHOICES, HOUSING_CHOICES, type SpecialDeductionChoice, type WageMonth } from './iit.js';
import { type Fen, MAX_AMOUNT_FEN, MAX_ANNUAL_FEN, parseMoney } from './money.js';
import { parseQuantity } from './overtime.js';

const moneyExample = { example: '8000.00' };

/** A money field: a JSON number or a decimal string, ≥ 0, at most two decimals, at most `max` fen. */
export function moneyField(label: string, max: Fen = MAX_AMOUNT_FEN) {
  return z
    .union([z.number(), z.string()], {
      error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是数字金额`),
    })
    .transform((value, ctx): Fen => {
      const parsed = parseMoney(value, label, max);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message, input: value });
        return z.NEVER;
      }
      return parsed.fen;
    })
    .meta({ description: `${label}（元，数字或字符串，最多两位小数）`, ...moneyExample });
}

/** An optional money field (absent = 0). */
export const optionalMoney = (label: string, max: Fen = MAX_AMOUNT_FEN) =>
  moneyField(label, max)
    .optional()
    .transform((v): Fen => v ?? 0);

function quantityField(label: string, max: number, unit: string) {
  return z
    .union([z.number(), z.string()], { error: `${label}必须是数字` })
    .optional()
    .transform((value, ctx): number => {
      const parsed = parseQuantity(value, label, max, unit);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message, input: value });
        return z.NEVER;
      }
      return parsed.tenths;
    })
    .meta({ description: `${label}（${unit}，最多一位小数，不超过${max}${unit}）`, example: 2 });
}

const monthNumber = (label = '月份') =>
  z
    .number({ error: `${label}必须是1至12之间的整数` })
    .int(`${label}必须是1至12之间的整数`)
    .min(1, `${label}必须是1至12之间的整数`)
    .max(12, `${label}必须是1至12之间的整数（一年只有12个月）`);

const ChildChoice = z
  .object({
    children: z
      .number({ error: '子女人数必须是数字' })
      .int('子女人数必须是整数')
      .min(0, '子女人数不能为负数')
      .max(10, '子女人数不能超过10人'),
    sharePercent: z
      .union([z.literal(100), z.literal(50)], { error: '扣除比例只能是100（一方全额扣除）或50（双方各扣50%）' })
      .default(100),
  })
  .strict();

/** 专项附加扣除 as chosen (monthly standards applied by the calculator). */
export const SpecialDeductionsInput = z
  .object({
    childEducation: ChildChoice.optional().meta({ description: '子女教育：每个子女每月2,000元，可选100%或50%' }),
    infantCare: ChildChoice.optional().meta({ description: '3岁以下婴幼儿照护：每个婴幼儿每月2,000元，可选100%或50%' }),
    elderlySupport: z
      .enum(ELDERLY_CHOICES, { error: '赡养老人只能选择 none（不扣除）、only-child（独生子女）或 shared（分摊）' })
      .default('none')
      .meta({ description: '赡养老人：独生子女每月3,000元；非独生子女分摊，每人每月不超过1,500元' }),
    elderlySharedMonthly: moneyField('赡养老人每月分摊金额').optional(),
    housing: z
      .enum(HOUSING_CHOICES, {
        error:
          '住房只能选择 none、loan（住房贷款利息）或 rent-tier1/rent-tier2/rent-tier3（住房租金），二者不能同时扣除',
      })
      .default('none')
      .meta({
        description: '住房贷款利息每月1,000元，或住房租金每月1,500/1,100/800元（按城市），二者只能选其一',
      }),
    degreeEducation: z
      .boolean({ error: '学历继续教育只能填 true 或 false' })
      .default(false)
      .meta({ description: '学历（学位）继续教育：每月400元' }),
    vocationalCertificateMonth: monthNumber('取得职业资格证书的月份')
      .optional()
      .meta({ description: '职业资格继续教育：取得证书当月扣除3,600元' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.elderlySupport === 'shared') {
      if (v.elderlySharedMonthly === undefined || v.elderlySharedMonthly === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['elderlySharedMonthly'],
          message: '请填写赡养老人每月分摊金额（不超过1,500元）',
        });
      } else if (v.elderlySharedMonthly > 1_500_00) {
        ctx.addIssue({
          code: 'custom',
          path: ['elderlySharedMonthly'],
          message: '非独生子女分摊赡养老人扣除，每人每月不能超过1,500元',
        });
      }
    }
  })
  .meta({ id: 'SpecialDeductionsInput' });
export type SpecialDeductionsInput = z.input<typeof SpecialDeductionsInput>;

/** Turns the parsed input into the calculator's choice. */
export function specialChoiceOf(v: z.output<typeof SpecialDeductionsInput>): SpecialDeductionChoice {
  return {
    childEducation: v.childEducation,
    infantCare: v.infantCare,
    elderlySupport: v.elderlySupport,
    elderlySharedMonthly: v.elderlySharedMonthly,
    housing: v.housing,
    degreeEducation: v.degreeEducation,
    vocationalCertificateMonth: v.vocationalCertificateMonth,
  };
}

const WageMonthInput = z
  .object({
    month: monthNumber(),
    gross: moneyField('月工资'),
    socialInsurance: optionalMoney('社保公积金个人缴费'),
    otherDeductions: optionalMoney('其他扣除'),
  })
  .strict();

/** 工资薪金 累计预扣法: the same wage every month (monthlyGross) or month by month (months). */
export const WageTaxInput = z
  .object({
    monthlyGross: moneyField('月工资').optional().meta({ description: '每月税前工资（与 months 二选一）' }),
    socialInsurance: optionalMoney('每月社保公积金个人缴费').meta({ description: '每月三险一金个人缴费' }),
    otherDeductions: optionalMoney('每月其他扣除'),
    startMonth: monthNumber('起始月份').default(1).meta({ description: '在本单位任职的第一个月（默认1月）' }),
    monthCount: z
      .number({ error: '月份数必须是数字' })
      .int('月份数必须是整数')
      .min(1, '月份数至少为1')
      .max(12, '一年最多12个月')
      .default(12),
    months: z
      .array(WageMonthInput, { error: 'months 必须是按月填写的列表' })
      .min(1, '请至少填写一个月的工资')
      .max(12, '一年最多12个月，不能填写第13个月')
      .optional()
      .meta({ description: '逐月填写（月份连续，最多12个月），与 monthlyGross 二选一' }),
    specialDeductions: SpecialDeductionsInput.default({
      elderlySupport: 'none',
      housing: 'none',
      degreeEducation: false,
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.months === undefined && v.monthlyGross === undefined) {
      ctx.addIssue({ code: 'custom', path: ['monthlyGross'], message: '请填写月工资' });
    }
    if (v.months !== undefined && v.monthlyGross !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['months'],
        message: '月工资（monthlyGross）和逐月工资（months）只能填写一种',
      });
    }
    if (v.months === undefined && v.startMonth + v.monthCount - 1 > 12) {
      ctx.addIssue({ code: 'custom', path: ['monthCount'], message: '月份超出了12月，一年最多12个月' });
    }
    if (v.months === undefined && v.monthlyGross !== undefined && v.socialInsurance > v.monthlyGross) {
      ctx.addIssue({ code: 'custom', path: ['socialInsurance'], message: '社保公积金个人缴费不能超过月工资' });
    }
    v.months?.forEach((m, i) => {
      const first = v.months?.[0]?.month ?? 1;
      if (m.month !== first + i) {
        ctx.addIssue({
          code: 'custom',
          path: ['months', i, 'month'],
          message: '月份必须从任职首月起逐月连续填写，不能重复或跳过',
        });
      }
      if (m.socialInsurance > m.gross) {
        ctx.addIssue({
          code: 'custom',
          path: ['months', i, 'socialInsurance'],
          message: '社保公积金个人缴费不能超过当月工资',
        });
      }
    });
  })
  .meta({ id: 'WageTaxInput' });
export type WageTaxInput = z.input<typeof WageTaxInput>;

/** The months of a parsed WageTaxInput. */
export function wageMonthsOf(v: z.output<typeof WageTaxInput>): WageMonth[] {
  if (v.months) return v.months.map((m) => ({ ...m }));
  return Array.from({ length: v.monthCount }, (_, i) => ({
    month: v.startMonth + i,
    gross: v.monthlyGross ?? 0,
    socialInsurance: v.socialInsurance,
    otherDeductions: v.otherDeductions,
  }));
}

export const AnnualBonusInput = z
  .object({
    bonus: moneyField('全年一次性奖金'),
    annualWages: optionalMoney('全年工资薪金（不含年终奖）', MAX_ANNUAL_FEN),
    annualSocialInsurance: optionalMoney('全年社保公积金个人缴费', MAX_ANNUAL_FEN),
    annualSpecialDeductions: optionalMoney('全年专项附加扣除', MAX_ANNUAL_FEN),
    annualOtherDeductions: optionalMoney('全年其他扣除', MAX_ANNUAL_FEN),
  })
  .strict()
  .meta({ id: 'AnnualBonusInput' });
export type AnnualBonusInput = z.input<typeof AnnualBonusInput>;

export const LabourRemunerationInput = z
  .object({ amount: moneyField('劳务报酬收入（每次）') })
  .strict()
  .meta({ id: 'LabourRemunerationInput' });
export type LabourRemunerationInput = z.input<typeof LabourRemunerationInput>;

export const RoyaltiesInput = z
  .object({ amount: moneyField('稿酬收入（每次）') })
  .strict()
  .meta({ id: 'RoyaltiesInput' });
export type RoyaltiesInput = z.input<typeof RoyaltiesInput>;

export const AnnualSettlementInput = z
  .object({
    wages: optionalMoney('全年工资薪金收入', MAX_ANNUAL_FEN),
    labour: optionalMoney('全年劳务报酬收入', MAX_ANNUAL_FEN),
    royalties: optionalMoney('全年稿酬收入', MAX_ANNUAL_FEN),
    franchise: optionalMoney('全年特许权使用费收入', MAX_ANNUAL_FEN),
    socialInsurance: optionalMoney('全年社保公积金个人缴费', MAX_ANNUAL_FEN),
    specialDeductions: optionalMoney('全年专项附加扣除', MAX_ANNUAL_FEN),
    otherDeductions: optionalMoney('全年其他扣除', MAX_ANNUAL_FEN),
    prepaid: optionalMoney('已预缴税额', MAX_ANNUAL_FEN),
  })
  .strict()
  .meta({ id: 'AnnualSettlementInput' });
export type AnnualSettlementInput = z.input<typeof AnnualSettlementInput>;

export const OvertimePayInput = z
  .object({
    monthlyBase: moneyField('加班工资计算基数（月工资）'),
    workdayHours: quantityField('工作日延长工作时间', 744, '小时'),
    restDays: quantityField('休息日加班天数', 31, '天'),
    holidayDays: quantityField('法定节假日加班天数', 13, '天'),
    city: z
      .enum(CITY_CODES, { error: '城市代码不是广东省的地级市' })
      .optional()
      .meta({ description: '城市代码，用于提示当地最低工资标准' }),
  })
  .strict()
  .meta({ id: 'OvertimePayInput' });
export type OvertimePayInput = z.input<typeof OvertimePayInput>;

// ---------------------------------------------------------------------------------------------------------
// Outputs: money as decimal strings (exact to the fen).

const Yuan = z.string().meta({ description: '金额（元），两位小数的字符串', example: '585.00' });
const Rate = z.number().int().meta({ description: '税率（%）', example: 10 });

export const WageTaxRow = z.object({
  month: z.number().int(),
  gross: Yuan,
  socialInsurance: Yuan,
  specialDeductions: Yuan,
  otherDeductions: Yuan,
  cumulativeIncome: Yuan,
  cumulativeBasicDeduction: Yuan,
  cumulativeSocialInsurance: Yuan,
  cumulativeSpecialDeductions: Yuan,
  cumulativeOtherDeductions: Yuan,
  cumulativeDeductions: Yuan,
  cumulativeTaxable: Yuan,
  ratePercent: Rate,
  quickDeduction: Yuan,
  cumulativeTax: Yuan,
  previouslyWithheld: Yuan,
  tax: Yuan,
  net: Yuan,
});

export const WageTaxResult = z
  .object({
    months: z.array(WageTaxRow),
    totals: z.object({
      gross: Yuan,
      socialInsurance: Yuan,
      specialDeductions: Yuan,
      otherDeductions: Yuan,
      tax: Yuan,
      net: Yuan,
    }),
    finalCumulativeTax: Yuan,
    overWithheld: Yuan,
  })
  .meta({ id: 'WageTaxResult' });
export type WageTaxResult = z.infer<typeof WageTaxResult>;

export const AnnualBonusResult = z
  .object({
    separate: z.object({
      monthlyAverage: Yuan,
      ratePercent: Rate,
      quickDeduction: Yuan,
      bonusTax: Yuan,
      wagesTax: Yuan,
      totalTax: Yuan,
    }),
    merged: z.object({ taxable: Yuan, ratePercent: Rate, quickDeduction: Yuan, totalTax: Yuan }),
    better: z.enum(['separate', 'merged', 'same']),
    saving: Yuan,
  })
  .meta({ id: 'AnnualBonusResult' });
export type AnnualBonusResult = z.infer<typeof AnnualBonusResult>;

export const LabourRemunerationResult = z
  .object({
    amount: Yuan,
    expenseDeduction: Yuan,
    taxable: Yuan,
    ratePercent: Rate,
    quickDeduction: Yuan,
    tax: Yuan,
    net: Yuan,
  })
  .meta({ id: 'LabourRemunerationResult' });
export type LabourRemunerationResult = z.infer<typeof LabourRemunerationResult>;

export const RoyaltiesResult = z
  .object({
    amount: Yuan,
    expenseDeduction: Yuan,
    incomeBeforeReduction: Yuan,
    taxable: Yuan,
    ratePercent: Rate,
    tax: Yuan,
    net: Yuan,
  })
  .meta({ id: 'RoyaltiesResult' });
export type RoyaltiesResult = z.infer<typeof RoyaltiesResult>;

export const AnnualSettlementResult = z
  .object({
    grossIncome: Yuan,
    wagesIncome: Yuan,
    labourIncome: Yuan,
    royaltiesIncome: Yuan,
    franchiseIncome: Yuan,
    totalIncome: Yuan,
    basicDeduction: Yuan,
    totalDeductions: Yuan,
    taxable: Yuan,
    ratePercent: Rate,
    quickDeduction: Yuan,
    tax: Yuan,
    prepaid: Yuan,
    balance: Yuan.meta({ description: '正数为应补税额，负数为应退税额' }),
    outcome: z.enum(['pay', 'refund', 'none']),
    paymentExempt: z.boolean().meta({ description: '补税可免于办理（收入不超过12万元或补税不超过400元）' }),
  })
  .meta({ id: 'AnnualSettlementResult' });
export type AnnualSettlementResult = z.infer<typeof AnnualSettlementResult>;

export const OvertimePayResult = z
  .object({
    dailyWage: Yuan,
    hourlyWage: Yuan,
    items: z.array(
      z.object({
        kind: z.enum(['workday', 'restDay', 'holiday']),
        ratePercent: Rate,
        unit: z.enum(['hour', 'day']),
        quantity: z.string().meta({ example: '1.5' }),
        amount: Yuan,
      }),
    ),
    total: Yuan,
    warnings: z.array(z.enum(['above-monthly-limit', 'below-minimum-wage'])),
    minimumWage: Yuan.nullable(),
  })
  .meta({ id: 'OvertimePayResult' });
export type OvertimePayResult = z.infer<typeof OvertimePayResult>;
