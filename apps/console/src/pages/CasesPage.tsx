import { APPLICATION_FORMS, type CaseStatus, type ConsoleCaseSummary } from '@yss/contracts';
import { Alert, Button, Card, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { assigneeText } from '../cases/CaseAssignment';
import { CaseDetailView } from '../cases/CaseDetailView';
import { CaseDueDate, CaseStatusTag, caseStatusOptions, formatTime, STAFF_WORK_STATUSES } from '../cases/status';
import { FilterSelect } from '../FilterSelect';
import { citiesOf } from '../grants';
import { RequireGrant } from '../RequireGrant';
import { useConsoleQuery } from '../useConsoleQuery';

/** 待办理: the statuses that wait on staff (the default); 全部: no status filter. */
type StatusFilter = 'todo' | 'all' | 'fulfilment-failed' | 'overdue' | CaseStatus;

const statusFilterOptions: { value: StatusFilter; label: string }[] = [
  { value: 'todo', label: '待办理（待受理、审核中、待领取）' },
  ...caseStatusOptions,
  { value: 'overdue', label: '已超期（超过承诺办结时间）' },
  { value: 'fulfilment-failed', label: '发证失败（待重新发证）' },
  { value: 'all', label: '全部状态' },
];

/** 办理人: 全部, 我的 (assigned to me), 待分派 (assigned to nobody). */
type AssignedFilter = 'all' | 'mine' | 'unassigned';
const assignedFilterOptions: { value: AssignedFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'mine', label: '我的' },
  { value: 'unassigned', label: '待分派' },
];

const serviceOptions = Object.values(APPLICATION_FORMS).map((f) => ({
  value: f.serviceId,
  label: f.title.replace(/申请$/, ''),
}));

/**
 * 办件审核: the cases of the departments and cities the staff member's reviewer grants cover (the server decides
 * the scope; this page only filters within it), and the case itself in a drawer at /cases/:caseId.
 */
export function CasesPage() {
  return (
    <RequireGrant
      permission="application.review"
      title="您没有审核办件的权限"
      subTitle="如需审核办件，请联系本部门管理员开通“审核人员”角色。"
      testId="cases-forbidden"
    >
      {(grants) => <CaseQueue cities={citiesOf(grants)} />}
    </RequireGrant>
  );
}

const NO_CASES: ConsoleCaseSummary[] = [];

