import { z } from 'zod';
import { SERVICE_GROUP_IDS, ServiceKind } from './catalog.js';
import { CITY_CODES } from './cities.js';

/**
 * The console's 服务事项管理 (catalog.edit) and 常见问题管理 (faq.edit). Staff edits are an override layer over
 * the service definitions (docs/catalog-admin.md): per service and city (or 全省), a pause (暂停办理) with a
 * reason citizens read, and the 办理须知 (notes) and description text; FAQs created, edited, hidden and deleted.
 * Every change carries the `version` the editor saw (0: no override yet) and is refused CATALOG_CHANGED /
 * FAQ_CHANGED when someone else changed it meanwhile.
 */

const City = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });
/** A city, or null for the whole province (全省: a province-wide grant only). */
const ScopeCity = City.nullable();
const Version = z
  .number({ error: '缺少版本号，请刷新后重试' })
  .int('版本号有误')
  .min(0, '版本号有误')
  .max(2_147_483_647, '版本号有误');

// ---------------------------------------------------------------------------------------------------------------
// 服务事项 (catalog.edit)
// ---------------------------------------------------------------------------------------------------------------

export const ConsoleCatalogQuery = z
  .object({
    /** The city whose availability is shown (default: the caller's first city). */
    city: z.string().max(20).optional(),
    q: z.string().trim().max(50, '搜索内容不能超过50个字').optional(),
  })
  .strict();

/** How a service stands in one city, for the console's list. */
export const ConsoleCatalogItem = z
  .object({
    id: z.string(),
    name: z.string(),
    group: z.enum(SERVICE_GROUP_IDS),
    kind: ServiceKind,
    departmentId: z.string(),
    departmentName: z.string(),
    /** Whether the definitions offer it in the city (the guide's 暂仅支持… rules). */
    offeredByDefinition: z.boolean(),
    /** Paused in this city (by a city or a province-wide override). */
    paused: z.boolean(),
    pausedScope: z.enum(['city', 'province']).nullable(),
    pauseReason: z.string().nullable(),
    /** What citizens of the city see: available or not, and the words shown when not. */
    available: z.boolean(),
    unavailableReason: z.string().nullable(),
    /** 办理须知 or description replaced for this city (or province-wide). */
    textsEdited: z.boolean(),
  })
  .meta({ id: 'ConsoleCatalogItem' });
export type ConsoleCatalogItem = z.infer<typeof ConsoleCatalogItem>;

export const ConsoleCatalogList = z
  .object({
    cityCode: z.string(),
    cityName: z.string(),
    /** The cities the caller may pick (their catalog.edit grants' cities; all 21 for a province-wide grant). */
    cities: z.array(z.object({ code: z.string(), name: z.string() })),
    items: z.array(ConsoleCatalogItem),
  })
  .meta({ id: 'ConsoleCatalogList' });
export type ConsoleCatalogList = z.infer<typeof ConsoleCatalogList>;

/** One override (a city's, or the province's when cityCode is null) as stored; version 0: none yet. */
export const CatalogOverride = z
  .object({
    cityCode: z.string().nullable(),
    paused: z.boolean(),
    pauseReason: z.string().nullable(),
    /** null: the definitions' text. */
    notes: z.array(z.string()).nullable(),
    description: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'CatalogOverride' });
export type CatalogOverride = z.infer<typeof CatalogOverride>;

export const CATALOG_CHANGE_ACTIONS = ['pause', 'resume', 'texts'] as const;
export const CATALOG_CHANGE_LABELS: Record<(typeof CATALOG_CHANGE_ACTIONS)[number], string> = {
  pause: '暂停办理',
  resume: '恢复办理',
  texts: '修改办理须知',
};

export const CatalogChange = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.enum(CATALOG_CHANGE_ACTIONS),
    cityCode: z.string().nullable(),
    /** 全省 for a province-wide change. */
    cityName: z.string(),
    staffName: z.string(),
    reason: z.string().nullable(),
    notes: z.array(z.string()).nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: 'CatalogChange' });
export type CatalogChange = z.infer<typeof CatalogChange>;

export const ConsoleCatalogDetailQuery = z.object({ city: z.string().max(20) }).strict();

export const ConsoleCatalogDetail = z
  .object({
    item: ConsoleCatalogItem,
    cityCode: z.string(),
    cityName: z.string(),
    /** The definitions' text (the source of truth, re-seeded at every start). */
    definition: z.object({
      description: z.string(),
      notes: z.array(z.string()),
      unavailableReason: z.string().nullable(),
    }),
    /** What citizens of the city read now (city override, else province-wide, else the definitions). */
    effective: z.object({ description: z.string(), notes: z.array(z.string()) }),
    city: CatalogOverride,
    province: CatalogOverride,
    /** Whether the caller holds a province-wide catalog.edit grant for the service's department. */
    canEditProvince: z.boolean(),
    /** Newest first (at most 50), the city's and the province's changes. */
    history: z.array(CatalogChange),
  })
  .meta({ id: 'ConsoleCatalogDetail' });
