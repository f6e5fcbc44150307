import type { CityCode } from '@yss/contracts';
import { addDays, addMonthsToDate } from '../kit/dates.js';
import { demoPerson } from '../kit/demo.js';
import { issuingAuthority, officeOf } from './authorities.js';
import { CHANNEL_STEPS, ENDORSEMENT_FEES, type EndorsementChannel, type EndorsementStep } from './codes.js';
import type { AppointmentRecord, DocumentRecord, EndorsementRecord, ExitEntryRecords } from './generator.js';

/**
 * Hand-picked exit-entry records of the README's demo people, each showing a rule of the guide (see
 * docs/departments/exit-entry.md). The province's date is 2026-01-01.
 */

function doc(
  name: string,
  kind: DocumentRecord['kind'],
  number: string,
  issuedOn: string,
  validUntil: string,
  issuedCityCode: CityCode | null,
  issuePlace = '广东',
  status: DocumentRecord['status'] = validUntil < '2026-01-01' ? 'expired' : 'valid',
): DocumentRecord {
  const p = demoPerson(name);
  return {
    documentNumber: number,
    idNumber: p.idNumber,
    kind,
    name: p.name,
    issuedOn,
    validUntil,
    issuedBy: issuingAuthority(issuedOn),
    issuePlace,
    issuedCityCode,
    status,
    updatedAt: `${issuedOn}T02:30:00.000Z`,
  };
}

