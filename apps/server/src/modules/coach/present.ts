import {
  COACH_ORDER_STATUS_LABELS,
  COACH_TICKET_STATUS_LABELS,
  type CoachDeparture,
  type CoachOrder,
  type CoachStation,
  type CoachTicket,
  findCity,
  type PaymentStatus,
} from '@yss/contracts';
import { BOARDING_GRACE_MINUTES } from '../../departments/coach/index.js';
import type { OrderWithTickets, TicketRow } from './repository.js';
import type { DepartureSnapshot } from './tables.js';

/** Explicit mappers from department answers and rows to the contract's shapes. */

export const NAME_AAD = 'coach.passenger_name';
export const ID_AAD = 'coach.passenger_id_number';
/** The e-ticket can be shown until two hours after departure. */
export const SHOW_AFTER_DEPARTURE_MS = 2 * 3600_000;

const cityName = (code: string) => findCity(code)?.name ?? code;

export function presentStation(s: { id: string; name: string; cityCode: string; address: string }): CoachStation {
  return { id: s.id, name: s.name, cityCode: s.cityCode, cityName: cityName(s.cityCode), address: s.address };
}

export function presentDeparture(d: DepartureSnapshot): CoachDeparture {
  return {
    id: d.id,
    runNumber: d.runNumber,
    fromStation: presentStation(d.fromStation),
    toStationName: d.toStation.name,
    toCityCode: d.toStation.cityCode,
    toCityName: cityName(d.toStation.cityCode),
    date: d.date,
    time: d.time,
    departsAt: new Date(d.departsAt).toISOString(),
    durationMinutes: d.durationMinutes,
    coachType: d.coachType,
    priceFen: d.priceFen,
    seatsLeft: d.seatsLeft,
    onSale: d.onSale,
  };
}

/** 约2小时30分 */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `约${h ? `${h}小时` : ''}${m ? `${m}分` : ''}`;
}

export function departed(departsAt: string | Date, now: Date, graceMinutes = 0): boolean {
  return now.getTime() > new Date(departsAt).getTime() + graceMinutes * 60_000;
}

/** The gate (验票, 上车) still works this long after the scheduled time, as the ticketing system allows. */
export const gateClosed = (departsAt: string | Date, now: Date) => departed(departsAt, now, BOARDING_GRACE_MINUTES);

export function canShowTicket(t: Pick<TicketRow, 'status'>, departsAt: string, now: Date): boolean {
  return (
    (t.status === 'issued' || t.status === 'checked') &&
    now.getTime() < new Date(departsAt).getTime() + SHOW_AFTER_DEPARTURE_MS
  );
}

export function presentTicket(t: TicketRow, departsAt: string, now: Date): CoachTicket {
  return {
    id: t.id,
    ticketNumber: t.ticket_number,
    seat: t.seat,
    passengerNameMasked: t.passenger_name_masked,
    passengerIdMasked: t.passenger_id_number_masked,
    priceFen: t.price_fen,
    status: t.status,
    statusLabel: COACH_TICKET_STATUS_LABELS[t.status].label,
    canRefund: t.status === 'issued' && now.getTime() < new Date(departsAt).getTime(),
    canShow: canShowTicket(t, departsAt, now),
    refundFeeFen: t.refund_fee_fen,
    refundedFen: t.refunded_fen,
    refundedAt: t.refunded_at?.toISOString() ?? null,
  };
}

/** The money state when the payments module cannot say (it always should): derived from the order's own. */
function derivedPaymentStatus(o: OrderWithTickets): PaymentStatus {
  switch (o.status) {
    case 'awaiting_payment':
      return 'pending';
    case 'closed':
      return 'closed';
    case 'failed':
      return 'refunded';
    case 'paid':
      return o.tickets.some((t) => t.status === 'refunded')
        ? o.tickets.every((t) => t.status === 'refunded')
          ? 'refunded'
          : 'partially_refunded'
        : 'paid';
  }
}

export function presentOrder(
  o: OrderWithTickets,
  departure: DepartureSnapshot,
  paymentStatus: PaymentStatus | undefined,
  now: Date,
): CoachOrder {
  return {
    id: o.id,
    orderNumber: o.order_number,
    departure: presentDeparture(departure),
    tickets: o.tickets.map((t) => presentTicket(t, departure.departsAt, now)),
    totalFen: o.total_fen,
    status: o.status,
    statusLabel: COACH_ORDER_STATUS_LABELS[o.status].label,
    paymentId: o.payment_id,
    paymentStatus: paymentStatus ?? derivedPaymentStatus(o),
    expiresAt: o.expires_at.toISOString(),
    createdAt: o.created_at.toISOString(),
    canCancel: o.status === 'awaiting_payment' && o.expires_at.getTime() > now.getTime(),
  };
}
