import {
  CASE_ACTION_SPECS,
  type CaseFormEntry,
  type ConsoleCaseDetail,
  type RevealedCaseEventNote,
  type RevealedCaseFormValue,
  STAFF_CASE_ACTIONS,
  type StaffCaseAction,
} from '@yss/contracts';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api, errorText } from '../api';
import { MaskedValue } from '../MaskedValue';
import { CaseActionModal } from './CaseActionModal';
import { CaseAssignment } from './CaseAssignment';
import { CaseAttachments } from './CaseAttachments';
import { CaseNotes } from './CaseNotes';
import { CaseDueDate, CaseStatusTag, formatTime } from './status';

type Event = ConsoleCaseDetail['events'][number];

/** What the note of an event is, by its action. */
const NOTE_LABEL: Partial<Record<Event['action'], string>> = {
  request_supplement: '补正要求',
  reject: '不予办理原因',
  withdraw: '撤回原因',
  supplement: '补正说明',
};

const BUTTON_TYPE: Record<StaffCaseAction, { primary?: boolean; danger?: boolean }> = {
  accept: { primary: true },
  request_supplement: {},
  approve: { primary: true },
  reject: { danger: true },
  complete: { primary: true },
};

function actorOf(e: Event): string {
  if (e.actor === 'citizen') return `申请人（${e.actorName}）`;
  return e.staffName ? `${e.staffName}（${e.actorName}）` : e.actorName;
}

/**
 * One value of 申请信息: a phone or ID number arrives masked, and so does free text with one inside it (事实与理由,
 * 随迁人员 …: the numbers masked, the rest as typed); 显示 asks the server for the whole value (audited, and the
 * applicant sees it in 我的访问记录) and shows it in place until 隐藏 (each 显示 asks, and is audited, again).
 * Refusals in the server's words.
 */
function FormValue({ caseId, entry }: { caseId: string; entry: CaseFormEntry }) {
  if (!entry.masked) return <>{entry.value || '—'}</>;
  const path = `/api/v1/console/cases/${encodeURIComponent(caseId)}/form/${encodeURIComponent(entry.name)}/reveal`;
  return (
    <MaskedValue
      masked={entry.value}
      label={entry.label}
      testId={`case-form-${entry.name}`}
      reveal={async () => (await api<RevealedCaseFormValue>('POST', path)).value}
    />
  );
}

/** The note of a step (补正要求, 撤回原因 …): phone and ID numbers inside arrive masked, 显示 as for 申请信息. */
function EventNote({ caseId, event }: { caseId: string; event: Event }) {
  if (!event.note || !event.noteMasked) return <>{event.note}</>;
  const path = `/api/v1/console/cases/${encodeURIComponent(caseId)}/events/${event.seq}/note/reveal`;
  return (
    <MaskedValue
      masked={event.note}
      label={NOTE_LABEL[event.action] ?? '备注'}
      testId={`case-event-note-${event.seq}`}
      reveal={async () => (await api<RevealedCaseEventNote>('POST', path)).note}
    />
  );
}

/**
 * One case as the reviewer handles it: the applicant, what they filled in and uploaded, the record so far,
 * and the actions the server allows now (`staffAllowedActions`, never derived here).
 */
