import { CITY_CODES, parseResidentId } from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { ADMISSION_STATUSES, GAOKAO_TRACKS } from './exams.js';
import { ARCHIVE_DESTINATIONS, ARCHIVE_METHODS, EDUCATION_LEVELS } from './graduates.js';
import { SCHOOL_OWNERSHIPS, SCHOOL_STAGES } from './schools.js';

/**
 * The education systems (教育厅 school directory, 佛山市教育局 中考, 广东省教育考试院 高考, 广东省高校毕业生就业
 * 指导中心 报到证 and 档案) as one connector contract. Every personal record names the body that provides
 * it (`provider`, for "数据由…提供") and when it last changed (`updatedAt`, for "数据更新于").
 *
 * Personal reads are keyed by what the citizen proves: the resident ID number of a verified login, or an
 * exam number with the candidate's password (checked by the department, never returned). A miss is one
 * answer (`null`) whether the number is unknown or the password wrong. Scores are whole marks.
 */

const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const parsed = parseResidentId(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  })
  .meta({ description: '居民身份证号码（18位）' });

const Password = z
  .string()
  .min(1, '请输入密码')
  .max(64, '密码不能超过64个字符')
  .meta({ description: '查询密码（由考生设置；部门系统核对，不返回）' });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const IsoDateTime = z.string().meta({ description: '数据更新于（ISO 8601，北京时间）' });

// ------------------------------------------------------------------------------------------------------
// Schools (学校查询)
// ------------------------------------------------------------------------------------------------------

export const SearchSchoolsInput = z
  .object({
    name: z.string().trim().max(30, '学校名称不能超过30个字').optional().meta({ description: '学校名称（包含即可）' }),
    address: z
      .string()
      .trim()
      .max(30, '学校地址不能超过30个字')
      .optional()
      .meta({ description: '学校地址（包含即可），如街道或路名' }),
    cityCode: z.enum(CITY_CODES, '城市代码无效').optional(),
    regionCode: z
      .string()
      .regex(/^44\d{4}$/, '区县代码格式有误')
      .optional()
      .meta({ description: '区县代码（GB/T 2260）' }),
    stage: z.enum(SCHOOL_STAGES, '学段无效').optional().meta({ description: '学段：幼儿园、小学、初中、高中' }),
    ownership: z.enum(SCHOOL_OWNERSHIPS, '办学类型无效').optional().meta({ description: '办学类型：公办、民办' }),
    page: z.number().int('页码须为整数').min(1, '页码须大于0').default(1),
    pageSize: z.number().int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(20),
  })
  .meta({ id: 'EducationSearchSchoolsInput' });

export const School = z
  .object({
    code: z.string().regex(/^\d{10}$/),
    name: z.string(),
    cityCode: z.enum(CITY_CODES),
    regionCode: z.string().regex(/^\d{6}$/),
    districtName: z.string(),
    address: z.string(),
    stage: z.enum(SCHOOL_STAGES),
    /** 幼儿园 / 小学 / 初级中学 / 高级中学 */
    stageName: z.string(),
    ownership: z.enum(SCHOOL_OWNERSHIPS),
    /** 办学类型: 公办 / 民办 */
    ownershipName: z.string(),
    phone: z.string(),
  })
  .meta({ id: 'EducationSchool', description: '学校信息' });
export type School = z.infer<typeof School>;

export const SchoolPage = z
  .object({
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    schools: z.array(School),
  })
  .meta({ id: 'EducationSchoolPage' });

// ------------------------------------------------------------------------------------------------------
// Exams (中考, 高考)
// ------------------------------------------------------------------------------------------------------

export const SubjectScore = z
  .object({ subject: z.string(), score: z.number().int().min(0), fullMarks: z.number().int().min(1) })
  .meta({ id: 'ExamSubjectScore', description: '科目成绩' });

export const ZhongkaoInput = z
  .object({
    ticketNumber: z
      .string()
      .trim()
      .regex(/^\d{14}$/, '准考证号格式有误，请输入14位数字')
      .meta({ description: '中考准考证号' }),
    password: Password,
  })
  .meta({ id: 'ZhongkaoInput' });

