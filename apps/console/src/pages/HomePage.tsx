import type { StaffGrant } from '@yss/contracts';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api';
import { useSession } from '../session';

/** 首页: who is logged in and 我的角色与权限 (each grant: role, department, city, permissions). */
export function HomePage() {
  const { profile, refresh } = useSession();
  if (!profile) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        首页
      </Typography.Title>
      {profile.passwordChangeRequired && <PasswordCard onDone={refresh} />}
      <Card title="账号信息">
        <Descriptions column={1}>
          <Descriptions.Item label="姓名">{profile.displayName}</Descriptions.Item>
          <Descriptions.Item label="用户名">{profile.username}</Descriptions.Item>
          <Descriptions.Item label="登录方式">密码 + 动态验证码</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="我的角色与权限">
        <Table<StaffGrant>
          data-testid="grants"
          rowKey={(g) => `${g.role}:${g.departmentId}:${g.cityCode ?? ''}`}
          dataSource={profile.grants}
          pagination={false}
          locale={{ emptyText: '暂无角色，请联系本部门管理员开通。' }}
          columns={[
            { title: '角色', dataIndex: 'roleName', render: (name: string) => <Tag color="blue">{name}</Tag> },
            { title: '部门', dataIndex: 'departmentName' },
            { title: '范围', dataIndex: 'cityName' },
            {
              title: '权限',
              dataIndex: 'permissions',
              render: (ps: StaffGrant['permissions']) => ps.map((p) => p.name).join('、'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** First login of a CLI-created account: the one-time password must be replaced before any work. */
function PasswordCard({ onDone }: { onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card title="修改初始密码">
      <Alert
        type="warning"
        showIcon
        message="这是首次登录，请先修改管理员发给您的初始密码。"
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form
        layout="vertical"
        style={{ maxWidth: 400 }}
        onFinish={async (values: { currentPassword: string; newPassword: string }) => {
          setBusy(true);
          setError(null);
          try {
            await api('PUT', '/api/v1/staff/me/password', values);
            message.success('密码已修改');
            await onDone();
          } catch (err) {
            setError(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="初始密码" name="currentPassword" rules={[{ required: true, message: '请输入初始密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码（至少12个字符）"
          name="newPassword"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 12, message: '新密码至少需要12个字符' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
