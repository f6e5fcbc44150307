import { z } from 'zod';

/** 消息 (the citizen's inbox): reminders the platform writes for the citizen — 信用信息变更提醒 (F3), status changes of linked certificates (wallet-sync), the steps of the citizen's 办件 (cases), their 预约 (appointments), payment results (缴费成功通知, the guide's proof of payment) and refunds (payments), coach
 * tickets issued and refunded (coach), 养老资格认证 done and due (pension-certification), online flight check-ins (flights). */
export const NOTIFICATION_KINDS = [
  'credit-change',
  'wallet-status',
  'case-update',
  'appointment-update',
  'payment-update',
  'coach-update',
  'pension-update',
  'flight-update',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const Notification = z
  .object({
    id: z.uuid(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string(),
    /** Where the message leads in the citizen app (a path such as /credit/<uscc>), or null. */
    link: z.string().nullable(),
    /** When the announced event happened (the department's time), if known. */
    occurredAt: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification', description: '消息' });
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z
  .object({
    limit: z.coerce.number().int('条数应为整数').min(1, '至少1条').max(100, '最多100条').default(50),
  })
  .strict();

export const NotificationList = z
  .object({
    items: z.array(Notification),
    /** Unread messages in the whole inbox (not only this page). */
    unread: z.number().int().nonnegative(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'NotificationList', description: '我的消息（最新在前）' });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationUnread = z
  .object({ unread: z.number().int().nonnegative() })
  .meta({ id: 'NotificationUnread' });
