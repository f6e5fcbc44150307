import type { NotificationKind } from '@yss/contracts';
import type { Generated } from 'kysely';

/** Tables owned by the notifications module (migrations/0030_notifications.sql). */
export interface NotificationTables {
  notifications: {
    id: Generated<string>;
    account_id: string;
    kind: NotificationKind;
    dedupe_key: string;
    title: string;
    body: string;
    link: string | null;
    occurred_at: Date | null;
    created_at: Generated<Date>;
    read_at: Date | null;
    /** A case 消息 written before migrations/0077, not yet checked for a quoted note's numbers (cases/legacy-messages.ts). */
    quote_unchecked: Generated<boolean>;
  };
}
