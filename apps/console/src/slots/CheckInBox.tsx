import type { AppointmentCheckInResult } from '@yss/contracts';
import { Alert, Button, Card, Descriptions, Input, type InputRef, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, errorText } from '../api';
import { formatChinaTime, formatDay } from './dates';

/**
 * 现场签到 at the counter: the citizen's 预约码 scanned (a handheld scanner types it and presses Enter) or the 20-digit
 * 预约号 typed → POST check-in. The answer shows the person masked (name, the ID number's last 4) to compare with
 * the ID card they hand over; a repeat says when it was first checked in. Refusals (too early, ended, cancelled, not
 * this department's) in the server's words. The box is cleared and focused again for the next person.
 */
export function CheckInBox() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AppointmentCheckInResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<InputRef>(null);

  const submit = async () => {
    const value = code.trim();
    if (busy) return;
    if (!value) {
      setError('请扫描预约码或输入预约号。');
      setResult(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await api<AppointmentCheckInResult>('POST', '/api/v1/console/appointments/check-in', { code: value }));
      setCode('');
    } catch (err) {
      setResult(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <Card title={<h2 className="slot-checkin-title">现场签到</h2>} size="small" data-testid="checkin-box">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          扫描群众出示的预约码，或输入20位预约号；请核对姓名和身份证件号码后四位与本人证件一致。可在预约时段开始前1小时至时段结束前签到。
        </Typography.Text>
        <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
          <Input
            ref={input}
            aria-label="预约码或预约号"
            placeholder="扫描预约码或输入预约号"
            value={code}
            maxLength={2000}
            allowClear
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => void submit()}
            data-testid="checkin-code"
          />
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="checkin-submit">
            签到
          </Button>
        </Space.Compact>
        {error && <Alert type="error" showIcon role="alert" message={error} data-testid="checkin-error" />}
        {result && (
          <div role="status" data-testid="checkin-result">
            <Alert
              type={result.alreadyCheckedIn ? 'warning' : 'success'}
              showIcon
              message={result.message}
              data-testid="checkin-message"
            />
            <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }}>
              <Descriptions.Item label="姓名">
                <span data-testid="checkin-name">{result.nameMasked}</span>
              </Descriptions.Item>
              <Descriptions.Item label="证件号码后四位">
                <span data-testid="checkin-id-last4">{result.idNumberLast4}</span>
              </Descriptions.Item>
              {result.subjectLabel && (
                <Descriptions.Item label="车辆" span={2}>
                  <span data-testid="checkin-subject">{result.subjectLabel}</span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="预约事项">{result.serviceName}</Descriptions.Item>
              <Descriptions.Item label="预约号">{result.appointmentNumber}</Descriptions.Item>
              <Descriptions.Item label="预约时段">
                {`${formatDay(result.date)} ${result.start}–${result.end}`}
              </Descriptions.Item>
              <Descriptions.Item label="签到时间">{formatChinaTime(result.checkedInAt)}</Descriptions.Item>
              <Descriptions.Item label="办理地点" span={2}>
                {result.place}
              </Descriptions.Item>
            </Descriptions>
          </div>
        )}
      </Space>
    </Card>
  );
}
