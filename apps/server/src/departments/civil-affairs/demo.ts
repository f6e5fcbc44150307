import { makeResidentId } from '@yss/contracts';
import { demoPerson } from '../kit/demo.js';
import { ASSISTANCE_REJECTION_REASONS } from './codes.js';
import type {
  AllowanceRow,
  AssistanceRow,
  CivilAffairsRecords,
  MarriageRecordRow,
  SeniorCardRow,
} from './generator.js';

/**
 * Hand-picked civil-affairs records of the README's demo people (docs/departments/civil-affairs.md). The
 * province's date is 2026-01-01.
 */

const at = (on: string) => `${on}T03:00:00.000Z`;
const person = (name: string) => {
  const p = demoPerson(name);
  return { idNumber: p.idNumber, name: p.name };
};

function marriage(
  id: number,
  fields: Omit<
    MarriageRecordRow,
    'recordId' | 'updatedAt' | 'husbandIdNumber' | 'husbandName' | 'wifeIdNumber' | 'wifeName'
  > & {
    husband: { idNumber: string; name: string };
    wife: { idNumber: string; name: string };
  },
): MarriageRecordRow {
  const { husband, wife, ...rest } = fields;
  return {
    recordId: `de0000d0-0000-4000-8000-${String(id).padStart(12, '0')}`,
    husbandIdNumber: husband.idNumber,
    husbandName: husband.name,
    wifeIdNumber: wife.idNumber,
    wifeName: wife.name,
    updatedAt: at(fields.registeredOn),
    ...rest,
  };
}

// 陈志强's former wife is not in the province's register (a Guangxi hukou; sequence 996 is never issued there).
const formerWife = { idNumber: makeResidentId('450103', '19810322', 996), name: '黄丽' };

const zhangFamily = {
  marriages: [
    marriage(1, {
      kind: 'marriage',
      certificateNumber: 'J440106-2015-004217',
      registeredOn: '2015-10-08',
      registry: '广州市天河区民政局婚姻登记处',
      husband: person('张伟'),
      wife: person('刘芳'),
      status: 'married',
    }),
    marriage(2, {
      kind: 'marriage',
      certificateNumber: 'J440104-1968-000312',
      registeredOn: '1968-05-01',
      registry: '广州市越秀区民政局婚姻登记处',
      husband: person('张建国'),
      wife: person('王秀英'),
      status: 'married',
    }),
  ],
};

// 张建国 (82, 广州 hukou): 高龄津贴 since the month after he turned 80, applied at the counter (广州 has no
// online application: the guide lists 肇庆、清远、韶关 only).
const allowance: AllowanceRow = {
  ...person('张建国'),
  cityCode: '440100',
  status: 'receiving',
  sinceMonth: '2023-03',
  appliedOn: '2023-02-20',
  channel: 'counter',
  updatedAt: at('2023-03-01'),
};

// 张建国's 老年人优待证 (the demo's only card holder, docs/welfare.md): issued at the counter by 广州市民政局 when he
// turned 60, lost and replaced (遗失或损坏补领) in 2019 — the 2003 card is 已注销, the 2019 one 有效. 广州 takes no
// online application (the guide lists 佛山、清远、韶关), so neither came from a case.
const fatherCards: SeniorCardRow[] = [
  {
    ...person('张建国'),
    cardNumber: 'YD440100-2003-000318',
    cityCode: '440100',
    kind: 'first',
    issuedOn: '2003-03-10',
    status: 'cancelled',
    updatedAt: at('2019-05-20'),
  },
  {
    ...person('张建国'),
    cardNumber: 'YD440100-2019-004125',
    cityCode: '440100',
    kind: 'reissue',
    issuedOn: '2019-05-20',
    status: 'valid',
    updatedAt: at('2019-05-20'),
  },
];

// 陈志强: married 2006, divorced 2019 (a 离婚证); a 临时救助 in 2025, paid.
const chen = person('陈志强');
const temporary: AssistanceRow = {
  caseId: 'de0000d1-0000-4000-8000-000000000001',
  caseNumber: '4406002025081733',
  idNumber: chen.idNumber,
  kind: 'temporary',
  cityCode: '440600',
  householdSize: 1,
  channel: 'online',
  appliedOn: '2025-08-04',
  status: 'paid',
  monthlyAmount: null,
  oneOffAmount: 3000,
  progress: [
    { step: 'appointment', on: '2025-08-04' },
    { step: 'accepted', on: '2025-08-06' },
    { step: 'investigated', on: '2025-08-13' },
    { step: 'reviewed', on: '2025-08-20' },
    { step: 'approved', on: '2025-08-27' },
    { step: 'paid', on: '2025-09-03' },
  ],
  updatedAt: at('2025-09-03'),
};

