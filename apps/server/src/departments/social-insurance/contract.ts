import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { INSURED_STATUSES, PENSION_SCHEMES } from './profile.js';
import { INSURANCE_TYPES } from './rates.js';
import { CityCode, Day, IdNumber, Month, periodRule, Timestamp, Unit, Yuan } from './shared-schemas.js';

/**
 * 社会保险 (人社 / 社会保险经办机构) connector contract: the insured person, monthly contribution details of
 * the five insurances (B2), the social-security card (A4: only second-generation cards can be linked), and
 * 养老资格认证 (pension eligibility certification, for oneself or for another person, E4).
 *
 * Every read is keyed by the ID number the citizen proved and answers `null` for "no record" (never an
 * error). The department returns its data as it is; the platform applies the guide's rules: B4 (people
 * insured as Hong Kong or Macau residents: `hkMacauResident` is set and the platform refuses its 社保
 * services with the guide's explanation) and A4 (`generation` 1 cannot be linked; `issuingCityCode` lets
 * it advise the city switch).
 */

export const MAX_CONTRIBUTION_MONTHS = 36;

export const PENSION_SCHEME_NAMES = {
  enterprise: '企业职工基本养老保险',
  institution: '机关事业单位工作人员基本养老保险',
  resident: '城乡居民基本养老保险',
} as const;

export const INSURED_STATUS_NAMES = {
  contributing: '参保缴费',
  suspended: '暂停缴费',
  retired: '退休（领取待遇）',
  terminated: '终止参保',
} as const;

export const CARD_STATUS_NAMES = { normal: '正常', lost: '挂失', cancelled: '注销' } as const;

export const InsuredPerson = z
  .object({
    idNumber: z.string(),
    name: z.string(),
    /**
     * 社会保障号码: the ID number for mainland residents; for people insured as Hong Kong or Macau residents,
     * a number the 人社 department generated (not their ID), which is why B4 excludes them.
     */
    socialSecurityNumber: z.string().min(1),
    hkMacauResident: z.enum(['hong-kong', 'macau']).nullable().meta({ description: '港澳居民在内地参保（B4）' }),
    scheme: z.enum(PENSION_SCHEMES).meta({ description: '养老保险类型（见 PENSION_SCHEME_NAMES）' }),
    status: z.enum(INSURED_STATUSES).meta({ description: '参保状态（见 INSURED_STATUS_NAMES）' }),
    /** 参保地: where contributions are (or were last) paid. */
    insuredCityCode: CityCode,
    /** 首次参保年月 of the monthly records; null when there are none (resident scheme, deemed years only). */
    firstInsuredMonth: Month.nullable(),
    lastContributionMonth: Month.nullable(),
    /** 实际缴费月数 (recorded months). */
    contributionMonths: z.number().int().min(0),
    /** 视同缴费月数: months worked before the monthly records began (1998-01). */
    deemedMonths: z.number().int().min(0),
    /** 当前参保单位, while contributing. */
    currentUnit: Unit.nullable(),
    /** 养老待遇: monthly pension and first month, for people drawing one. */
    pension: z.object({ monthlyAmount: Yuan, since: Month }).nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'InsuredPerson', description: '参保人员信息' });
export type InsuredPerson = z.infer<typeof InsuredPerson>;

export const ContributionItem = z
  .object({
    type: z.enum(INSURANCE_TYPES).meta({ description: '险种：养老、医疗、失业、工伤、生育' }),
    /** Percent, e.g. 8 or 0.48. */
    employeeRate: z.number().min(0),
    employerRate: z.number().min(0),
    employeeAmount: Yuan,
    employerAmount: Yuan,
  })
  .meta({ id: 'ContributionItem' });

export const ContributionMonth = z
  .object({
    month: Month,
    cityCode: CityCode,
    unit: Unit,
    /** 缴费基数 (yuan). */
    base: Yuan,
    items: z.array(ContributionItem),
    employeeTotal: Yuan,
    employerTotal: Yuan,
  })
  .meta({ id: 'ContributionMonth', description: '一个月的缴费明细' });
export type ContributionMonth = z.infer<typeof ContributionMonth>;

