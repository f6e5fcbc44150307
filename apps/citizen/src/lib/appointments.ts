import type { Appointment, AppointmentStatus, AvailableSlot } from '@yss/contracts';
import { type ApiProblem, CLIENT_CODES } from '../api/client';

/*
 * 在线预约 and 我的预约: the slot picker's grouping (dates, then places), China-time wording of dates and times,
 * the order of 我的预约, and what a booking problem means for the page.
 */

/** antd-mobile Tag colours of an appointment's status. */
export const APPOINTMENT_STATUS_COLOR: Record<
  AppointmentStatus,
  'primary' | 'success' | 'warning' | 'danger' | 'default'
> = {
  booked: 'primary',
  checked_in: 'success',
  no_show: 'danger',
  cancelled: 'default',
  slot_cancelled: 'warning',
};

export interface SlotDate {
  /** The local (China) date, YYYY-MM-DD. */
  date: string;
  slots: AvailableSlot[];
  /** Places left over the day's windows (0: 已约满). */
  remaining: number;
}

export interface SlotPlace {
  place: string;
  address: string;
  slots: AvailableSlot[];
}

const byStart = (a: AvailableSlot, b: AvailableSlot) =>
  a.date === b.date ? a.start.localeCompare(b.start) || a.end.localeCompare(b.end) : a.date.localeCompare(b.date);

/** The days that have slots, in order, each with its slots by start time and how many places are left. */
export function slotDates(slots: readonly AvailableSlot[]): SlotDate[] {
  const days = new Map<string, SlotDate>();
  for (const slot of [...slots].sort(byStart)) {
    let day = days.get(slot.date);
    if (!day) {
      day = { date: slot.date, slots: [], remaining: 0 };
      days.set(slot.date, day);
    }
    day.slots.push(slot);
    day.remaining += Math.max(0, slot.remaining);
  }
  return [...days.values()];
}

/** One day's windows grouped by place (place + address), places in the order of their first window. */
export function slotPlaces(slots: readonly AvailableSlot[]): SlotPlace[] {
  const places = new Map<string, SlotPlace>();
  for (const slot of [...slots].sort(byStart)) {
    const key = `${slot.place}\u0000${slot.address}`;
    let place = places.get(key);
    if (!place) {
      place = { place: slot.place, address: slot.address, slots: [] };
      places.set(key, place);
    }
    place.slots.push(slot);
  }
  return [...places.values()];
}

/** The date to show: the one chosen before if it is still there, else the first day with places left, else the first. */
export function pickDate(days: readonly SlotDate[], wanted: string | null): string | null {
  if (wanted && days.some((d) => d.date === wanted)) return wanted;
  return (days.find((d) => d.remaining > 0) ?? days[0])?.date ?? null;
}

const ZH_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
// written out rather than Intl's: browsers differ in commas and order, and a booked time must read the same everywhere
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string) {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  // the date as written (a China-time calendar day), read in UTC so the phone's own time zone cannot shift it
  return { y, m, d, at: new Date(Date.UTC(y, m - 1, d)) };
}

/** 11月28日 周五 / Fri 28 Nov. */
export function formatSlotDate(date: string, lang: string): string {
  const { m, d, at } = parts(date);
  if (lang === 'en') return `${EN_WEEKDAYS[at.getUTCDay()]} ${d} ${EN_MONTHS[m - 1]}`;
  return `${m}月${d}日 ${ZH_WEEKDAYS[at.getUTCDay()]}`;
}

/** 2026年11月28日 周五 / Fri 28 Nov 2026. */
export function formatFullDate(date: string, lang: string): string {
  const { y, m, d, at } = parts(date);
  if (lang === 'en') return `${EN_WEEKDAYS[at.getUTCDay()]} ${d} ${EN_MONTHS[m - 1]} ${y}`;
  return `${y}年${m}月${d}日 ${ZH_WEEKDAYS[at.getUTCDay()]}`;
}

/** 09:00–09:30 (China time, as the slot says). */
export function formatWindow(x: { start: string; end: string }): string {
  return `${x.start}–${x.end}`;
}

/** 2026年11月28日 周五 09:00–09:30. */
export function formatWhen(x: { date: string; start: string; end: string }, lang: string): string {
  return `${formatFullDate(x.date, lang)} ${formatWindow(x)}`;
}

/** Booked and not yet over. */
export function isUpcoming(a: Pick<Appointment, 'status' | 'endsAt'>, now = Date.now()): boolean {
  return a.status === 'booked' && Date.parse(a.endsAt) > now;
}

/** 我的预约: upcoming ones first, soonest first; then the rest (past, cancelled), latest first. */
export function sortAppointments(list: readonly Appointment[], now = Date.now()): Appointment[] {
  const upcoming = list.filter((a) => isUpcoming(a, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const rest = list.filter((a) => !isUpcoming(a, now)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return [...upcoming, ...rest];
}

/** The slot was taken, stopped or removed meanwhile: say so, load the slots again, let the citizen pick another. */
export const SLOT_GONE_CODES: readonly string[] = ['SLOT_FULL', 'SLOT_UNAVAILABLE', 'SLOT_NOT_FOUND'];

/**
 * Whether a booking may have been made although the answer did not say so (no answer, a timeout, a server
 * error): the retry must send the same submissionId, so the server returns that booking instead of a second.
 */
export function outcomeUnknown(problem: ApiProblem): boolean {
  return (
    problem.code === CLIENT_CODES.network ||
    problem.code === CLIENT_CODES.timeout ||
    problem.code === CLIENT_CODES.unexpected ||
    problem.status >= 500
  );
}
