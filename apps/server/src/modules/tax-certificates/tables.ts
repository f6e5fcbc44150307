import type { Generated } from 'kysely';

/** 开具电子税票 requests (migrations/0059_taxfund_withdrawals-certificates-titles.sql). */
export interface TaxCertificateTables {
  tax_certificate_requests: {
    id: Generated<string>;
    account_id: string;
    submission_id: string;
    kind: 'income-tax' | 'social-insurance-fee';
    year: number;
    delivery_method: 'email' | 'post';
    delivery_encrypted: string;
    delivery_masked: string;
    status: 'submitting' | 'issued';
    certificate_number: string | null;
    total_fen: number | null;
    issued_on: string | null;
    tax_authority: string | null;
    created_at: Generated<Date>;
  };
}
