/**
 * China time (UTC+8, no daylight saving) computed explicitly: the server's own zone (often UTC in a container)
 * never decides which day or hour a citizen reads.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The local date ('yyyy-mm-dd') of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The local time ('HH:MM') of an instant. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a local date and time; undefined for a date that does not exist (2026-02-30). */
export function chinaInstant(date: string, time: string): Date | undefined {
  const at = new Date(`${date}T${time}:00+08:00`);
  if (Number.isNaN(at.getTime()) || chinaDate(at) !== date) return undefined;
  return at;
}

/** A local date n days later (or earlier). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one local date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Monday to Friday: the weekday rule alone. Holidays and 调休上班 are the 工作日历's (modules/work-calendar). */
export function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * The last local date a service's slots may be published and booked on: today plus its bookingWindowDays (a
 * 14-day window lets a citizen book up to the same weekday two weeks on).
 */
export function lastBookableDate(now: Date, bookingWindowDays: number): string {
  return addDays(chinaDate(now), bookingWindowDays);
}
