import type { StaffLoginStep, StaffProfile, StaffTotpEnrolment } from '@yss/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError, api, errorText } from '../api';
import { useSession } from '../session';

type Step = 'password' | 'totp' | 'enrol';

/**
 * 登录: username and password, then the 6-digit code of the authenticator app (TOTP). At the first login
 * the app is set up first: scan the QR code (or type the secret), then enter a code to confirm.
 */
export function LoginPage() {
  const { profile, setProfile } = useSession();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('password');
  const [enrolment, setEnrolment] = useState<StaffTotpEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
      // the pending login lapsed (5 minutes) or was ended: start again with the password
      if (err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'ACCOUNT_LOCKED')) {
        setStep('password');
        setEnrolment(null);
      }
    } finally {
      setBusy(false);
    }
  };

  if (profile) return <Navigate to="/" replace />;

  const submitPassword = (values: { username: string; password: string }) =>
    run(async () => {
      const res = await api<StaffLoginStep>('POST', '/api/v1/staff/auth/login', values);
      if (res.next === 'enrol') {
        setEnrolment(await api<StaffTotpEnrolment>('POST', '/api/v1/staff/auth/totp/enrol'));
      }
      setStep(res.next);
    });

  const submitCode = (values: { code: string }) =>
    run(async () => {
      const profile = await api<StaffProfile>('POST', '/api/v1/staff/auth/totp', { code: values.code.trim() });
      setProfile(profile);
      navigate('/', { replace: true });
    });

  return (
    <main className="centered">
      <Card className="login-card">
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          粤省事工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {step === 'password' && '工作人员登录：请输入用户名和密码。'}
          {step === 'totp' && '请输入身份验证器（动态验证码）应用中显示的6位数字。'}
          {step === 'enrol' && '首次登录：请用身份验证器应用扫描二维码，然后输入应用显示的6位数字完成绑定。'}
        </Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            role="alert"
            data-testid="login-error"
            style={{ marginBottom: 16 }}
          />
        )}
        {step === 'password' ? (
          <Form layout="vertical" onFinish={submitPassword} requiredMark={false} key="password">
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input autoComplete="username" data-testid="username" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password autoComplete="current-password" data-testid="password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              下一步
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={submitCode} requiredMark={false} key="code">
            {step === 'enrol' && enrolment && (
              <div data-testid="enrolment">
                <img className="qr" src={enrolment.qrDataUrl} alt="绑定动态验证码的二维码" />
                <Typography.Paragraph>
                  无法扫码时，可在应用中手动输入密钥：
                  <Typography.Text className="secret" copyable={{ text: enrolment.secret }}>
                    <span data-testid="totp-secret">{enrolment.secret}</span>
                  </Typography.Text>
                </Typography.Paragraph>
              </div>
            )}
            <Form.Item
              label="动态验证码"
              name="code"
              rules={[
                { required: true, message: '请输入动态验证码' },
                { pattern: /^\s*\d{6}\s*$/, message: '动态验证码为6位数字' },
              ]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="totp-submit">
              {step === 'enrol' ? '完成绑定并登录' : '登录'}
            </Button>
            <Button
              type="link"
              block
              onClick={() => {
                setStep('password');
                setError(null);
              }}
            >
              返回重新输入密码
            </Button>
          </Form>
        )}
      </Card>
    </main>
  );
}
