import {
  APPOINTMENT_STATUS_LABELS,
  type Appointment,
  type AvailableSlot,
  type ConsoleBooking,
  type ConsoleSlot,
  findAppointmentService,
  findCity,
} from '@yss/contracts';
import type { CatalogSnapshot } from '../catalog/index.js';
import { onBehalfOf, type Viewer } from '../shared/index.js';
import { chinaDate, chinaTime } from './china-time.js';
import type { BookingRow, SlotRow } from './repository.js';

/** Explicit mappers from rows to the contract's shapes; dates and times always in China time (china-time.ts). */

export const NAME_AAD = 'appointments.applicant_name';
export const ID_AAD = 'appointments.applicant_id_number';
export const VISIT_ADDRESS_AAD = 'appointments.visit_address';
export const VISIT_PHONE_AAD = 'appointments.visit_phone';

/** The local date and window of a slot, as messages and answers show them. */
export function slotWhen(slot: Pick<SlotRow, 'starts_at' | 'ends_at'>) {
  return { date: chinaDate(slot.starts_at), start: chinaTime(slot.starts_at), end: chinaTime(slot.ends_at) };
}

export function presentAvailableSlot(slot: SlotRow): AvailableSlot {
  return {
    id: slot.id,
    place: slot.place,
    address: slot.address,
    ...slotWhen(slot),
    startsAt: slot.starts_at.toISOString(),
    endsAt: slot.ends_at.toISOString(),
    capacity: slot.capacity,
    // A stopped slot has no places left whatever its counter said.
    remaining: slot.cancelled_at ? 0 : Math.max(0, slot.capacity - slot.booked),
  };
}

export function presentConsoleSlot(slot: SlotRow): ConsoleSlot {
  return {
    ...presentAvailableSlot(slot),
    serviceId: slot.service_id,
    cityCode: slot.city_code,
    booked: slot.booked,
    cancelled: slot.cancelled_at !== null,
  };
}

export function presentAppointment(
  catalog: CatalogSnapshot,
  row: BookingRow,
  now: Date,
  viewer: Viewer | null,
): Appointment {
  const service = catalog.findService(row.service_id);
  const label = APPOINTMENT_STATUS_LABELS[row.status];
  return {
    id: row.id,
    appointmentNumber: row.appointment_number,
    serviceId: row.service_id,
    serviceName: service?.name ?? row.service_id,
    serviceNameEn: service?.name_en ?? row.service_id,
    cityCode: row.slot.city_code,
    cityName: findCity(row.slot.city_code)?.name ?? row.slot.city_code,
    departmentName: catalog.departmentName(row.slot.department_id),
    place: row.slot.place,
    address: row.slot.address,
    ...slotWhen(row.slot),
    startsAt: row.slot.starts_at.toISOString(),
    endsAt: row.slot.ends_at.toISOString(),
    subjectLabel: row.subject_label,
    visit:
      row.visit_address_masked && row.visit_phone_masked
        ? { addressMasked: row.visit_address_masked, phoneMasked: row.visit_phone_masked }
        : null,
    status: row.status,
    statusLabel: label.label,
    statusLabelEn: label.labelEn,
    bookedAt: row.booked_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    canCancel: row.status === 'booked' && row.slot.starts_at.getTime() > now.getTime(),
    canReschedule: row.status === 'booked' && row.slot.starts_at.getTime() > now.getTime(),
    canShowPass: row.status === 'booked' && row.slot.ends_at.getTime() > now.getTime(),
    checkedInAt: row.checked_in_at?.toISOString() ?? null,
    noShowAt: row.no_show_at?.toISOString() ?? null,
    rescheduledAt: row.rescheduled_at?.toISOString() ?? null,
    notice: [...(findAppointmentService(row.service_id)?.notice ?? [])],
    onBehalf: onBehalfOf(row, viewer),
    applicantNameMasked: row.applicant_name_masked,
  };
}

/** 我的预约's order: upcoming bookings first (soonest first), then the rest (latest slot first). */
export function sortAppointments(rows: BookingRow[], now: Date): BookingRow[] {
  const upcoming = (r: BookingRow) => r.status === 'booked' && r.slot.starts_at.getTime() > now.getTime();
  return [...rows].sort((a, b) => {
    const ua = upcoming(a);
    const ub = upcoming(b);
    if (ua !== ub) return ua ? -1 : 1;
    const byStart = a.slot.starts_at.getTime() - b.slot.starts_at.getTime();
    if (ua) return byStart || a.booked_at.getTime() - b.booked_at.getTime();
    return -byStart || b.booked_at.getTime() - a.booked_at.getTime();
  });
}

export function presentConsoleBooking(row: {
  appointment_number: string;
  applicant_name_masked: string;
  applicant_id_number_masked: string;
  subject_label: string | null;
  visit_address_masked: string | null;
  status: ConsoleBooking['status'];
  booked_at: Date;
  checked_in_at: Date | null;
}): ConsoleBooking {
  return {
    appointmentNumber: row.appointment_number,
    nameMasked: row.applicant_name_masked,
    idNumberMasked: row.applicant_id_number_masked,
    subjectLabel: row.subject_label,
    visitAddressMasked: row.visit_address_masked,
    status: row.status,
    bookedAt: row.booked_at.toISOString(),
    checkedInAt: row.checked_in_at?.toISOString() ?? null,
  };
}
