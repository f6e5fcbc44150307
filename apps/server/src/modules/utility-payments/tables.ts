import type { Generated } from 'kysely';

/** Tables owned by 燃气缴费 (migrations/0050_payments.sql); only repository.ts queries them. */
export interface UtilityPaymentTables {
  utility_payments: {
    id: string;
    payment_order_id: string;
    account_id: string;
    submission_id: string;
    company_id: 'guangzhou-gas' | 'csg-guangdong-power' | 'yangjiang-water';
    utility: 'gas' | 'power' | 'water';
    account_number_encrypted: string;
    bill_index: string;
    period: string;
    amount_fen: number;
    pay_attempted_at: Date | null;
    department_reference: string | null;
    department_paid_at: Date | null;
    created_at: Generated<Date>;
  };
}