export type ConsoleCatalogDetail = z.infer<typeof ConsoleCatalogDetail>;

export const PauseServiceInput = z
  .object({
    cityCode: ScopeCity,
    reason: z
      .string({ error: '请填写暂停原因（群众将看到）' })
      .trim()
      .min(2, '请填写暂停原因（群众将看到）')
      .max(60, '暂停原因不能超过60个字'),
    version: Version,
  })
  .strict()
  .meta({ id: 'PauseServiceInput' });
export type PauseServiceInput = z.input<typeof PauseServiceInput>;

export const ResumeServiceInput = z
  .object({ cityCode: ScopeCity, version: Version })
  .strict()
  .meta({ id: 'ResumeServiceInput' });
export type ResumeServiceInput = z.input<typeof ResumeServiceInput>;

export const UpdateServiceTextsInput = z
  .object({
    cityCode: ScopeCity,
    /** null: back to the definitions' description. */
    description: z.string().trim().min(2, '事项说明至少2个字').max(500, '事项说明不能超过500个字').nullable(),
    /** null: back to the definitions' 办理须知. */
    notes: z
      .array(z.string().trim().min(1, '须知内容不能为空').max(300, '每条须知不能超过300个字'))
      .max(10, '办理须知最多10条')
      .nullable(),
    version: Version,
  })
  .strict()
  .meta({ id: 'UpdateServiceTextsInput' });
export type UpdateServiceTextsInput = z.input<typeof UpdateServiceTextsInput>;

// ---------------------------------------------------------------------------------------------------------------
// 常见问题 (faq.edit)
// ---------------------------------------------------------------------------------------------------------------

export const ConsoleFaqQuery = z
  .object({
    q: z.string().trim().max(50, '搜索内容不能超过50个字').optional(),
    serviceId: z.string().max(100).optional(),
  })
  .strict();

export const ConsoleFaq = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    questionEn: z.string(),
    answerEn: z.string(),
    services: z.array(z.object({ id: z.string(), name: z.string() })),
    departmentId: z.string(),
    departmentName: z.string(),
    /** null: shown in every city (全省). */
    cityCode: z.string().nullable(),
    cityName: z.string(),
    /** seed: from the guide (the definitions); staff: written in the console. */
    origin: z.enum(['seed', 'staff']),
    /** A seeded FAQ changed in the console: the definitions no longer overwrite it. */
    edited: z.boolean(),
    hidden: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
    /** Whether the caller's faq.edit grants cover its department and city. */
    editable: z.boolean(),
  })
  .meta({ id: 'ConsoleFaq' });
export type ConsoleFaq = z.infer<typeof ConsoleFaq>;

const FaqText = {
  question: z.string({ error: '请填写问题' }).trim().min(4, '问题至少4个字').max(100, '问题不能超过100个字'),
  answer: z.string({ error: '请填写回答' }).trim().min(2, '回答至少2个字').max(2000, '回答不能超过2000个字'),
  /** Empty: the English app shows the Chinese text. */
  questionEn: z.string().trim().max(300, '英文问题不能超过300个字符').default(''),
  answerEn: z.string().trim().max(4000, '英文回答不能超过4000个字符').default(''),
  serviceIds: z
    .array(z.string().min(1).max(100))
    .max(20, '最多关联20个服务事项')
    .refine((ids) => new Set(ids).size === ids.length, '关联的服务事项重复'),
};

export const CreateFaqInput = z
  .object({
    ...FaqText,
    departmentId: z.string({ error: '请选择所属部门' }).min(1, '请选择所属部门').max(100),
    cityCode: ScopeCity,
  })
  .strict()
  .meta({ id: 'CreateFaqInput' });
export type CreateFaqInput = z.input<typeof CreateFaqInput>;

export const UpdateFaqInput = z
  .object({ ...FaqText, version: Version })
  .strict()
  .meta({ id: 'UpdateFaqInput' });
export type UpdateFaqInput = z.input<typeof UpdateFaqInput>;

export const FaqVisibilityInput = z
  .object({ hidden: z.boolean({ error: '请选择隐藏或显示' }), version: Version })
  .strict()
  .meta({ id: 'FaqVisibilityInput' });
export type FaqVisibilityInput = z.input<typeof FaqVisibilityInput>;

export const DeleteFaqQuery = z.object({ version: z.coerce.number().int().min(0).max(2_147_483_647) }).strict();
