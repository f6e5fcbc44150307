import { formatFen } from '@yss/contracts';
import type { NewNotification } from '../notifications/index.js';
import { chinaMinute } from './numbers.js';
import type { OrderRow, RefundRow } from './repository.js';

const link = (orderId: string) => `/pay/${orderId}/result`;

/** Payments whose success message is the guide's 缴费成功通知 (a proof of payment): bills, taxes, fees. */
const PROOF_OF_PAYMENT: ReadonlySet<string> = new Set([
  'utility-bill',
  'vehicle-tax',
  'endorsement-fee',
  'vehicle-purchase-tax',
]);

/**
 * 缴费成功通知 (the guide: the payment-success message is the proof of payment): order number, amount, payee,
 * 交易流水号 and the time of payment. Once per order (dedupe key).
 */
export function paidMessage(row: OrderRow): NewNotification {
  const bill = PROOF_OF_PAYMENT.has(row.purpose);
  const paidAt = row.paid_at ?? new Date();
  return {
    accountId: row.account_id,
    kind: 'payment-update',
    dedupeKey: `payment:${row.id}:paid`,
    title: `${bill ? '缴费成功通知' : '支付成功'}：${row.subject}`.slice(0, 100),
    body: [
      `您已成功支付${formatFen(row.amount_fen)}（${row.subject}）。`,
      `支付订单号：${row.order_number}；`,
      `收款单位：${row.payee_name}；`,
      `交易流水号：${row.provider_transaction_id ?? ''}；`,
      `支付时间：${chinaMinute(paidAt)}（北京时间）。`,
      bill ? '本通知可作为缴费凭证。' : '',
      // The guide: online endorsements are mailed; the postman collects nothing more on showing this message.
      row.purpose === 'endorsement-fee' ? '签注证件邮寄送达时如被要求再次缴费，请出示本通知作为缴费凭证。' : '',
    ]
      .join('')
      .slice(0, 1000),
    link: link(row.id),
    occurredAt: paidAt,
  };
}

/** 退款通知: one per refund (原路退回). */
export function refundMessage(row: OrderRow, refund: RefundRow): NewNotification {
  const at = refund.refunded_at ?? new Date();
  return {
    accountId: row.account_id,
    kind: 'payment-update',
    dedupeKey: `payment:${row.id}:refund:${refund.refund_number}`,
    title: `退款成功：${row.subject}`.slice(0, 100),
    body: [
      `${formatFen(refund.amount_fen)}已原路退回您的支付账户（${row.subject}）。`,
      `退款原因：${refund.reason}。`.replace(/。。$/, '。'),
      `支付订单号：${row.order_number}；`,
      `退款单号：${refund.refund_number}；`,
      `退款时间：${chinaMinute(at)}（北京时间）。`,
    ]
      .join('')
      .slice(0, 1000),
    link: link(row.id),
    occurredAt: at,
  };
}
