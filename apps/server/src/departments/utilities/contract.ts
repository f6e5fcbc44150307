import { CITY_CODES, parseResidentId } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { COMPANY_IDS, companyById, UTILITY_KINDS } from './companies.js';

/**
 * 生活缴费: the gas, power and water companies' billing systems as one connector contract. Amounts are yuan
 * as numbers with two decimals (the systems keep integer fen). Accounts are found by the company and the
 * account number (户号); binding one to a person also needs the holder's name (户主姓名). Bills can be read
 * and paid by anyone who has the account number (the guide's 替他人缴费), so they show the holder's name and
 * address masked only.
 */

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式有误，应为YYYY-MM');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const IsoDateTime = z.string().meta({ description: 'ISO 8601，北京时间' });
const Yuan = z.number().meta({ description: '金额（元，两位小数）' });

const CompanyField = z.enum(COMPANY_IDS, '缴费单位无效');
const AccountNumberField = z
  .string()
  .trim()
  .regex(/^\d{8,13}$/, '户号格式有误，请输入8至13位数字')
  .meta({ description: '户号' });

/** The account number must have the company's own format. */
function companyFormat(value: { companyId: string; accountNumber: string }, ctx: z.RefinementCtx) {
  const company = companyById(value.companyId);
  if (company && !company.accountPattern.test(value.accountNumber)) {
    ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: `户号格式有误，应为${company.accountFormat}` });
  }
}

export const TariffTierInfo = z.object({
  tier: z.number().int(),
  /** Upper bound of the tier (units per month, or per year), null for the last tier. */
  upTo: z.number().int().nullable(),
  unitPrice: Yuan,
});

export const CompanyInfo = z
  .object({
    id: z.enum(COMPANY_IDS),
    name: z.string(),
    utility: z.enum(UTILITY_KINDS),
    /** 燃气 / 电力 / 水务 */
    utilityName: z.string(),
    cityCodes: z.array(z.enum(CITY_CODES)),
    accountFormat: z.string(),
    hotline: z.string().nullable(),
    unit: z.string(),
    tariff: z.object({
      /** Tiers count the use of a month, or of the calendar year. */
      period: z.enum(['month', 'year']),
      note: z.string(),
      /** Tiers by month of the year (power's summer and winter tiers differ). */
      seasons: z.array(z.object({ months: z.array(z.number().int()), tiers: z.array(TariffTierInfo) })),
    }),
  })
  .meta({ id: 'UtilityCompany', description: '缴费单位及价格' });

export const UtilityAccount = z
  .object({
    accountNumber: z.string(),
    companyId: z.enum(COMPANY_IDS),
    companyName: z.string(),
    utility: z.enum(UTILITY_KINDS),
    utilityName: z.string(),
    cityCode: z.enum(CITY_CODES),
    /** 户主 */
    holderName: z.string(),
    /** 用户地址: the household's residence address */
    address: z.string(),
    openedOn: IsoDate,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'UtilityAccount', description: '缴费户号' });

export const Bill = z
  .object({
    period: Month,
    previousReading: z.number().int(),
    currentReading: z.number().int(),
    consumption: z.number().int(),
    /** kWh or m³ */
    unit: z.string(),
    charges: z.array(z.object({ tier: z.number().int(), quantity: z.number().int(), unitPrice: Yuan, amount: Yuan })),
    amount: Yuan,
    issuedOn: IsoDate,
    dueOn: IsoDate,
    status: z.enum(['paid', 'unpaid']),
    /** 已缴费 / 待缴费 */
    statusName: z.string(),
    paidAt: IsoDateTime.nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'UtilityBill', description: '月度账单' });

export const BillsInput = z
  .object({ companyId: CompanyField, accountNumber: AccountNumberField, from: Month.optional(), to: Month.optional() })
  .superRefine(companyFormat)
  .superRefine((value, ctx) => {
    if (value.from && value.to) {
      if (value.from > value.to) ctx.addIssue({ code: 'custom', path: ['from'], message: '起始月份不能晚于结束月份' });
      const span =
        (Number(value.to.slice(0, 4)) - Number(value.from.slice(0, 4))) * 12 +
        Number(value.to.slice(5)) -
        Number(value.from.slice(5));
      if (span >= 24) ctx.addIssue({ code: 'custom', path: ['from'], message: '查询范围不能超过24个月' });
    }
  })
  .meta({ id: 'UtilityBillsInput' });

export const PayBillInput = z
  .object({
    companyId: CompanyField,
    accountNumber: AccountNumberField,
    period: Month,
    amount: z
      .number()
      .positive('缴费金额须大于0')
      .max(1_000_000, '缴费金额过大')
      .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, '缴费金额最多两位小数'),
  })
  .superRefine(companyFormat)
  .meta({ id: 'UtilityPayBillInput' });

