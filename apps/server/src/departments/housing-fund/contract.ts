import { findCity } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import {
  CityCode,
  Day,
  IdNumber,
  Month,
  Phone,
  periodRule,
  Timestamp,
  Unit,
  Yuan,
} from '../social-insurance/shared-schemas.js';
import { parseBankCard } from './bank-card.js';

/**
 * 住房公积金 (各地市住房公积金管理中心) connector contract: the fund account at a city's centre (A5 link, B5
 * 缴存信息: account number, balance, monthly deposit), deposits month by month, withdrawals, and 再次提取 (B6)
 * online. One department system stands for the province's connected centres: every operation names the
 * city (the city the citizen chose, A6), and the centres of 东莞, 惠州 and 揭阳 are not connected — for them
 * every operation answers `{ connected: false }` with the guide's wording and no records exist.
 *
 * 再次提取 is a write that the centre itself accepts or refuses, so the department enforces its rules and
 * answers a refusal as data in the guide's words: "手机号码不正确" (the phone bound to the fund account, not
 * the profile phone), "存在未办结服务不能提取" (a withdrawal started through another channel is unfinished),
 * and the counter rules (广州/深圳: first withdrawal at the counter; other cities: counter only).
 */

export const MAX_DEPOSIT_MONTHS = 36;
/** A5: the centres not connected to the platform. */
export const NOT_CONNECTED_CITIES = ['441900', '441300', '445200'] as const;
/** B6: where 再次提取 can be done online (after a first withdrawal at the counter). */
export const ONLINE_WITHDRAWAL_CITIES = ['440100', '440300'] as const;

export const NOT_CONNECTED_MESSAGE = '公积金服务已支持全省（除东莞、惠州、揭阳）关联查询办理，该市暂不支持';

export const HOUSING_ACCOUNT_STATUS_NAMES = { normal: '正常', sealed: '封存' } as const;
export const WITHDRAWAL_REASONS = ['rent', 'house-purchase', 'loan-repayment'] as const;
/** B6: the 提取事项 that can be applied for online (购房提取 needs the purchase papers at the counter). */
export const ONLINE_WITHDRAWAL_REASONS = ['rent', 'loan-repayment'] as const;
/** The sandbox centre's back office decides an online application this long after it arrives. */
export const DECISION_DELAY_MS = 60_000;
export const WITHDRAWAL_REASON_NAMES = {
  rent: '租房提取',
  'house-purchase': '购房提取',
  'loan-repayment': '偿还住房贷款提取',
} as const;
export const WITHDRAWAL_STATUS_NAMES = { completed: '已办结', 'in-progress': '办理中', rejected: '不予受理' } as const;
export const WITHDRAWAL_CHANNEL_NAMES = { counter: '柜台', online: '网上服务大厅', yueshengshi: '粤省事' } as const;

export function centreName(cityCode: string): string {
  return `${findCity(cityCode)?.name ?? ''}市住房公积金管理中心`;
}

const NotConnected = z.object({ connected: z.literal(false), cityCode: CityCode, message: z.string() });

export const HousingFundAccount = z
  .object({
    /** 个人公积金账号. */
    accountNumber: z.string().regex(/^\d{14}$/),
    cityCode: CityCode,
    centreName: z.string(),
    status: z.enum(['normal', 'sealed']).meta({ description: '账户状态：正常 / 封存' }),
    balance: Yuan,
    /** 缴存基数 (yuan) and rates (percent, 5–12 each side) of the last deposit. */
    depositBase: Yuan,
    employeeRate: z.number(),
    employerRate: z.number(),
    /** 月缴存额: the last month's deposit, personal + unit. */
    monthlyDeposit: z.object({ employee: Yuan, employer: Yuan, total: Yuan }),
    /** 缴存单位 of the last deposit. */
    unit: Unit,
    openedOn: Day,
    /** 缴至年月. */
    lastDepositMonth: Month,
    /** The phone bound to the fund account, masked (138****8000); null when none is bound. */
    boundPhoneMasked: z.string().nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'HousingFundAccount', description: '公积金缴存信息' });
export type HousingFundAccount = z.infer<typeof HousingFundAccount>;

