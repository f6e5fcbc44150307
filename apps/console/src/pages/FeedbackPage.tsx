import type { ConsoleFeedbackItem, FeedbackStatus, RevealedFeedbackContent } from '@yss/contracts';
import { Alert, App, Card, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { chinaDateTime } from '../china-time';
import { FilterSelect } from '../FilterSelect';
import { MaskedValue } from '../MaskedValue';
import { useConsoleQuery } from '../useConsoleQuery';

const STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: '待处理',
  read: '已查看',
  answered: '已答复',
  closed: '已关闭',
};
const CATEGORY_LABELS: Record<ConsoleFeedbackItem['category'], string> = {
  question: '咨询',
  suggestion: '建议',
  complaint: '投诉',
  bug: '功能问题',
};
const NO_ROWS: ConsoleFeedbackItem[] = [];
const statusOptions = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/**
 * What the citizen typed. Phone and ID numbers in it arrive masked (`contentMasked`); 显示 asks the server for the whole
 * text (audited console.feedback.reveal) and shows it in place until 隐藏. Refusals in the server's words.
 */
function FeedbackContent({ item }: { item: ConsoleFeedbackItem }) {
  if (!item.contentMasked) return <span style={{ whiteSpace: 'pre-wrap' }}>{item.content}</span>;
  const path = `/api/v1/console/feedback/${encodeURIComponent(item.id)}/content/reveal`;
  return (
    <MaskedValue
      masked={item.content}
      label="反馈内容中的号码"
      testId="feedback-content"
      reveal={async () => (await api<RevealedFeedbackContent>('POST', path)).content}
    />
  );
}

/**
 * 意见反馈: the feedback of the departments and cities the staff member's grants cover (the server decides
 * the scope; this page only filters within it). Contacts arrive masked, and so do phone and ID numbers in the text.
 */
export function FeedbackPage() {
  const { message } = App.useApp();
  const [cities, setCities] = useState<{ value: string; label: string }[]>([]);
  const [cityCode, setCityCode] = useState<string | undefined>();
  const [status, setStatus] = useState<FeedbackStatus | undefined>();

  useEffect(() => {
    api<{ code: string; name: string }[]>('GET', '/api/v1/cities')
      .then((list) => setCities(list.map((c) => ({ value: c.code, label: c.name }))))
      .catch(() => setCities([]));
  }, []);

  const load = useCallback(
    (signal: AbortSignal) => {
      const query = new URLSearchParams();
      if (cityCode) query.set('cityCode', cityCode);
      if (status) query.set('status', status);
      return api<ConsoleFeedbackItem[]>('GET', `/api/v1/console/feedback?${query}`, undefined, signal);
    },
    [cityCode, status],
  );
  const { data: rows, setData: setRows, loading, problem: error } = useConsoleQuery(load, NO_ROWS);

  const changeStatus = async (id: string, next: FeedbackStatus) => {
    try {
      const updated = await api<ConsoleFeedbackItem>('PATCH', `/api/v1/console/feedback/${id}`, { status: next });
      setRows((rs) => rs.map((r) => (r.id === id ? updated : r)));
      message.success(`已标记为${STATUS_LABELS[next]}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        意见反馈
      </Typography.Title>
      <Card>
        <Space wrap>
          <FilterSelect
            testId="filter-city"
            label="城市"
            width={160}
            allowClear
            placeholder="全部城市"
            options={cities}
            value={cityCode}
            onChange={(v) => setCityCode(v)}
          />
          <FilterSelect
            testId="filter-status"
            label="状态"
            width={140}
            allowClear
            placeholder="全部状态"
            options={statusOptions}
            value={status}
            onChange={(v) => setStatus(v)}
          />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} role="alert" data-testid="feedback-error" />}
      <Table<ConsoleFeedbackItem>
        data-testid="feedback-table"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无意见反馈' }}
        columns={[
          {
            title: '提交时间',
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => chinaDateTime(v, { seconds: true }),
          },
          { title: '城市', dataIndex: 'cityName', width: 80, render: (v: string | null) => v ?? '—' },
          {
            title: '服务 / 部门',
            key: 'service',
            render: (_: unknown, r) => (
              <>
                <div>{r.serviceName ?? '平台整体'}</div>
                <Typography.Text type="secondary">{r.departmentName}</Typography.Text>
              </>
            ),
          },
          {
            title: '类别',
            dataIndex: 'category',
            width: 90,
            render: (v: ConsoleFeedbackItem['category']) => CATEGORY_LABELS[v],
          },
          { title: '内容', key: 'content', render: (_: unknown, r) => <FeedbackContent item={r} /> },
          { title: '联系方式', dataIndex: 'contactMasked', width: 140, render: (v: string | null) => v ?? '未留' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 130,
            render: (v: FeedbackStatus, r) => (
              <Select
                aria-label={`反馈状态：${r.content.slice(0, 20)}`}
                data-testid="feedback-status"
                value={v}
                options={statusOptions}
                style={{ width: 110 }}
                onChange={(next) => changeStatus(r.id, next)}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
