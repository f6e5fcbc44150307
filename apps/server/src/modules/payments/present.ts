import {
  FULFILMENT_STATUS_LABELS,
  PAYMENT_CHANNEL_NAMES,
  PAYMENT_PURPOSE_NAMES,
  PAYMENT_STATUS_LABELS,
  type PaymentOrder,
} from '@yss/contracts';
import type { FieldCipher } from '../privacy/index.js';
import type { PaymentOrderLine, PaymentOrderRecord, PaymentRefundRecord } from './port.js';
import type { OrderRow, RefundRow } from './repository.js';

/** The order's summary lines are encrypted bound to the order id. */
export const linesAad = (orderId: string) => `payment-order.lines:${orderId}`;

export function decryptLines(cipher: FieldCipher, row: Pick<OrderRow, 'id' | 'lines_encrypted'>): PaymentOrderLine[] {
  const parsed = JSON.parse(cipher.decrypt(row.lines_encrypted, linesAad(row.id))) as unknown;
  return Array.isArray(parsed)
    ? parsed
        .filter((l): l is PaymentOrderLine => typeof l?.label === 'string' && typeof l?.value === 'string')
        .map((l) => ({ label: l.label, value: l.value }))
    : [];
}

export const receiptAad = (orderId: string) => `payment-order.receipt:${orderId}`;

export function decryptReceipt(
  cipher: FieldCipher,
  row: Pick<OrderRow, 'id' | 'receipt_encrypted'>,
): PaymentOrderLine[] {
  if (!row.receipt_encrypted) return [];
  const parsed = JSON.parse(cipher.decrypt(row.receipt_encrypted, receiptAad(row.id))) as unknown;
  return Array.isArray(parsed)
    ? parsed
        .filter((l): l is PaymentOrderLine => typeof l?.label === 'string' && typeof l?.value === 'string')
        .map((l) => ({ label: l.label, value: l.value }))
    : [];
}

/** What other modules see of an order (port.ts). */
export function toRecord(row: OrderRow): PaymentOrderRecord {
  return {
    id: row.id,
    orderNumber: row.order_number,
    accountId: row.account_id,
    purpose: row.purpose,
    purposeRef: row.purpose_ref,
    cityCode: row.city_code,
    subject: row.subject,
    amountFen: row.amount_fen,
    status: row.status,
    fulfilment: row.fulfilment,
    paidAt: row.paid_at,
    refundedFen: row.refunded_fen,
    expiresAt: row.expires_at,
  };
}

export function toRefundRecord(r: RefundRow): PaymentRefundRecord {
  return {
    refundNumber: r.refund_number,
    amountFen: r.amount_fen,
    reason: r.reason,
    refundedAt: r.refunded_at ?? r.requested_at,
  };
}

/** The order as its payer sees it: confirmed refunds only, labels in Chinese, `canPay` by the clock given. */
export function presentOrder(cipher: FieldCipher, row: OrderRow, refunds: RefundRow[], now: Date): PaymentOrder {
  return {
    id: row.id,
    orderNumber: row.order_number,
    purpose: row.purpose,
    purposeName: PAYMENT_PURPOSE_NAMES[row.purpose].name,
    subject: row.subject,
    payeeName: row.payee_name,
    cityCode: row.city_code,
    amountFen: row.amount_fen,
    status: row.status,
    statusLabel: PAYMENT_STATUS_LABELS[row.status].label,
    fulfilment: row.fulfilment,
    fulfilmentLabel: FULFILMENT_STATUS_LABELS[row.fulfilment].label,
    fulfilmentNote: row.fulfilment_note,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    paidAt: row.paid_at ? row.paid_at.toISOString() : null,
    channel: row.channel,
    channelName: row.channel ? PAYMENT_CHANNEL_NAMES[row.channel].name : null,
    providerTransactionId: row.provider_transaction_id,
    refunds: refunds
      .filter((r) => r.order_id === row.id && r.status === 'succeeded' && r.refunded_at)
      .map((r) => ({
        refundNumber: r.refund_number,
        amountFen: r.amount_fen,
        reason: r.reason,
        refundedAt: (r.refunded_at as Date).toISOString(),
      })),
    refundedFen: row.refunded_fen,
    returnPath: row.return_path,
    lines: decryptLines(cipher, row),
    receipt: decryptReceipt(cipher, row),
    canPay: row.status === 'pending' && row.expires_at > now,
  };
}
