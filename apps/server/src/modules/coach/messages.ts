import { formatFen } from '@yss/contracts';
import type { NewNotification } from '../notifications/index.js';
import type { OrderWithTickets, TicketRow } from './repository.js';
import type { DepartureSnapshot } from './tables.js';

/**
 * 消息 about coach tickets, each linking to the order. The dedupe key is the order (or ticket) and the event: a
 * fulfilment that runs twice, or a refund asked twice, announces once.
 */
export function ticketsIssuedMessage(order: OrderWithTickets, d: DepartureSnapshot, at: Date): NewNotification {
  const issued = order.tickets.filter((t) => t.ticket_number);
  const seats = issued.map((t) => `${t.seat}号`).join('、');
  const when = `${d.date} ${d.time}`;
  return {
    accountId: order.account_id,
    kind: 'coach-update',
    dedupeKey: `coach:${order.id}:issued`,
    title: `出票成功：${d.fromStation.name} → ${d.toStation.name} ${when}`.slice(0, 100),
    body: (
      `您购买的${when}从${d.fromStation.name}开往${d.toStation.name}的${d.runNumber}班次长途车票已出票，` +
      `共${issued.length}张，座位：${seats}。请各乘客携带本人第二代居民身份证，于发车前到${d.fromStation.name}` +
      `出示电子车票验票上车。订单号：${order.order_number}。`
    ).slice(0, 1000),
    link: `/coach/orders/${order.id}`,
    occurredAt: at,
  };
}

export function ticketRefundedMessage(
  order: OrderWithTickets,
  ticket: TicketRow,
  d: DepartureSnapshot,
  at: Date,
): NewNotification {
  const fee = ticket.refund_fee_fen ?? 0;
  const refund = ticket.refunded_fen ?? 0;
  return {
    accountId: order.account_id,
    kind: 'coach-update',
    dedupeKey: `coach:ticket:${ticket.id}:refunded`,
    title: `退票成功：${d.runNumber} ${d.date} ${d.time} ${ticket.seat}号座`.slice(0, 100),
    body: (
      `您的${d.date} ${d.time}从${d.fromStation.name}开往${d.toStation.name}的车票（票号：${ticket.ticket_number}，` +
      `${ticket.seat}号座）已退票。票价${formatFen(ticket.price_fen)}，退票费${formatFen(fee)}，` +
      `退款${formatFen(refund)}将原路退回。订单号：${order.order_number}。`
    ).slice(0, 1000),
    link: `/coach/orders/${order.id}`,
    occurredAt: at,
  };
}
