import { z } from 'zod';
import { RecordSource, RecordSubject } from './lookups.js';

/**
 * 信用信息 (F3) as the platform answers it: 信用查询 (anyone) and 信用信息订阅 (logged in, fresh verification).
 * Everything here is public information about market entities (企业、个体工商户、事业单位); the legal
 * representative's name is part of the public registration record.
 */

export const CREDIT_SUBJECT_STATUSES = ['存续', '注销', '吊销'] as const;
/** Subscriptions one citizen may hold at a time. */
export const CREDIT_SUBSCRIPTION_LIMIT = 50;
export const CREDIT_SEARCH_MAX_PAGE_SIZE = 20;

/** `q`: a name (at least 2 characters, contained anywhere) or an 18-character 统一社会信用代码. */
export const CreditSearchQuery = z
  .object({
    q: z
      .string({ error: '请输入主体名称或统一社会信用代码' })
      .trim()
      .min(2, '请输入至少2个字的主体名称，或18位统一社会信用代码')
      .max(50, '主体名称最多50个字'),
    page: z.coerce.number().int('页码应为正整数').min(1, '页码应为正整数').max(500, '页码过大').default(1),
    pageSize: z.coerce
      .number()
      .int('每页条数应为整数')
      .min(1, '每页至少1条')
      .max(CREDIT_SEARCH_MAX_PAGE_SIZE, `每页最多${CREDIT_SEARCH_MAX_PAGE_SIZE}条`)
      .default(10),
  })
  .strict();
export type CreditSearchQuery = z.infer<typeof CreditSearchQuery>;

/**
 * Whether a search text is meant as a 统一社会信用代码 rather than a name: only letters and digits, at least 15
 * of them (a code typed one character short or long is then refused as a code, not searched as a name).
 */
export function looksLikeUscc(q: string): boolean {
  const s = q.replace(/\s+/g, '');
  return /^[0-9A-Za-z]{15,20}$/.test(s) && /\d/.test(s);
}

export const CreditSubjectSummary = z
  .object({
    uscc: z.string().meta({ description: '统一社会信用代码' }),
    name: z.string().meta({ description: '主体名称' }),
    kindName: z.string().meta({ description: '主体类型' }),
    legalRepresentative: z.string().meta({ description: '法定代表人 / 经营者 / 负责人 (public registration record)' }),
    registeredCapitalWan: z.number().meta({ description: '注册资本（万元人民币）' }),
    establishedOn: z.string().meta({ description: '成立日期 YYYY-MM-DD' }),
    status: z.enum(CREDIT_SUBJECT_STATUSES).meta({ description: '登记状态' }),
    cityCode: z.string(),
  })
  .meta({ id: 'CreditSubjectSummary', description: '信用主体（查询结果列表项）' });
export type CreditSubjectSummary = z.infer<typeof CreditSubjectSummary>;

export const CreditSearchResult = z
  .object({
    /** How `q` was read: as a name, or as a 统一社会信用代码. */
    by: z.enum(['name', 'uscc']),
    q: z.string(),
    total: z.number().int().nonnegative(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(CreditSubjectSummary),
    source: RecordSource,
  })
  .meta({ id: 'CreditSearchResult', description: '信用查询结果列表 (F3)' });
export type CreditSearchResult = z.infer<typeof CreditSearchResult>;

export const CreditPenalty = z
  .object({
    decisionNumber: z.string().meta({ description: '行政处罚决定书文号' }),
    authority: z.string().meta({ description: '处罚机关' }),
    decidedOn: z.string().meta({ description: '处罚决定日期' }),
    violation: z.string().meta({ description: '违法行为类型' }),
    content: z.string().meta({ description: '处罚内容' }),
    fine: z.number().nullable().meta({ description: '罚款金额（元）' }),
  })
  .meta({ id: 'CreditSubjectPenalty', description: '行政处罚' });
export type CreditPenalty = z.infer<typeof CreditPenalty>;

export const CreditJudicialRecord = z
  .object({
    caseNumber: z.string().meta({ description: '案号' }),
    kind: z.enum(['ruling', 'enforcement', 'dishonest']),
    kindName: z.string().meta({ description: '裁判文书 / 被执行人 / 失信被执行人' }),
    court: z.string(),
    filedOn: z.string(),
    amount: z.number().nullable().meta({ description: '执行标的（元）' }),
    status: z.string(),
  })
  .meta({ id: 'CreditSubjectJudicialRecord', description: '司法信息' });
export type CreditJudicialRecord = z.infer<typeof CreditJudicialRecord>;

export const CreditSubjectDetail = CreditSubjectSummary.extend({
  industry: z.string(),
  address: z.string().meta({ description: '住所' }),
  businessScope: z.string().meta({ description: '经营范围' }),
  registrationAuthority: z.string().meta({ description: '登记机关' }),
  statusSince: z.string().nullable().meta({ description: '注销/吊销日期' }),
  penalties: z.array(CreditPenalty),
  judicialRecords: z.array(CreditJudicialRecord),
  version: z.number().int().positive().meta({ description: '信用记录版本' }),
}).meta({ id: 'CreditSubjectDetail', description: '信用主体信息详情' });
export type CreditSubjectDetail = z.infer<typeof CreditSubjectDetail>;

export const CreditDetailResult = z
  .object({ enterprise: CreditSubjectDetail, source: RecordSource })
  .meta({ id: 'CreditDetailResult', description: '信用主体信息详情 (F3)' });
export type CreditDetailResult = z.infer<typeof CreditDetailResult>;

export const CreditSubscription = z
  .object({
    uscc: z.string(),
    name: z.string(),
    subscribedAt: z.string(),
    /** The newest change announced since subscribing, if any. */
    lastChange: z.object({ version: z.number().int(), item: z.string(), changedAt: z.string() }).nullable(),
  })
  .meta({ id: 'CreditSubscription', description: '信用信息订阅' });
export type CreditSubscription = z.infer<typeof CreditSubscription>;

export const CreditSubscriptionList = z
  .object({
    subject: RecordSubject,
    items: z.array(CreditSubscription),
    limit: z.number().int(),
    source: RecordSource,
  })
  .meta({ id: 'CreditSubscriptionList', description: '我的信用信息订阅' });
export type CreditSubscriptionList = z.infer<typeof CreditSubscriptionList>;

export const CreditSubscribeBody = z
  .object({ uscc: z.string({ error: '请输入统一社会信用代码' }).max(30, '统一社会信用代码应为18位') })
  .strict();

export const CreditSubscribeResult = z
  .object({
    subscription: CreditSubscription,
    /** false: already subscribed (subscribing again changes nothing). */
    created: z.boolean(),
  })
  .meta({ id: 'CreditSubscribeResult' });
export type CreditSubscribeResult = z.infer<typeof CreditSubscribeResult>;
