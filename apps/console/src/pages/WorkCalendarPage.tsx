import {
  type ConsoleWorkCalendarEntry,
  type ConsoleWorkCalendarYear,
  HOLIDAY_NAMES,
  PutWorkCalendarDayInput,
  type StaffGrant,
  WORK_DAY_KIND_LABELS,
  WorkCalendarDateParams,
} from '@yss/contracts';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { RequireGrant } from '../RequireGrant';
import { useConsoleQuery } from '../useConsoleQuery';
import { ProblemAlert, useSubmission } from '../ValidatedModal';

/** The platform's operator (广东省政务服务数据管理局): its province-wide 事项管理员 keep the calendar. */
const CALENDAR_DEPARTMENT_ID = 'gd-government-services-data';
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekday = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
const chinaYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/**
 * 工作日历: a year's holidays (放假) and 调休上班 days, as the State Council's notice set them and operators corrected
 * them. Every 事项管理员 (catalog.edit) reads it; the operator's province-wide 事项管理员 add, change and delete days
 * (the server checks the same and audits every change). Other dates follow Monday–Friday.
 */
export function WorkCalendarPage() {
  return (
    <RequireGrant
      permission="catalog.edit"
      title="您没有查看工作日历的权限"
      subTitle="工作日历由省政务服务数据管理局的事项管理员维护。如需开通，请联系管理员。"
      testId="calendar-forbidden"
    >
      {(grants) => <CalendarBoard grants={grants} />}
    </RequireGrant>
  );
}

type Editing = { entry?: ConsoleWorkCalendarEntry } | null;

