import { CancelSlotInput, type ConsoleSlot, UpdateSlotInput } from '@yss/contracts';
import { Alert, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { ValidatedModal } from '../ValidatedModal';
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

const slotPath = (slot: ConsoleSlot) => `/api/v1/console/slots/${encodeURIComponent(slot.id)}`;

/**
 * 修改人数: the slot's capacity, checked with UpdateSlotInput; the server refuses less than the people already
 * booked (SLOT_CAPACITY_BELOW_BOOKED) and its words are shown.
 */
export function SlotCapacityModal({ slot, onClose, onDone }: Props) {
  const [capacity, setCapacity] = useState<number | null>(slot.capacity);
  return (
    <ValidatedModal
      title="修改可预约人数"
      okText="保存"
      testId="slot-capacity"
      intro={
        <>
          <Typography.Paragraph>{slotText(slot)}</Typography.Paragraph>
          <Typography.Paragraph>
            已预约 {slot.booked} 人，当前可预约人数 {slot.capacity} 人。可预约人数不能少于已预约人数。
          </Typography.Paragraph>
        </>
      }
      field={{ id: 'slot-capacity', label: '可预约人数' }}
      check={() => UpdateSlotInput.safeParse({ capacity: capacity ?? undefined })}
      fallbackMessage="请填写可预约人数"
      send={async (body) => onDone(await api<ConsoleSlot>('PATCH', slotPath(slot), body))}
      onClose={onClose}
    >
      {({ invalid, submit }) => (
        <InputNumber
          id="slot-capacity"
          data-testid="slot-capacity-input"
          min={1}
          max={500}
          precision={0}
          value={capacity}
          suffix="人"
          aria-invalid={invalid || undefined}
          onChange={(v) => setCapacity(v)}
          onPressEnter={submit}
        />
      )}
    </ValidatedModal>
  );
}

/**
 * 停用: no new bookings for the slot; its bookings are cancelled and the people told, with the reason (required,
 * CancelSlotInput). The dialog says how many people that is.
 */
export function SlotCancelModal({ slot, onClose, onDone }: Props) {
  const [reason, setReason] = useState('');
  return (
    <ValidatedModal
      title="停用该时段"
      okText="确认停用"
      danger
      testId="slot-cancel"
      intro={
        <>
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
        </>
      }
      field={{ id: 'slot-cancel-reason', label: '停用原因', extra: '原因将通知已预约的群众。' }}
      check={() => CancelSlotInput.safeParse({ reason })}
      fallbackMessage="请填写停用原因"
      send={async (body) => onDone(await api<ConsoleSlot>('POST', `${slotPath(slot)}/cancel`, body))}
      onClose={onClose}
    >
      {({ invalid }) => (
        <Input.TextArea
          id="slot-cancel-reason"
          data-testid="slot-cancel-reason"
          value={reason}
          rows={3}
          maxLength={200}
          showCount
          placeholder="如：因系统升级，当天暂停办理，请改约其他时段"
          aria-invalid={invalid || undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
    </ValidatedModal>
  );
}
