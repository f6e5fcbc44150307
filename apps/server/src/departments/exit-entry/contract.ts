import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumber, IdNumberInput, IsoDate, UpdatedAt } from '../kit/inputs.js';
import {
  APPOINTMENT_BUSINESSES,
  APPOINTMENT_STATUSES,
  DESTINATIONS,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  ENDORSEMENT_CHANNELS,
  ENDORSEMENT_KINDS,
  ENDORSEMENT_STEPS,
  ENDORSEMENT_TRIPS,
} from './codes.js';

/**
 * The exit-entry administration (出入境) as a department contract: a person's passports and permits (护照,
 * 往来港澳通行证, 往来台湾通行证; 港澳居民来往内地通行证 for Hong Kong and Macao residents), the
 * endorsements (签注) on their permits with each one's progress, and their document appointments (办证预约),
 * including those they booked for someone else. All keyed by the resident ID number. Fees in yuan.
 */

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const TravelDocument = z
  .object({
    /** 证件号码: passes parseTravelDocument of @yss/contracts for its kind. */
    number: z.string(),
    kind: z.enum(keys(DOCUMENT_KINDS)),
    kindName: z.string(),
    name: z.string(),
    issuedOn: IsoDate,
    validUntil: IsoDate,
    /** 签发机关 */
    issuedBy: z.string(),
    /** 签发地点 (a province, or 香港/澳门) */
    issuePlace: z.string(),
    /** Issued by an exit-entry office in Guangdong (the guide: endorsements online for these, whatever the hukou). */
    issuedInGuangdong: z.boolean(),
    /** The Guangdong city whose office issued it, else null. */
    issuedCityCode: z.enum(CITY_CODES).nullable(),
    status: z.enum(keys(DOCUMENT_STATUSES)),
    statusName: z.string(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'ExitEntryDocument', description: '出入境证件' });
export type TravelDocument = z.infer<typeof TravelDocument>;

export const EndorsementProgressStep = z.object({
  step: z.enum(keys(ENDORSEMENT_STEPS)),
  name: z.string(),
  on: IsoDate,
});

export const Endorsement = z
  .object({
    endorsementId: z.uuid(),
    documentNumber: z.string(),
    destination: z.enum(keys(DESTINATIONS)),
    destinationName: z.string(),
    kind: z.enum(keys(ENDORSEMENT_KINDS)),
    kindName: z.string(),
    trips: z.enum(keys(ENDORSEMENT_TRIPS)),
    tripsName: z.string(),
    /** 逗留天数 per trip */
    stayDays: z.number().int().positive(),
    channel: z.enum(keys(ENDORSEMENT_CHANNELS)),
    channelName: z.string(),
    appliedOn: IsoDate,
    /** The endorsement's validity, once approved. */
    validFrom: IsoDate.nullable(),
    validUntil: IsoDate.nullable(),
    /** 签注费 (yuan) */
    fee: z.number().min(0),
    /** The last step reached. */
    status: z.enum(keys(ENDORSEMENT_STEPS)),
    statusName: z.string(),
    /** 签注进度: every step reached, in order. */
    progress: z.array(EndorsementProgressStep),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'ExitEntryEndorsement', description: '签注及其办理进度' });
export type Endorsement = z.infer<typeof Endorsement>;

export const Appointment = z
  .object({
    appointmentId: z.uuid(),
    /** applicant: the appointment is for this person; booker: they booked it for someone else (为他人预约). */
    role: z.enum(['applicant', 'booker']),
    applicantName: z.string(),
    business: z.enum(keys(APPOINTMENT_BUSINESSES)),
    businessName: z.string(),
    documentKind: z.enum(keys(DOCUMENT_KINDS)),
    documentKindName: z.string(),
    /** 办理地点 */
    office: z.string(),
    cityCode: z.enum(CITY_CODES),
    date: IsoDate,
    /** 预约时段, e.g. 09:00-10:00 */
    timeSlot: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/),
    bookedOn: IsoDate,
    status: z.enum(keys(APPOINTMENT_STATUSES)),
    statusName: z.string(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'ExitEntryAppointment', description: '出入境证件办证预约' });
export type Appointment = z.infer<typeof Appointment>;

// ---------------------------------------------------------------------------------------------------------
// 在线签注 (粤省事: 港澳通行证再次签注, 台湾通行证签注)
// ---------------------------------------------------------------------------------------------------------

/** Why an endorsement cannot be applied for online (the platform words each in the guide's terms). */
export const ENDORSEMENT_REFUSALS = [
  'document-not-found',
  'document-not-valid',
  'wrong-document',
  'taiwan-not-online',
  'in-progress',
  'fee-changed',
] as const;

export const EndorsementChoice = z.object({
  destination: z.enum(keys(DESTINATIONS)),
  kind: z.enum(keys(ENDORSEMENT_KINDS)),
  trips: z.enum(keys(ENDORSEMENT_TRIPS)),
});

export const EndorsementOption = EndorsementChoice.extend({
  destinationName: z.string(),
  kindName: z.string(),
  tripsName: z.string(),
  stayDays: z.number().int().positive(),
  /** 签注费 (yuan) */
  fee: z.number().positive(),
  /** Months of validity from approval. */
  validMonths: z.number().int().positive(),
  available: z.boolean(),
  reason: z.enum(ENDORSEMENT_REFUSALS).nullable(),
}).meta({ id: 'ExitEntryEndorsementOption', description: '可在线办理的签注种类及签注费' });

export const ApplyEndorsementInput = EndorsementChoice.extend({
  idNumber: IdNumber,
  documentNumber: z.string().trim().min(6).max(20),
  /** The fee the applicant paid (yuan): refused as fee-changed when the schedule says otherwise. */
  fee: z.number().positive(),
  /** The platform's payment reference: one endorsement, whatever the retries. */
  applicationReference: z.string().trim().min(8).max(64),
}).meta({ id: 'ExitEntryApplyEndorsementInput' });

export const exitEntrySpec = defineDepartment({
  id: 'exit-entry',
  name: '广东省公安厅出入境管理局',
  catalogDepartmentIds: ['gd-exit-entry'],
  operations: {
    documents: {
      summary: '护照通行证: passports and permits of an ID number (any status), newest first',
      input: IdNumberInput,
      output: z.object({ documents: z.array(TravelDocument) }),
      idempotent: true,
    },
    endorsements: {
      summary: '签注进度: endorsements on the person’s permits with their progress, newest first',
      input: IdNumberInput,
      output: z.object({ endorsements: z.array(Endorsement) }),
      idempotent: true,
    },
    appointments: {
      summary: '办证预约查询: appointments for the person and those they booked for others, newest first',
      input: IdNumberInput,
      output: z.object({ appointments: z.array(Appointment) }),
      idempotent: true,
    },
    endorsementOptions: {
      summary:
        '在线签注: the endorsements a permit may get online (再次签注 of a 往来港澳通行证, 台湾通行证签注), each with ' +
        'its fee and whether it is available now',
      input: z.object({ idNumber: IdNumber, documentNumber: z.string().trim().min(6).max(20) }),
      output: z.object({
        document: TravelDocument.nullable(),
        options: z.array(EndorsementOption),
      }),
      idempotent: true,
    },
    applyEndorsement: {
      summary:
        '在线签注申请: the fee paid, the endorsement is applied for and approved (mailed later); the same ' +
        'applicationReference again answers the same endorsement',
      input: ApplyEndorsementInput,
      output: z.discriminatedUnion('applied', [
        z.object({ applied: z.literal(true), endorsement: Endorsement }),
        z.object({ applied: z.literal(false), reason: z.enum(ENDORSEMENT_REFUSALS) }),
      ]),
      idempotent: false,
    },
  },
});
export type ExitEntrySpec = typeof exitEntrySpec;
