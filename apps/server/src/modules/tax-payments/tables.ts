import type { Generated } from 'kysely';

/** Tables owned by 车船税缴款 (migrations/0056_payments_taxes-endorsements.sql); only repository.ts queries them. */
export interface TaxPaymentTables {
  tax_payments: {
    id: string;
    payment_order_id: string;
    account_id: string;
    submission_id: string;
    kind: 'vehicle-tax';
    vehicle_encrypted: string;
    item_index: string;
    owner_id_encrypted: string;
    payer_id_encrypted: string;
    tax_year: number | null;
    amount_fen: number;
    certificate_number: string | null;
    department_paid_on: string | null;
    created_at: Generated<Date>;
  };
}