function CalendarBoard({ grants }: { grants: StaffGrant[] }) {
  const { message } = App.useApp();
  const canEdit = grants.some((g) => g.departmentId === CALENDAR_DEPARTMENT_ID && g.cityCode === null);
  const [year, setYear] = useState(chinaYear);
  const [editing, setEditing] = useState<Editing>(null);
  const load = useCallback(
    (signal: AbortSignal) =>
      api<ConsoleWorkCalendarYear>('GET', `/api/v1/console/work-calendar?year=${year}`, undefined, signal),
    [year],
  );
  const cal = useConsoleQuery<ConsoleWorkCalendarYear | null>(load, null);
  const entries = cal.data?.entries ?? [];
  const holidays = entries.filter((e) => e.kind === 'holiday').length;
  const makeup = entries.length - holidays;

  const remove = async (e: ConsoleWorkCalendarEntry) => {
    try {
      await api('DELETE', `/api/v1/console/work-calendar/${e.date}`);
      message.success(`已删除${e.date}的安排，该日按周一至周五上班计算`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : '系统繁忙，请稍后再试。');
    }
    void cal.reload();
  };

  const thisYear = chinaYear();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          工作日历
        </Typography.Title>
        <Space>
          <Select
            aria-label="年份"
            data-testid="calendar-year"
            value={year}
            onChange={setYear}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y}年` }))}
            style={{ width: 110 }}
          />
          {canEdit && (
            <Button type="primary" data-testid="calendar-add" onClick={() => setEditing({})}>
              添加日期
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        周一至周五为工作日、周六周日为休息日；下表为例外的日期：节假日放假，以及调休上班的周六、周日。预约号源不在节假日发布
        （确需开放的，发布号源时勾选“节假日照常开放”），市民预约页面显示节假日休息。办件的承诺办结时限也按本日历的工作日计算。
      </Typography.Paragraph>
      {cal.data?.notice ? (
        <Alert
          type="info"
          showIcon
          data-testid="calendar-notice"
          message={
            <span>
              依据：
              <a href={cal.data.notice.url} target="_blank" rel="noreferrer">
                {cal.data.notice.title}
              </a>
              （{cal.data.notice.issuedOn}发布）
            </span>
          }
        />
      ) : cal.data?.provisional ? (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-provisional"
          message={
            `平台尚未收录${year}年的放假安排通知。为避免法定节假日开放预约，已依《全国年节及纪念日放假办法》暂定13天法定节假日，` +
            '适逢周末的依法补假暂按节后工作日；调休上班日尚未设置。国务院办公厅发布通知后，请按通知逐日核对修改（标有“暂定”的日期）。'
          }
        />
      ) : (
        cal.data && (
          <Alert
            type="warning"
            showIcon
            data-testid="calendar-no-notice"
            message={`平台尚未收录${year}年的放假安排通知。国务院办公厅每年11月前后发布下一年的通知，发布后请逐日添加。`}
          />
        )
      )}
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          data-testid="calendar-read-only"
          message="工作日历由省政务服务数据管理局的全省事项管理员维护，您可以查看，不能修改。"
        />
      )}
      {cal.problem && <Alert type="error" showIcon role="alert" message={cal.problem} data-testid="calendar-error" />}
      {cal.data && (
        <Typography.Text data-testid="calendar-summary">
          {year}年：节假日{holidays}天（其中法定节假日{entries.filter((e) => e.statutory).length}天），调休上班{makeup}
          天
        </Typography.Text>
      )}
      <Table<ConsoleWorkCalendarEntry>
        rowKey="date"
        loading={cal.loading}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: `${year}年暂无节假日安排` }}
        onRow={(e) => ({ 'data-testid': 'calendar-row', 'data-date': e.date }) as object}
        columns={[
          { title: '日期', key: 'date', render: (_, e) => `${e.date}（${weekday(e.date)}）` },
          {
            title: '安排',
            key: 'kind',
            render: (_, e) => (
              <Space size={4} wrap>
                {e.kind === 'holiday' ? (
                  <Tag color="#c4161c">{`${e.holidayName}放假`}</Tag>
                ) : (
                  <Tag color="#0958d9">{`${e.holidayName}${WORK_DAY_KIND_LABELS[e.kind]}`}</Tag>
                )}
                {e.statutory && <Tag>法定节假日</Tag>}
              </Space>
            ),
          },
          { title: '备注', key: 'note', render: (_, e) => e.note ?? '—' },
          {
            title: '来源',
            key: 'source',
            render: (_, e) =>
              e.source === 'notice' ? (
                // seeded: from the year's notice, or (no notice yet) provisionally from the law
                cal.data?.provisional ? (
                  '依法暂定'
                ) : (
                  '国务院通知'
                )
              ) : (
                <span>
                  人工维护
                  {e.updatedBy && <Typography.Text type="secondary">（{e.updatedBy}）</Typography.Text>}
                </span>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, e: ConsoleWorkCalendarEntry) => (
                    <Space size={4}>
                      <Button size="small" data-testid="calendar-edit" onClick={() => setEditing({ entry: e })}>
                        修改
                      </Button>
                      <Popconfirm
                        title={`删除${e.date}的安排？`}
                        description="删除后该日按周一至周五上班、周末休息计算。"
                        okText="删除"
                        cancelText="取消"
                        okButtonProps={{ danger: true, 'data-testid': 'calendar-delete-confirm' } as ButtonProps}
                        onConfirm={() => remove(e)}
                      >
                        <Button size="small" danger data-testid="calendar-delete">
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <DayModal
          entry={editing.entry}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            message.success(`已保存：${saved.date} ${saved.holidayName}${WORK_DAY_KIND_LABELS[saved.kind]}`);
            if (saved.date.startsWith(`${year}-`)) void cal.reload();
            else setYear(Number(saved.date.slice(0, 4)));
          }}
        />
      )}
    </Space>
  );
}

/** 添加日期 / 修改: the date (new ones only), holiday or 调休上班, the festival, 法定节假日, a note. */
function DayModal({
  entry,
  onClose,
  onSaved,
}: {
  entry?: ConsoleWorkCalendarEntry;
  onClose(): void;
  onSaved(e: ConsoleWorkCalendarEntry): void;
}) {
  const [date, setDate] = useState(entry?.date ?? '');
  const [kind, setKind] = useState<'holiday' | 'makeup-workday'>(entry?.kind ?? 'holiday');
  const [holidayName, setHolidayName] = useState<string | undefined>(entry?.holidayName);
  const [statutory, setStatutory] = useState(entry?.statutory ?? false);
  const [note, setNote] = useState(entry?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { saving, problem, send } = useSubmission();

  const submit = async () => {
    const found: Record<string, string> = {};
    const day = WorkCalendarDateParams.safeParse({ date });
    if (!day.success) found.date = '请按YYYY-MM-DD填写日期，例如2027-01-01';
    const body = PutWorkCalendarDayInput.safeParse({
      kind,
      holidayName,
      statutory: kind === 'holiday' && statutory,
      note: note.trim() || null,
    });
    if (!body.success) for (const issue of body.error.issues) found[String(issue.path[0])] ??= issue.message;
    setErrors(found);
    if (!day.success || !body.success) return;
    await send(async () => {
      onSaved(await api<ConsoleWorkCalendarEntry>('PUT', `/api/v1/console/work-calendar/${date}`, body.data));
    });
  };

  const item = (name: string, label: string, required = false) => ({
    label,
    htmlFor: `calendar-${name}`,
    required,
    validateStatus: errors[name] ? ('error' as const) : undefined,
    help: errors[name],
  });

  return (
    <Modal
      open
      title={entry ? `修改${entry.date}的安排` : '添加日期'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving, 'data-testid': 'calendar-save' }}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      <ProblemAlert problem={problem} testId="calendar-form-error" />
      <Form layout="vertical" component="div">
        {!entry && (
          <Form.Item {...item('date', '日期', true)} extra="例如 2027-01-01">
            <Input
              id="calendar-date"
              data-testid="calendar-date"
              placeholder="YYYY-MM-DD"
              maxLength={10}
              value={date}
              onChange={(e) => setDate(e.target.value.trim())}
            />
          </Form.Item>
        )}
        <Form.Item {...item('kind', '安排', true)}>
          <Select
            id="calendar-kind"
            data-testid="calendar-kind"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'holiday', label: '节假日（放假）' },
              { value: 'makeup-workday', label: '调休上班（周六或周日上班）' },
            ]}
          />
        </Form.Item>
        <Form.Item {...item('holidayName', kind === 'holiday' ? '节日' : '为哪个节日调休', true)}>
          <Select
            id="calendar-holidayName"
            data-testid="calendar-holiday"
            placeholder="请选择"
            value={holidayName}
            onChange={setHolidayName}
            options={HOLIDAY_NAMES.map((n) => ({ value: n, label: n }))}
          />
        </Form.Item>
        {kind === 'holiday' && (
          <Form.Item
            {...item('statutory', '')}
            extra="法定节假日当日（全年13天），加班按300%计发工资；调休放假的日子不勾选。"
          >
            <Checkbox
              id="calendar-statutory"
              data-testid="calendar-statutory"
              checked={statutory}
              onChange={(e) => setStatutory(e.target.checked)}
            >
              法定节假日
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item {...item('note', '备注')}>
          <Input
            id="calendar-note"
            data-testid="calendar-note"
            maxLength={100}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
