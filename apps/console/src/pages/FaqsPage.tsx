import type { CatalogEntry, ConsoleFaq, StaffGrant } from '@yss/contracts';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, Card, Input, Popconfirm, Result, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorText } from '../api';
import { FaqFormModal } from '../catalog/FaqFormModal';
import { grantsWith } from '../grants';
import { useSession } from '../session';

/**
 * 常见问题: the guide's FAQs (全省) and those of the staff member's cities, hidden ones too. 客服人员 (faq.edit) write
 * FAQs for their department and city (全省 with a province-wide grant), edit, hide, show and delete those their
 * grants cover; the others are read-only here. The server checks the same scopes and versions.
 */
export function FaqsPage() {
  const { profile } = useSession();
  const grants = useMemo(() => (profile ? grantsWith(profile, 'faq.edit') : []), [profile]);
  if (!profile) return null;
  if (grants.length === 0) {
    return (
      <Result
        status="403"
        title="您没有维护常见问题的权限"
        subTitle="如需新增或修改常见问题，请联系本部门管理员开通“客服人员”角色。"
        data-testid="faqs-forbidden"
      />
    );
  }
  return <FaqBoard grants={grants} />;
}

type Editing = { kind: 'create' } | { kind: 'edit'; faq: ConsoleFaq } | null;

function FaqBoard({ grants }: { grants: StaffGrant[] }) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<ConsoleFaq[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [services, setServices] = useState<CatalogEntry[]>([]);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    const query = new URLSearchParams();
    if (q.trim()) query.set('q', q.trim());
    try {
      const list = await api<ConsoleFaq[]>('GET', `/api/v1/console/faqs?${query}`);
      if (request === latest.current) setRows(list);
    } catch (err) {
      if (request === latest.current) setError(errorText(err));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [q]);
  useEffect(() => {
    void load();
  }, [load]);
  // the services a FAQ may be linked to: names and departments are the same whatever the city
  useEffect(() => {
    api<CatalogEntry[]>('GET', '/api/v1/catalog?city=440100')
      .then(setServices)
      .catch(() => setServices([]));
  }, []);

  const act = async (text: string, run: () => Promise<unknown>) => {
    try {
      await run();
      message.success(text);
    } catch (err) {
      message.error(errorText(err));
    }
    void load();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          常见问题
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing({ kind: 'create' })} data-testid="faq-create">
          新增问题
        </Button>
      </Space>
      <Card>
        <Space wrap>
          <Input.Search
            aria-label="搜索问题"
            data-testid="faq-search"
            placeholder="问题、回答或事项名称"
            allowClear
            maxLength={50}
            style={{ width: 320 }}
            onSearch={(v) => setQ(v)}
            enterButton="搜索"
          />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon role="alert" message={error} data-testid="faq-error" />}
      <Table<ConsoleFaq>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: q ? '没有找到相关问题' : '暂无常见问题' }}
        onRow={(f) => ({ 'data-testid': 'faq-row', 'data-faq-id': f.id }) as object}
        columns={[
          {
            title: '问题',
            key: 'question',
            width: '40%',
            render: (_, f) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{f.question}</Typography.Text>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {f.answer}
                </Typography.Paragraph>
              </Space>
            ),
          },
          { title: '关联事项', key: 'services', render: (_, f) => f.services.map((s) => s.name).join('、') || '—' },
          {
            title: '范围',
            key: 'scope',
            width: 200,
            render: (_, f) => (
              <Space direction="vertical" size={0}>
                <span>{f.cityName}</span>
                <Typography.Text type="secondary">{f.departmentName}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '状态',
            key: 'state',
            render: (_, f) => (
              <Space size={4} wrap>
                {f.hidden ? <Tag data-testid="faq-hidden">已隐藏</Tag> : <Tag color="#007a4d">显示中</Tag>}
                {f.origin === 'seed' ? <Tag>{f.edited ? '指南（已修改）' : '指南'}</Tag> : <Tag>工作台新增</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, f) =>
              f.editable ? (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setEditing({ kind: 'edit', faq: f })} data-testid="faq-edit">
                    编辑
                  </Button>
                  <Button
                    size="small"
                    data-testid="faq-visibility"
                    onClick={() =>
                      void act(f.hidden ? '已恢复显示' : '已隐藏，群众端不再显示', () =>
                        api('PUT', `/api/v1/console/faqs/${encodeURIComponent(f.id)}/visibility`, {
                          hidden: !f.hidden,
                          version: f.version,
                        }),
                      )
                    }
                  >
                    {f.hidden ? '显示' : '隐藏'}
                  </Button>
                  <Popconfirm
                    title="删除该问题？"
                    description={f.origin === 'seed' ? '来自指南的问题删除后不会在重启时恢复。' : '删除后无法恢复。'}
                    okText="删除"
                    cancelText="取消"
                    okButtonProps={{ danger: true, 'data-testid': 'faq-delete-confirm' } as ButtonProps}
                    onConfirm={() =>
                      act('已删除', () =>
                        api('DELETE', `/api/v1/console/faqs/${encodeURIComponent(f.id)}?version=${f.version}`),
                      )
                    }
                  >
                    <Button size="small" danger data-testid="faq-delete">
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Typography.Text type="secondary">只读</Typography.Text>
              ),
          },
        ]}
      />
      {editing && (
        <FaqFormModal
          key={editing.kind === 'edit' ? editing.faq.id : 'new'}
          grants={grants}
          services={services}
          faq={editing.kind === 'edit' ? editing.faq : undefined}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            message.success(editing.kind === 'edit' ? '已保存，群众端已更新' : `已新增：${saved.question}`);
            void load();
          }}
        />
      )}
    </Space>
  );
}
