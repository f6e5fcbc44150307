import {
  AUDIT_ACTOR_KINDS,
  AUDIT_RESULTS,
  type ConsoleAuditChain,
  type ConsoleAuditEntry,
  type ConsoleAuditPage,
} from '@yss/contracts';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api, errorText } from '../api';
import { chinaDateTime } from '../china-time';
import { FilterSelect } from '../FilterSelect';
import { RequireGrant } from '../RequireGrant';
import { useConsoleQuery } from '../useConsoleQuery';

/** Tag colours dark enough on their tint for 4.5:1 (antd's preset green/orange text is lighter). */
const RESULT_LABELS: Record<(typeof AUDIT_RESULTS)[number], { label: string; color: string; background: string }> = {
  success: { label: '成功', color: '#135200', background: '#f6ffed' },
  denied: { label: '拒绝', color: '#873800', background: '#fff7e6' },
  failure: { label: '失败', color: '#a8071a', background: '#fff1f0' },
};
const ACTOR_LABELS: Record<(typeof AUDIT_ACTOR_KINDS)[number], string> = {
  citizen: '群众',
  agent: '代办人',
  staff: '工作人员',
  system: '系统',
  anonymous: '未登录',
};
const resultOptions = AUDIT_RESULTS.map((value) => ({ value, label: RESULT_LABELS[value].label }));
const actorOptions = AUDIT_ACTOR_KINDS.map((value) => ({ value, label: ACTOR_LABELS[value] }));

interface Filters {
  action?: string;
  result?: (typeof AUDIT_RESULTS)[number];
  actorKind?: (typeof AUDIT_ACTOR_KINDS)[number];
  from?: string;
  to?: string;
}

const query = (f: Filters, before?: number) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (before) q.set('before', String(before));
  return `/api/v1/console/audit?${q}`;
};

/**
 * 审计日志 for 审计人员: who did what to whose data, newest first, 50 at a time ("加载更多" for older ones), filtered
 * by operation, result, kind of actor and China dates. The platform's auditors also check the whole hash chain.
 * The server decides the reach (the whole platform, or one department's services and staff) and audits the reading.
 */
