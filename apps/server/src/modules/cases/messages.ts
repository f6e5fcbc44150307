import type { ApplicationFormSpec, CaseAction, CollectionInfo } from '@yss/contracts';
import type { NewNotification } from '../notifications/index.js';
import { maskNumbersInText } from '../privacy/index.js';

/** A note as a 消息 quotes it: 消息 are kept as written, so phone and ID numbers inside are masked first. */
const quoted = (note: string | null) => (note ? maskNumbersInText(note) : null);

/**
 * 消息 to the applicant at each step of their case, in plain Chinese, with a link to the case page. The dedupe key
 * is the event (case and seq): a step is announced once, whatever retries happen.
 */
export function caseMessage(o: {
  accountId: string;
  caseId: string;
  caseNumber: string;
  seq: number;
  action: CaseAction;
  serviceName: string;
  departmentName: string;
  note: string | null;
  collection: CollectionInfo | null;
  /** How the form's result is handed over (ApplicationFormSpec.collection). */
  handover: ApplicationFormSpec['collection'];
  at: Date;
  /**
   * The applicant's masked name when the message goes to someone who applied for them (代办人): 「张**的…申请」
   * instead of 「您的…申请」, which would tell the agent the application is theirs.
   */
  applicantNameMasked?: string;
}): NewNotification | null {
  const note = quoted(o.note);
  const number = `办件编号：${o.caseNumber}。`;
  const whose = o.applicantNameMasked ? `${o.applicantNameMasked}的` : '您的';
  const who = o.applicantNameMasked ?? '您';
  const text = ((): { title: string; body: string } | null => {
    switch (o.action) {
      case 'submit':
        return {
          title: `${o.serviceName}申请已提交`,
          body: `${whose}${o.serviceName}申请已提交，${number}${o.departmentName}将尽快受理，办理进展会通过消息通知您。`,
        };
      case 'accept':
        return {
          title: `${whose}${o.serviceName}申请已受理`,
          body: `${o.departmentName}已受理${whose}${o.serviceName}申请，正在审核。${number}`,
        };
      case 'request_supplement':
        return {
          title: `${whose}${o.serviceName}申请需要补正材料`,
          body: `${o.departmentName}审核${whose}申请时发现需要补正：${note ?? ''}。请在办件详情中补正材料后重新提交。${number}`,
        };
      case 'approve':
        return {
          title: `${whose}${o.serviceName}申请已审核通过`,
          body: `${whose}${o.serviceName}申请已审核通过，${handoverWords(o.handover, o.collection, note)}${number}`,
        };
      case 'reject':
        return {
          title: `${whose}${o.serviceName}申请不予办理`,
          body: `${o.departmentName}对${whose}${o.serviceName}申请决定不予办理，原因：${note ?? ''}。${number}`,
        };
      case 'complete':
        return {
          title: `${whose}${o.serviceName}申请已办结`,
          body:
            o.handover === 'in_person'
              ? `${who}已领取${o.serviceName}，本次申请已办结。${number}`
              : `${whose}${o.serviceName}申请已办结。${number}`,
        };
      // The applicant's own steps (撤回, 补正) need no message: they just took them.
      default:
        return null;
    }
  })();
  if (!text) return null;
  return {
    accountId: o.accountId,
    kind: 'case-update',
    dedupeKey: `case:${o.caseId}:${o.seq}`,
    title: text.title.slice(0, 100),
    body: text.body.slice(0, 1000),
    link: `/cases/${o.caseId}`,
    occurredAt: o.at,
  };
}

/**
 * 撤回 of a case made for someone else, told to the other one of its two people (the one who withdrew needs no
 * message: they just did it). To the principal when the agent withdrew (「您的代办人张*已撤回…」), to the agent when the
 * principal did (「张**已撤回您为其代办的…」). The dedupe key is the event's, as for every step of the case.
 */
export function caseWithdrawnMessage(o: {
  /** The account told: the other party. */
  accountId: string;
  /** Who withdrew: the agent (the principal is told) or the principal (the agent is told), with their masked name. */
  by: { role: 'agent'; agentNameMasked: string } | { role: 'principal'; applicantNameMasked: string };
  caseId: string;
  caseNumber: string;
  seq: number;
  serviceName: string;
  /** The reason the withdrawing party gave, if any. */
  note: string | null;
  at: Date;
}): NewNotification {
  const number = `办件编号：${o.caseNumber}。`;
  const note = quoted(o.note);
  const reason = note ? `，撤回原因：${note.replace(/[。.]$/u, '')}` : '';
  const text =
    o.by.role === 'agent'
      ? {
          title: `您的${o.serviceName}申请已撤回`,
          body: `您的代办人${o.by.agentNameMasked}已撤回为您代办的${o.serviceName}申请${reason}。${number}如仍需办理，请重新申请。`,
        }
      : {
          title: `代办：${o.serviceName}申请已撤回`,
          body: `${o.by.applicantNameMasked}已撤回您为其代办的${o.serviceName}申请${reason}。${number}`,
        };
  return {
    accountId: o.accountId,
    kind: 'case-update',
    dedupeKey: `case:${o.caseId}:${o.seq}`,
    title: text.title.slice(0, 100),
    body: text.body.slice(0, 1000),
    link: `/cases/${o.caseId}`,
    occurredAt: o.at,
  };
}

/** What the applicant does next once approved, by how the result is handed over. */
function handoverWords(
  handover: ApplicationFormSpec['collection'],
  collection: CollectionInfo | null,
  note: string | null,
): string {
  const said = note ? `${note.replace(/[。.]$/u, '')}。` : '';
  switch (handover) {
    case 'in_person':
      return `请携带身份证原件前往领取。领取地点：${collection?.place ?? ''}；领取时间：${collection?.hours ?? ''}。${said}`;
    case 'post':
      return `结果将邮寄至您填写的地址，请注意查收。${said}`;
    case 'email':
      return `结果将发送至您填写的电子邮箱，请注意查收。${said}`;
    default:
      return said;
  }
}