function CaseQueue({ cities }: { cities: { value: string; label: string }[] }) {
  const navigate = useNavigate();
  const { caseId } = useParams();
  const [status, setStatus] = useState<StatusFilter>('todo');
  const [cityCode, setCityCode] = useState<string | undefined>();
  const [serviceId, setServiceId] = useState<string | undefined>();
  const [assigned, setAssigned] = useState<AssignedFilter>('all');

  const load = useCallback(
    async (signal: AbortSignal) => {
      // the API takes one status: 待办理 asks for each of its statuses
      const statuses: (CaseStatus | undefined)[] =
        status === 'todo'
          ? [...STAFF_WORK_STATUSES]
          : status === 'all' || status === 'fulfilment-failed' || status === 'overdue'
            ? [undefined]
            : [status];
      const lists = await Promise.all(
        statuses.map((s) => {
          const query = new URLSearchParams();
          if (s) query.set('status', s);
          if (status === 'fulfilment-failed') query.set('fulfilment', 'failed');
          if (status === 'overdue') query.set('overdue', 'true');
          if (cityCode) query.set('cityCode', cityCode);
          if (serviceId) query.set('serviceId', serviceId);
          if (assigned !== 'all') query.set('assigned', assigned);
          return api<ConsoleCaseSummary[]>('GET', `/api/v1/console/cases?${query}`, undefined, signal);
        }),
      );
      const byId = new Map(lists.flat().map((c) => [c.id, c]));
      // oldest first: the applicant who has waited longest comes first
      return [...byId.values()].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    },
    [status, cityCode, serviceId, assigned],
  );
  // the answer of the latest request only (filters changed quickly, a refresh during a load)
  const { data: rows, loading, problem: error, reload } = useConsoleQuery(load, NO_CASES);

  const open = useCallback((id: string) => navigate(`/cases/${encodeURIComponent(id)}`), [navigate]);
  const openNumber = useMemo(() => rows.find((r) => r.id === caseId)?.caseNumber, [rows, caseId]);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        办件审核
      </Typography.Title>
      <Card>
        <Space wrap>
          <FilterSelect
            testId="cases-filter-status"
            label="状态"
            width={260}
            // eleven options: all of them in the list (a virtual list would leave the last ones out of reach)
            virtual={false}
            options={statusFilterOptions}
            value={status}
            onChange={(v) => setStatus(v)}
          />
          <FilterSelect
            testId="cases-filter-city"
            label="城市"
            width={140}
            allowClear
            placeholder="全部城市"
            options={cities}
            value={cityCode}
            onChange={(v) => setCityCode(v)}
          />
          <FilterSelect
            testId="cases-filter-service"
            label="事项"
            width={200}
            allowClear
            placeholder="全部事项"
            options={serviceOptions}
            value={serviceId}
            onChange={(v) => setServiceId(v)}
          />
          <FilterSelect
            testId="cases-filter-assigned"
            label="办理人"
            width={120}
            options={assignedFilterOptions}
            value={assigned}
            onChange={(v) => setAssigned(v)}
          />
          <Button onClick={() => void reload()} loading={loading} data-testid="cases-refresh">
            刷新
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} role="alert" data-testid="cases-error" />}
      <Table<ConsoleCaseSummary>
        data-testid="cases-table"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 件` }}
        locale={{
          emptyText:
            status === 'todo' ? '暂无待办理的办件' : status === 'overdue' ? '暂无已超期的办件' : '暂无符合条件的办件',
        }}
        // the fixed columns add up to ~1,130 px: below that the table scrolls sideways instead of squeezing 事项
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.id === caseId ? 'case-row case-row-open' : 'case-row')}
        onRow={(r) => ({ onClick: () => open(r.id) })}
        columns={[
          {
            title: '办件编号',
            dataIndex: 'caseNumber',
            width: 190,
            // a link: keyboard users reach the case with Tab and Enter (the row's click is for the mouse)
            render: (v: string, r) => (
              <Link to={`/cases/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
                {v}
              </Link>
            ),
          },
          {
            title: '事项',
            key: 'service',
            minWidth: 220,
            render: (_: unknown, r) => (
              <>
                <div>{r.serviceName}</div>
                {r.summary && <Typography.Text type="secondary">{r.summary}</Typography.Text>}
              </>
            ),
          },
          { title: '城市', dataIndex: 'cityName', width: 80 },
          { title: '申请人', dataIndex: 'applicantNameMasked', width: 100 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (v: CaseStatus, r) => (
              <Space size={4} wrap>
                <CaseStatusTag status={v} />
                {r.fulfilmentState === 'failed' && (
                  <Tag color="error" data-testid="case-fulfilment-failed">
                    发证失败
                  </Tag>
                )}
                {r.fulfilmentState === 'pending' && <Tag color="processing">制证中</Tag>}
              </Space>
            ),
          },
          {
            title: '办理人',
            key: 'assignee',
            width: 120,
            render: (_: unknown, r) => (
              <Typography.Text type={r.assignee ? undefined : 'secondary'} data-testid="case-assignee-cell">
                {assigneeText(r.assignee)}
              </Typography.Text>
            ),
          },
          {
            title: '承诺办结时间',
            key: 'due',
            width: 150,
            sorter: (a, b) => (a.timeLimit?.dueOn ?? '9999').localeCompare(b.timeLimit?.dueOn ?? '9999'),
            render: (_: unknown, r) => <CaseDueDate limit={r.timeLimit} />,
          },
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 170,
            sorter: (a, b) => a.submittedAt.localeCompare(b.submittedAt),
            render: (v: string) => formatTime(v),
          },
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            width: 170,
            sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
            render: (v: string) => formatTime(v),
          },
        ]}
      />
      <Drawer
        open={caseId !== undefined}
        title={openNumber ? `办件详情：${openNumber}` : '办件详情'}
        width={920}
        onClose={() => navigate('/cases')}
        closable={{ 'aria-label': '关闭办件详情' }}
        destroyOnHidden
        data-testid="case-drawer"
      >
        {caseId && <CaseDetailView key={caseId} caseId={caseId} onChanged={() => void reload()} />}
      </Drawer>
    </Space>
  );
}
