import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberInput, IsoDate, UpdatedAt } from '../kit/inputs.js';

/**
 * The health commission (卫健) as a department contract: birth medical certificates (出生医学证明, E2) of
 * births in Guangdong hospitals, found by the child's, the mother's or the father's ID number, with whether
 * the e-licence can be linked (the guide's date rule by city).
 */

export const BirthCertificate = z
  .object({
    /** 出生医学证明编号 */
    certificateNumber: z.string().regex(/^[A-Z]\d{9}$/),
    /** What the asking person is on it. */
    role: z.enum(['child', 'mother', 'father']),
    childName: z.string(),
    childSex: z.enum(['male', 'female']),
    /** The child's ID number, once registered (出生登记). */
    childIdNumber: z.string().nullable(),
    birthDate: IsoDate,
    /** 出生时间 (Beijing time) */
    birthTime: z.string().regex(/^\d{2}:\d{2}$/),
    /** 出生地点 / 接生机构 */
    hospital: z.string(),
    cityCode: z.enum(CITY_CODES),
    /** 出生体重 (g), 身长 (cm), 出生孕周 */
    weightGrams: z.number().int().positive(),
    lengthCm: z.number().int().positive(),
    gestationWeeks: z.number().int().positive(),
    motherName: z.string(),
    motherIdNumber: z.string(),
    fatherName: z.string().nullable(),
    fatherIdNumber: z.string().nullable(),
    /** 签发日期 */
    issuedOn: IsoDate,
    electronicLicence: z.object({
      /** The e-licence exists and can be linked (我的证照). */
      available: z.boolean(),
      /** The first birth date the city's e-licences cover (2014-01-01; 2018-05-01 in 广州、深圳、佛山、珠海). */
      coversBirthsFrom: IsoDate,
    }),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'HealthBirthCertificate', description: '出生医学证明' });
export type BirthCertificate = z.infer<typeof BirthCertificate>;

export const healthSpec = defineDepartment({
  id: 'health',
  name: '广东省卫生健康委员会',
  catalogDepartmentIds: ['gd-health'],
  operations: {
    birthCertificates: {
      summary: '出生医学证明: certificates naming the person as child, mother or father, newest first',
      input: IdNumberInput,
      output: z.object({ certificates: z.array(BirthCertificate) }),
      idempotent: true,
    },
  },
});
export type HealthSpec = typeof healthSpec;
