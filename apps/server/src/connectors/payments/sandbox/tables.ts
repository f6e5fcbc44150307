import type { ColumnType, Generated } from 'kysely';

/**
 * Tables of the sandbox payment provider (migrations/0050_payments.sql, prefix `sandbox_pay_`). They stand for the
 * provider's own systems: only the sandbox (this folder) reads or writes them, never the payments module.
 */
export interface SandboxPayTables {
  sandbox_pay_keys: {
    kid: string;
    public_jwk: ColumnType<Record<string, unknown> | string, string, string>;
    private_jwk_encrypted: string;
    created_at: Generated<Date>;
  };
  sandbox_pay_payments: {
    id: string;
    merchant_order_number: string;
    amount_fen: number;
    subject: string;
    payee_name: string;
    channel: string;
    notify_url: string;
    return_url: string;
    cancel_url: string;
    expires_at: Date;
    status: 'pending' | 'paid' | 'closed';
    transaction_id: string | null;
    paid_at: Date | null;
    closed_at: Date | null;
    declined_attempts: Generated<number>;
    created_at: Generated<Date>;
  };
  sandbox_pay_refunds: {
    refund_number: string;
    payment_id: string;
    provider_refund_id: string;
    amount_fen: number;
    reason: string;
    refunded_at: Generated<Date>;
  };
  sandbox_pay_notifications: {
    id: string;
    payment_id: string;
    url: string;
    jws: string;
    status: 'pending' | 'delivered' | 'lost' | 'given_up';
    attempts: Generated<number>;
    next_attempt_at: Date | null;
    last_error: string | null;
    created_at: Generated<Date>;
    delivered_at: Date | null;
  };
}
