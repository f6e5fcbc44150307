import type {
  Appointment,
  AppointmentPass,
  AppointmentSubjects,
  AvailableSlots,
  BookAppointmentInput,
  EligibilityAnswer,
  RescheduleAppointmentInput,
  WorkCalendarRange,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };

/** 在线预约 and 我的预约: a service's open slots in a city (public), bookings, and the citizen's own appointments. */
export const appointmentsApi = {
  slots: (serviceId: string, city: string, o: Opts = {}) =>
    apiRequest<AvailableSlots>('/api/v1/appointments/slots', { ...o, query: { serviceId, city } }),
  /** 201 a new booking; 200 the booking already made with this submissionId (a retry). */
  book: (body: BookAppointmentInput, forId: string | null = null, o: Opts = {}) =>
    apiRequest<Appointment>('/api/v1/me/appointments', {
      ...o,
      method: 'POST',
      body,
      query: { for: forId ?? undefined },
      timeoutMs: 30_000,
    }),
  /** 是否可以预约: the service's rule for the applicant (the caller, or the delegation's principal). */
  eligibility: (serviceId: string, city: string, forId: string | null, o: Opts = {}) =>
    apiRequest<EligibilityAnswer>('/api/v1/me/appointments/eligibility', {
      ...o,
      query: { serviceId, city, for: forId ?? undefined },
    }),
  /** 选择车辆 (年审预约): the applicant's own records the booking can be for, read from the department now. */
  subjects: (serviceId: string, city: string, forId: string | null, o: Opts = {}) =>
    apiRequest<AppointmentSubjects>('/api/v1/me/appointments/subjects', {
      ...o,
      query: { serviceId, city, for: forId ?? undefined },
    }),
  /** 工作日历 (public): each date's kind, so the date picker shows a holiday as closed with its name. */
  workCalendar: (from: string, to: string, o: Opts = {}) =>
    apiRequest<WorkCalendarRange>('/api/v1/work-calendar', { ...o, query: { from, to } }),
  list: (serviceId: string | undefined, o: Opts = {}) =>
    apiRequest<Appointment[]>('/api/v1/me/appointments', { ...o, query: { serviceId } }),
  get: (id: string, o: Opts = {}) => apiRequest<Appointment>(`/api/v1/me/appointments/${encodeURIComponent(id)}`, o),
  cancel: (id: string, reason: string | undefined, o: Opts = {}) =>
    apiRequest<Appointment>(`/api/v1/me/appointments/${encodeURIComponent(id)}/cancel`, {
      ...o,
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  /** 改约: another slot of the same service and city; the same submissionId again answers the booking as it is. */
  reschedule: (id: string, body: RescheduleAppointmentInput, o: Opts = {}) =>
    apiRequest<Appointment>(`/api/v1/me/appointments/${encodeURIComponent(id)}/reschedule`, {
      ...o,
      method: 'POST',
      body,
      timeoutMs: 30_000,
    }),
  /** 预约码: the booking as a short-lived signed QR for the counter. */
  pass: (id: string, o: Opts = {}) =>
    apiRequest<AppointmentPass>(`/api/v1/me/appointments/${encodeURIComponent(id)}/pass`, o),
};
