import { CASE_NOTE_MAX_LENGTH, type ConsoleCaseNote } from '@yss/contracts';
import { Alert, Button, Empty, Input, List, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { api, errorText } from '../api';
import { formatTime } from './status';

/**
 * 内部备注: what reviewers write about a case for each other (never shown to the applicant), with author and time;
 * an add box (1–1000 characters, trimmed by the server). Refusals in the server's words.
 */
export function CaseNotes({
  caseId,
  notes,
  onAdded,
}: {
  caseId: string;
  notes: ConsoleCaseNote[];
  onAdded(note: ConsoleCaseNote): void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const note = await api<ConsoleCaseNote>('POST', `/api/v1/console/cases/${encodeURIComponent(caseId)}/notes`, {
        text,
      });
      setText('');
      onAdded(note);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="case-notes">
      <Typography.Text type="secondary">仅本部门工作人员可见，不会发送给申请人。</Typography.Text>
      {notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无内部备注" />
      ) : (
        <List
          size="small"
          dataSource={notes}
          data-testid="case-notes-list"
          renderItem={(n) => (
            <List.Item key={n.id}>
              <div>
                <div className="case-note-text" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.text}
                </div>
                <Typography.Text type="secondary">
                  {n.authorNameMasked}
                  {n.mine ? '（我）' : ''} · {formatTime(n.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      <label htmlFor={inputId}>添加内部备注</label>
      <Input.TextArea
        id={inputId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={CASE_NOTE_MAX_LENGTH}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder="写给本部门审核人员的说明，申请人看不到"
        data-testid="case-note-input"
      />
      {error && <Alert type="error" showIcon role="alert" message={error} data-testid="case-note-error" />}
      <Button onClick={() => void add()} loading={busy} data-testid="case-note-add">
        添加备注
      </Button>
    </Space>
  );
}
