import type { CreditSubjectDetail, CreditSubjectSummary, CreditSubscription } from '@yss/contracts';
import type { z } from 'zod';
import type { CreditChange, EnterpriseDetail, EnterpriseSummary } from '../../departments/credit/contract.js';
import type { NewNotification } from '../notifications/index.js';
import type { SubscriptionRow } from './repository.js';

/** The department's answers as the platform presents them (explicit mappers: the public API does not follow the department's contract by accident). */
export function presentSummary(e: z.output<typeof EnterpriseSummary>): CreditSubjectSummary {
  return {
    uscc: e.uscc,
    name: e.name,
    kindName: e.kindName,
    legalRepresentative: e.legalRepresentative,
    registeredCapitalWan: e.registeredCapitalWan,
    establishedOn: e.establishedOn,
    status: e.status,
    cityCode: e.cityCode,
  };
}

export function presentDetail(e: z.output<typeof EnterpriseDetail>): CreditSubjectDetail {
  return {
    ...presentSummary(e),
    industry: e.industry,
    address: e.address,
    businessScope: e.businessScope,
    registrationAuthority: e.registrationAuthority,
    statusSince: e.statusSince,
    penalties: e.penalties.map((p) => ({
      decisionNumber: p.decisionNumber,
      authority: p.authority,
      decidedOn: p.decidedOn,
      violation: p.violation,
      content: p.content,
      fine: p.fine,
    })),
    judicialRecords: e.judicialRecords.map((j) => ({
      caseNumber: j.caseNumber,
      kind: j.kind,
      kindName: j.kindName,
      court: j.court,
      filedOn: j.filedOn,
      amount: j.amount,
      status: j.status,
    })),
    version: e.version,
  };
}

export function presentSubscription(r: SubscriptionRow): CreditSubscription {
  return {
    uscc: r.uscc,
    name: r.entity_name,
    subscribedAt: r.created_at.toISOString(),
    lastChange:
      r.seen_version > r.base_version && r.last_item && r.last_changed_at
        ? { version: r.seen_version, item: r.last_item, changedAt: r.last_changed_at.toISOString() }
        : null,
  };
}

/**
 * Change items whose department summary is about the entity alone (penalties, court records, status) and may be
 * quoted in a message. Anything else — e.g. 法定代表人, whose summary names people — is announced without its
 * summary: a message never carries another person's personal data.
 */
const QUOTABLE_ITEMS = new Set(['行政处罚', '司法信息', '登记状态', '设立登记']);

const clip = (s: string, n: number) =>
  Array.from(s).length > n
    ? `${Array.from(s)
        .slice(0, n - 1)
        .join('')}…`
    : s;

/** The inbox message for one change of a subscribed entity, for one subscriber. */
export function changeMessage(accountId: string, c: z.output<typeof CreditChange>): NewNotification {
  const summary = c.summary.replace(/[。.；;，,\s]+$/, '');
  const what = QUOTABLE_ITEMS.has(c.item) ? `变更事项：${c.item}。${clip(summary, 300)}。` : `变更事项：${c.item}。`;
  return {
    accountId,
    kind: 'credit-change',
    dedupeKey: `credit:${c.uscc}:${c.version}`,
    title: clip(`信用信息变更提醒：${c.name}`, 100),
    body: `您订阅的信用主体“${clip(c.name, 100)}”有新的信用信息。${what}详情请查看信用主体信息。`,
    link: `/credit/${c.uscc}`,
    occurredAt: new Date(c.changedAt),
  };
}
