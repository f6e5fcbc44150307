import { CancelSlotInput, type ConsoleSlot, UpdateSlotInput } from '@yss/contracts';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api';
import { formatDay } from './dates';

/** 3月3日（周一） 09:00–10:00 · 天河区婚姻登记处 */
export const slotText = (s: Pick<ConsoleSlot, 'date' | 'start' | 'end' | 'place'>) =>
  `${formatDay(s.date)} ${s.start}–${s.end} · ${s.place}`;

interface Props {
  slot: ConsoleSlot;
  onClose(): void;
  /** The slot after the change (the server's answer). */
  onDone(updated: ConsoleSlot): void;
}

/**
 * 修改人数: the slot's capacity, checked with UpdateSlotInput; the server refuses less than the people already
 * booked (SLOT_CAPACITY_BELOW_BOOKED) and its words are shown.
 */
export function SlotCapacityModal({ slot, onClose, onDone }: Props) {
  const [capacity, setCapacity] = useState<number | null>(slot.capacity);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const checked = UpdateSlotInput.safeParse({ capacity: capacity ?? undefined });
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message ?? '请填写可预约人数');
      return;
    }
    setFieldError(null);
    setProblem(null);
    setSaving(true);
    try {
      onDone(await api<ConsoleSlot>('PATCH', `/api/v1/console/slots/${encodeURIComponent(slot.id)}`, checked.data));
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="修改可预约人数"
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving, 'data-testid': 'slot-capacity-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      <Typography.Paragraph>{slotText(slot)}</Typography.Paragraph>
      <Typography.Paragraph>
        已预约 {slot.booked} 人，当前可预约人数 {slot.capacity} 人。可预约人数不能少于已预约人数。
      </Typography.Paragraph>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={problem}
          style={{ marginBottom: 16 }}
          data-testid="slot-capacity-error"
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item
          label="可预约人数"
          htmlFor="slot-capacity"
          required
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError}
        >
          <InputNumber
            id="slot-capacity"
            data-testid="slot-capacity-input"
            min={1}
            max={500}
            precision={0}
            value={capacity}
            suffix="人"
            aria-invalid={fieldError ? true : undefined}
            onChange={(v) => setCapacity(v)}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 停用: no new bookings for the slot; its bookings are cancelled and the people told, with the reason (required,
 * CancelSlotInput). The dialog says how many people that is.
 */
export function SlotCancelModal({ slot, onClose, onDone }: Props) {
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const checked = CancelSlotInput.safeParse({ reason });
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message ?? '请填写停用原因');
      return;
    }
    setFieldError(null);
    setProblem(null);
    setSaving(true);
    try {
      onDone(
        await api<ConsoleSlot>('POST', `/api/v1/console/slots/${encodeURIComponent(slot.id)}/cancel`, checked.data),
      );
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="停用该时段"
      okText="确认停用"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'slot-cancel-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      <Typography.Paragraph>{slotText(slot)}</Typography.Paragraph>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="slot-cancel-warning"
        message={
          slot.booked > 0
            ? `该时段已有 ${slot.booked} 人预约。停用后，这 ${slot.booked} 人的预约将被取消，并收到包含停用原因的通知。`
            : '该时段暂无预约。停用后群众不能再预约该时段。'
        }
        description="停用后不能恢复；如需继续接受预约，请重新发布号源。"
      />
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={problem}
          style={{ marginBottom: 16 }}
          data-testid="slot-cancel-error"
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item
          label="停用原因"
          htmlFor="slot-cancel-reason"
          required
          extra="原因将通知已预约的群众。"
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError}
        >
          <Input.TextArea
            id="slot-cancel-reason"
            data-testid="slot-cancel-reason"
            value={reason}
            rows={3}
            maxLength={200}
            showCount
            placeholder="如：因系统升级，当天暂停办理，请改约其他时段"
            aria-invalid={fieldError ? true : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
