import { z } from 'zod';

/**
 * Service groups: the entries of the guide's 服务 page (e.g. "选择'社保'服务").
 * The id is stable (used in URLs); labels are for people.
 */
export const SERVICE_GROUPS = [
  { id: 'shebao', name: '社保', nameEn: 'Social insurance' },
  { id: 'gongjijin', name: '公积金', nameEn: 'Housing fund' },
  { id: 'shehui-jiuzhu', name: '社会救助', nameEn: 'Social assistance' },
  { id: 'zhucan', name: '助残', nameEn: 'Disability services' },
  { id: 'huzheng', name: '户政(治安)', nameEn: 'Household registration & public security' },
  { id: 'jiaotong', name: '交通出行', nameEn: 'Transport & travel' },
  { id: 'xingshi-jiashi', name: '行驶驾驶', nameEn: 'Vehicles & driving' },
  { id: 'huzhao-tongxingzheng', name: '护照通行证', nameEn: 'Passports & travel permits' },
  { id: 'hunyin', name: '婚姻', nameEn: 'Marriage' },
  { id: 'xinshenger', name: '新生儿服务', nameEn: 'Newborn services' },
  { id: 'jiaoyu', name: '教育服务', nameEn: 'Education' },
  { id: 'gonggong', name: '公共服务', nameEn: 'Public services' },
  { id: 'rencai-jiuye', name: '人才与就业', nameEn: 'Talent & employment' },
  { id: 'xinyong', name: '信用信息', nameEn: 'Credit information' },
  { id: 'shuiwu', name: '税务', nameEn: 'Taxation' },
  { id: 'tiaojie-zhongcai', name: '调解仲裁', nameEn: 'Mediation & arbitration' },
  { id: 'shenghuo-jiaofei', name: '生活缴费', nameEn: 'Utility payments' },
  { id: 'budongchan', name: '不动产登记', nameEn: 'Real estate registration' },
  { id: 'falv', name: '法律服务', nameEn: 'Legal services' },
  { id: 'zhengzhao', name: '我的证照', nameEn: 'My certificates' },
] as const;
export type ServiceGroupId = (typeof SERVICE_GROUPS)[number]['id'];
export const SERVICE_GROUP_IDS = SERVICE_GROUPS.map((g) => g.id) as [ServiceGroupId, ...ServiceGroupId[]];

/** Zones (专区) on the home page, as the guide names them. */
export const ZONES = [
  { id: 'liudong-renkou', name: '流动人口服务专区', nameEn: 'Migrant population services' },
  { id: 'zhihui-chuxing', name: '智慧出行服务专区', nameEn: 'Smart travel' },
  { id: 'jiaoyu', name: '教育服务专区', nameEn: 'Education zone' },
] as const;
export type ZoneId = (typeof ZONES)[number]['id'];
export const ZONE_IDS = ZONES.map((z) => z.id) as [ZoneId, ...ZoneId[]];

/** What a service does for the citizen; drives the primary action (查询 / 立即办理 / 预约 / 缴费 …). */
export const SERVICE_KINDS = [
  'query',
  'application',
  'appointment',
  'payment',
  'certificate',
  'tool',
  'information',
] as const;
export const ServiceKind = z.enum(SERVICE_KINDS).meta({ id: 'ServiceKind' });
export type ServiceKind = z.infer<typeof ServiceKind>;

/**
 * Who may act:
 * - anyone: no login needed (calculators, public lookups, information);
 * - self: only the logged-in citizen for themselves;
 * - self-or-others: 本人办理 or 为他人办理 (with the other person's consent);
 * - mother-only: only the newborn's mother (申领出生医学证明);
 */
export const WHO_MAY_ACT = ['anyone', 'self', 'self-or-others', 'mother-only'] as const;
export const WhoMayAct = z.enum(WHO_MAY_ACT).meta({ id: 'WhoMayAct' });
export type WhoMayAct = z.infer<typeof WhoMayAct>;

export const FEATURE_ID_PATTERN = /^[A-H]\d{1,2}$/;

const ServiceSummaryShape = {
  id: z.string().meta({ description: 'Stable service id (kebab-case)', example: 'shebao-jiaofei-mingxi' }),
  name: z.string().meta({ example: '社保缴费明细' }),
  nameEn: z.string().meta({ example: 'Social insurance contribution details' }),
  group: z.enum(SERVICE_GROUP_IDS),
  zones: z.array(z.enum(ZONE_IDS)),
  kind: ServiceKind,
  featureIds: z.array(z.string().regex(FEATURE_ID_PATTERN)),
  departmentId: z.string(),
  whoMayAct: WhoMayAct,
  requiresVerification: z
    .boolean()
    .meta({ description: 'Face/biometric verification (人脸识别验证) needed before use' }),
  available: z.boolean().meta({ description: 'Whether the requested city offers the service' }),
  unavailableReason: z
    .string()
    .nullable()
    .meta({ description: "The guide's wording when the city does not offer it", example: '暂仅支持广州' }),
  unavailableReasonEn: z.string().nullable(),
};

export const CatalogEntry = z.object(ServiceSummaryShape).meta({ id: 'CatalogEntry' });
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Department = z
  .object({ id: z.string(), name: z.string(), nameEn: z.string() })
  .meta({ id: 'Department', description: '办理部门' });
export type Department = z.infer<typeof Department>;

export const FaqItem = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    questionEn: z.string(),
    answerEn: z.string(),
    serviceIds: z.array(z.string()),
    featureIds: z.array(z.string()),
  })
  .meta({ id: 'FaqItem', description: 'A 问题/回答 pair from the guide' });
export type FaqItem = z.infer<typeof FaqItem>;

export const ServiceDetail = z
  .object({
    ...ServiceSummaryShape,
    description: z.string(),
    descriptionEn: z.string(),
    department: Department,
    /** Cities offering the service (all 21 when available everywhere). */
    availableCities: z.array(z.string()),
    /** What the citizen needs to bring or have (材料), in Chinese. */
    materials: z.array(z.string()),
    materialsEn: z.array(z.string()),
    /** How long it takes (办理时限) where the guide says, else null. */
    timeLimit: z.string().nullable(),
    timeLimitEn: z.string().nullable(),
    /** Extra notes in the guide's wording (e.g. 购票须知). */
    notes: z.array(z.string()),
    notesEn: z.array(z.string()),
    faqs: z.array(FaqItem),
  })
  .meta({ id: 'ServiceDetail' });
export type ServiceDetail = z.infer<typeof ServiceDetail>;

export const SearchMatch = z.enum(['name', 'keyword', 'pinyin', 'initials', 'fuzzy']).meta({ id: 'SearchMatch' });
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchHit = z
  .object({ service: CatalogEntry, score: z.number(), matchedBy: SearchMatch })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const ServiceGroup = z
  .object({ id: z.enum(SERVICE_GROUP_IDS), name: z.string(), nameEn: z.string() })
  .meta({ id: 'ServiceGroup' });
export const Zone = z.object({ id: z.enum(ZONE_IDS), name: z.string(), nameEn: z.string() }).meta({ id: 'Zone' });

export const CatalogMeta = z
  .object({ groups: z.array(ServiceGroup), zones: z.array(Zone), departments: z.array(Department) })
  .meta({ id: 'CatalogMeta' });
export type CatalogMeta = z.infer<typeof CatalogMeta>;
