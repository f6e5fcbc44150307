import type { FulfilmentStatus, PaymentChannel, PaymentPurpose, PaymentStatus } from '@yss/contracts';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Tables owned by the payments module (migrations/0050_payments.sql); only repository.ts queries them. */
export interface PaymentTables {
  payment_orders: {
    id: string;
    order_number: string;
    account_id: string;
    purpose: PaymentPurpose;
    purpose_ref: string;
    city_code: string;
    subject: string;
    payee_name: string;
    amount_fen: number;
    lines_encrypted: string;
    /** The fulfiller's receipt lines (JSON, encrypted bound to the order id); null until done with one. */
    receipt_encrypted: ColumnType<string | null, string | null | undefined, string | null>;
    return_path: string;
    status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>;
    fulfilment: ColumnType<FulfilmentStatus, FulfilmentStatus | undefined, FulfilmentStatus>;
    fulfilment_note: string | null;
    provider: string;
    channel: PaymentChannel | null;
    provider_payment_id: string | null;
    checkout_url: string | null;
    started_at: Date | null;
    provider_transaction_id: string | null;
    paid_at: Date | null;
    closed_at: Date | null;
    close_reason: string | null;
    refunded_fen: Generated<number>;
    expires_at: Date;
    fulfilment_attempts: Generated<number>;
    fulfilment_next_at: Date | null;
    fulfilment_claimed_until: Date | null;
    closed_hook_done: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  payment_events: {
    id: Generated<number>;
    order_id: string;
    kind:
      | 'created'
      | 'started'
      | 'paid'
      | 'closed'
      | 'fulfilled'
      | 'fulfilment_failed'
      | 'fulfilment_error'
      | 'refund_requested'
      | 'refunded'
      | 'anomaly';
    detail: JSONColumnType<Record<string, unknown>, string, string>;
    at: Generated<Date>;
  };
  payment_refunds: {
    id: string;
    order_id: string;
    refund_number: string;
    refund_key: string;
    amount_fen: number;
    reason: string;
    status: 'pending' | 'succeeded';
    provider_refund_id: string | null;
    requested_at: Generated<Date>;
    refunded_at: Date | null;
  };
}
