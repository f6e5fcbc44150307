import type {
  Airport,
  CheckInInput,
  Flight,
  FlightBoard,
  FlightBooking,
  FlightBookings,
  SeatMap,
} from '@yss/contracts';
import { apiRequest } from './client';

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  return s.toString();
};

/** 航班服务 (anyone) and 航班在线值机 (personal: wrap in withVerification). */
export const flightsApi = {
  airports: (o: { signal?: AbortSignal } = {}) => apiRequest<{ airports: Airport[] }>('/api/v1/flights/airports', o),
  status: (flightNo: string, date?: string, o: { signal?: AbortSignal } = {}) =>
    apiRequest<Flight>(`/api/v1/flights/status?${q({ flightNo, date })}`, o),
  board: (airport: string, direction: 'departures' | 'arrivals', date?: string, o: { signal?: AbortSignal } = {}) =>
    apiRequest<FlightBoard>(`/api/v1/flights/board?${q({ airport, direction, date })}`, o),
  bookings: () => apiRequest<FlightBookings>('/api/v1/me/flight-bookings'),
  seats: (ticketNumber: string) =>
    apiRequest<SeatMap>(`/api/v1/me/flight-bookings/${encodeURIComponent(ticketNumber)}/seats`),
  checkIn: (ticketNumber: string, input: CheckInInput) =>
    apiRequest<FlightBooking>(`/api/v1/me/flight-bookings/${encodeURIComponent(ticketNumber)}/check-in`, {
      method: 'POST',
      body: input,
    }),
  cancelCheckIn: (ticketNumber: string) =>
    apiRequest<FlightBooking>(`/api/v1/me/flight-bookings/${encodeURIComponent(ticketNumber)}/check-in`, {
      method: 'DELETE',
    }),
};