export function CaseDetailView({ caseId, onChanged }: { caseId: string; onChanged(): void }) {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ConsoleCaseDetail | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<StaffCaseAction | null>(null);
  // a new key per opening: the dialog starts empty each time
  const [dialogKey, setDialogKey] = useState(0);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setDetail(await api<ConsoleCaseDetail>('GET', `/api/v1/console/cases/${encodeURIComponent(caseId)}`));
    } catch (err) {
      setDetail(null);
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [caseId]);
  useEffect(() => {
    setNotice(null);
    void load();
  }, [load]);

  const done = (updated: ConsoleCaseDetail, a: StaffCaseAction) => {
    setAction(null);
    setNotice(null);
    setDetail(updated);
    message.success(`已${CASE_ACTION_SPECS[a].label}：${updated.caseNumber}`);
    onChanged();
  };

  const conflict = (err: ApiError) => {
    setAction(null);
    const text =
      err.code === 'CASE_CHANGED'
        ? '办件已有新的进展（可能其他人员已办理），已为您重新加载，请核对后再操作。'
        : `${err.detail}已为您重新加载办件，请核对后再操作。`;
    setNotice(text);
    message.warning(text);
    void load();
    onChanged();
  };

  const assigned = (updated: ConsoleCaseDetail, what: string) => {
    setNotice(null);
    setDetail(updated);
    message.success(`已${what}：${updated.caseNumber}`);
    onChanged();
  };
  const assignmentConflict = (text: string) => {
    const shown = `${text}已为您重新加载办件，请核对后再操作。`;
    setNotice(shown);
    message.warning(shown);
    void load();
    onChanged();
  };

  const [retrying, setRetrying] = useState(false);
  const retryFulfilment = async () => {
    setRetrying(true);
    try {
      const updated = await api<ConsoleCaseDetail>(
        'POST',
        `/api/v1/console/cases/${encodeURIComponent(caseId)}/fulfilment/retry`,
      );
      setDetail(updated);
      setNotice(null);
      message.success(`已重新提交发证：${updated.caseNumber}`);
      onChanged();
    } catch (err) {
      const text = errorText(err);
      setNotice(text);
      message.warning(text);
      void load();
    } finally {
      setRetrying(false);
    }
  };

  if (!detail) {
    if (error) {
      return (
        <Result
          status="warning"
          title={error}
          extra={
            <Button onClick={() => void load()} data-testid="case-retry">
              重新加载
            </Button>
          }
        />
      );
    }
    return (
      <div className="case-loading">
        <Spin tip="办件加载中…">
          <div className="spin-box" />
        </Spin>
      </div>
    );
  }

  const allowed = STAFF_CASE_ACTIONS.filter((a) => detail.staffAllowedActions.includes(a));
  // 分派: while someone else handles the case, its review steps are theirs (the server refuses them too).
  const heldByOther = detail.assignee !== null && !detail.assignee.mine;
  // the collection notice belongs to the latest 审核通过
  const lastApprove = detail.events.map((e) => e.action).lastIndexOf('approve');

  return (
    <Spin spinning={loading} tip="刷新中…">
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="case-detail">
        {notice && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            message={notice}
            closable
            onClose={() => setNotice(null)}
            data-testid="case-notice"
          />
        )}
        {error && <Alert type="error" showIcon role="alert" message={error} />}
        <Card>
          <Descriptions
            title={
              <Space wrap>
                <span data-testid="case-number">办件编号 {detail.caseNumber}</span>
                <CaseStatusTag status={detail.status} />
              </Space>
            }
            column={2}
            size="small"
          >
            <Descriptions.Item label="事项">{detail.serviceName}</Descriptions.Item>
            <Descriptions.Item label="城市">{detail.cityName}</Descriptions.Item>
            <Descriptions.Item label="办理部门">{detail.departmentName}</Descriptions.Item>
            <Descriptions.Item label="摘要">{detail.summary || '—'}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{formatTime(detail.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="更新时间">{formatTime(detail.updatedAt)}</Descriptions.Item>
            {detail.timeLimit && (
              <Descriptions.Item label="承诺办结时间" span={2}>
                <Space size={4} wrap>
                  <CaseDueDate limit={detail.timeLimit} />
                  <Typography.Text type="secondary">
                    自受理之日起{detail.timeLimit.workingDays}个工作日（按工作日历计算，补正期间不计）
                  </Typography.Text>
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          {detail.status === 'supplement_requested' && detail.supplementReason && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              message="等待申请人补正材料"
              description={`补正要求：${detail.supplementReason}`}
            />
          )}
          {detail.collection && (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 12 }}
              message="现场领取"
              description={`领取地点：${detail.collection.place}；领取时间：${detail.collection.hours}`}
            />
          )}
          {detail.fulfilment && (
            <Alert
              type={
                detail.fulfilment.state === 'issued'
                  ? 'success'
                  : detail.fulfilment.state === 'failed'
                    ? 'error'
                    : 'info'
              }
              showIcon
              style={{ marginTop: 12 }}
              data-testid="case-fulfilment"
              message={`${detail.fulfilment.what}：${detail.fulfilment.stateLabel}`}
              description={
                <>
                  <div>{detail.fulfilment.message}</div>
                  {detail.fulfilment.state !== 'issued' && (
                    <div data-testid="case-fulfilment-attempts">
                      已向部门系统发送{detail.fulfilment.attempts}次
                      {detail.fulfilment.lastError ? `；最近一次：${detail.fulfilment.lastError}` : ''}
                    </div>
                  )}
                </>
              }
              action={
                detail.fulfilment.canRetry ? (
                  <Button
                    size="small"
                    danger
                    loading={retrying}
                    onClick={() => void retryFulfilment()}
                    data-testid="case-fulfilment-retry"
                  >
                    重新发证
                  </Button>
                ) : undefined
              }
            />
          )}
          <CaseAssignment detail={detail} onUpdated={assigned} onConflict={assignmentConflict} />
          <section aria-label="办理操作" className="case-actions">
            {heldByOther && allowed.length > 0 ? (
              <Typography.Text type="secondary" data-testid="case-held-by-other">
                该办件由 {detail.assignee?.nameMasked} 办理中。如需办理，请先改派给自己。
              </Typography.Text>
            ) : allowed.length === 0 ? (
              <Typography.Text type="secondary" data-testid="case-no-actions">
                {detail.status === 'supplement_requested'
                  ? '等待申请人补正，暂无可办理的操作。'
                  : '该办件当前无需您办理。'}
              </Typography.Text>
            ) : (
              <Space wrap>
                {allowed.map((a) => (
                  <Button
                    key={a}
                    type={BUTTON_TYPE[a].primary ? 'primary' : 'default'}
                    danger={BUTTON_TYPE[a].danger}
                    data-testid={`case-action-${a}`}
                    onClick={() => {
                      setDialogKey((k) => k + 1);
                      setAction(a);
                    }}
                  >
                    {CASE_ACTION_SPECS[a].label}
                  </Button>
                ))}
              </Space>
            )}
          </section>
        </Card>
        <Card title={<h3 className="case-section-title">申请人</h3>} size="small">
          <Descriptions column={2} size="small">
            <Descriptions.Item label="姓名">
              <span data-testid="case-applicant-name">{detail.applicantName}</span>
            </Descriptions.Item>
            <Descriptions.Item label="公民身份号码">{detail.applicantIdMasked}</Descriptions.Item>
            {detail.agentNameMasked && (
              <Descriptions.Item label="代办人">
                <span data-testid="case-agent-name">{detail.agentNameMasked}（经申请人授权代为提交）</span>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card title={<h3 className="case-section-title">申请信息</h3>} size="small">
          {detail.form.length === 0 ? (
            <Typography.Text type="secondary">无</Typography.Text>
          ) : (
            <Descriptions column={1} size="small" bordered data-testid="case-form">
              {detail.form.map((f) => (
                <Descriptions.Item key={f.name} label={f.label}>
                  <FormValue caseId={detail.id} entry={f} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
        <Card title={<h3 className="case-section-title">申请材料</h3>} size="small">
          <CaseAttachments caseId={detail.id} serviceId={detail.serviceId} attachments={detail.attachments} />
        </Card>
        <Card title={<h3 className="case-section-title">内部备注</h3>} size="small">
          <CaseNotes
            caseId={detail.id}
            notes={detail.notes}
            onAdded={(note) => setDetail((d) => (d ? { ...d, notes: [...d.notes, note] } : d))}
          />
        </Card>
        <Card title={<h3 className="case-section-title">办理记录</h3>} size="small">
          <Timeline
            data-testid="case-events"
            items={detail.events.map((e, i) => ({
              key: `${i}-${e.at}`,
              color: e.action === 'reject' ? 'red' : e.actor === 'staff' ? 'blue' : 'gray',
              children: (
                <div className="case-event">
                  <Typography.Text strong>{e.label}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {formatTime(e.at)} · {actorOf(e)}
                    </Typography.Text>
                  </div>
                  {e.note && (
                    <div>
                      {NOTE_LABEL[e.action] ?? '备注'}：<EventNote caseId={detail.id} event={e} />
                    </div>
                  )}
                  {i === lastApprove && detail.collection && (
                    <div>
                      领取地点：{detail.collection.place}；领取时间：{detail.collection.hours}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        </Card>
        {action && (
          <CaseActionModal
            key={dialogKey}
            detail={detail}
            action={action}
            onClose={() => setAction(null)}
            onDone={done}
            onConflict={conflict}
          />
        )}
      </Space>
    </Spin>
  );
}