let serial = 0;
const uuid = (prefix: string) => {
  serial += 1;
  return `${prefix}-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};

/** An endorsement whose progress went as far as `steps` dates reach along its channel's path. */
function endorsement(
  d: DocumentRecord,
  fields: Pick<EndorsementRecord, 'destination' | 'kind' | 'trips'> & { channel: EndorsementChannel; dates: string[] },
): EndorsementRecord {
  const path = CHANNEL_STEPS[fields.channel];
  const progress = fields.dates.map((on, i) => ({ step: path[i] as EndorsementStep, on }));
  const approved = progress.find((p) => p.step === 'approved' || p.step === 'issued');
  const months = fields.trips === 'multiple' ? 12 : fields.destination === 'taiwan' ? 6 : 3;
  const validUntil = approved ? addDays(addMonthsToDate(approved.on, months), -1) : null;
  const last = progress.at(-1) as { step: EndorsementStep; on: string };
  return {
    endorsementId: uuid('de0000b1'),
    documentNumber: d.documentNumber,
    idNumber: d.idNumber,
    destination: fields.destination,
    kind: fields.kind,
    trips: fields.trips,
    stayDays: fields.destination === 'taiwan' ? 15 : 7,
    channel: fields.channel,
    appliedOn: fields.dates[0] as string,
    validFrom: approved?.on ?? null,
    validUntil,
    fee: ENDORSEMENT_FEES[fields.trips],
    status: last.step,
    progress,
    updatedAt: `${last.on}T06:00:00.000Z`,
  };
}

function appointment(
  applicant: string,
  booker: string,
  fields: Omit<
    AppointmentRecord,
    'appointmentId' | 'idNumber' | 'applicantName' | 'bookedByIdNumber' | 'office' | 'updatedAt'
  >,
): AppointmentRecord {
  const p = demoPerson(applicant);
  return {
    appointmentId: uuid('de0000b2'),
    idNumber: p.idNumber,
    applicantName: p.name,
    bookedByIdNumber: demoPerson(booker).idNumber,
    office: officeOf(fields.cityCode),
    updatedAt: `${fields.bookedOn}T03:00:00.000Z`,
    ...fields,
  };
}

// 张伟: passport and HK-Macao permit from Guangzhou; one re-endorsement delivered in 2025, one online now in
// progress (approved, not yet mailed); he booked his son's first permit (为他人预约).
const zhangWeiPermit = doc('张伟', 'hk-macao-permit', 'C32815406', '2019-08-12', '2029-08-11', '440100');
// 刘芳: a Taiwan permit from Guangzhou (a city with Taiwan endorsements online) with an online 探亲 one.
const liuFangPermit = doc('刘芳', 'hk-macao-permit', 'C60419327', '2021-04-02', '2031-04-01', '440100');
const liuFangTaiwan = doc('刘芳', 'taiwan-permit', 'L10472835', '2023-05-16', '2033-05-15', '440100');
// 李娜 (深圳 hukou): a one-year multiple-entry Hong Kong endorsement (一签多行, 深圳 from 2024-12-01); no
// appointments here (深圳 hukou book in 深圳's own system).
const liNaPermit = doc('李娜', 'hk-macao-permit', 'C71530284', '2021-09-23', '2031-09-22', '440300');
// 刘洋 (Hunan hukou): his permit was issued in Hunan, so endorsements are not online for him (counter only);
// he may book an appointment in Guangzhou as a working non-Guangdong resident.
const liuYangPermit = doc('刘洋', 'hk-macao-permit', 'C28461935', '2017-07-03', '2027-07-02', null, '湖南');

const RECORDS: Record<string, ExitEntryRecords> = {
  张伟: {
    documents: [doc('张伟', 'passport', 'E83921564', '2018-06-20', '2028-06-19', '440100'), zhangWeiPermit],
    endorsements: [
      endorsement(zhangWeiPermit, {
        destination: 'hong-kong',
        kind: 'tourism-individual',
        trips: 'twice',
        channel: 'online',
        dates: ['2025-03-02', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-06'],
      }),
      endorsement(zhangWeiPermit, {
        destination: 'macao',
        kind: 'tourism-individual',
        trips: 'once',
        channel: 'online',
        dates: ['2025-12-29', '2025-12-29', '2025-12-31'],
      }),
    ],
    appointments: [
      appointment('张梓轩', '张伟', {
        business: 'first-issue',
        documentKind: 'hk-macao-permit',
        cityCode: '440100',
        appointmentDate: '2026-01-08',
        timeSlot: '10:00-11:00',
        bookedOn: '2025-12-28',
        status: 'booked',
      }),
    ],
  },
  刘芳: {
    documents: [liuFangPermit, liuFangTaiwan],
    endorsements: [
      endorsement(liuFangTaiwan, {
        destination: 'taiwan',
        kind: 'visiting-relatives',
        trips: 'once',
        channel: 'online',
        dates: ['2025-09-10', '2025-09-10', '2025-09-12', '2025-09-13', '2025-09-16'],
      }),
      endorsement(liuFangPermit, {
        destination: 'hong-kong',
        kind: 'tourism-individual',
        trips: 'once',
        channel: 'machine',
        dates: ['2025-06-21', '2025-06-21'],
      }),
    ],
    appointments: [
      appointment('刘芳', '刘芳', {
        business: 'first-issue',
        documentKind: 'taiwan-permit',
        cityCode: '440100',
        appointmentDate: '2023-05-05',
        timeSlot: '14:00-15:00',
        bookedOn: '2023-04-28',
        status: 'attended',
      }),
    ],
  },
  张建国: {
    // A passport of the old G series, expired; his son booked a renewal, then cancelled it.
    documents: [doc('张建国', 'passport', 'G20571934', '2010-04-12', '2020-04-11', '440100')],
    endorsements: [],
    appointments: [
      appointment('张建国', '张伟', {
        business: 'renewal',
        documentKind: 'passport',
        cityCode: '440100',
        appointmentDate: '2025-11-20',
        timeSlot: '09:00-10:00',
        bookedOn: '2025-11-12',
        status: 'cancelled',
      }),
    ],
  },
  李娜: {
    documents: [liNaPermit],
    endorsements: [
      endorsement(liNaPermit, {
        destination: 'hong-kong',
        kind: 'tourism-individual',
        trips: 'multiple',
        channel: 'online',
        dates: ['2025-02-10', '2025-02-10', '2025-02-11', '2025-02-12', '2025-02-14'],
      }),
    ],
    appointments: [],
  },
  陈志强: {
    // A passport of the E + letter series (2022 on), applied for by appointment in Foshan.
    documents: [doc('陈志强', 'passport', 'EB3047185', '2024-03-18', '2034-03-17', '440600')],
    endorsements: [],
    appointments: [
      appointment('陈志强', '陈志强', {
        business: 'first-issue',
        documentKind: 'passport',
        cityCode: '440600',
        appointmentDate: '2024-03-08',
        timeSlot: '15:00-16:00',
        bookedOn: '2024-03-01',
        status: 'attended',
      }),
    ],
  },
  刘洋: {
    documents: [liuYangPermit],
    endorsements: [
      endorsement(liuYangPermit, {
        destination: 'hong-kong',
        kind: 'tourism-individual',
        trips: 'once',
        channel: 'counter',
        dates: ['2024-10-08', '2024-10-08', '2024-10-12', '2024-10-15'],
      }),
    ],
    appointments: [
      appointment('刘洋', '刘洋', {
        business: 'first-issue',
        documentKind: 'passport',
        cityCode: '440100',
        appointmentDate: '2026-01-06',
        timeSlot: '11:00-12:00',
        bookedOn: '2025-12-30',
        status: 'booked',
      }),
    ],
  },
  陈嘉欣: {
    // A Hong Kong resident's 回乡证 (H + 8 digits), issued in Hong Kong.
    documents: [doc('陈嘉欣', 'hk-macao-resident-permit', 'H60318274', '2023-02-07', '2033-02-06', null, '香港')],
    endorsements: [],
    appointments: [],
  },
};

/** By person id; 张梓轩's only record is the appointment his father booked (listed under 张伟). */
export const DEMO_EXIT_ENTRY: ReadonlyMap<string, ExitEntryRecords> = new Map(
  Object.entries(RECORDS).map(([name, records]) => [demoPerson(name).personId, records]),
);
