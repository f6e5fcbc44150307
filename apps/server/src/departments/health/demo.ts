import { demoPerson } from '../kit/demo.js';
import type { BirthCertificateRow } from './generator.js';

/**
 * 张梓轩 was born in Guangzhou on 2017-04-15: his certificate exists, but its e-licence cannot be linked
 * (广州 covers births from 2018-05-01 only) — the guide's rule in one record.
 */
const child = demoPerson('张梓轩');
const mother = demoPerson('刘芳');
const father = demoPerson('张伟');

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
]);
