import { formatFen } from '@yss/contracts';
import type { NewNotification } from '../notifications/index.js';
import { chinaMinute } from './numbers.js';
import type { OrderRow, RefundRow } from './repository.js';

const link = (orderId: string) => `/pay/${orderId}/result`;

/**
 * 缴费成功通知 (the guide: the payment-success message is the proof of payment): order number, amount, payee,
 * 交易流水号 and the time of payment. Once per order (dedupe key).
 */
export function paidMessage(row: OrderRow): NewNotification {
  const bill = row.purpose === 'utility-bill';
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