export const ZhongkaoResult = z
  .object({
    ticketNumber: z.string(),
    name: z.string(),
    examYear: z.number().int(),
    school: z.object({ code: z.string(), name: z.string() }).meta({ description: '毕业学校（初中）' }),
    scores: z.array(SubjectScore),
    total: z.number().int(),
    fullMarks: z.number().int(),
    provider: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ZhongkaoResult', description: '中考成绩（佛山）' });

export const ExamSession = z
  .object({ date: IsoDate, start: z.string(), end: z.string(), subject: z.string() })
  .meta({ id: 'GaokaoExamSession', description: '考试时间' });

export const GaokaoRecord = z
  .object({
    /** 考生号 */
    candidateNumber: z.string().regex(/^\d{14}$/),
    /** 准考证号 */
    admissionTicketNumber: z.string().regex(/^\d{14}$/),
    name: z.string(),
    /** 440106********0311 */
    idNumberMasked: z.string(),
    examYear: z.number().int(),
    track: z.enum(GAOKAO_TRACKS),
    /** 物理类 / 历史类 (2021 on), 理科 / 文科 (before) */
    trackName: z.string(),
    examCentre: z.object({ code: z.string(), name: z.string(), address: z.string() }).meta({ description: '考点' }),
    timetable: z.array(ExamSession),
    /** Null until the scores are published. */
    scores: z.array(SubjectScore).nullable(),
    total: z.number().int().nullable(),
    fullMarks: z.number().int(),
    admission: z
      .object({
        status: z.enum(ADMISSION_STATUSES),
        /** 已录取 / 未录取 / 录取进行中 */
        statusName: z.string(),
        institution: z.string().nullable(),
        major: z.string().nullable(),
        level: z.enum(['undergraduate', 'vocational']).nullable(),
        /** 本科 / 专科 */
        levelName: z.string().nullable(),
      })
      .meta({ description: '录取结果' }),
    provider: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'GaokaoRecord', description: '高考准考证与成绩' });
export type GaokaoRecord = z.infer<typeof GaokaoRecord>;

export const GaokaoByCandidateInput = z
  .object({
    candidateNumber: z
      .string()
      .trim()
      .regex(/^\d{14}$/, '考生号格式有误，请输入14位考生号')
      .meta({ description: '高考考生号' }),
    password: Password,
  })
  .meta({ id: 'GaokaoByCandidateInput' });

// ------------------------------------------------------------------------------------------------------
// Graduates (就业报到证, 档案去向)
// ------------------------------------------------------------------------------------------------------

export const EmploymentCertificate = z
  .object({
    /** 报到证编号 */
    certificateNumber: z.string().regex(/^\d{17}$/),
    name: z.string(),
    graduationYear: z.number().int(),
    /** 毕业学校 */
    institution: z.string(),
    /** 主管单位 */
    authority: z.string(),
    /** 所学专业 */
    major: z.string(),
    level: z.enum(EDUCATION_LEVELS),
    /** 学历: 专科 / 本科 / 硕士研究生 / 博士研究生 */
    levelName: z.string(),
    /** 报到单位 */
    reportTo: z.string(),
    provider: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'EmploymentCertificate', description: '高校毕业生就业报到证' });

export const ArchiveWhereabouts = z
  .object({
    certificateNumber: z.string(),
    graduationYear: z.number().int(),
    destination: z.enum(ARCHIVE_DESTINATIONS),
    /** 单位 / 人才市场 / 生源地 */
    destinationName: z.string(),
    /** 接收单位 */
    receiver: z.string(),
    address: z.string(),
    /** 寄出日期 */
    sentOn: IsoDate,
    method: z.enum(ARCHIVE_METHODS),
    /** 寄出方式: 机要寄送 / 专人送达 */
    methodName: z.string(),
    /** 寄出信息: the confidential-mail number (none for a courier) */
    trackingNumber: z.string().nullable(),
    receivedOn: IsoDate,
    provider: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ArchiveWhereabouts', description: '毕业生档案去向' });

export const CertificateVerification = z
  .discriminatedUnion('valid', [
    z.object({
      valid: z.literal(true),
      certificateNumber: z.string(),
      /** Only the last character of the name: the scanner is not the holder. */
      holderNameMasked: z.string(),
      institution: z.string(),
      graduationYear: z.number().int(),
      levelName: z.string(),
    }),
    z.object({ valid: z.literal(false) }),
  ])
  .meta({ id: 'EmploymentCertificateVerification', description: '报到证扫码核验' });

const ByIdNumber = z.object({ idNumber: IdNumber });

export const educationSpec = defineDepartment({
  id: 'education',
  name: '广东省教育厅',
  catalogDepartmentIds: ['gd-education', 'gd-education-exam', 'foshan-education', 'gd-graduate-employment-centre'],
  operations: {
    searchSchools: {
      summary: '学校查询: schools by name, city, district, stage and type, a page at a time',
      input: SearchSchoolsInput,
      output: SchoolPage,
      idempotent: true,
    },
    zhongkaoResult: {
      summary: '中考成绩查询 (佛山): results by ticket number and password; null when either is wrong',
      input: ZhongkaoInput,
      output: z.object({ result: ZhongkaoResult.nullable() }),
      idempotent: true,
    },
    gaokaoByIdNumber: {
      summary: '高考准考证及成绩 (考生本人): every 高考 record of the logged-in candidate, newest first',
      input: ByIdNumber,
      output: z.object({ records: z.array(GaokaoRecord) }),
      idempotent: true,
    },
    gaokaoByCandidateNumber: {
      summary: '高考准考证及成绩 (凭考生号及密码): the record; null when the number or password is wrong',
      input: GaokaoByCandidateInput,
      output: z.object({ record: GaokaoRecord.nullable() }),
      idempotent: true,
    },
    employmentCertificate: {
      summary: '高校毕业生就业报到证 (2006–2016届): the certificate of an ID number, or null',
      input: ByIdNumber,
      output: z.object({ certificate: EmploymentCertificate.nullable() }),
      idempotent: true,
    },
    archiveWhereabouts: {
      summary: '毕业生档案去向: receiving unit, date sent, method and tracking, or null',
      input: ByIdNumber,
      output: z.object({ archive: ArchiveWhereabouts.nullable() }),
      idempotent: true,
    },
    verifyEmploymentCertificate: {
      summary: '报到证扫码核验: is this certificate number genuine (masked holder)',
      input: z.object({
        certificateNumber: z
          .string()
          .trim()
          .regex(/^\d{17}$/, '报到证编号格式有误，请输入17位数字'),
      }),
      output: CertificateVerification,
      idempotent: true,
    },
  },
});
export type EducationSpec = typeof educationSpec;
