import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberInput, IsoDate, IsoMonth, UpdatedAt } from '../kit/inputs.js';
import {
  ALLOWANCE_STATUSES,
  ASSISTANCE_KINDS,
  ASSISTANCE_STATUSES,
  ASSISTANCE_STEPS,
  MARRIAGE_KINDS,
  MARRIAGE_STATUSES,
} from './codes.js';
import {
  EnrolAllowanceInput,
  EnrolAllowanceOutput,
  IssueSeniorCardInput,
  IssueSeniorCardOutput,
  SeniorCardInput,
  SeniorCardOutput,
} from './writes.js';

/**
 * The civil-affairs system (民政) as a department contract: marriage and divorce registrations (结婚证 /
 * 离婚证, E1), the old-age allowance (高龄津贴, E4) and social assistance cases (社会救助, B7), keyed by the
 * resident ID number. Amounts in yuan with 2 decimals.
 */

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
/** Yuan, rounded to the fen (2 decimals). */
const Yuan = z.number().min(0);

export const MarriageRecord = z
  .object({
    recordId: z.uuid(),
    kind: z.enum(keys(MARRIAGE_KINDS)),
    kindName: z.string(),
    /** 结婚证 or 离婚证 */
    certificateName: z.string(),
    /** 字号, e.g. J440106-2015-004217 */
    certificateNumber: z.string().regex(/^[JL]\d{6}-\d{4}-\d{6}$/),
    registeredOn: IsoDate,
    /** 登记机关 */
    registry: z.string(),
    /** The other party, as printed on the certificate. */
    spouseName: z.string(),
    spouseIdNumber: z.string(),
    /** marriage: 婚姻存续 or 已离婚; divorce: 有效 */
    status: z.enum(keys(MARRIAGE_STATUSES)),
    statusName: z.string(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'CivilMarriageRecord', description: '婚姻登记记录（结婚证/离婚证）' });
export type MarriageRecord = z.infer<typeof MarriageRecord>;

export const OldAgeAllowance = z
  .object({
    /** Age on the department's date, from the ID number's birth date. */
    age: z.number().int().min(0),
    /** 80 or older: the age condition of 高龄津贴. */
    ageEligible: z.boolean(),
    /** The person on the civil-affairs roll of the elderly (Guangdong hukou, 80+), or null. */
    allowance: z
      .object({
        cityCode: z.enum(CITY_CODES),
        bracket: z.enum(['80-89', '90-99', '100+']),
        /** 每月津贴 (yuan) */
        monthlyAmount: Yuan,
        status: z.enum(keys(ALLOWANCE_STATUSES)),
        statusName: z.string(),
        /** First month paid */
        since: IsoMonth.nullable(),
        appliedOn: IsoDate.nullable(),
        channel: z.enum(['online', 'counter']).nullable(),
        /** Whether the hukou city takes applications online (the guide: 肇庆、清远、韶关 only). */
        onlineApplication: z.boolean(),
        updatedAt: UpdatedAt,
      })
      .nullable(),
  })
  .meta({ id: 'CivilOldAgeAllowance', description: '高龄津贴' });
export type OldAgeAllowance = z.infer<typeof OldAgeAllowance>;

export const AssistanceCase = z
  .object({
    caseId: z.uuid(),
    /** 受理编号 */
    caseNumber: z.string(),
    kind: z.enum(keys(ASSISTANCE_KINDS)),
    kindName: z.string(),
    cityCode: z.enum(CITY_CODES),
    /** 家庭人口 */
    householdSize: z.number().int().positive(),
    /** Booked online (申请预约) or at the counter */
    channel: z.enum(['online', 'counter']),
    appliedOn: IsoDate,
    status: z.enum(keys(ASSISTANCE_STATUSES)),
    statusName: z.string(),
    /** Monthly amount for 低保 / 低收入 / 特困 once approved (yuan) */
    monthlyAmount: Yuan.nullable(),
    /** One-off amount for 临时救助 / 医疗救助 once approved (yuan) */
    oneOffAmount: Yuan.nullable(),
    progress: z.array(z.object({ step: z.enum(keys(ASSISTANCE_STEPS)), name: z.string(), on: IsoDate })),
    /** 不予批准原因, as the decision states it; null unless rejected */
    rejectionReason: z.string().nullable(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'CivilAssistanceCase', description: '社会救助办理记录' });
export type AssistanceCase = z.infer<typeof AssistanceCase>;

export const civilAffairsSpec = defineDepartment({
  id: 'civil-affairs',
  name: '广东省民政厅',
  catalogDepartmentIds: ['gd-civil-affairs'],
  operations: {
    marriageRecords: {
      summary: '婚姻登记记录: the person’s marriage and divorce registrations in Guangdong, newest first',
      input: IdNumberInput,
      output: z.object({ records: z.array(MarriageRecord) }),
      idempotent: true,
    },
    oldAgeAllowance: {
      summary: '高龄津贴: age eligibility (80+) and the allowance on record',
      input: IdNumberInput,
      output: OldAgeAllowance,
      idempotent: true,
    },
    assistanceCases: {
      summary: '社会救助办理查询: the person’s social-assistance cases with their progress, newest first',
      input: IdNumberInput,
      output: z.object({ cases: z.array(AssistanceCase) }),
      idempotent: true,
    },
    seniorCard: {
      summary: '老年人优待证: the person’s current card (valid first, then the newest), or null',
      input: SeniorCardInput,
      output: SeniorCardOutput,
      idempotent: true,
    },
    // Writes for approved online cases (docs/cases.md "Fulfilment"), idempotent by the platform's reference.
    enrolOldAgeAllowance: {
      summary: '高龄津贴登记: put the applicant of an approved case on the roll (发放中 from next month)',
      input: EnrolAllowanceInput,
      output: EnrolAllowanceOutput,
      idempotent: false,
    },
    issueSeniorCard: {
      summary: '老年人优待证核发: issue (首次申领) or reissue (补领) the card of an approved case',
      input: IssueSeniorCardInput,
      output: IssueSeniorCardOutput,
      idempotent: false,
    },
  },
});
export type CivilAffairsSpec = typeof civilAffairsSpec;
