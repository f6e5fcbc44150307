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
