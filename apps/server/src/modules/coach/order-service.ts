import { randomInt, randomUUID } from 'node:crypto';
import {
  type CoachRefundQuote,
  type CoachSearchResult,
  type CoachStation,
  type CoachTicketQr,
  findCity,
  formatFen,
  type PaymentStatus,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { NotificationService } from '../notifications/index.js';
import type { FulfilmentOutcome, PaymentOrderRecord, Payments } from '../payments/port.js';
import { type FieldCipher, maskIdNumber, maskName } from '../privacy/index.js';
import { ticketRefundedMessage, ticketsIssuedMessage } from './messages.js';
import {
  canShowTicket,
  durationText,
  ID_AAD,
  NAME_AAD,
  presentDeparture,
  presentOrder,
  presentStation,
  SHOW_AFTER_DEPARTURE_MS,
} from './present.js';
import * as repo from './repository.js';
import type { DepartureSnapshot } from './tables.js';
import type { CoachTicketKeys } from './ticket-keys.js';

export interface CoachDeps {
  db: Db;
  cipher: FieldCipher;
  /** The ticketing system's connector. */
  coach: Departments['coach'];
  /** The payments module, through its port only. */
  payments: Payments;
  notifications: NotificationService;
  keys: CoachTicketKeys;
  /** The clock of the module's own rules (QR lifetime, canShow, canCancel); the ticketing system has its own. */
  now: () => Date;
}

export const COACH_PURPOSE = 'coach-tickets' as const;
export const ISSUE_FAILED_NOTE = '座位已释放，出票失败，款项已原路退回';
const DEPARTED_NOTE = '班车已发车，出票失败，款项已原路退回';
const ORDER_NOT_FOUND = '找不到该订单，请返回我的长途车订单重新查看。';
const TICKET_NOT_FOUND = '找不到该车票，请返回订单重新查看。';
/** A shown QR code lives at most this long (the app refreshes it). */
const QR_LIFETIME_MS = 10 * 60_000;

/** 订单号: C + yyyymmddHHMM (China time) + 6 random digits. */
export function newOrderNumber(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const stamp = local.slice(0, 16).replace(/[-T:]/g, '');
  return `C${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/**
 * 长途车 on the platform's side: the search passes through to the ticketing system; an order holds seats there,
 * then records the order, its tickets (passengers encrypted) and its payment order in one transaction; payment
 * issues the tickets (the fulfiller), closing releases the seats; refunds go to the ticketing system first, then
 * to the payment; the e-ticket is a QR signed with the module's own key.
 */
export class CoachOrderService {
  constructor(private readonly d: CoachDeps) {}

  now() {
    return this.d.now();
  }

  /** Register the fulfiller of coach-ticket payments (once, at start). */
  register() {
    this.d.payments.registerFulfiller(COACH_PURPOSE, {
      fulfil: (order) => this.fulfil(order),
      closed: (order) => this.closed(order),
    });
  }

  // ---- public ----

  async stations(city: string): Promise<CoachStation[]> {
    const { stations } = await this.d.coach.client.stations({ cityCode: city as never });
    return stations.map(presentStation);
  }

  async search(from: string, to: string, date: string): Promise<CoachSearchResult> {
    const { departures } = await this.d.coach.client.search({ fromCity: from as never, toCity: to as never, date });
    return {
      fromCityName: findCity(from)?.name ?? from,
      toCityName: findCity(to)?.name ?? to,
      date,
      departures: departures.map(presentDeparture),
    };
  }

  // ---- orders ----

  findBySubmission(accountId: string, submissionId: string) {
    return repo.findOrderBySubmission(this.d.db, accountId, submissionId);
  }

  /**
   * Hold the seats at the ticketing system, then insert the order, its tickets and its payment order in one
   * transaction; if that fails the hold is released. A repeated submission id answers the first order.
   */
  async create(o: {
    accountId: string;
    departureId: string;
    passengers: { name: string; idNumber: string }[];
    submissionId: string;
  }): Promise<{ order: repo.OrderWithTickets; created: boolean }> {
    const held = await this.d.coach.client.hold({ departureId: o.departureId, count: o.passengers.length });
    switch (held.outcome) {
      case 'not-found':
        throw new AppError('COACH_DEPARTURE_NOT_FOUND', '找不到该班次，请重新查询后选择。');
      case 'not-on-sale':
        throw new AppError(
          'COACH_NOT_ON_SALE',
          '该班次已停止网上售票（发车前30分钟停止网上售票），请选择其他班次或到客运站购票。',
        );
      case 'insufficient':
        throw new AppError(
          'COACH_SEATS_INSUFFICIENT',
          held.seatsLeft > 0
            ? `余票不足：该班次仅剩${held.seatsLeft}张，请减少乘客或选择其他班次。`
            : '该班次已无余票，请选择其他班次。',
        );
    }
    const departure: DepartureSnapshot = held.departure;
    const now = this.d.now();
    const id = randomUUID();
    const total = departure.priceFen * o.passengers.length;
    const from = findCity(departure.fromStation.cityCode)?.name ?? departure.fromStation.cityCode;
    const to = findCity(departure.toStation.cityCode)?.name ?? departure.toStation.cityCode;
    const expiresAt = new Date(held.expiresAt);
    try {
      await this.d.db.transaction().execute(async (tx) => {
        const payment = await this.d.payments.createOrder(
          {
            accountId: o.accountId,
            purpose: COACH_PURPOSE,
            purposeRef: id,
            cityCode: departure.fromStation.cityCode,
            subject: `${from} → ${to} 长途车票 ${o.passengers.length}张`,
            payeeName: departure.fromStation.name,
            amountFen: total,
            lines: [
              { label: '班次', value: `${departure.runNumber}（${departure.coachType}）` },
              { label: '出发', value: `${departure.date} ${departure.time} ${departure.fromStation.name}` },
              { label: '到达', value: `${departure.toStation.name}（${durationText(departure.durationMinutes)}）` },
              {
                label: '乘客',
                value: o.passengers.map((p, i) => `${maskName(p.name)} ${held.seats[i]}号座`).join('、'),
              },
              {
                label: '金额',
                value: `${formatFen(total)}（${formatFen(departure.priceFen)} × ${o.passengers.length}）`,
              },
            ],
            returnPath: `/coach/orders/${id}`,
            expiresAt,
          },
          tx,
        );
        await repo.insertOrder(
          tx,
          {
            id,
            order_number: newOrderNumber(now),
            account_id: o.accountId,
            submission_id: o.submissionId,
            departure_id: departure.id,
            departure: JSON.stringify(departure),
            from_city_code: departure.fromStation.cityCode,
            hold_id: held.holdId,
            payment_id: payment.id,
            total_fen: total,
            status: 'awaiting_payment',
            failure_note: null,
            expires_at: expiresAt,
            created_at: now,
            paid_at: null,
            closed_at: null,
          },
          o.passengers.map((p, i) => {
            const ticketId = randomUUID();
            return {
              id: ticketId,
              order_id: id,
              position: i + 1,
              seat: held.seats[i] as string,
              passenger_name_encrypted: this.d.cipher.encrypt(p.name, `${NAME_AAD}:${ticketId}`),
              passenger_name_masked: maskName(p.name),
              passenger_id_number_encrypted: this.d.cipher.encrypt(p.idNumber, `${ID_AAD}:${ticketId}`),
              passenger_id_number_masked: maskIdNumber(p.idNumber),
              price_fen: departure.priceFen,
              ticket_number: null,
              status: 'unpaid',
              refund_fee_fen: null,
              refunded_fen: null,
              refunded_at: null,
              checked_at: null,
              boarded_at: null,
            };
          }),
        );
      });
    } catch (err) {
      await this.d.coach.client.release({ holdId: held.holdId }).catch(() => undefined);
      // The same submission committed meanwhile (a double tap): that order is the answer.
      if (repo.isUniqueViolation(err, 'coach_orders_account_id_submission_id_key')) {
        const first = await repo.findOrderBySubmission(this.d.db, o.accountId, o.submissionId);
        if (first) return { order: first, created: false };
      }
      throw err;
    }
    return { order: (await repo.findOrder(this.d.db, id)) as repo.OrderWithTickets, created: true };
  }

  listOwn(accountId: string) {
    return repo.listOwnOrders(this.d.db, accountId);
  }

  findOwn(accountId: string, id: string) {
    return repo.findOwnOrder(this.d.db, accountId, id);
  }

  /** Orders as the contract shows them: departures refreshed from the ticketing system when it answers. */
  async present(orders: repo.OrderWithTickets[]) {
    const now = this.d.now();
    const fresh = new Map<string, DepartureSnapshot>();
    const ids = [...new Set(orders.map((o) => o.departure_id))].slice(0, 50);
    if (ids.length > 0) {
      try {
        const { departures } = await this.d.coach.client.departures({ ids });
        for (const dep of departures) fresh.set(dep.id, dep);
      } catch {
        // The system cannot say now: the departure as it was at ordering, not for sale (seats unknown).
      }
    }
    const statuses = await Promise.all(orders.map((o) => this.paymentStatus(o.payment_id)));
    return orders.map((o, i) =>
      presentOrder(o, fresh.get(o.departure_id) ?? { ...o.departure, seatsLeft: 0, onSale: false }, statuses[i], now),
    );
  }

  private async paymentStatus(paymentId: string): Promise<PaymentStatus | undefined> {
    return (await this.d.payments.getOrder(paymentId).catch(() => undefined))?.status;
  }

  /** 取消订单 (unpaid only): the payment order is closed, whose hook releases the seats and voids the tickets. */
  async cancel(accountId: string, id: string): Promise<repo.OrderWithTickets> {
    const order = await repo.findOwnOrder(this.d.db, accountId, id);
    if (!order) throw new AppError('COACH_ORDER_NOT_FOUND', ORDER_NOT_FOUND);
    if (order.status !== 'awaiting_payment')
      throw new AppError('COACH_ORDER_NOT_CANCELLABLE', '该订单已支付或已关闭，不能取消。');
    if (order.expires_at.getTime() <= this.d.now().getTime())
      throw new AppError('COACH_ORDER_NOT_CANCELLABLE', '该订单已超时关闭，座位已释放。');
    let record: PaymentOrderRecord;
    try {
      record = await this.d.payments.close(order.payment_id, '用户取消订单');
    } catch (err) {
      if (err instanceof AppError && err.code === 'PAYMENT_NOT_PAYABLE')
        throw new AppError('COACH_ORDER_NOT_CANCELLABLE', '该订单已支付或已关闭，不能取消。');
      throw err;
    }
    // The hook runs in the payments module; running it here too is harmless (idempotent) and makes the answer sure.
    await this.closed(record);
    return (await repo.findOrder(this.d.db, id)) as repo.OrderWithTickets;
  }

  // ---- the fulfiller ----

  /**
   * Paid: issue the tickets at the ticketing system (idempotent by hold: after a crash the retry gets the same
   * tickets), then record their numbers and seats. The system refusing (seats gone, departed) fails the
   * fulfilment, and the payments module refunds in full.
   */
  async fulfil(record: PaymentOrderRecord): Promise<FulfilmentOutcome> {
    const order = await repo.findOrder(this.d.db, record.purposeRef);
    if (!order) return { outcome: 'failed', note: '找不到该长途车订单，款项已原路退回' };
    if (order.status === 'paid') return { outcome: 'done' };
    if (order.status === 'failed') return { outcome: 'failed', note: order.failure_note ?? ISSUE_FAILED_NOTE };
    const passengers = order.tickets.map((t) => ({
      name: this.d.cipher.decrypt(t.passenger_name_encrypted, `${NAME_AAD}:${t.id}`),
      idNumber: this.d.cipher.decrypt(t.passenger_id_number_encrypted, `${ID_AAD}:${t.id}`),
    }));
    const issued = await this.d.coach.client.issue({ holdId: order.hold_id, passengers });
    const now = this.d.now();
    if (issued.outcome !== 'issued') {
      const note = issued.outcome === 'departed' ? DEPARTED_NOTE : ISSUE_FAILED_NOTE;
      await this.d.db.transaction().execute(async (tx) => {
        const locked = await repo.lockOrder(tx, order.id);
        if (locked?.status === 'paid') return;
        await repo.updateOrder(tx, order.id, { status: 'failed', failure_note: note, closed_at: now });
        await repo.voidUnissuedTickets(tx, order.id);
      });
      const after = await repo.findOrder(this.d.db, order.id);
      return after?.status === 'paid' ? { outcome: 'done' } : { outcome: 'failed', note };
    }
    await this.d.db.transaction().execute(async (tx) => {
      const locked = await repo.lockOrder(tx, order.id);
      if (!locked || locked.status === 'paid') return;
      for (const [i, t] of order.tickets.entries()) {
        const ticket = issued.tickets[i];
        if (!ticket) continue;
        await repo.updateTicket(tx, t.id, { ticket_number: ticket.ticketNumber, seat: ticket.seat, status: 'issued' });
      }
      await repo.updateOrder(tx, order.id, { status: 'paid', paid_at: now, failure_note: null, closed_at: null });
    });
    const after = (await repo.findOrder(this.d.db, order.id)) as repo.OrderWithTickets;
    await this.d.notifications.deliver([ticketsIssuedMessage(after, after.departure, now)]);
    return { outcome: 'done' };
  }

  /** Closed unpaid (expired or cancelled): release the seats and void the tickets. Idempotent. */
  async closed(record: PaymentOrderRecord): Promise<void> {
    const order = await repo.findOrder(this.d.db, record.purposeRef);
    if (order?.status !== 'awaiting_payment') return;
    await this.d.coach.client.release({ holdId: order.hold_id });
    await this.d.db.transaction().execute(async (tx) => {
      const locked = await repo.lockOrder(tx, order.id);
      if (locked?.status !== 'awaiting_payment') return;
      await repo.updateOrder(tx, order.id, { status: 'closed', closed_at: this.d.now() });
      await repo.voidUnissuedTickets(tx, order.id);
    });
  }

  // ---- tickets ----

  async ownTicket(accountId: string, ticketId: string) {
    const t = await repo.findOwnTicket(this.d.db, accountId, ticketId);
    if (!t) throw new AppError('COACH_TICKET_NOT_FOUND', TICKET_NOT_FOUND);
    return t;
  }

  async refundQuote(accountId: string, ticketId: string): Promise<CoachRefundQuote> {
    const t = await this.ownTicket(accountId, ticketId);
    const ticketNumber = refundable(t);
    const q = await this.d.coach.client.refundQuote({ ticketNumber });
    if (q.outcome === 'not-found') throw new AppError('COACH_TICKET_NOT_FOUND', TICKET_NOT_FOUND);
    if (q.outcome === 'not-allowed') throw new AppError('COACH_REFUND_NOT_ALLOWED', q.message);
    return { ticketId: t.id, priceFen: q.priceFen, feeFen: q.feeFen, refundFen: q.refundFen, rule: q.rule };
  }

  /**
   * 退票: the ticketing system refunds the ticket first (its fee, if the refund is still the one agreed), then the
   * payment refunds that amount (keyed by the ticket: asking again refunds once). A ticket already refunded at the
   * system (an earlier attempt stopped half-way) completes the payment's refund.
   */
  async refund(accountId: string, ticketId: string, expectedRefundFen: number): Promise<repo.OrderWithTickets> {
    const t = await this.ownTicket(accountId, ticketId);
    if (t.status !== 'refunded') {
      const ticketNumber = refundable(t);
      const r = await this.d.coach.client.refund({ ticketNumber, expectedRefundFen });
      if (r.outcome === 'not-found') throw new AppError('COACH_TICKET_NOT_FOUND', TICKET_NOT_FOUND);
      if (r.outcome === 'not-allowed') throw new AppError('COACH_REFUND_NOT_ALLOWED', r.message);
      if (r.outcome === 'changed')
        throw new AppError(
          'COACH_REFUND_CHANGED',
          `退票金额已变为${formatFen(r.refundFen)}（退票费${formatFen(r.feeFen)}），请重新确认。`,
        );
      await repo.updateTicket(this.d.db, t.id, {
        status: 'refunded',
        refund_fee_fen: r.ticket.refundFeeFen,
        refunded_fen: r.ticket.refundedFen,
        refunded_at: r.ticket.refundedAt ? new Date(r.ticket.refundedAt) : this.d.now(),
      });
    }
    const after = (await repo.findTicket(this.d.db, t.id)) as repo.TicketWithOrder;
    await this.d.payments.refund(t.order.payment_id, {
      amountFen: after.refunded_fen ?? 0,
      refundKey: `coach-ticket:${t.id}`,
      reason: `长途车退票 票号${after.ticket_number} 退票费${formatFen(after.refund_fee_fen ?? 0)}`,
    });
    const order = (await repo.findOrder(this.d.db, t.order_id)) as repo.OrderWithTickets;
    await this.d.notifications.deliver([ticketRefundedMessage(order, after, order.departure, this.d.now())]);
    return order;
  }

  /** The e-ticket's QR: signed claims of the ticket, for 10 minutes (never beyond two hours after departure). */
  async qr(accountId: string, ticketId: string): Promise<CoachTicketQr> {
    const t = await this.ownTicket(accountId, ticketId);
    const now = this.d.now();
    const departsAt = t.order.departure.departsAt;
    if (!t.ticket_number || !canShowTicket(t, departsAt, now)) {
      const why =
        t.status === 'refunded'
          ? '该车票已退票，不能出示。'
          : t.status === 'boarded'
            ? '该车票已上车，无需再次出示。'
            : t.status === 'unpaid' || t.status === 'void'
              ? '该车票尚未出票，不能出示。'
              : '该车票已过出示期限。';
      throw new AppError('COACH_TICKET_NOT_SHOWABLE', why);
    }
    const expiresAt = new Date(
      Math.min(now.getTime() + QR_LIFETIME_MS, new Date(departsAt).getTime() + SHOW_AFTER_DEPARTURE_MS),
    );
    const qr = await this.d.keys.sign({ tid: t.id, tno: t.ticket_number, dep: t.order.departure_id }, now, expiresAt);
    return { qr, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString() };
  }
}

/** The ticket's number if it is one the citizen may ask to refund; otherwise why not. */
function refundable(t: repo.TicketWithOrder): string {
  switch (t.status) {
    case 'issued':
      return t.ticket_number as string;
    case 'checked':
      throw new AppError('COACH_REFUND_NOT_ALLOWED', '该车票已检票，不能在线退票，请到客运站办理。');
    case 'boarded':
      throw new AppError('COACH_REFUND_NOT_ALLOWED', '该车票已上车，不能退票。');
    case 'refunded':
      throw new AppError('COACH_REFUND_NOT_ALLOWED', '该车票已退票。');
    default:
      throw new AppError('COACH_REFUND_NOT_ALLOWED', '该车票尚未出票，不能退票。');
  }
}
