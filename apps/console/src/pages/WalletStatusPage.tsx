import type { ConsoleCertificate, ConsoleCertificateList } from '@yss/contracts';
import { Alert, App, Button, Card, ConfigProvider, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api';
import { chinaDateTime } from '../china-time';

type Action = 'revoke' | 'suspend' | 'reinstate';
const ACTIONS: Record<Action, { label: string; confirm: string; danger: boolean }> = {
  revoke: { label: '注销', confirm: '注销后该证照永久失效，不能恢复。核验方在1分钟内看到“已注销”。', danger: true },
  suspend: { label: '暂停使用', confirm: '暂停期间核验方看到“已暂停”，可随时恢复。', danger: true },
  reinstate: { label: '恢复', confirm: '恢复后核验方在1分钟内看到“有效”。', danger: false },
};
// Solid tags with white text, dark enough for WCAG AA (antd's preset green/orange/red tags are not).
const STATUS_COLOR = { valid: '#007a4d', suspended: '#a35200', revoked: '#c4161c' } as const;
/** antd's danger red (#ff4d4f) is too light for text on white: the citizen app's darker red on this page. */
const PAGE_THEME = { token: { colorError: '#c4161c', colorErrorHover: '#a31217', colorErrorActive: '#8a0f13' } };

const time = (iso: string | null) => chinaDateTime(iso, { seconds: true });

/**
 * 电子证照状态: the issuing department's staff find a person's certificates by ID number (blind index on the
 * server; shown masked) and 注销 / 暂停使用 / 恢复 them with a reason. The server checks the grant (wallet.status,
 * province-wide, the issuing department) and audits every change.
 */
export function WalletStatusPage() {
  const { message } = App.useApp();
  const [idNumber, setIdNumber] = useState('');
  const [list, setList] = useState<ConsoleCertificateList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ cert: ConsoleCertificate; action: Action } | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  const search = async () => {
    setLoading(true);
    setError(null);
    try {
      setList(await api<ConsoleCertificateList>('POST', '/api/v1/console/wallet/certificates/search', { idNumber }));
    } catch (err) {
      setList(null);
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  };

  const apply = async () => {
    if (!pending) return;
    setSaving(true);
    try {
      const updated = await api<ConsoleCertificate>(
        'POST',
        `/api/v1/console/wallet/certificates/${pending.cert.id}/status`,
        { action: pending.action, reason },
      );
      setList((l) => (l ? { ...l, certificates: l.certificates.map((c) => (c.id === updated.id ? updated : c)) } : l));
      message.success(`已${ACTIONS[pending.action].label}：${updated.typeName}`);
      setPending(null);
      setReason('');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <ConfigProvider theme={PAGE_THEME}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Title level={2}>电子证照状态</Typography.Title>
        <Card>
          <Form layout="inline" onFinish={() => void search()}>
            <Form.Item label="公民身份号码" htmlFor="wallet-id-number">
              <Input
                id="wallet-id-number"
                data-testid="wallet-id-number"
                value={idNumber}
                maxLength={18}
                autoComplete="off"
                onChange={(e) => setIdNumber(e.target.value)}
                style={{ width: 240 }}
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={loading} data-testid="wallet-search">
                查询证照
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            仅显示本部门签发的电子证照。注销为最终操作；暂停使用可恢复。每次操作均记录审计日志。
          </Typography.Paragraph>
        </Card>
        {error && <Alert type="error" showIcon message={error} data-testid="wallet-error" />}
        {list && (
          <Card title={`持证人：${list.idNumberMasked}`}>
            <Table<ConsoleCertificate>
              rowKey="id"
              dataSource={list.certificates}
              pagination={false}
              locale={{ emptyText: '未查询到本部门签发给该持证人的电子证照' }}
              data-testid="wallet-certificates"
              columns={[
                { title: '证照', dataIndex: 'typeName' },
                { title: '签发机构', render: (_, c) => c.issuer.name },
                {
                  title: '状态',
                  render: (_, c) => (
                    <Tag color={STATUS_COLOR[c.status]} data-testid={`wallet-status-${c.id}`}>
                      {c.statusName}
                    </Tag>
                  ),
                },
                { title: '签发时间', render: (_, c) => time(c.issuedAt) },
                { title: '状态变更时间', render: (_, c) => time(c.statusChangedAt) },
                {
                  title: '操作',
                  render: (_, c) =>
                    c.status === 'revoked' ? (
                      <Typography.Text type="secondary">已注销</Typography.Text>
                    ) : (
                      <Space>
                        {(c.status === 'suspended'
                          ? (['reinstate', 'revoke'] as const)
                          : (['suspend', 'revoke'] as const)
                        ).map((a) => (
                          <Button
                            key={a}
                            danger={ACTIONS[a].danger}
                            onClick={() => setPending({ cert: c, action: a })}
                            data-testid={`wallet-${a}-${c.id}`}
                          >
                            {ACTIONS[a].label}
                          </Button>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        )}
        <Modal
          open={pending !== null}
          title={pending ? `确认${ACTIONS[pending.action].label}${pending.cert.typeName}？` : ''}
          okText={pending ? `确认${ACTIONS[pending.action].label}` : '确认'}
          cancelText="取消"
          okButtonProps={{
            danger: pending ? ACTIONS[pending.action].danger : false,
            disabled: reason.trim().length < 2,
            loading: saving,
            'data-testid': 'wallet-confirm',
          }}
          onOk={() => void apply()}
          onCancel={() => {
            setPending(null);
            setReason('');
          }}
        >
          {pending && <Typography.Paragraph>{ACTIONS[pending.action].confirm}</Typography.Paragraph>}
          <label htmlFor="wallet-reason">原因（必填，记入审计日志）</label>
          <Input.TextArea
            id="wallet-reason"
            data-testid="wallet-reason"
            value={reason}
            maxLength={200}
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
        </Modal>
      </Space>
    </ConfigProvider>
  );
}
