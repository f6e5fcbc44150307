import type { Generated } from 'kysely';

/** Tables owned by 车辆购置税 (migrations/0065_purchase-tax_vehicle-purchases.sql). */
export interface PurchaseTaxTables {
  purchase_tax_payments: {
    id: string;
    payment_order_id: string;
    account_id: string;
    submission_id: string;
    invoice_encrypted: string;
    item_index: string;
    id_number_encrypted: string;
    amount_fen: number;
    certificate_number: string | null;
    department_paid_on: string | null;
    created_at: Generated<Date>;
  };
}
