import { CASE_STATUSES, CASE_WORKFLOW, type CaseStatus, type CaseTimeLimit } from '@yss/contracts';
import { Space, Tag } from 'antd';
import { chinaDateTime } from '../china-time';

/**
 * Solid tags with white text, each dark enough for WCAG AA (≥ 4.5:1; antd's preset light tags are not), one
 * colour per status: blue for new work, orange while the applicant owes material, purple under review, green
 * ready for collection, red refused, greys for the closed ones.
 */
export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  submitted: '#1763d6',
  supplement_requested: '#a35200',
  accepted: '#6b3fc4',
  approved: '#007a4d',
  completed: '#4b5563',
  rejected: '#c4161c',
  withdrawn: '#5f6b7a',
};

/** The statuses that wait on staff (受理, 审核, 办结): the queue's default. */
export const STAFF_WORK_STATUSES = ['submitted', 'accepted', 'approved'] as const satisfies readonly CaseStatus[];

export const caseStatusOptions = CASE_STATUSES.map((s) => ({ value: s, label: CASE_WORKFLOW[s].label }));

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={CASE_STATUS_COLOR[status]} data-testid="case-status">
      {CASE_WORKFLOW[status].label}
    </Tag>
  );
}

/** 承诺办结时间: the due date (China time) with 即将到期 (≤ 2 working days left) or 已超期; '—' when none runs. */
export function CaseDueDate({ limit }: { limit: CaseTimeLimit | null }) {
  if (!limit) return <span data-testid="case-due">—</span>;
  return (
    <Space size={4} wrap data-testid="case-due" data-state={limit.state}>
      <span>{limit.dueOn}前</span>
      {limit.state === 'due_soon' && (
        <Tag color="#a35200" data-testid="case-due-tag">
          {limit.stateLabel}
        </Tag>
      )}
      {limit.state === 'overdue' && (
        <Tag color="#c4161c" data-testid="case-due-tag">
          {limit.stateLabel}
        </Tag>
      )}
    </Space>
  );
}

/** China time to the second, whatever the computer's time zone: 2026-11-28 21:35:57. */
export const formatTime = (iso: string | null | undefined) => chinaDateTime(iso, { seconds: true });

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
