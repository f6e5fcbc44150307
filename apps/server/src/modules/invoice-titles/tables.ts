import type { Generated } from 'kysely';

/** 便捷开票's saved 发票抬头 (migrations/0059_taxfund_withdrawals-certificates-titles.sql). */
export interface InvoiceTitleTables {
  invoice_titles: {
    id: Generated<string>;
    account_id: string;
    /** The title as JSON, FieldCipher-encrypted and bound to the row id (a person's title is their name and phone). */
    title_encrypted: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}
