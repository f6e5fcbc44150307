import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { FIRM_FORMS, LAWYER_CATEGORIES, PRACTICE_AREAS } from './directory.js';

/**
 * 法律服务 (广东省司法厅, 12348 广东法网) as a connector contract: the public directory of law firms and
 * lawyers (licence numbers, so that a person can check a lawyer), the legal-aid office of each city, and
 * which lawyers answer the free online consultation on a given day. Public data only: no personal lookups.
 */

const Page = {
  page: z.number().int('页码须为整数').min(1, '页码须大于0').default(1),
  pageSize: z.number().int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(20),
};
const CityField = z.enum(CITY_CODES, '城市代码无效');
const NameField = z.string().trim().max(30, '名称不能超过30个字');
const PracticeAreaField = z.enum(PRACTICE_AREAS, '业务领域无效');

export const LawFirm = z
  .object({
    /** 执业许可证号 */
    licenceNumber: z.string().regex(/^\d{17}$/),
    /** 统一社会信用代码 */
    uscc: z.string().length(18),
    name: z.string(),
    cityCode: z.enum(CITY_CODES),
    regionCode: z.string(),
    address: z.string(),
    phone: z.string(),
    form: z.enum(FIRM_FORMS),
    /** 组织形式: 合伙 / 个人 / 国资 */
    formName: z.string(),
    establishedOn: z.string(),
    lawyerCount: z.number().int(),
  })
  .meta({ id: 'LawFirm', description: '律师事务所' });

export const Lawyer = z
  .object({
    /** 执业证号 */
    licenceNumber: z.string().regex(/^\d{17}$/),
    name: z.string(),
    sex: z.enum(['male', 'female']),
    firm: z.object({ licenceNumber: z.string(), name: z.string() }),
    cityCode: z.enum(CITY_CODES),
    category: z.enum(LAWYER_CATEGORIES),
    /** 专职律师 / 兼职律师 */
    categoryName: z.string(),
    firstLicensedYear: z.number().int(),
    practiceAreas: z.array(z.enum(PRACTICE_AREAS)),
    /** 婚姻家庭、劳动争议 … */
    practiceAreaNames: z.array(z.string()),
    /** Weekdays (1 Monday … 7 Sunday) on which the lawyer answers the free online consultation. */
    onlineConsultationDays: z.array(z.number().int().min(1).max(7)),
  })
  .meta({ id: 'Lawyer', description: '律师' });

export const LegalAidCentre = z
  .object({ cityCode: z.enum(CITY_CODES), name: z.string(), address: z.string(), phone: z.string(), hours: z.string() })
  .meta({ id: 'LegalAidCentre', description: '法律援助机构' });

export const justiceSpec = defineDepartment({
  id: 'justice',
  name: '广东省司法厅',
  catalogDepartmentIds: ['gd-justice'],
  operations: {
    searchLawFirms: {
      summary: '律师事务所查询: by city and name, a page at a time',
      input: z.object({ cityCode: CityField.optional(), name: NameField.optional(), ...Page }),
      output: z.object({
        total: z.number().int(),
        page: z.number().int(),
        pageSize: z.number().int(),
        firms: z.array(LawFirm),
      }),
      idempotent: true,
    },
    lawFirm: {
      summary: '律师事务所详情: a firm by licence number with its lawyers, or null',
      input: z.object({
        licenceNumber: z
          .string()
          .trim()
          .regex(/^\d{17}$/, '执业许可证号格式有误，请输入17位数字'),
      }),
      output: z.object({ firm: LawFirm.extend({ lawyers: z.array(Lawyer) }).nullable() }),
      idempotent: true,
    },
    searchLawyers: {
      summary: '律师查询: by licence number, name, city or practice area, a page at a time',
      input: z.object({
        licenceNumber: z
          .string()
          .trim()
          .regex(/^\d{17}$/, '执业证号格式有误，请输入17位数字')
          .optional(),
        name: NameField.optional(),
        cityCode: CityField.optional(),
        practiceArea: PracticeAreaField.optional(),
        ...Page,
      }),
      output: z.object({
        total: z.number().int(),
        page: z.number().int(),
        pageSize: z.number().int(),
        lawyers: z.array(Lawyer),
      }),
      idempotent: true,
    },
    legalAidCentres: {
      summary: '法律援助机构: the legal-aid office of a city (or every city) and the 12348 hotline',
      input: z.object({ cityCode: CityField.optional() }),
      output: z.object({ hotline: z.string(), centres: z.array(LegalAidCentre) }),
      idempotent: true,
    },
    onlineConsultation: {
      summary: '免费在线咨询: whether lawyers answer on a day (by topic and city) and who',
      input: z.object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式有误，应为YYYY-MM-DD')
          .refine((d) => {
            const parsed = new Date(`${d}T00:00:00Z`);
            return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
          }, '日期不存在，请核对'),
        topic: PracticeAreaField.optional(),
        cityCode: CityField.optional(),
      }),
      output: z.object({
        available: z.boolean(),
        hotline: z.string(),
        hours: z.string(),
        lawyersOnDuty: z.array(Lawyer),
      }),
      idempotent: true,
    },
  },
});
export type JusticeSpec = typeof justiceSpec;
