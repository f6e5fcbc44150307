import type { Appointment, AvailableSlots, BookAppointmentInput } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };

/** 在线预约 and 我的预约: a service's open slots in a city (public), bookings, and the citizen's own appointments. */
export const appointmentsApi = {
  slots: (serviceId: string, city: string, o: Opts = {}) =>
    apiRequest<AvailableSlots>('/api/v1/appointments/slots', { ...o, query: { serviceId, city } }),
  /** 201 a new booking; 200 the booking already made with this submissionId (a retry). */
  book: (body: BookAppointmentInput, o: Opts = {}) =>
    apiRequest<Appointment>('/api/v1/me/appointments', { ...o, method: 'POST', body, timeoutMs: 30_000 }),
  list: (serviceId: string | undefined, o: Opts = {}) =>
    apiRequest<Appointment[]>('/api/v1/me/appointments', { ...o, query: { serviceId } }),
  get: (id: string, o: Opts = {}) => apiRequest<Appointment>(`/api/v1/me/appointments/${encodeURIComponent(id)}`, o),
  cancel: (id: string, reason: string | undefined, o: Opts = {}) =>
    apiRequest<Appointment>(`/api/v1/me/appointments/${encodeURIComponent(id)}/cancel`, {
      ...o,
      method: 'POST',
      body: reason ? { reason } : {},
    }),
};