export const DepositMonth = z
  .object({
    month: Month,
    unit: Unit,
    base: Yuan,
    employeeRate: z.number(),
    employerRate: z.number(),
    employeeAmount: Yuan,
    employerAmount: Yuan,
    total: Yuan,
    /** 月末余额 after this month's deposit and the withdrawals completed up to then. */
    balance: Yuan,
  })
  .meta({ id: 'HousingFundDepositMonth', description: '公积金缴存明细（月）' });
export type DepositMonth = z.infer<typeof DepositMonth>;

export const Withdrawal = z
  .object({
    applicationNumber: z.string(),
    reason: z.enum(WITHDRAWAL_REASONS),
    amount: Yuan,
    status: z.enum(['completed', 'in-progress', 'rejected']),
    channel: z.enum(['counter', 'online', 'yueshengshi']),
    appliedAt: Timestamp,
    completedOn: Day.nullable(),
    /** The card the withdrawal is paid to, masked (************1234); null where the channel kept none. */
    bankName: z.string().nullable().optional(),
    bankCardMasked: z.string().nullable().optional(),
    /** Why the centre refused it (不予受理), in its words. */
    refusalNote: z.string().nullable().optional(),
  })
  .meta({ id: 'HousingFundWithdrawal', description: '公积金提取记录' });
export type Withdrawal = z.infer<typeof Withdrawal>;

const CityInput = z.object({ idNumber: IdNumber, cityCode: CityCode });

export const DepositsInput = z
  .object({ idNumber: IdNumber, cityCode: CityCode, from: Month, to: Month })
  .superRefine(periodRule(MAX_DEPOSIT_MONTHS));

export const RewithdrawalInput = z.object({
  idNumber: IdNumber,
  cityCode: CityCode,
  /** The phone the applicant gives (the platform sends the profile phone); compared with the bound one. */
  phone: Phone,
  reason: z.enum(ONLINE_WITHDRAWAL_REASONS, { message: '请选择提取事项' }),
  amount: Yuan.refine((v) => v > 0, '提取金额应大于0').refine((v) => v <= 1_000_000, '单次提取金额不能超过100万元'),
  /** The platform's id of this application: a retry with the same id is answered with the same application. */
  requestId: z.string().min(8).max(64),
  /** 收款银行卡: the applicant's own debit card the centre pays into. */
  bankCard: z.object({
    bankName: z.string().trim().min(2, '请选择收款银行').max(30),
    cardNumber: z.string().superRefine((v, ctx) => {
      const parsed = parseBankCard(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
  }),
});

/** The person's side of 再次提取 before applying: what the centre would decide, and within which limits. */
export const RewithdrawalConditions = z
  .object({
    accountNumber: z.string(),
    accountStatus: z.enum(['normal', 'sealed']),
    /** 可提取金额: at most the balance. */
    maxAmount: Yuan,
    boundPhoneMasked: z.string().nullable(),
    reasons: z.array(z.object({ code: z.enum(ONLINE_WITHDRAWAL_REASONS), name: z.string() })),
    /** What the centre answers an application now (null: nothing stands in the way). */
    refusal: z.object({ reason: z.string(), message: z.string() }).nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'HousingFundRewithdrawalConditions', description: '公积金再次提取条件' });
export type RewithdrawalConditions = z.infer<typeof RewithdrawalConditions>;

export const LOAN_METHOD_NAMES = { 'equal-installment': '等额本息', 'equal-principal': '等额本金' } as const;
export const LOAN_STATUS_NAMES = { repaying: '还款中', overdue: '逾期', settled: '已结清' } as const;

export const HousingFundLoan = z
  .object({
    /** 借款合同号. */
    contractNumber: z.string(),
    cityCode: CityCode,
    centreName: z.string(),
    principal: Yuan.meta({ description: '贷款金额（元）' }),
    termMonths: z.number().int().meta({ description: '贷款期限（月）' }),
    annualRate: z.number().meta({ description: '年利率（%）' }),
    repaymentMethod: z.enum(['equal-installment', 'equal-principal']),
    lendingBank: z.string().meta({ description: '受托银行' }),
    firstRepaymentMonth: Month,
    lastRepaymentMonth: Month,
    status: z.enum(['repaying', 'overdue', 'settled']),
    repaidPeriods: z.number().int(),
    remainingPeriods: z.number().int(),
    /** 剩余本金 after the repaid periods. */
    remainingPrincipal: Yuan,
    /** The next month's instalment (principal + interest); null when settled. */
    nextRepayment: z.object({ dueOn: Day, principal: Yuan, interest: Yuan, total: Yuan }).nullable(),
    overduePeriods: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'HousingFundLoan', description: '公积金贷款信息' });
export type HousingFundLoan = z.infer<typeof HousingFundLoan>;

export const REFUSAL_REASONS = [
  'not-connected',
  'no-account',
  'phone-mismatch',
  'unfinished-service',
  'counter-only',
  'first-withdrawal-at-counter',
  'account-sealed',
  'amount-exceeds-balance',
] as const;

export const RewithdrawalResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), withdrawal: Withdrawal }),
  z.object({ outcome: z.literal('refused'), reason: z.enum(REFUSAL_REASONS), message: z.string() }),
]);
export type RewithdrawalResult = z.infer<typeof RewithdrawalResult>;

