import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { CityCode, IdNumber, Month, periodRule, Timestamp, Yuan } from '../social-insurance/shared-schemas.js';

/**
 * 医疗保障 (广东省医疗保障局) connector contract: the medical-insurance account of an insured person with its
 * personal-account balance and transactions (B3), and 开通医保支付 (B1, activation of payment by the
 * medical-insurance QR code).
 *
 * Who enforces the per-city rules: the department returns its data for every city (every insured person
 * has an account where they are insured, with its balance); the PLATFORM applies the guide's rules before
 * showing it: B3 balance only in 广州 (after activation), 肇庆, 潮州, 清远 — BALANCE_QUERY_CITIES. The
 * activation is a write, so the department itself refuses it outside 广州 and 深圳 (its payment service
 * exists only there), and the platform checks the same list first for a clear page.
 */

export const MAX_TRANSACTION_MONTHS = 12;

/** B3: where the balance may be shown (广州 only once payment is activated). */
export const BALANCE_QUERY_CITIES = ['440100', '441200', '445100', '441800'] as const;
/** B1: where 开通医保支付 is offered. */
export const PAYMENT_ACTIVATION_CITIES = ['440100', '440300'] as const;

export const MEDICAL_SCHEMES = ['employee', 'resident'] as const;
export const MEDICAL_SCHEME_NAMES = { employee: '职工基本医疗保险', resident: '城乡居民基本医疗保险' } as const;
export const MEDICAL_ACCOUNT_STATUSES = ['active', 'suspended', 'terminated'] as const;
export const MEDICAL_ACCOUNT_STATUS_NAMES = {
  active: '参保中',
  suspended: '暂停参保',
  terminated: '终止参保',
} as const;
export const TRANSACTION_KINDS = ['credit', 'pharmacy', 'outpatient', 'inpatient'] as const;
export const TRANSACTION_KIND_NAMES = {
  credit: '个人账户划入',
  pharmacy: '药店购药',
  outpatient: '门诊消费',
  inpatient: '住院个人自付',
} as const;

export const PaymentActivation = z
  .object({
    activated: z.boolean(),
    /** When 开通医保支付 was done; null when not activated. */
    activatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'MedicalPaymentActivation', description: '医保支付开通状态' });

export const MedicalAccount = z
  .object({
    idNumber: z.string(),
    name: z.string(),
    scheme: z.enum(MEDICAL_SCHEMES).meta({ description: '险种（见 MEDICAL_SCHEME_NAMES）' }),
    status: z.enum(MEDICAL_ACCOUNT_STATUSES).meta({ description: '参保状态（见 MEDICAL_ACCOUNT_STATUS_NAMES）' }),
    /** 参保地. */
    insuredCityCode: CityCode,
    /**
     * 个人账户余额 (yuan); null for the resident scheme, which has no personal account. Given for every
     * city: whether a page may show it is the platform's rule (B3).
     */
    balance: Yuan.nullable(),
    paymentActivation: PaymentActivation,
    updatedAt: Timestamp,
  })
  .meta({ id: 'MedicalAccount', description: '医保账户' });
export type MedicalAccount = z.infer<typeof MedicalAccount>;

export const MedicalTransaction = z
  .object({
    occurredAt: Timestamp,
    kind: z.enum(TRANSACTION_KINDS).meta({ description: '类型（见 TRANSACTION_KIND_NAMES）' }),
    description: z.string(),
    /** Pharmacy or hospital; null for credits. */
    place: z.string().nullable(),
    /** Signed: credits positive, payments negative. */
    amount: Yuan,
    balanceAfter: Yuan,
  })
  .meta({ id: 'MedicalTransaction', description: '个人账户收支明细' });
export type MedicalTransaction = z.infer<typeof MedicalTransaction>;

export const TransactionsInput = z
  .object({ idNumber: IdNumber, from: Month, to: Month })
  .superRefine(periodRule(MAX_TRANSACTION_MONTHS));

export const ActivationResult = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('activated'),
    activatedAt: Timestamp,
    /** true when it was already activated (nothing changed). */
    alreadyActivated: z.boolean(),
  }),
  z.object({
    outcome: z.literal('refused'),
    reason: z.enum(['no-account', 'city-not-supported', 'terminated']),
    message: z.string(),
  }),
]);
export type ActivationResult = z.infer<typeof ActivationResult>;

const IdInput = z.object({ idNumber: IdNumber });

export const medicalInsuranceSpec = defineDepartment({
  id: 'medical-insurance',
  name: '广东省医疗保障局',
  catalogDepartmentIds: ['gd-medical-security'],
  operations: {
    account: {
      summary: '医保账户: scheme, status, city, personal-account balance and payment activation, or null',
      input: IdInput,
      output: z.object({ account: MedicalAccount.nullable() }),
      idempotent: true,
    },
    transactions: {
      summary: '个人账户明细: credits and payments, at most 12 months per call; null without a personal account',
      input: TransactionsInput,
      output: z.object({
        statement: z
          .object({
            idNumber: z.string(),
            from: Month,
            to: Month,
            /** Oldest first. */
            transactions: z.array(MedicalTransaction),
            updatedAt: Timestamp,
          })
          .nullable(),
      }),
      idempotent: true,
    },
    activatePayment: {
      summary: '开通医保支付 (广州、深圳 only)',
      input: IdInput,
      output: ActivationResult,
      idempotent: false,
    },
  },
});
export type MedicalInsuranceSpec = typeof medicalInsuranceSpec;

/** The guide's B3 answer, for the platform's page. */
export const BALANCE_NOT_OFFERED_NOTICE = '目前暂支持广州（需开通医保支付）、肇庆、潮州、清远地区医保账户余额查询。';
