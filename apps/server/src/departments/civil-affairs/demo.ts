import { makeResidentId } from '@yss/contracts';
import { demoPerson } from '../kit/demo.js';
import type { AllowanceRow, AssistanceRow, CivilAffairsRecords, MarriageRecordRow } from './generator.js';

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

const RECORDS: Record<string, CivilAffairsRecords> = {
  张伟: { marriages: zhangFamily.marriages, allowances: [], cases: [] },
  张建国: { marriages: [], allowances: [allowance], cases: [] },
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
  },
};

/** By person id (the couples' records are listed once, under the husband). */
export const DEMO_CIVIL_AFFAIRS: ReadonlyMap<string, CivilAffairsRecords> = new Map(
  Object.entries(RECORDS).map(([name, records]) => [demoPerson(name).personId, records]),
);