export const ContributionStatement = z
  .object({
    idNumber: z.string(),
    socialSecurityNumber: z.string(),
    from: Month,
    to: Month,
    /** Months with a contribution, oldest first; months without one (gaps, before or after) are absent. */
    months: z.array(ContributionMonth),
    totals: z.object({ employee: Yuan, employer: Yuan }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'ContributionStatement', description: '社保缴费明细' });
export type ContributionStatement = z.infer<typeof ContributionStatement>;

export const SocialSecurityCard = z
  .object({
    /** 社保卡卡号 (9 characters); pages mask it with maskCardNumber. */
    cardNumber: z.string().regex(/^[A-Z]\d{8}$/),
    /** 1 = first generation (no bank function); 2 = second generation (UnionPay logo, can be linked: A4). */
    generation: z.union([z.literal(1), z.literal(2)]),
    /** The bank of the card's financial account (second generation), else null. */
    bankName: z.string().nullable(),
    /** 金融账号, masked by the department: 6222 **** **** 1234. */
    bankAccountMasked: z.string().nullable(),
    issuingCityCode: CityCode,
    issuedOn: Day,
    status: z.enum(['normal', 'lost', 'cancelled']).meta({ description: '卡状态（见 CARD_STATUS_NAMES）' }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'SocialSecurityCard', description: '社会保障卡' });
export type SocialSecurityCard = z.infer<typeof SocialSecurityCard>;

export const PensionCertification = z
  .object({
    scheme: z.enum(PENSION_SCHEMES),
    pensionSince: Month,
    /** The last 养老资格认证, or null when never certified. */
    lastCertifiedOn: Day.nullable(),
    /** Who did it: the pensioner (self) or another person for them (agent, 为他人办理). */
    lastCertifiedBy: z.enum(['self', 'agent']).nullable(),
    /** Last day of the 12 months a certification lasts. */
    validUntil: Day.nullable(),
    /** valid: certified within 12 months; expired: the pension is suspended until the next certification. */
    status: z.enum(['valid', 'expired']),
    updatedAt: Timestamp,
  })
  .meta({ id: 'PensionCertification', description: '养老资格认证状态' });
export type PensionCertification = z.infer<typeof PensionCertification>;

const IdInput = z.object({ idNumber: IdNumber });

export const ContributionsInput = z
  .object({ idNumber: IdNumber, from: Month, to: Month })
  .superRefine(periodRule(MAX_CONTRIBUTION_MONTHS));

export const CertifyInput = z.object({
  idNumber: IdNumber,
  /** The person acting for the pensioner (为他人办理), checked by the platform's delegation rules; null = self. */
  agentIdNumber: IdNumber.nullable().default(null),
});

export const CertifyResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('certified'), certification: PensionCertification }),
  z.object({
    outcome: z.literal('refused'),
    reason: z.enum(['not-pensioner', 'terminated']),
    message: z.string(),
  }),
]);
export type CertifyResult = z.infer<typeof CertifyResult>;

export const socialInsuranceSpec = defineDepartment({
  id: 'social-insurance',
  name: '广东省人力资源和社会保障厅',
  catalogDepartmentIds: ['gd-hrss', 'shebao-agencies'],
  operations: {
    insuredPerson: {
      summary: '参保信息: the insured person of an ID number, or null',
      input: IdInput,
      output: z.object({ person: InsuredPerson.nullable() }),
      idempotent: true,
    },
    contributions: {
      summary:
        '缴费明细: monthly contributions of the five insurances, at most 36 months per call, with the 参保信息 they belong to',
      input: ContributionsInput,
      // The insured person comes with the statement, as a 缴费明细 printout carries its 参保信息 header: the
      // platform needs both (the 港澳 rule) and one call is one round trip to the department.
      output: z.object({ person: InsuredPerson.nullable(), statement: ContributionStatement.nullable() }),
      idempotent: true,
    },
    card: {
      summary: '社保卡: the current social-security card, or null',
      input: IdInput,
      output: z.object({ card: SocialSecurityCard.nullable() }),
      idempotent: true,
    },
    pensionCertification: {
      summary: '养老资格认证状态: for people drawing a pension, else null',
      input: IdInput,
      output: z.object({ certification: PensionCertification.nullable() }),
      idempotent: true,
    },
    certifyPension: {
      summary: '养老资格认证: record a certification (the platform has verified the face), self or for another',
      input: CertifyInput,
      output: CertifyResult,
      idempotent: false,
    },
  },
});
export type SocialInsuranceSpec = typeof socialInsuranceSpec;

/** A123****8 → how pages show a card number. */
export function maskCardNumber(cardNumber: string): string {
  return `${cardNumber.slice(0, 4)}****${cardNumber.slice(-1)}`;
}

/** The guide's B4 answer, for the platform's page. */
export const HK_MACAU_NOTICE =
  '非常抱歉，目前我们的社保服务是不能覆盖香港、澳门等在内地参保的人士。当前“粤省事”是按照用户在微信里的实名认证后的身份证信息去获取人的社保信息，而港澳用户的社会保障号不是香港、澳门的个人ID，而是人社部门根据一定的规则生成的，所以暂无法关联社保信息。';