function AuditLogView() {
  const [draftAction, setDraftAction] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [older, setOlder] = useState<{ entries: ConsoleAuditEntry[]; nextBefore: number | null } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreProblem, setMoreProblem] = useState<string | null>(null);
  const [chain, setChain] = useState<ConsoleAuditChain | null>(null);
  const [chainBusy, setChainBusy] = useState(false);
  const [chainProblem, setChainProblem] = useState<string | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => {
      setOlder(null);
      return api<ConsoleAuditPage>('GET', query(filters), undefined, signal);
    },
    [filters],
  );
  const { data: page, loading, problem } = useConsoleQuery<ConsoleAuditPage | null>(load, null);
  const entries = [...(page?.entries ?? []), ...(older?.entries ?? [])];
  const nextBefore = older ? older.nextBefore : (page?.nextBefore ?? null);

  const loadMore = async () => {
    if (!nextBefore) return;
    setMoreBusy(true);
    setMoreProblem(null);
    try {
      const more = await api<ConsoleAuditPage>('GET', query(filters, nextBefore));
      setOlder((o) => ({ entries: [...(o?.entries ?? []), ...more.entries], nextBefore: more.nextBefore }));
    } catch (err) {
      setMoreProblem(errorText(err));
    } finally {
      setMoreBusy(false);
    }
  };

  const checkChain = async () => {
    setChainBusy(true);
    setChainProblem(null);
    try {
      setChain(await api<ConsoleAuditChain>('POST', '/api/v1/console/audit/chain-check', {}));
    } catch (err) {
      setChainProblem(errorText(err));
    } finally {
      setChainBusy(false);
    }
  };

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value || undefined }));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        审计日志
      </Typography.Title>
      {page && (
        <Typography.Paragraph type="secondary" data-testid="audit-scope" style={{ margin: 0 }}>
          {page.scope === 'platform'
            ? `${page.departmentName}：全平台的审计记录（只可追加、逐条哈希链接，查看本页本身也会记录）。`
            : `${page.departmentName}：本部门服务事项相关及本部门工作人员的审计记录（查看本页本身也会记录）。`}
        </Typography.Paragraph>
      )}
      <Card>
        <Space wrap>
          <Space>
            <label htmlFor="audit-filter-action">操作类型</label>
            <Input.Search
              id="audit-filter-action"
              data-testid="filter-action"
              placeholder="如 case. 或 staff.login"
              allowClear
              style={{ width: 220 }}
              value={draftAction}
              onChange={(e) => setDraftAction(e.target.value)}
              onSearch={(v) => setFilter('action', v.trim())}
            />
          </Space>
          <FilterSelect
            testId="filter-result"
            label="结果"
            width={120}
            allowClear
            placeholder="全部"
            options={resultOptions}
            value={filters.result}
            onChange={(v) => setFilter('result', v as Filters['result'])}
          />
          <FilterSelect
            testId="filter-actor"
            label="操作者"
            width={130}
            allowClear
            placeholder="全部"
            options={actorOptions}
            value={filters.actorKind}
            onChange={(v) => setFilter('actorKind', v as Filters['actorKind'])}
          />
          <Space>
            <label htmlFor="audit-filter-from">开始日期</label>
            <Input
              id="audit-filter-from"
              type="date"
              data-testid="filter-from"
              value={filters.from ?? ''}
              onChange={(e) => setFilter('from', e.target.value)}
            />
          </Space>
          <Space>
            <label htmlFor="audit-filter-to">结束日期</label>
            <Input
              id="audit-filter-to"
              type="date"
              data-testid="filter-to"
              value={filters.to ?? ''}
              onChange={(e) => setFilter('to', e.target.value)}
            />
          </Space>
          {page?.scope === 'platform' && (
            <Button onClick={() => void checkChain()} loading={chainBusy} data-testid="audit-chain-check">
              校验日志完整性
            </Button>
          )}
        </Space>
      </Card>
      {chainProblem && <Alert type="error" showIcon role="alert" message={chainProblem} />}
      {chain && (
        <Alert
          data-testid="audit-chain-result"
          role="status"
          showIcon
          type={chain.intact ? 'success' : 'error'}
          message={
            chain.intact
              ? `日志完整：已校验 ${chain.checkedEntries} 条记录，哈希链未被改动。`
              : `日志不完整：第 ${chain.firstBrokenSeq} 条记录与前一条的哈希不符（已被修改、删除或插入），请立即上报。`
          }
        />
      )}
      {problem && <Alert type="error" showIcon message={problem} role="alert" data-testid="audit-error" />}
      <Table<ConsoleAuditEntry>
        data-testid="audit-table"
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: '没有符合条件的审计记录' }}
        expandable={{
          // antd's own expand button has no accessible name: one that says what it opens
          expandIcon: ({ expanded, onExpand, record }) => (
            <button
              type="button"
              className={`ant-table-row-expand-icon ant-table-row-expand-icon-${expanded ? 'expanded' : 'collapsed'}`}
              aria-expanded={expanded}
              aria-label={`${expanded ? '收起' : '展开'}第 ${record.seq} 条记录的详情`}
              onClick={(e) => onExpand(record, e)}
            />
          ),
          expandedRowRender: (r) => (
            <pre className="audit-detail" data-testid="audit-detail">
              {JSON.stringify(r.detail, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          {
            title: '时间（北京时间）',
            dataIndex: 'at',
            width: 180,
            render: (v: string) => chinaDateTime(v, { seconds: true }),
          },
          { title: '操作', dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          {
            title: '结果',
            dataIndex: 'result',
            width: 80,
            render: (v: ConsoleAuditEntry['result']) => (
              <Tag color={RESULT_LABELS[v].color}>{RESULT_LABELS[v].label}</Tag>
            ),
          },
          {
            title: '操作者',
            key: 'actor',
            render: (_: unknown, r) => (
              <>
                <div>{r.actor}</div>
                <Typography.Text type="secondary">{ACTOR_LABELS[r.actorKind]}</Typography.Text>
              </>
            ),
          },
          { title: '涉及账号', dataIndex: 'subject', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '说明', dataIndex: 'what', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {moreProblem && <Alert type="error" showIcon role="alert" message={moreProblem} />}
      {nextBefore !== null && !loading && (
        <Button block onClick={() => void loadMore()} loading={moreBusy} data-testid="audit-more">
          加载更多
        </Button>
      )}
    </Space>
  );
}

export function AuditPage() {
  return (
    <RequireGrant
      permission="audit.read"
      title="您没有查看审计日志的权限"
      subTitle="审计日志仅对审计人员开放。如需开通，请联系本部门管理员。"
      testId="audit-forbidden"
    >
      {() => <AuditLogView />}
    </RequireGrant>
  );
}
