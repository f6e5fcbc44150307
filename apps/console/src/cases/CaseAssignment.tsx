import type { ConsoleCaseAssignable, ConsoleCaseAssignmentInput, ConsoleCaseDetail } from '@yss/contracts';
import { Alert, Button, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { formatTime } from './status';

/** 办理人 in words: 待分派, 由您办理, or 由 王** 办理中. */
export function assigneeText(assignee: ConsoleCaseDetail['assignee']): string {
  if (!assignee) return '待分派';
  return assignee.mine ? '由您办理' : `由 ${assignee.nameMasked} 办理中`;
}

/**
 * 分派: 认领 a case nobody handles, 分派给… a reviewer of the same department and city (the server lists them), or
 * 退回待分派. Any reviewer in reach may re-assign, so a case someone else handles can be taken over (改派给我)
 * before acting on it. Each change is sent with the case's version; refusals are shown in the server's words.
 */
export function CaseAssignment({
  detail,
  onUpdated,
  onConflict,
}: {
  detail: ConsoleCaseDetail;
  onUpdated(updated: ConsoleCaseDetail, what: string): void;
  onConflict(text: string): void;
}) {
  const [people, setPeople] = useState<ConsoleCaseAssignable[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [target, setTarget] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const caseId = detail.id;

  useEffect(() => {
    const ctrl = new AbortController();
    api<ConsoleCaseAssignable[]>(
      'GET',
      `/api/v1/console/cases/${encodeURIComponent(caseId)}/assignees`,
      undefined,
      ctrl.signal,
    ).then(setPeople, (err) => {
      if (!ctrl.signal.aborted) setListError(errorText(err));
    });
    return () => ctrl.abort();
  }, [caseId]);

  const change = async (input: Omit<ConsoleCaseAssignmentInput, 'version'>, what: string) => {
    setBusy(input.change);
    setError(null);
    try {
      const updated = await api<ConsoleCaseDetail>(
        'POST',
        `/api/v1/console/cases/${encodeURIComponent(caseId)}/assignment`,
        { ...input, version: detail.version },
      );
      setTarget(undefined);
      onUpdated(updated, what);
    } catch (err) {
      const text = errorText(err);
      // Someone else changed the case meanwhile: the drawer reloads it.
      if ((err as { code?: string }).code === 'CASE_CHANGED') onConflict(text);
      else setError(text);
    } finally {
      setBusy(null);
    }
  };

  const open = !['completed', 'rejected', 'withdrawn'].includes(detail.status);
  const held = detail.assignee;
  const choices = people.filter((p) => p.staffId !== held?.staffId);

  return (
    <section aria-label="分派" className="case-assignment" data-testid="case-assignment">
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>办理人：</Typography.Text>
          <Typography.Text data-testid="case-assignee" type={held && !held.mine ? 'warning' : undefined}>
            {assigneeText(held)}
          </Typography.Text>
        </Space>
        {open && (
          <Space wrap>
            {!held && (
              <Button
                type="primary"
                loading={busy === 'claim'}
                onClick={() => void change({ change: 'claim' }, '认领')}
                data-testid="case-claim"
              >
                认领
              </Button>
            )}
            {held && !held.mine && (
              <Button
                loading={busy === 'claim'}
                onClick={() => void change({ change: 'claim' }, '改派给自己')}
                data-testid="case-claim"
              >
                改派给我
              </Button>
            )}
            <Select
              aria-label="分派给"
              placeholder="分派给…"
              style={{ width: 240 }}
              value={target}
              onChange={(v: string) => setTarget(v)}
              options={choices.map((p) => ({
                value: p.staffId,
                label: `${p.nameMasked}（${p.username}）${p.me ? '（我）' : ''}`,
              }))}
              notFoundContent={listError ?? '没有可分派的审核人员'}
              data-testid="case-assign-select"
            />
            <Button
              disabled={!target}
              loading={busy === 'assign'}
              onClick={() => target && void change({ change: 'assign', assigneeId: target }, '分派')}
              data-testid="case-assign"
            >
              分派
            </Button>
            {held && (
              <Button
                loading={busy === 'release'}
                onClick={() => void change({ change: 'release' }, '退回待分派')}
                data-testid="case-release"
              >
                退回
              </Button>
            )}
          </Space>
        )}
        {error && <Alert type="error" showIcon role="alert" message={error} data-testid="case-assignment-error" />}
        {detail.assignments.length > 0 && (
          <details>
            <summary>分派记录（{detail.assignments.length}）</summary>
            <ul className="case-assignment-log" data-testid="case-assignment-log">
              {detail.assignments.map((a) => (
                <li key={`${a.at}-${a.change}-${a.assigneeNameMasked}`}>
                  {formatTime(a.at)} · {a.byNameMasked} {a.label}
                  {a.change === 'assign' && a.assigneeNameMasked ? `给 ${a.assigneeNameMasked}` : ''}
                </li>
              ))}
            </ul>
          </details>
        )}
      </Space>
    </section>
  );
}