// 社会救助办理查询 (docs/welfare.md): 张伟 booked a 低收入家庭 application online in December 2025 (at the 入户调查 step)
// and was refused a 临时救助 in 2024; 李娜 (深圳) receives 低保 and had a 医疗救助 paid.
const zhang = person('张伟');
const zhangCases: AssistanceRow[] = [
  {
    caseId: 'de0000d1-0000-4000-8000-000000000002',
    caseNumber: '4401002025121508',
    idNumber: zhang.idNumber,
    kind: 'low-income',
    cityCode: '440100',
    householdSize: 3,
    channel: 'online',
    appliedOn: '2025-12-15',
    status: 'processing',
    monthlyAmount: null,
    oneOffAmount: null,
    progress: [
      { step: 'appointment', on: '2025-12-15' },
      { step: 'accepted', on: '2025-12-18' },
      { step: 'investigated', on: '2025-12-26' },
    ],
    updatedAt: at('2025-12-26'),
  },
  {
    caseId: 'de0000d1-0000-4000-8000-000000000003',
    caseNumber: '4401002024110321',
    idNumber: zhang.idNumber,
    kind: 'temporary',
    cityCode: '440100',
    householdSize: 3,
    channel: 'counter',
    appliedOn: '2024-11-04',
    status: 'rejected',
    monthlyAmount: null,
    oneOffAmount: null,
    progress: [
      { step: 'appointment', on: '2024-11-04' },
      { step: 'accepted', on: '2024-11-05' },
      { step: 'investigated', on: '2024-11-12' },
      { step: 'rejected', on: '2024-11-20', note: ASSISTANCE_REJECTION_REASONS.temporary[0] },
    ],
    updatedAt: at('2024-11-20'),
  },
];
const liNa = person('李娜');
const liNaCases: AssistanceRow[] = [
  {
    caseId: 'de0000d1-0000-4000-8000-000000000004',
    caseNumber: '4403002025030412',
    idNumber: liNa.idNumber,
    kind: 'dibao',
    cityCode: '440300',
    householdSize: 1,
    channel: 'online',
    appliedOn: '2025-03-04',
    status: 'paid',
    monthlyAmount: 780,
    oneOffAmount: null,
    progress: [
      { step: 'appointment', on: '2025-03-04' },
      { step: 'accepted', on: '2025-03-06' },
      { step: 'investigated', on: '2025-03-14' },
      { step: 'reviewed', on: '2025-03-24' },
      { step: 'approved', on: '2025-04-02' },
      { step: 'paid', on: '2025-04-10' },
    ],
    updatedAt: at('2025-12-10'),
  },
  {
    caseId: 'de0000d1-0000-4000-8000-000000000005',
    caseNumber: '4403002025091107',
    idNumber: liNa.idNumber,
    kind: 'medical',
    cityCode: '440300',
    householdSize: 1,
    channel: 'counter',
    appliedOn: '2025-09-11',
    status: 'paid',
    monthlyAmount: null,
    oneOffAmount: 4260.5,
    progress: [
      { step: 'appointment', on: '2025-09-11' },
      { step: 'accepted', on: '2025-09-12' },
      { step: 'reviewed', on: '2025-09-19' },
      { step: 'approved', on: '2025-09-26' },
      { step: 'paid', on: '2025-10-08' },
    ],
    updatedAt: at('2025-10-08'),
  },
];

const RECORDS: Record<string, CivilAffairsRecords> = {
  张伟: { marriages: zhangFamily.marriages, allowances: [], cases: zhangCases, seniorCards: [] },
  李娜: { marriages: [], allowances: [], cases: liNaCases, seniorCards: [] },
  张建国: { marriages: [], allowances: [allowance], cases: [], seniorCards: fatherCards },
  陈志强: {
    marriages: [
      marriage(3, {
        kind: 'marriage',
        certificateNumber: 'J440604-2006-001533',
        registeredOn: '2006-09-18',
        registry: '佛山市禅城区民政局婚姻登记处',
        husband: chen,
        wife: formerWife,
        status: 'dissolved',
      }),
      marriage(4, {
        kind: 'divorce',
        certificateNumber: 'L440604-2019-000428',
        registeredOn: '2019-06-12',
        registry: '佛山市禅城区民政局婚姻登记处',
        husband: chen,
        wife: formerWife,
        status: 'valid',
      }),
    ],
    allowances: [],
    cases: [temporary],
    seniorCards: [],
  },
};

/** By person id (the couples' records are listed once, under the husband). */
export const DEMO_CIVIL_AFFAIRS: ReadonlyMap<string, CivilAffairsRecords> = new Map(
  Object.entries(RECORDS).map(([name, records]) => [demoPerson(name).personId, records]),
);