export const housingFundSpec = defineDepartment({
  id: 'housing-fund',
  name: '广东省各地市住房公积金管理中心',
  catalogDepartmentIds: ['housing-fund-centres'],
  operations: {
    accounts: {
      summary: '公积金账户列表: the accounts of a person at the connected centres (A5: which city to switch to)',
      input: z.object({ idNumber: IdNumber }),
      output: z.object({
        accounts: z.array(
          z.object({
            cityCode: CityCode,
            centreName: z.string(),
            accountNumber: z.string(),
            status: z.enum(['normal', 'sealed']),
          }),
        ),
      }),
      idempotent: true,
    },
    account: {
      summary: '缴存信息: the account at a city’s centre, or null; not connected for 东莞、惠州、揭阳',
      input: CityInput,
      output: z.discriminatedUnion('connected', [
        NotConnected,
        z.object({ connected: z.literal(true), account: HousingFundAccount.nullable() }),
      ]),
      idempotent: true,
    },
    deposits: {
      summary: '缴存明细: deposits month by month with the month-end balance, at most 36 months per call',
      input: DepositsInput,
      output: z.discriminatedUnion('connected', [
        NotConnected,
        z.object({
          connected: z.literal(true),
          statement: z
            .object({
              accountNumber: z.string(),
              from: Month,
              to: Month,
              months: z.array(DepositMonth),
              totals: z.object({ employee: Yuan, employer: Yuan, total: Yuan }),
              updatedAt: Timestamp,
            })
            .nullable(),
        }),
      ]),
      idempotent: true,
    },
    withdrawals: {
      summary: '提取记录: withdrawals of the account, and whether one is unfinished (存在未办结服务)',
      input: CityInput,
      output: z.discriminatedUnion('connected', [
        NotConnected,
        z.object({
          connected: z.literal(true),
          history: z
            .object({ withdrawals: z.array(Withdrawal), unfinished: z.boolean(), updatedAt: Timestamp })
            .nullable(),
        }),
      ]),
      idempotent: true,
    },
    rewithdrawalConditions: {
      summary: '再次提取条件: the account, 可提取金额, the 提取事项, and what the centre would answer now',
      input: CityInput.extend({ phone: Phone }),
      output: z.discriminatedUnion('connected', [
        NotConnected,
        z.object({ connected: z.literal(true), conditions: RewithdrawalConditions.nullable() }),
      ]),
      idempotent: true,
    },
    withdrawal: {
      summary: '提取进度: one application by its number (the centre decides an online one: 已办结 or 不予受理)',
      input: CityInput.extend({ applicationNumber: z.string().regex(/^\d{8,20}$/) }),
      output: z.object({ withdrawal: Withdrawal.nullable() }),
      idempotent: true,
    },
    loan: {
      summary:
        '公积金贷款: the loan at a city’s centre (the latest contract), or null; not connected for 东莞、惠州、揭阳',
      input: CityInput,
      output: z.discriminatedUnion('connected', [
        NotConnected,
        z.object({ connected: z.literal(true), loan: HousingFundLoan.nullable() }),
      ]),
      idempotent: true,
    },
    applyRewithdrawal: {
      summary:
        '再次提取: apply online (广州、深圳, after a first withdrawal at the counter); same requestId, same answer',
      input: RewithdrawalInput,
      output: RewithdrawalResult,
      idempotent: false,
    },
  },
});
export type HousingFundSpec = typeof housingFundSpec;
