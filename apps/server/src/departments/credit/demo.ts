import { makeUscc } from '@yss/contracts';
import type { SeedContext } from '../province/seed-context.js';
import type { ChangeRow, CreditRecords, EnterpriseRow, JudicialRow, PenaltyRow } from './generator.js';

/**
 * Hand-picked entities with fixed codes and records, whatever the seed, for the README, the pages and the
 * end-to-end journeys (search, detail, subscription): one with penalties and an enforcement record, one whose
 * licence was revoked and who is a dishonest judgment debtor, one with a clean record. Their organisation codes
 * start with DEM, which the shared pool never produces (its codes are base-36 serials).
 */
export const DEMO_CREDIT = {
  penalised: makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: 'DEM00001' }),
  revoked: makeUscc({ authority: '9', kind: '1', regionCode: '440305', orgCode: 'DEM00002' }),
  clean: makeUscc({ authority: '9', kind: '1', regionCode: '440604', orgCode: 'DEM00003' }),
} as const;

const at = (date: string) => `${date}T10:00:00+08:00`;

function add(
  into: CreditRecords,
  e: Omit<EnterpriseRow, 'version' | 'updatedAt'>,
  penalties: Omit<PenaltyRow, 'uscc'>[],
  judicial: Omit<JudicialRow, 'uscc'>[],
) {
  const changes: Omit<ChangeRow, 'uscc' | 'version'>[] = [
    { changedAt: at(e.establishedOn), item: '设立登记', summary: `${e.name}成立` },
    ...penalties.map((p) => ({
      changedAt: at(p.decidedOn),
      item: '行政处罚',
      summary: `${p.authority}：${p.violation}，${p.content}`,
    })),
    ...judicial.map((j) => ({
      changedAt: at(j.filedOn),
      item: '司法信息',
      summary: `${j.court}新增${j.kind === 'dishonest' ? '失信被执行人信息' : '被执行人信息'}，案号${j.caseNumber}`,
    })),
    ...(e.statusSince
      ? [{ changedAt: at(e.statusSince), item: '登记状态', summary: `登记状态由存续变更为${e.status}` }]
      : []),
  ].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
  into.enterprises.push({
    ...e,
    version: changes.length,
    updatedAt: (changes.at(-1) as { changedAt: string }).changedAt,
  });
  into.penalties.push(...penalties.map((p) => ({ ...p, uscc: e.uscc })));
  into.judicial.push(...judicial.map((j) => ({ ...j, uscc: e.uscc })));
  changes.forEach((c, i) => {
    if (i > 0) into.changes.push({ uscc: e.uscc, version: i + 1, ...c });
  });
}

export function addDemoEntities(_ctx: SeedContext, into: CreditRecords): void {
  add(
    into,
    {
      uscc: DEMO_CREDIT.penalised,
      name: '广州粤信示范科技有限公司',
      cityCode: '440100',
      regionCode: '440106',
      kind: 'company',
      industry: '信息技术',
      legalRepresentative: '黄志明',
      registeredCapitalWan: 500,
      establishedOn: '2015-06-01',
      status: '存续',
      statusSince: null,
      address: '广东省广州市天河区体育路88号',
    },
    [
      {
        decisionNumber: '穗市监罚〔2023〕1001号',
        authority: '广州市天河区市场监督管理局',
        decidedOn: '2023-04-12',
        violation: '发布虚假广告',
        content: '责令停止发布，罚款50000元',
        fineFen: 50_000_00,
      },
      {
        decisionNumber: '穗税罚〔2024〕88号',
        authority: '国家税务总局广州市天河区税务局',
        decidedOn: '2024-08-20',
        violation: '未按期进行纳税申报',
        content: '罚款500元',
        fineFen: 500_00,
      },
    ],
    [
      {
        caseNumber: '(2024)粤0106执5678号',
        kind: 'enforcement',
        court: '广州市天河区人民法院',
        filedOn: '2024-10-09',
        amountFen: 120_000_00,
        status: '执行中',
      },
    ],
  );
  add(
    into,
    {
      uscc: DEMO_CREDIT.revoked,
      name: '深圳前海示范贸易有限公司',
      cityCode: '440300',
      regionCode: '440305',
      kind: 'company',
      industry: '批发零售',
      legalRepresentative: '周文静',
      registeredCapitalWan: 1_000,
      establishedOn: '2016-09-12',
      status: '吊销',
      statusSince: '2022-03-15',
      address: '广东省深圳市南山区学府路120号',
    },
    [
      {
        decisionNumber: '深市监罚〔2022〕2207号',
        authority: '深圳市南山区市场监督管理局',
        decidedOn: '2022-03-15',
        violation: '成立后无正当理由超过6个月未开业或者开业后自行停业连续6个月以上',
        content: '吊销营业执照',
        fineFen: null,
      },
    ],
    [
      {
        caseNumber: '(2021)粤0305执12345号',
        kind: 'dishonest',
        court: '深圳市南山区人民法院',
        filedOn: '2021-07-01',
        amountFen: 860_000_00,
        status: '执行中',
      },
    ],
  );
  add(
    into,
    {
      uscc: DEMO_CREDIT.clean,
      name: '佛山示范餐饮管理有限公司',
      cityCode: '440600',
      regionCode: '440604',
      kind: 'company',
      industry: '住宿餐饮',
      legalRepresentative: '梁嘉豪',
      registeredCapitalWan: 100,
      establishedOn: '2019-01-08',
      status: '存续',
      statusSince: null,
      address: '广东省佛山市禅城区祖庙路66号',
    },
    [],
    [],
  );
}
