import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberInput, IsoDate, IsoMonth, UpdatedAt } from '../kit/inputs.js';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  APPLICATION_STEPS,
  CERTIFICATE_STATUSES,
  SUBSIDY_KINDS,
  SUBSIDY_STATUSES,
} from './codes.js';
import { GrantSubsidyInput, GrantSubsidyOutput, IssueCertificateInput, IssueCertificateOutput } from './writes.js';

/**
 * The disabled persons' federation (残联) as a department contract (B8 助残): the 残疾人证 of a person, the
 * subsidies paid to them, and the applications about them or made by them for someone else (本人办理 /
 * 为他人办理), with progress. Amounts in yuan.
 */

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const DisabilityCertificate = z
  .object({
    /** 残疾人证号: the ID number, then the category digit and the grade digit (20 characters). */
    certificateNumber: z.string().regex(/^\d{17}[\dX][1-7][1-4]$/),
    name: z.string(),
    category: z.number().int().min(1).max(7),
    categoryName: z.string(),
    grade: z.number().int().min(1).max(4),
    gradeName: z.string(),
    firstIssuedOn: IsoDate,
    issuedOn: IsoDate,
    validUntil: IsoDate,
    /** 发证机关 */
    issuedBy: z.string(),
    cityCode: z.enum(CITY_CODES),
    status: z.enum(keys(CERTIFICATE_STATUSES)),
    statusName: z.string(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'DisabilityCertificate', description: '残疾人证' });
export type DisabilityCertificate = z.infer<typeof DisabilityCertificate>;

export const DisabilitySubsidy = z
  .object({
    subsidyId: z.uuid(),
    kind: z.enum(keys(SUBSIDY_KINDS)),
    kindName: z.string(),
    monthlyAmount: z.number().min(0),
    since: IsoMonth,
    status: z.enum(keys(SUBSIDY_STATUSES)),
    statusName: z.string(),
    cityCode: z.enum(CITY_CODES),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'DisabilitySubsidy', description: '残疾人补贴' });
export type DisabilitySubsidy = z.infer<typeof DisabilitySubsidy>;

export const DisabilityApplication = z
  .object({
    applicationId: z.uuid(),
    kind: z.enum(keys(APPLICATION_KINDS)),
    kindName: z.string(),
    /** subject: about this person; applicant: they applied for someone else (为他人办理). */
    role: z.enum(['subject', 'applicant']),
    subjectName: z.string(),
    applicantName: z.string(),
    submittedOn: IsoDate,
    status: z.enum(keys(APPLICATION_STATUSES)),
    statusName: z.string(),
    progress: z.array(z.object({ step: z.enum(keys(APPLICATION_STEPS)), name: z.string(), on: IsoDate })),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'DisabilityApplication', description: '助残业务办理进度' });
export type DisabilityApplication = z.infer<typeof DisabilityApplication>;

export const disabledPersonsSpec = defineDepartment({
  id: 'disabled-persons',
  name: '广东省残疾人联合会',
  catalogDepartmentIds: ['gd-disabled-persons-federation'],
  operations: {
    certificate: {
      summary: '残疾人证查询: the certificate of an ID number, or null',
      input: IdNumberInput,
      output: z.object({ certificate: DisabilityCertificate.nullable() }),
      idempotent: true,
    },
    subsidies: {
      summary: '补贴查询: subsidies paid to the person',
      input: IdNumberInput,
      output: z.object({ subsidies: z.array(DisabilitySubsidy) }),
      idempotent: true,
    },
    applications: {
      summary: '办理进度: applications about the person or made by them for someone else, newest first',
      input: IdNumberInput,
      output: z.object({ applications: z.array(DisabilityApplication) }),
      idempotent: true,
    },
    issueCertificate: {
      summary:
        '残疾人证核发: issue (新办), reissue (补办) or re-grade (等级变更) the card of an approved case (same reference: the first card)',
      input: IssueCertificateInput,
      output: IssueCertificateOutput,
      idempotent: false,
    },
    grantSubsidy: {
      summary:
        '残疾人补贴发放: put the person of an approved 残疾人补贴申请 on the subsidy (发放中 from the next month; same reference: the first result)',
      input: GrantSubsidyInput,
      output: GrantSubsidyOutput,
      idempotent: false,
    },
  },
});
export type DisabledPersonsSpec = typeof disabledPersonsSpec;