export const PaymentOutcome = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('paid'), paymentReference: z.string(), paidAt: IsoDateTime, amount: Yuan }),
    z.object({ outcome: z.literal('already-paid'), paidAt: IsoDateTime }),
    z.object({ outcome: z.literal('amount-mismatch'), amountDue: Yuan }),
    z.object({ outcome: z.literal('not-found') }),
  ])
  .meta({ id: 'UtilityPaymentOutcome', description: '缴费结果' });

export const Interruption = z
  .object({
    id: z.string(),
    district: z.string(),
    /** 停气/停电范围 */
    area: z.string(),
    reason: z.string(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    status: z.enum(['planned', 'ongoing', 'finished']),
    statusName: z.string(),
  })
  .meta({ id: 'UtilityInterruption', description: '停气/停电通知' });

export const MeterReadingCheck = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('accepted'), lastReading: z.number().int(), lastReadOn: IsoDate }),
    z.object({ outcome: z.literal('below-last'), lastReading: z.number().int(), lastReadOn: IsoDate }),
    z.object({ outcome: z.literal('not-found') }),
  ])
  .meta({ id: 'UtilityMeterReadingCheck', description: '自报读数核对' });

export const utilitiesSpec = defineDepartment({
  id: 'utilities',
  name: '生活缴费单位（燃气、供电、供水）',
  catalogDepartmentIds: ['guangzhou-gas', 'csg-guangdong-power', 'yangjiang-water'],
  operations: {
    companies: {
      summary: '缴费单位: the companies serving a city (or all), with account format and prices',
      input: z.object({ cityCode: z.enum(CITY_CODES, '城市代码无效').optional() }),
      output: z.object({ companies: z.array(CompanyInfo) }),
      idempotent: true,
    },
    findAccount: {
      summary: '户号绑定: the account of a number when the holder name matches, else null',
      input: z
        .object({
          companyId: CompanyField,
          accountNumber: AccountNumberField,
          holderName: z.string().trim().min(1, '请输入户主姓名').max(60, '户主姓名过长'),
        })
        .superRefine(companyFormat),
      output: z.object({ account: UtilityAccount.nullable() }),
      idempotent: true,
    },
    accountsOfHolder: {
      summary: '我的户号: the accounts held in a person’s name',
      input: z.object({
        idNumber: z
          .string()
          .trim()
          .toUpperCase()
          .superRefine((v, ctx) => {
            const parsed = parseResidentId(v);
            if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
          }),
      }),
      output: z.object({ accounts: z.array(UtilityAccount) }),
      idempotent: true,
    },
    bills: {
      summary: '账单查询: monthly bills of an account (newest first), holder masked; account null when unknown',
      input: BillsInput,
      output: z.object({
        account: z
          .object({
            accountNumber: z.string(),
            companyId: z.enum(COMPANY_IDS),
            companyName: z.string(),
            utility: z.enum(UTILITY_KINDS),
            /** *伟 */
            holderNameMasked: z.string(),
            /** The address up to the district, the rest hidden. */
            addressMasked: z.string(),
          })
          .nullable(),
        bills: z.array(Bill),
        /** Sum of the unpaid bills (应缴金额). */
        amountDue: Yuan,
      }),
      idempotent: true,
    },
    payBill: {
      summary: '缴费: pay one month’s bill for its exact amount (never retried: a write)',
      input: PayBillInput,
      output: PaymentOutcome,
      idempotent: false,
    },
    checkMeterReading: {
      summary: '自报读数核对: whether a self-read reading is not below the account’s last meter reading',
      input: z
        .object({
          companyId: CompanyField,
          accountNumber: AccountNumberField,
          reading: z.number().int('读数须为整数').min(0, '读数不能为负数').max(99_999, '读数超出燃气表量程'),
        })
        .superRefine(companyFormat),
      output: MeterReadingCheck,
      idempotent: true,
    },
    gasInterruptions: {
      summary: '停气查询 (广州燃气): planned interruptions from a week back to a week ahead, by district or all',
      input: z.object({ district: z.string().trim().max(10, '区名过长').optional() }),
      output: z.object({ districts: z.array(z.string()), interruptions: z.array(Interruption) }),
      idempotent: true,
    },
    powerInterruptions: {
      summary: '停电通知 (广东电网): the interruptions of an account’s district; account null when unknown',
      input: z.object({ companyId: CompanyField, accountNumber: AccountNumberField }).superRefine(companyFormat),
      output: z.object({
        account: z.object({ accountNumber: z.string(), district: z.string(), addressMasked: z.string() }).nullable(),
        interruptions: z.array(Interruption),
      }),
      idempotent: true,
    },
  },
});
export type UtilitiesSpec = typeof utilitiesSpec;
