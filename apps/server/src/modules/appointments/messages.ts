import type { NewNotification } from '../notifications/index.js';
import { slotWhen } from './present.js';
import type { SlotRow } from './repository.js';

export type AppointmentEvent = 'booked' | 'cancelled' | 'slot_cancelled' | 'reminder';

/**
 * 消息 to the citizen about their booking, with a link to it. The dedupe key is the booking and the event: each
 * is announced once, whatever retries happen.
 */
export function appointmentMessage(o: {
  event: AppointmentEvent;
  accountId: string;
  appointmentId: string;
  appointmentNumber: string;
  serviceName: string;
  departmentName: string;
  slot: Pick<SlotRow, 'place' | 'address' | 'starts_at' | 'ends_at'>;
  reason: string | null;
  at: Date;
}): NewNotification {
  const { date, start, end } = slotWhen(o.slot);
  const what = `${o.serviceName} ${date} ${start}–${end} ${o.slot.place}`;
  const number = `预约号：${o.appointmentNumber}。`;
  const text = ((): { title: string; body: string } => {
    switch (o.event) {
      case 'booked':
        return {
          title: `预约成功：${what}`,
          body:
            `您已成功预约${o.serviceName}，时间：${date} ${start}–${end}，地点：${o.slot.place}（${o.slot.address}）。` +
            `${number}请携带本人有效身份证件原件按时前往；如不能前往，请提前取消预约。`,
        };
      case 'cancelled':
        return {
          title: `预约已取消：${what}`,
          body: `您已取消${date} ${start}–${end}在${o.slot.place}的${o.serviceName}预约。${number}`,
        };
      case 'slot_cancelled':
        return {
          title: `预约已取消（办理部门停用时段）：${what}`,
          body:
            `因“${o.reason ?? ''}”，${o.departmentName}已停用${date} ${start}–${end}在${o.slot.place}的预约时段，` +
            `您的${o.serviceName}预约已取消。${number}如仍需办理，请重新选择其他时段预约。`,
        };
      case 'reminder':
        return {
          title: `预约提醒：${what}`,
          body:
            `您预约的${o.serviceName}将于${date} ${start}–${end}在${o.slot.place}（${o.slot.address}）办理。` +
            `${number}请携带本人有效身份证件原件按时前往；如不能前往，请在我的预约中取消，把名额留给他人。`,
        };
    }
  })();
  return {
    accountId: o.accountId,
    kind: 'appointment-update',
    dedupeKey: `appointment:${o.appointmentId}:${o.event}`,
    title: text.title.slice(0, 100),
    body: text.body.slice(0, 1000),
    link: `/appointments/${o.appointmentId}`,
    occurredAt: o.at,
  };
}
