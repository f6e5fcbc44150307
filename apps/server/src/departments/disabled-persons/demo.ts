import { demoPerson } from '../kit/demo.js';
import type { DisabledPersonsRecords } from './generator.js';

/**
 * Hand-picked 残联 records of the README's demo people (docs/departments/disabled-persons.md): 张建国
 * holds a 视力残疾二级 card with the care subsidy, and his son 张伟 has applied for him (为他人办理) to have
 * the grade assessed again. 刘芳 holds a 肢体残疾二级 card without any subsidy yet (the 助残 applications of
 * docs/welfare.md: 补办, 等级变更 and the care subsidy are open to her, a new certificate is not). The province's
 * date is 2026-01-01.
 */

const father = demoPerson('张建国');
const son = demoPerson('张伟');
const liuFang = demoPerson('刘芳');

const RECORDS: Record<string, DisabledPersonsRecords> = {
  张建国: {
    certificates: [
      {
        certificateNumber: `${father.idNumber}12`,
        idNumber: father.idNumber,
        name: father.name,
        category: 1,
        grade: 2,
        firstIssuedOn: '2019-06-10',
        issuedOn: '2019-06-10',
        validUntil: '2029-06-09',
        issuedBy: '广州市越秀区残疾人联合会',
        cityCode: '440100',
        status: 'valid',
        updatedAt: '2019-06-10T03:00:00.000Z',
      },
    ],
    subsidies: [
      {
        subsidyId: 'de0000e0-0000-4000-8000-000000000001',
        idNumber: father.idNumber,
        kind: 'care',
        monthlyAmount: 200,
        sinceMonth: '2019-08',
        status: 'receiving',
        cityCode: '440100',
        updatedAt: '2019-08-01T03:00:00.000Z',
      },
    ],
    applications: [
      {
        applicationId: 'de0000e1-0000-4000-8000-000000000001',
        kind: 'grade-change',
        subjectIdNumber: father.idNumber,
        subjectName: father.name,
        applicantIdNumber: son.idNumber,
        applicantName: son.name,
        submittedOn: '2025-12-10',
        status: 'processing',
        progress: [
          { step: 'submitted', on: '2025-12-10' },
          { step: 'accepted', on: '2025-12-12' },
        ],
        updatedAt: '2025-12-12T03:00:00.000Z',
      },
    ],
  },
  刘芳: {
    certificates: [
      {
        certificateNumber: `${liuFang.idNumber}42`,
        idNumber: liuFang.idNumber,
        name: liuFang.name,
        category: 4,
        grade: 2,
        firstIssuedOn: '2021-09-15',
        issuedOn: '2021-09-15',
        validUntil: '2031-09-14',
        issuedBy: '广州市海珠区残疾人联合会',
        cityCode: '440100',
        status: 'valid',
        updatedAt: '2021-09-15T03:00:00.000Z',
      },
    ],
    subsidies: [],
    applications: [
      {
        applicationId: 'de0000e1-0000-4000-8000-000000000002',
        kind: 'certificate-new',
        subjectIdNumber: liuFang.idNumber,
        subjectName: liuFang.name,
        applicantIdNumber: liuFang.idNumber,
        applicantName: liuFang.name,
        submittedOn: '2021-07-01',
        status: 'completed',
        progress: [
          { step: 'submitted', on: '2021-07-01' },
          { step: 'accepted', on: '2021-07-05' },
          { step: 'assessed', on: '2021-08-20' },
          { step: 'reviewed', on: '2021-09-08' },
          { step: 'issued', on: '2021-09-15' },
        ],
        updatedAt: '2021-09-15T03:00:00.000Z',
      },
    ],
  },
};

export const DEMO_DISABLED_PERSONS: ReadonlyMap<string, DisabledPersonsRecords> = new Map(
  Object.entries(RECORDS).map(([name, records]) => [demoPerson(name).personId, records]),
);
