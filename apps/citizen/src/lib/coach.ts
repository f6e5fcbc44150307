import {
  COACH_MAX_TICKETS_PER_ORDER,
  type CoachDeparture,
  type CoachOrder,
  type CoachTicketStatus,
  parseResidentId,
} from '@yss/contracts';

/** How many days ahead tickets are sold: today and the next nine. */
export const COACH_SALE_DAYS = 10;

/** Today in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function chinaToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus `days` (calendar arithmetic in UTC, so no time zone shifts the date). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The dates one may search: today … +9 days. */
export function saleDates(now: number = Date.now()): string[] {
  const today = chinaToday(now);
  return Array.from({ length: COACH_SALE_DAYS }, (_, i) => addDays(today, i));
}

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The search in the URL (from, to, date); a date outside the sale window falls back to today. */
export function searchFromParams(params: URLSearchParams, defaultFrom: string) {
  const dates = saleDates();
  const date = params.get('date');
  return {
    from: params.get('from') || defaultFrom,
    to: params.get('to') || '',
    date: isDate(date) && dates.includes(date) ? date : (dates[0] as string),
  };
}

/** The order confirmation page of a departure: the search it came from travels with it, so a reload finds it again. */
export function orderLink(q: { from: string; to: string; date: string }, departureId: string): string {
  const p = new URLSearchParams({ from: q.from, to: q.to, date: q.date, departure: departureId });
  return `/coach/order?${p.toString()}`;
}

export function searchLink(q: { from: string; to: string; date: string }): string {
  const p = new URLSearchParams({ from: q.from, to: q.to, date: q.date });
  return `/coach?${p.toString()}`;
}

export const orderDetailLink = (id: string) => `/coach/orders/${encodeURIComponent(id)}`;
export const ticketLink = (ticketId: string, orderId: string) =>
  `/coach/tickets/${encodeURIComponent(ticketId)}?order=${encodeURIComponent(orderId)}`;
export const payLink = (paymentId: string) => `/pay/${encodeURIComponent(paymentId)}`;

/** What a result row offers: 余票 N, 已售完, or 停止网售 (departed, within the cut-off, or stopped). */
export type SaleState = 'on-sale' | 'sold-out' | 'stopped';
export function saleState(d: Pick<CoachDeparture, 'onSale' | 'seatsLeft'>): SaleState {
  if (d.seatsLeft <= 0) return 'sold-out';
  return d.onSale ? 'on-sale' : 'stopped';
}

export function durationParts(minutes: number): { hours: number; minutes: number } {
  const m = Math.max(0, Math.round(minutes));
  return { hours: Math.floor(m / 60), minutes: m % 60 };
}

/* ── Passengers ─────────────────────────────────────────────────────────────────────────────────────────── */

export type PassengerDraft = { key: string; name: string; idNumber: string };
export type PassengerErrors = { name?: string; idNumber?: string };

/** The reason a typed ID number is refused (null when it is a valid second-generation resident ID). */
export function idNumberProblem(
  idNumber: string,
): 'required' | 'format' | 'region' | 'birth-date' | 'check-digit' | null {
  const v = idNumber.trim();
  if (v === '') return 'required';
  const parsed = parseResidentId(v);
  return parsed.ok ? null : parsed.reason;
}

export function nameProblem(name: string): 'required' | 'too-long' | null {
  const v = name.trim();
  if (v === '') return 'required';
  if (v.length > 30) return 'too-long';
  return null;
}

/** Index of a passenger whose ID number repeats an earlier one (同一乘客不能重复购票), by position. */
export function duplicateIds(passengers: readonly PassengerDraft[]): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  passengers.forEach((p, i) => {
    const id = p.idNumber.trim().toUpperCase();
    if (id === '') return;
    if (seen.has(id)) dup.add(i);
    seen.add(id);
  });
  return dup;
}

export const canAddPassenger = (count: number) => count < COACH_MAX_TICKETS_PER_ORDER;

/**
 * A server field error's place: `passengers.1.idNumber` (or /passengers/1/idNumber) → passenger 1's ID field;
 * anything else is for the whole form.
 */
export function passengerErrorPlace(path: string): { index: number; field: 'name' | 'idNumber' } | null {
  const parts = path
    .replace(/^\/+/, '')
    .split(/[./[\]]/)
    .filter((p) => p !== '' && p !== 'body');
  if (parts[0] !== 'passengers') return null;
  const index = Number(parts[1]);
  const field = parts[2];
  if (!Number.isInteger(index) || index < 0) return null;
  if (field !== 'name' && field !== 'idNumber') return null;
  return { index, field };
}

/* ── Orders and tickets ─────────────────────────────────────────────────────────────────────────────────── */

export const ORDER_STATUS_COLOR: Record<CoachOrder['status'], 'warning' | 'success' | 'default' | 'danger'> = {
  awaiting_payment: 'warning',
  paid: 'success',
  closed: 'default',
  failed: 'danger',
};

export const TICKET_STATUS_COLOR: Record<CoachTicketStatus, 'warning' | 'primary' | 'success' | 'default'> = {
  unpaid: 'warning',
  issued: 'primary',
  checked: 'success',
  boarded: 'success',
  refunded: 'default',
  void: 'default',
};

/** Newest first. */
export function sortOrders(orders: readonly CoachOrder[]): CoachOrder[] {
  return [...orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Awaiting payment and the held seats not yet released. */
export function awaitingPayment(o: Pick<CoachOrder, 'status' | 'expiresAt'>, now: number = Date.now()): boolean {
  return o.status === 'awaiting_payment' && Date.parse(o.expiresAt) > now;
}

/** mm:ss (or h:mm:ss) of a count-down in seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${String(m).padStart(2, '0')}:${r}`;
}
