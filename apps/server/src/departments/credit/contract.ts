import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IsoDate, Timestamp, UsccField, Yuan } from '../province/zod-inputs.js';

/**
 * 信用广东 as a department system: the public credit information of market entities (企业、个体工商户、事业单位)
 * — registration, 行政处罚, 司法信息 — searchable by name or 统一社会信用代码, with a change log so that the
 * platform's subscriptions (订阅) learn of changes. Everything here is public information about entities; no
 * citizen's personal data is asked for or returned (a legal representative's name is part of the public record).
 */

export const ENTERPRISE_STATUSES = ['存续', '注销', '吊销'] as const;
export const MAX_PAGE_SIZE = 20;
export const MAX_WATCHED = 100;

export const EnterpriseSummary = z
  .object({
    uscc: z.string(),
    name: z.string(),
    kindName: z.string().meta({ description: '主体类型, e.g. 有限责任公司（自然人投资或控股）, 个体工商户, 事业单位' }),
    legalRepresentative: z.string().meta({ description: '法定代表人 / 经营者 / 负责人' }),
    registeredCapitalWan: z.number().meta({ description: '注册资本（万元人民币）' }),
    establishedOn: IsoDate.meta({ description: '成立日期' }),
    status: z.enum(ENTERPRISE_STATUSES).meta({ description: '登记状态' }),
    cityCode: z.string(),
  })
  .meta({ id: 'CreditEnterpriseSummary', description: '信用主体（列表项）' });

export const Penalty = z
  .object({
    decisionNumber: z.string().meta({ description: '行政处罚决定书文号' }),
    authority: z.string().meta({ description: '处罚机关' }),
    decidedOn: IsoDate.meta({ description: '处罚决定日期' }),
    violation: z.string().meta({ description: '违法行为类型' }),
    content: z.string().meta({ description: '处罚内容' }),
    fine: Yuan.nullable().meta({ description: '罚款金额（元）' }),
  })
  .meta({ id: 'CreditAdministrativePenalty', description: '行政处罚' });

export const JUDICIAL_KIND_NAMES = { ruling: '裁判文书', enforcement: '被执行人', dishonest: '失信被执行人' } as const;

export const JudicialRecord = z
  .object({
    caseNumber: z.string().meta({ description: '案号, e.g. (2023)粤0106执1234号' }),
    kind: z.enum(['ruling', 'enforcement', 'dishonest']),
    kindName: z.string(),
    court: z.string().meta({ description: '法院' }),
    filedOn: IsoDate.meta({ description: '立案/裁判日期' }),
    amount: Yuan.nullable().meta({ description: '执行标的（元）' }),
    status: z.enum(['执行中', '已结案', '已生效']),
  })
  .meta({ id: 'CreditJudicialRecord', description: '司法信息' });

export const EnterpriseDetail = EnterpriseSummary.extend({
  regionCode: z.string(),
  industry: z.string().meta({ description: '行业' }),
  address: z.string().meta({ description: '住所' }),
  businessScope: z.string().meta({ description: '经营范围' }),
  registrationAuthority: z.string().meta({ description: '登记机关' }),
  statusSince: IsoDate.nullable().meta({ description: '注销/吊销日期' }),
  penalties: z.array(Penalty),
  judicialRecords: z.array(JudicialRecord),
  version: z.number().int().positive().meta({ description: '信用记录版本: bumped by every change' }),
  updatedAt: Timestamp,
}).meta({ id: 'CreditEnterpriseDetail', description: '信用主体详情' });

export const CreditChange = z
  .object({
    uscc: z.string(),
    name: z.string(),
    version: z.number().int().positive(),
    changedAt: Timestamp,
    item: z.string().meta({ description: '变更事项, e.g. 行政处罚, 司法信息, 登记状态, 法定代表人' }),
    summary: z.string(),
  })
  .meta({ id: 'CreditChange' });

export const SearchByNameInput = z
  .object({
    keyword: z
      .string()
      .trim()
      .min(2, '请输入至少2个字的主体名称')
      .max(50, '主体名称最多50个字')
      .meta({ description: '主体名称（包含即可）' }),
    page: z.number().int('页码应为正整数').min(1, '页码应为正整数').default(1),
    pageSize: z.number().int().min(1, '每页至少1条').max(MAX_PAGE_SIZE, `每页最多${MAX_PAGE_SIZE}条`).default(10),
  })
  .meta({ id: 'CreditSearchByNameInput' });

const UsccQuery = z.object({ uscc: UsccField });

export const ChangesSinceInput = z
  .object({
    usccs: z
      .array(UsccField)
      .min(1, '请至少指定一个统一社会信用代码')
      .max(MAX_WATCHED, `一次最多查询${MAX_WATCHED}个主体`),
    since: z.iso.datetime({ offset: true, message: '时间格式应为ISO 8601，如2026-01-01T00:00:00+08:00' }),
  })
  .meta({ id: 'CreditChangesSinceInput' });

export const creditSpec = defineDepartment({
  id: 'credit',
  name: '信用广东',
  catalogDepartmentIds: ['credit-guangdong'],
  operations: {
    searchByName: {
      summary: '信用查询（按名称）: entities whose name contains the keyword, paged (at most 20 a page)',
      input: SearchByNameInput,
      output: z.object({
        total: z.number().int().nonnegative(),
        page: z.number().int(),
        pageSize: z.number().int(),
        items: z.array(EnterpriseSummary),
      }),
      idempotent: true,
    },
    findByUscc: {
      summary: '信用查询（按统一社会信用代码）: the entity with this code, or null',
      input: UsccQuery,
      output: z.object({ enterprise: EnterpriseSummary.nullable() }),
      idempotent: true,
    },
    detail: {
      summary: '信用主体详情: registration, administrative penalties, judicial records, version',
      input: UsccQuery,
      output: z.object({ enterprise: EnterpriseDetail.nullable() }),
      idempotent: true,
    },
    changesSince: {
      summary: '信用信息变更: changes after a moment for a set of entities (subscriptions poll this)',
      input: ChangesSinceInput,
      output: z.object({
        changes: z.array(CreditChange),
        /** The department's clock when it answered: poll again with `since` = this. */
        asOf: Timestamp,
      }),
      idempotent: true,
    },
  },
});
export type CreditSpec = typeof creditSpec;
