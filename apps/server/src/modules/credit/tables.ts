import type { Generated } from 'kysely';

/** Tables owned by the credit module (migrations/0031_credit-subscriptions.sql). */
export interface CreditSubscriptionTables {
  credit_subscriptions: {
    account_id: string;
    uscc: string;
    entity_name: string;
    base_version: number;
    seen_version: number;
    last_item: string | null;
    last_changed_at: Date | null;
    created_at: Generated<Date>;
  };
}
