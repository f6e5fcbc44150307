/**
 * Calendar arithmetic on YYYY-MM-DD strings (UTC days, no time zones involved), for the generators and
 * the sandboxes' date windows.
 */
const DAY_MS = 86_400_000;

export function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return fromDay(toDay(iso) + n);
}

/** Same day n months later (or earlier), clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonthsToDate(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addYears(iso: string, n: number): string {
  return addMonthsToDate(iso, 12 * n);
}

/** Full years of age on a day (a birthday counts on the day itself; 29 Feb birthdays on 1 Mar). */
export function ageOn(birthDate: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** A day drawn uniformly in [from, to] (both included) with the given random float in [0, 1). */
export function dayBetween(from: string, to: string, u: number): string {
  const a = toDay(from);
  const b = toDay(to);
  return fromDay(a + Math.floor(u * (b - a + 1)));
}

/** The later / earlier of two YYYY-MM-DD dates. */
export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * Add n working days (Monday–Friday; public holidays ignored). Department-side synthetic data only (the sandbox
 * departments' generated dates): the platform's own working days are the 工作日历's (modules/work-calendar,
 * WorkCalendar.addWorkingDays), with 法定节假日 and 调休上班.
 */
export function addWorkingDays(iso: string, n: number): string {
  let day = toDay(iso);
  let left = n;
  while (left > 0) {
    day += 1;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return fromDay(day);
}

/**
 * A deterministic moment on a day (ISO 8601 UTC) for generated `updated_at` values: office hours in
 * China (UTC+8, 09:00–17:00), the minute drawn from `u` in [0, 1).
 */
export function momentOn(iso: string, u: number): string {
  const minutes = 9 * 60 + Math.floor(u * 8 * 60);
  return new Date((toDay(iso) * 1440 + minutes - 8 * 60) * 60_000).toISOString();
}
