import { makeResidentId } from '@yss/contracts';
import { demoPerson } from '../kit/demo.js';
import type { BirthCertificateRow } from './generator.js';

/**
 * 张梓轩 was born in Guangzhou on 2017-04-15: his certificate exists, but its e-licence cannot be linked
 * (广州 covers births from 2018-05-01 only) — the guide's rule in one record.
 */
const child = demoPerson('张梓轩');
const mother = demoPerson('刘芳');
const father = demoPerson('张伟');

/**
 * 陈思语, born 2025-12-10 in 佛山 to 陈志强 and 周敏, not yet registered (出生登记, docs/huzheng.md): no ID number and
 * no person in the register yet, so the record is listed under her father. 周敏 is not in the province's register
 * (female sequence 998 is never issued there).
 */
const chen = demoPerson('陈志强');
export const NEWBORN_MOTHER = { name: '周敏', idNumber: makeResidentId('440604', '19930614', 998) };
export const NEWBORN: BirthCertificateRow = {
  certificateNumber: 'Q440612345',
  childIdNumber: null,
  childName: '陈思语',
  childSex: 'female',
  birthDate: '2025-12-10',
  birthTime: '14:05',
  hospital: '佛山市妇幼保健院',
  cityCode: '440600',
  weightGrams: 3180,
  lengthCm: 49,
  gestationWeeks: 39,
  motherIdNumber: NEWBORN_MOTHER.idNumber,
  motherName: NEWBORN_MOTHER.name,
  fatherIdNumber: chen.idNumber,
  fatherName: chen.name,
  issuedOn: '2025-12-16',
  updatedAt: '2025-12-16T02:00:00.000Z',
};

export const DEMO_HEALTH: ReadonlyMap<string, BirthCertificateRow[]> = new Map([
  [
    child.personId,
    [
      {
        certificateNumber: 'O440512873',
        childIdNumber: child.idNumber,
        childName: child.name,
        childSex: 'male',
        birthDate: '2017-04-15',
        birthTime: '08:26',
        hospital: '广东省妇幼保健院',
        cityCode: '440100',
        weightGrams: 3350,
        lengthCm: 50,
        gestationWeeks: 39,
        motherIdNumber: mother.idNumber,
        motherName: mother.name,
        fatherIdNumber: father.idNumber,
        fatherName: father.name,
        issuedOn: '2017-04-22',
        updatedAt: '2017-04-22T02:00:00.000Z',
      },
    ],
  ],
  [chen.personId, [NEWBORN]],
]);
