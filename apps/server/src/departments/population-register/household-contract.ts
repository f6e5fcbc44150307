import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { IsoDate, UpdatedAt } from '../kit/inputs.js';
import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  APPROVAL_STEPS,
  CHANNELS,
  COLLECTION_METHODS,
  ID_CARD_KINDS,
  ID_CARD_STEPS,
  PERMIT_KINDS,
  PERMIT_STATUSES,
  PERMIT_STEPS,
  REGISTRATION_STATUSES,
} from './household-codes.js';

/**
 * The register's household services (户政业务) as answers of the population-register contract: ID-card
 * processing progress (C3), household-registration approvals (C4), residence registration and permits
 * (C1). Fees in yuan; dates YYYY-MM-DD.
 */

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const step = <T extends Record<string, string>>(steps: T) =>
  z.object({ step: z.enum(keys(steps)), name: z.string(), on: IsoDate });

export const IdCardApplication = z
  .object({
    applicationId: z.uuid(),
    kind: z.enum(keys(ID_CARD_KINDS)),
    kindName: z.string(),
    /** Where it was handled (any Guangdong city, whatever the hukou: 异地受理). */
    cityCode: z.enum(CITY_CODES),
    /** 受理单位 */
    office: z.string(),
    acceptedOn: IsoDate,
    /** 工本费 (yuan) */
    fee: z.number().min(0),
    collection: z.enum(keys(COLLECTION_METHODS)),
    collectionName: z.string(),
    status: z.enum(keys(ID_CARD_STEPS)),
    statusName: z.string(),
    progress: z.array(step(ID_CARD_STEPS)),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'HouseholdIdCardApplication', description: '身份证办理进度' });
export type IdCardApplication = z.infer<typeof IdCardApplication>;

export const HouseholdApproval = z
  .object({
    approvalId: z.uuid(),
    /** 受理编号 */
    number: z.string(),
    kind: z.enum(keys(APPROVAL_KINDS)),
    kindName: z.string(),
    /** subject: the approval is about this person; applicant: they applied (for a child, a deceased parent …). */
    role: z.enum(['subject', 'applicant']),
    subjectName: z.string(),
    /** null when the police station acted of its own motion. */
    applicantName: z.string().nullable(),
    cityCode: z.enum(CITY_CODES),
    /** 审批单位 */
    authority: z.string(),
    channel: z.enum(keys(CHANNELS)),
    channelName: z.string(),
    submittedOn: IsoDate,
    status: z.enum(keys(APPROVAL_STATUSES)),
    statusName: z.string(),
    decidedOn: IsoDate.nullable(),
    progress: z.array(step(APPROVAL_STEPS)),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'HouseholdApproval', description: '户政审批' });
export type HouseholdApproval = z.infer<typeof HouseholdApproval>;

export const ResidenceRegistration = z
  .object({
    registrationId: z.uuid(),
    cityCode: z.enum(CITY_CODES),
    /** 居住地址 */
    address: z.string(),
    declaredOn: IsoDate,
    channel: z.enum(keys(CHANNELS)),
    status: z.enum(keys(REGISTRATION_STATUSES)),
    statusName: z.string(),
    approvedOn: IsoDate.nullable(),
    /** From this day a 广东省居住证 may be applied for (half a year after approval; 深圳 at once). */
    permitEligibleFrom: IsoDate.nullable(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'HouseholdResidenceRegistration', description: '居住登记' });
export type ResidenceRegistration = z.infer<typeof ResidenceRegistration>;

export const ResidencePermit = z
  .object({
    permitId: z.uuid(),
    kind: z.enum(keys(PERMIT_KINDS)),
    kindName: z.string(),
    /** 证件号码: the holder's citizen (or residence-permit) ID number, as printed on the card. */
    cardNumber: z.string(),
    cityCode: z.enum(CITY_CODES),
    /** 签发机关 */
    issuedBy: z.string(),
    address: z.string(),
    appliedOn: IsoDate,
    acceptedOn: IsoDate,
    issuedOn: IsoDate.nullable(),
    validUntil: IsoDate.nullable(),
    /** 签注有效期至: the yearly endorsement (签注) runs to this day. */
    endorsedUntil: IsoDate.nullable(),
    endorsements: z.array(IsoDate),
    status: z.enum(keys(PERMIT_STATUSES)),
    statusName: z.string(),
    progress: z.array(step(PERMIT_STEPS)),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'HouseholdResidencePermit', description: '居住证' });
export type ResidencePermit = z.infer<typeof ResidencePermit>;
