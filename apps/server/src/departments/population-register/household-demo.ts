import { demoPerson } from '../kit/demo.js';
import type { ApprovalStep, IdCardStep, PermitStep } from './household-codes.js';
import type {
  ApprovalRecord,
  HouseholdRecords,
  IdCardRecord,
  PermitRecord,
  RegistrationRecord,
} from './household-generator.js';

/**
 * Hand-picked household-service records of the README's demo people (see
 * docs/departments/population-register-household.md). The province's date is 2026-01-01.
 */

let serial = 0;
const uuid = () => {
  serial += 1;
  return `de0000c0-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};
const at = (on: string) => `${on}T03:00:00.000Z`;
const steps = <S extends string>(pairs: [S, string][]) => pairs.map(([step, on]) => ({ step, on }));

function idCard(
  name: string,
  fields: Omit<IdCardRecord, 'applicationId' | 'idNumber' | 'status' | 'updatedAt'>,
): IdCardRecord {
  const last = fields.progress.at(-1) as { step: IdCardStep; on: string };
  return {
    applicationId: uuid(),
    idNumber: demoPerson(name).idNumber,
    status: last.step,
    updatedAt: at(last.on),
    ...fields,
  };
}

function approval(
  subject: string,
  applicant: string | null,
  fields: Omit<
    ApprovalRecord,
    | 'approvalId'
    | 'subjectIdNumber'
    | 'subjectName'
    | 'applicantIdNumber'
    | 'applicantName'
    | 'updatedAt'
    | 'status'
    | 'decidedOn'
  >,
): ApprovalRecord {
  const s = demoPerson(subject);
  const a = applicant ? demoPerson(applicant) : null;
  const last = fields.progress.at(-1) as { step: ApprovalStep; on: string };
  const status = last.step === 'approved' ? 'approved' : last.step === 'rejected' ? 'rejected' : 'pending';
  return {
    approvalId: uuid(),
    subjectIdNumber: s.idNumber,
    subjectName: s.name,
    applicantIdNumber: a?.idNumber ?? null,
    applicantName: a?.name ?? null,
    status,
    decidedOn: status === 'pending' ? null : last.on,
    updatedAt: at(last.on),
    ...fields,
  };
}

function registration(
  name: string,
  fields: Omit<RegistrationRecord, 'registrationId' | 'idNumber' | 'address' | 'updatedAt'> & { address?: string },
): RegistrationRecord {
  const p = demoPerson(name);
  return {
    registrationId: uuid(),
    idNumber: p.idNumber,
    address: p.residenceAddress ?? '',
    updatedAt: at(fields.approvedOn ?? fields.declaredOn),
    ...fields,
  };
}

function permit(
  name: string,
  fields: Omit<PermitRecord, 'permitId' | 'idNumber' | 'address' | 'updatedAt'>,
): PermitRecord {
  const p = demoPerson(name);
  return {
    permitId: uuid(),
    idNumber: p.idNumber,
    address: p.residenceAddress ?? '',
    updatedAt: at(fields.endorsements.at(-1) ?? (fields.progress.at(-1) as { on: string }).on),
    ...fields,
  };
}

const RECORDS: Record<string, HouseholdRecords> = {
  // 张伟: lost his ID card, the new one was mailed to him (补领); he applied for his son's birth approval
  // (广州: at the counter) and for the cancellation of his late mother's hukou.
  张伟: {
    idCards: [
      idCard('张伟', {
        kind: 'reissue',
        cityCode: '440100',
        office: '广州市公安局天河分局天河南派出所',
        acceptedOn: '2025-11-20',
        fee: 40,
        collection: 'mail',
        progress: steps<IdCardStep>([
          ['accepted', '2025-11-20'],
          ['approved', '2025-11-21'],
          ['produced', '2025-11-27'],
          ['mailed', '2025-11-28'],
          ['delivered', '2025-12-01'],
        ]),
      }),
    ],
    approvals: [
      approval('张梓轩', '张伟', {
        number: '440100201705020016',
        kind: 'birth',
        cityCode: '440100',
        authority: '广州市公安局天河分局天河南派出所',
        channel: 'counter',
        submittedOn: '2017-05-02',
        progress: steps<ApprovalStep>([
          ['accepted', '2017-05-02'],
          ['reviewed', '2017-05-05'],
          ['approved', '2017-05-10'],
        ]),
      }),
      approval('王秀英', '张伟', {
        number: '440100202403110042',
        kind: 'cancellation',
        cityCode: '440100',
        authority: '广州市公安局越秀分局北京街派出所',
        channel: 'counter',
        submittedOn: '2024-03-11',
        progress: steps<ApprovalStep>([
          ['accepted', '2024-03-11'],
          ['reviewed', '2024-03-12'],
          ['approved', '2024-03-13'],
        ]),
      }),
    ],
    registrations: [],
    permits: [],
  },
  // 张梓轩 (8): his first ID card, accepted in December, made, not yet ready (in progress).
  张梓轩: {
    idCards: [
      idCard('张梓轩', {
        kind: 'first-issue',
        cityCode: '440100',
        office: '广州市公安局天河分局天河南派出所',
        acceptedOn: '2025-12-15',
        fee: 20,
        collection: 'counter',
        progress: steps<IdCardStep>([
          ['accepted', '2025-12-15'],
          ['approved', '2025-12-17'],
          ['produced', '2025-12-29'],
        ]),
      }),
    ],
    approvals: [],
    registrations: [],
    permits: [],
  },
  // 陈志强: a move within Foshan (市内移居), still pending.
  陈志强: {
    idCards: [],
    approvals: [
      approval('陈志强', '陈志强', {
        number: '440600202512200107',
        kind: 'move-within',
        cityCode: '440600',
        authority: '佛山市公安局禅城分局祖庙派出所',
        channel: 'online',
        submittedOn: '2025-12-20',
        progress: steps<ApprovalStep>([
          ['submitted', '2025-12-20'],
          ['accepted', '2025-12-22'],
        ]),
      }),
      // His hukou was cancelled when he enlisted (1997) and restored, at another address, on his discharge.
      approval('陈志强', '陈志强', {
        number: '440600200211180033',
        kind: 'restore-elsewhere',
        cityCode: '440600',
        authority: '佛山市公安局禅城分局石湾派出所',
        channel: 'counter',
        submittedOn: '2002-11-18',
        progress: steps<ApprovalStep>([
          ['accepted', '2002-11-18'],
          ['reviewed', '2002-11-22'],
          ['approved', '2002-11-29'],
        ]),
      }),
    ],
    // He works in 广州 on weekdays: a residence registration there, approved 2025-03-20 (more than half a year
    // ago), and no 居住证 yet — he may apply for one (申领居住证, docs/huzheng.md).
    registrations: [
      registration('陈志强', {
        cityCode: '440100',
        address: '广东省广州市海珠区新港中路397号6栋803房',
        declaredOn: '2025-03-14',
        channel: 'online',
        status: 'approved',
        approvedOn: '2025-03-20',
      }),
    ],
    permits: [],
  },
  // 李娜 (深圳 hukou) has declared a residence in 广州, still under review: 申领居住证 is refused in the guide's words.
  // Her hukou went with her to university in 广州 and came back to 深圳 on graduating (市外迁入, 2014).
  李娜: {
    idCards: [],
    approvals: [
      approval('李娜', '李娜', {
        number: '440300201407080115',
        kind: 'move-in',
        cityCode: '440300',
        authority: '深圳市公安局福田分局福田派出所',
        channel: 'counter',
        submittedOn: '2014-07-08',
        progress: steps<ApprovalStep>([
          ['accepted', '2014-07-08'],
          ['reviewed', '2014-07-15'],
          ['approved', '2014-07-22'],
        ]),
      }),
    ],
    registrations: [
      registration('李娜', {
        cityCode: '440100',
        address: '广东省广州市天河区珠江新城华夏路16号1502房',
        declaredOn: '2025-12-22',
        channel: 'online',
        status: 'pending',
        approvedOn: null,
      }),
    ],
    permits: [],
  },
  // 刘洋 (Hunan hukou): residence registration in Guangzhou 2019; a 广东省居住证 applied for after the
  // half-year wait, now in its second 3-year period, 签注 due in 2026; he replaced his lost ID card in
  // Guangzhou (异地补领: the guide's FAQ — any hukou may query progress of a card handled in Guangdong).
  刘洋: {
    idCards: [
      idCard('刘洋', {
        kind: 'reissue',
        cityCode: '440100',
        office: '广州市公安局白云分局机场路派出所',
        acceptedOn: '2025-10-09',
        fee: 40,
        collection: 'counter',
        progress: steps<IdCardStep>([
          ['accepted', '2025-10-09'],
          ['approved', '2025-10-11'],
          ['produced', '2025-10-20'],
          ['ready', '2025-10-23'],
          ['collected', '2025-10-25'],
        ]),
      }),
    ],
    approvals: [],
    registrations: [
      registration('刘洋', {
        cityCode: '440100',
        declaredOn: '2019-03-10',
        channel: 'online',
        status: 'approved',
        approvedOn: '2019-03-15',
      }),
    ],
    permits: [
      permit('刘洋', {
        kind: 'guangdong',
        cityCode: '440100',
        issuedBy: '广州市公安局',
        appliedOn: '2022-09-26',
        acceptedOn: '2022-09-26',
        issuedOn: '2022-10-10',
        validUntil: '2025-10-09',
        endorsements: ['2023-09-28', '2024-09-30'],
        progress: steps<PermitStep>([
          ['applied', '2022-09-26'],
          ['accepted', '2022-09-26'],
          ['approved', '2022-09-28'],
          ['issued', '2022-10-10'],
        ]),
      }),
      permit('刘洋', {
        kind: 'guangdong',
        cityCode: '440100',
        issuedBy: '广州市公安局',
        appliedOn: '2025-09-22',
        acceptedOn: '2025-09-22',
        issuedOn: '2025-09-30',
        validUntil: '2028-09-29',
        endorsements: [],
        progress: steps<PermitStep>([
          ['applied', '2025-09-22'],
          ['accepted', '2025-09-22'],
          ['approved', '2025-09-24'],
          ['issued', '2025-09-30'],
        ]),
      }),
    ],
  },
  // 陈嘉欣 (Hong Kong resident): registered in Shenzhen, holds a 港澳台居民居住证 (5 years, its number is
  // the 810000… number she uses as ID), issued by 深圳 with no half-year wait.
  // 刘芳: a 项目变更 of her registered details (文化程度), applied for on 粤省事 and approved.
  刘芳: {
    idCards: [],
    approvals: [
      approval('刘芳', '刘芳', {
        number: '440100202309140206',
        kind: 'change',
        cityCode: '440100',
        authority: '广州市公安局天河分局天河南派出所',
        channel: 'online',
        submittedOn: '2023-09-14',
        progress: steps<ApprovalStep>([
          ['submitted', '2023-09-14'],
          ['accepted', '2023-09-15'],
          ['reviewed', '2023-09-18'],
          ['approved', '2023-09-20'],
        ]),
      }),
    ],
    registrations: [],
    permits: [],
  },
  // 周桂兰 (清远): her hukou, cancelled in error in 2019, restored at the same address; in 2010 her 所内非转农 was
  // refused (李娜 applied for her).
  周桂兰: {
    idCards: [],
    approvals: [
      approval('周桂兰', '周桂兰', {
        number: '441800201906050021',
        kind: 'restore',
        cityCode: '441800',
        authority: '清远市公安局清城分局北门派出所',
        channel: 'counter',
        submittedOn: '2019-06-05',
        progress: steps<ApprovalStep>([
          ['accepted', '2019-06-05'],
          ['reviewed', '2019-06-10'],
          ['approved', '2019-06-14'],
        ]),
      }),
      approval('周桂兰', '李娜', {
        number: '441800201003020008',
        kind: 'non-agri-to-agri',
        cityCode: '441800',
        authority: '清远市公安局清城分局北门派出所',
        channel: 'counter',
        submittedOn: '2010-03-02',
        progress: steps<ApprovalStep>([
          ['accepted', '2010-03-02'],
          ['reviewed', '2010-03-09'],
          ['rejected', '2010-03-16'],
        ]),
      }),
    ],
    registrations: [],
    permits: [],
  },
  陈嘉欣: {
    idCards: [],
    approvals: [],
    registrations: [
      registration('陈嘉欣', {
        cityCode: '440300',
        declaredOn: '2020-11-02',
        channel: 'counter',
        status: 'approved',
        approvedOn: '2020-11-04',
      }),
    ],
    permits: [
      permit('陈嘉欣', {
        kind: 'hk-macao-taiwan',
        cityCode: '440300',
        issuedBy: '深圳市公安局',
        appliedOn: '2021-05-17',
        acceptedOn: '2021-05-17',
        issuedOn: '2021-05-31',
        validUntil: '2026-05-30',
        endorsements: [],
        progress: steps<PermitStep>([
          ['applied', '2021-05-17'],
          ['accepted', '2021-05-17'],
          ['approved', '2021-05-19'],
          ['issued', '2021-05-31'],
        ]),
      }),
    ],
  },
};

export const DEMO_HOUSEHOLD: ReadonlyMap<string, HouseholdRecords> = new Map(
  Object.entries(RECORDS).map(([name, records]) => [demoPerson(name).personId, records]),
);
