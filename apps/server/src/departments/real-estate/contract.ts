import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberField, IsoDate, Timestamp, Yuan } from '../province/zod-inputs.js';

/**
 * 不动产登记 as a department system: a person's titles (不动产权证书, or an older 房地产权证 still in force), the
 * registration proofs (不动产登记证明: mortgages on their property, pre-registrations of their off-plan purchases),
 * the progress of registration applications (reported by the 肇庆 and 茂名 registration centres only) and title
 * plat maps (权证附图, published by 阳江 only). Every answer is about the person asked about: co-owners are
 * counted, never named.
 */

export const PROGRESS_CITIES = ['441200', '440900'] as const;
export const PLAT_MAP_CITIES = ['441700'] as const;
export const APPLICATION_STEPS = ['受理', '审核', '登簿', '缮证', '发证'] as const;

/** 粤(2019)广州市不动产权第0123456号; ASCII or full-width parentheses. */
export const TITLE_NUMBER = /^粤[(（](\d{4})[)）](.{2,4}?[市县])不动产权第(\d{7})号$/u;
/** 粤房地权证穗字第0100012345号: a 房地产权证 of before unified registration. */
export const LEGACY_TITLE_NUMBER = /^粤房地权证.{1,2}字第\d{10}号$/u;

export const CertificateNumberField = z
  .string()
  .trim()
  .refine(
    (v) => TITLE_NUMBER.test(v) || LEGACY_TITLE_NUMBER.test(v),
    '不动产权证号格式有误，如 粤(2019)阳江市不动产权第0001234号',
  )
  .meta({ description: '不动产权证号, e.g. 粤(2019)阳江市不动产权第0001234号' });

export const Mortgage = z
  .object({
    proofNumber: z.string().meta({ description: '不动产登记证明号（抵押权）' }),
    mortgagee: z.string().meta({ description: '抵押权人' }),
    amount: Yuan.meta({ description: '被担保主债权数额（元）' }),
    termFrom: IsoDate,
    termTo: IsoDate,
    registeredOn: IsoDate,
  })
  .meta({ id: 'RealEstateMortgage', description: '抵押权（现势）' });

export const Property = z
  .object({
    certificateNumber: z.string().meta({ description: '不动产权证号' }),
    certificateKind: z.enum(['不动产权证书', '房地产权证']),
    unitNumber: z.string().meta({ description: '不动产单元号' }),
    cityCode: z.string(),
    location: z.string().meta({ description: '坐落' }),
    use: z.enum(['住宅', '车位', '商业']).meta({ description: '用途' }),
    floorArea: z.number().meta({ description: '建筑面积（平方米，两位小数）' }),
    landUseUntil: IsoDate.meta({ description: '土地使用期限（止）' }),
    registeredOn: IsoDate.meta({ description: '登记时间' }),
    registrationType: z.string().meta({ description: '登记类型, e.g. 转移登记' }),
    shareKind: z.enum(['单独所有', '共同共有', '按份共有']).meta({ description: '共有情况' }),
    /** How many right holders the title names, the person included (co-owners are not named here). */
    holderCount: z.number().int().positive(),
    status: z.enum(['现势', '抵押']).meta({ description: '权利状态: 现势, or 抵押 while a mortgage is registered' }),
    mortgages: z.array(Mortgage),
    updatedAt: Timestamp,
  })
  .meta({ id: 'RealEstateProperty', description: '不动产登记信息' });

export const RegistrationProof = z
  .object({
    proofNumber: z.string().meta({ description: '不动产登记证明号, e.g. 粤(2025)深圳市不动产证明第0012345号' }),
    kind: z.enum(['pre-sale']),
    kindName: z.literal('预告登记'),
    location: z.string(),
    obligor: z.string().meta({ description: '义务人（开发企业）' }),
    registeredOn: IsoDate,
    status: z.enum(['现势', '注销']),
    updatedAt: Timestamp,
  })
  .meta({ id: 'RealEstateRegistrationProof', description: '不动产登记证明（本人为权利人）' });

export const ApplicationProgress = z
  .object({
    applicationNumber: z.string().meta({ description: '受理编号' }),
    cityCode: z.enum(PROGRESS_CITIES),
    kind: z.string().meta({ description: '登记类型' }),
    location: z.string(),
    submittedOn: IsoDate,
    steps: z.array(
      z.object({
        name: z.enum(APPLICATION_STEPS),
        status: z.enum(['done', 'current', 'pending']),
        reachedOn: IsoDate.nullable(),
      }),
    ),
    status: z.enum(['办理中', '已办结']),
    updatedAt: Timestamp,
  })
  .meta({ id: 'RealEstateApplicationProgress', description: '不动产登记办理进度' });

const Point = z.tuple([z.number(), z.number()]);

export const PlatMap = z
  .object({
    certificateNumber: z.string(),
    parcelCode: z.string().meta({ description: '宗地代码 (19 characters)' }),
    parcelArea: z.number().meta({ description: '宗地面积（平方米）' }),
    /** Polygons in metres, local to the parcel (x east, y north), first point not repeated. */
    parcel: z.array(Point).meta({ description: '宗地界址（米）' }),
    building: z.array(Point).meta({ description: '房屋轮廓（米）' }),
    boundaries: z.string().meta({ description: '四至' }),
    surveyedOn: IsoDate,
  })
  .meta({ id: 'RealEstatePlatMap', description: '权证附图（阳江）' });

const IdQuery = z.object({ idNumber: IdNumberField });

export const realEstateSpec = defineDepartment({
  id: 'real-estate',
  name: '广东省自然资源厅（不动产登记）',
  catalogDepartmentIds: ['gd-natural-resources'],
  operations: {
    propertiesOf: {
      summary: '不动产信息查询: the titles a person holds, with floor area, status and mortgages',
      input: IdQuery,
      output: z.object({ properties: z.array(Property) }),
      idempotent: true,
    },
    proofsOf: {
      summary: '不动产登记证明: the registration proofs a person holds (pre-registrations of purchases)',
      input: IdQuery,
      output: z.object({ proofs: z.array(RegistrationProof) }),
      idempotent: true,
    },
    applicationProgress: {
      summary: '办理进度查询: a person’s registration applications (肇庆, 茂名 only)',
      input: IdQuery,
      output: z.object({ applications: z.array(ApplicationProgress) }),
      idempotent: true,
    },
    platMap: {
      summary: '权证附图: the plat map of a title the person holds (阳江 only), or null',
      input: z.object({ idNumber: IdNumberField, certificateNumber: CertificateNumberField }),
      output: z.object({ platMap: PlatMap.nullable() }),
      idempotent: true,
    },
  },
});
export type RealEstateSpec = typeof realEstateSpec;
