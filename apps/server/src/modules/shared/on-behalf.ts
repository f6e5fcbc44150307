import { type OnBehalf, onBehalfLabel } from '@yss/contracts';
import type { Viewer } from './self-only-gate.js';

/** The columns a case or a booking made for someone else carries (migrations/0066). */
export interface OnBehalfColumns {
  account_id: string;
  principal_person_id: string | null;
  applicant_name_masked: string;
  agent_name_masked: string | null;
}

/** 为他人办理 as the viewer sees a record: they made it for the applicant, or someone made it for them; else null. */
export function onBehalfOf(row: OnBehalfColumns, viewer: Viewer | null): OnBehalf | null {
  if (!row.principal_person_id || !viewer) return null;
  if (row.account_id === viewer.accountId) {
    const other = row.applicant_name_masked;
    return { role: 'agent', otherNameMasked: other, label: onBehalfLabel('agent', other) };
  }
  const agent = row.agent_name_masked ?? '—';
  return { role: 'principal', otherNameMasked: agent, label: onBehalfLabel('principal', agent) };
}

/**
 * Who hears of a record made for someone else (为他人办理), and in whose words: one message of one's own record
 * goes to its account (`own`); made for someone else, the agent — the account that made it — gets a copy that names
 * the principal (`agent`: 「代办：张**的…」, never 「您的…」, which would tell the agent it is theirs), and the principal
 * gets one that names the agent (`principal`: 「…（由张*代办）」) when they have an account (`principalAccountId`)
 * that is not the agent's own (never expected; one copy then). The case steps, the 办件 write-back and the bookings
 * each decided this split themselves; it is made here once so that nobody is left out or told twice. The wording
 * stays with each module (agentTitle and principalBody are the shared defaults).
 */
export function onBehalfCopies<M>(
  row: OnBehalfColumns,
  principalAccountId: string | null,
  words: {
    own: (accountId: string) => M;
    agent: (accountId: string, principalNameMasked: string) => M;
    principal: (accountId: string, agentNameMasked: string) => M;
  },
): M[] {
  if (!row.principal_person_id) return [words.own(row.account_id)];
  const toAgent = words.agent(row.account_id, row.applicant_name_masked);
  if (!principalAccountId || principalAccountId === row.account_id) return [toAgent];
  return [toAgent, words.principal(principalAccountId, row.agent_name_masked ?? '—')];
}

/** The agent's copy of a message: its title marked 代办 (at most 100 characters, as every 消息 title). */
export const agentTitle = (title: string) => `代办：${title}`.slice(0, 100);

/** The principal's copy of a message: its body says who made the record for them (at most 1000 characters). */
export const principalBody = (body: string, agentNameMasked: string) =>
  `${body}（由${agentNameMasked}代办）`.slice(0, 1000);
