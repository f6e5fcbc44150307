import type {
  CoachOrder,
  CoachRefundQuote,
  CoachSearchResult,
  CoachStation,
  CoachTicketQr,
  CoachTicketScanResult,
  CreateCoachOrderInput,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };

const me = '/api/v1/me/coach';
const enc = encodeURIComponent;

/**
 * 长途车 (D1): the public timetable (stations, 购票查询), the citizen's orders and tickets (behind a fresh
 * verification, like every personal page: callers wrap these in `auth.withVerification` / `useVerifiedLoad`).
 */
export const coachApi = {
  stations: (city: string, o: Opts = {}) =>
    apiRequest<CoachStation[]>('/api/v1/coach/stations', { ...o, query: { city } }),
  search: (q: { from: string; to: string; date: string }, o: Opts = {}) =>
    apiRequest<CoachSearchResult>('/api/v1/coach/departures', { ...o, query: q }),
  /** 201 a new order; 200 the order already made with this submissionId (a retry). */
  createOrder: (body: CreateCoachOrderInput, o: Opts = {}) =>
    apiRequest<CoachOrder>(`${me}/orders`, { ...o, method: 'POST', body, timeoutMs: 30_000 }),
  orders: (o: Opts = {}) => apiRequest<CoachOrder[]>(`${me}/orders`, o),
  order: (id: string, o: Opts = {}) => apiRequest<CoachOrder>(`${me}/orders/${enc(id)}`, o),
  cancelOrder: (id: string, o: Opts = {}) =>
    apiRequest<CoachOrder>(`${me}/orders/${enc(id)}/cancel`, { ...o, method: 'POST', body: {} }),
  refundQuote: (ticketId: string, o: Opts = {}) =>
    apiRequest<CoachRefundQuote>(`${me}/tickets/${enc(ticketId)}/refund-quote`, o),
  refund: (ticketId: string, expectedRefundFen: number, o: Opts = {}) =>
    apiRequest<CoachOrder>(`${me}/tickets/${enc(ticketId)}/refund`, {
      ...o,
      method: 'POST',
      body: { expectedRefundFen },
      timeoutMs: 30_000,
    }),
  ticketQr: (ticketId: string, o: Opts = {}) => apiRequest<CoachTicketQr>(`${me}/tickets/${enc(ticketId)}/qr`, o),
};

/**
 * The station's side (a verifier organisation of kind coach-station): scan the e-ticket, 检票, 上车. Like the
 * other verifier calls these run on the staff session, whose 401s must not log out a citizen (authProbe).
 */
const staffSession = { authProbe: true } as const;

export const coachStationApi = {
  scan: (qr: string) =>
    apiRequest<CoachTicketScanResult>('/api/v1/verifier/coach/scan', { method: 'POST', body: { qr }, ...staffSession }),
  check: (ticketId: string) =>
    apiRequest<CoachTicketScanResult>(`/api/v1/verifier/coach/tickets/${enc(ticketId)}/check`, {
      method: 'POST',
      body: {},
      ...staffSession,
    }),
  board: (ticketId: string) =>
    apiRequest<CoachTicketScanResult>(`/api/v1/verifier/coach/tickets/${enc(ticketId)}/board`, {
      method: 'POST',
      body: {},
      ...staffSession,
    }),
};
