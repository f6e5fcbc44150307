import type { ConsoleCatalogItem, ConsoleCatalogList } from '@yss/contracts';
import { Alert, Button, Card, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText } from '../api';
import { ServiceDrawer } from '../catalog/ServiceDrawer';
import { STANDING_COLORS, standingOf } from '../catalog/standing';
import { hasPermission } from '../grants';
import { useSession } from '../session';

/**
 * 服务事项: the services of the departments whose 事项管理员 grants (catalog.edit) the staff member holds, as citizens
 * of one city see them (可办理 / 暂停办理 and why / 本市不提供 in the guide's words), searchable as citizens search.
 * 管理 opens a service: 暂停办理 / 恢复办理, 办理须知, and the history of changes. The server checks the same scopes.
 */
export function CatalogPage() {
  const { profile } = useSession();
  if (!profile) return null;
  if (!hasPermission(profile, 'catalog.edit')) {
    return (
      <Result
        status="403"
        title="您没有管理服务事项的权限"
        subTitle="如需暂停办理或修改办理须知，请联系本部门管理员开通“事项管理员”角色。"
        data-testid="catalog-forbidden"
      />
    );
  }
  return <CatalogBoard />;
}

function CatalogBoard() {
  const [city, setCity] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [list, setList] = useState<ConsoleCatalogList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ConsoleCatalogItem | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    const query = new URLSearchParams();
    if (city) query.set('city', city);
    if (q.trim()) query.set('q', q.trim());
    try {
      const answer = await api<ConsoleCatalogList>('GET', `/api/v1/console/catalog/services?${query}`);
      if (request !== latest.current) return;
      setList(answer);
    } catch (err) {
      if (request !== latest.current) return;
      setError(errorText(err));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [city, q]);
  useEffect(() => {
    void load();
  }, [load]);

  const cityCode = list?.cityCode ?? city;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        服务事项
      </Typography.Title>
      <Card>
        <Space wrap>
          <span id="catalog-city-label">城市</span>
          <Select
            aria-labelledby="catalog-city-label"
            data-testid="catalog-city"
            style={{ width: 140 }}
            options={(list?.cities ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={cityCode}
            onChange={(v) => setCity(v)}
          />
          <Input.Search
            aria-label="搜索事项"
            data-testid="catalog-search"
            placeholder="事项名称、拼音或首字母"
            allowClear
            maxLength={50}
            style={{ width: 280 }}
            onSearch={(v) => setQ(v)}
            enterButton="搜索"
          />
          <Button onClick={() => void load()} loading={loading}>
            刷新
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon role="alert" message={error} data-testid="catalog-error" />}
      <Table<ConsoleCatalogItem>
        rowKey="id"
        loading={loading}
        dataSource={list?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: q ? '没有找到相关事项' : '暂无可管理的事项' }}
        onRow={(item) => ({ 'data-testid': 'catalog-row', 'data-service-id': item.id }) as object}
        columns={[
          { title: '事项名称', dataIndex: 'name' },
          { title: '办理部门', dataIndex: 'departmentName' },
          {
            title: `${list?.cityName ?? ''}办理状态`,
            key: 'standing',
            render: (_, item) => {
              const s = standingOf(item);
              return (
                <Space direction="vertical" size={0}>
                  <Tag color={STANDING_COLORS[s.kind]} data-testid="catalog-standing">
                    {s.label}
                  </Tag>
                  {s.detail && <Typography.Text type="secondary">{s.detail}</Typography.Text>}
                </Space>
              );
            },
          },
          {
            title: '办理须知',
            key: 'texts',
            render: (_, item) =>
              item.textsEdited ? <Tag>已修改</Tag> : <Typography.Text type="secondary">默认</Typography.Text>,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, item) => (
              <Button onClick={() => setOpen(item)} data-testid="catalog-manage" aria-label={`管理${item.name}`}>
                管理
              </Button>
            ),
          },
        ]}
      />
      {open && cityCode && (
        <ServiceDrawer
          key={`${open.id}-${cityCode}`}
          serviceId={open.id}
          serviceName={open.name}
          cityCode={cityCode}
          onClose={() => setOpen(null)}
          onChanged={() => void load()}
        />
      )}
    </Space>
  );
}
