import type { Generated } from 'kysely';

/** The sandbox e-mail outbox (migrations/0059_taxfund_withdrawals-certificates-titles.sql). */
export interface EmailOutboxTables {
  email_outbox: {
    id: Generated<string>;
    address_index: string;
    address_masked: string;
    subject: string;
    body_encrypted: string;
    created_at: Generated<Date>;
  };
}
