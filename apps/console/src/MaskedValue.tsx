import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from './api';

/**
 * A value that arrives masked (a phone or ID number, or free text with one inside): 显示 asks the server for the
 * whole value (`reveal`, audited there) and shows it in place until 隐藏; each 显示 asks again. Refusals in the
 * server's words. Used by 申请信息 and 办理记录 (办件审核) and 意见反馈.
 */
export function MaskedValue(props: { masked: string; label: string; testId: string; reveal: () => Promise<string> }) {
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    if (full !== null) return setFull(null);
    setBusy(true);
    setError(null);
    let value: string | null = null;
    try {
      value = await props.reveal();
    } catch (err) {
      setError(errorText(err));
    }
    // In one render: the value shown and the button enabled again.
    setBusy(false);
    if (value !== null) setFull(value);
  };
  return (
    <Space size={4} wrap>
      <span data-testid={props.testId} style={{ whiteSpace: 'pre-wrap' }}>
        {full ?? props.masked}
      </span>
      <Button
        type="link"
        size="small"
        // disabled, not loading: antd clears `loading` an effect later, so a 隐藏 right after 显示 was ignored
        disabled={busy}
        aria-busy={busy}
        onClick={() => void toggle()}
        aria-pressed={full !== null}
        aria-label={`${full === null ? '显示' : '隐藏'}${props.label}`}
      >
        {full === null ? '显示' : '隐藏'}
      </Button>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}
