import type { Generated } from 'kysely';

/** Tables of 公积金再次提取 (migrations/0059_taxfund_withdrawals-certificates-titles.sql). */
export interface HousingFundWithdrawalTables {
  housing_fund_withdrawals: {
    id: Generated<string>;
    account_id: string;
    submission_id: string;
    city_code: string;
    reason: 'rent' | 'loan-repayment';
    amount_fen: number;
    bank_name: string;
    bank_card_encrypted: string;
    bank_card_masked: string;
    status: 'submitting' | 'in-progress' | 'completed' | 'rejected';
    application_number: string | null;
    refusal_note: string | null;
    completed_on: string | null;
    submitted_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}
