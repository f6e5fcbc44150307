import dayjs, { type Dayjs } from 'dayjs';
import { CHINA_OFFSET_MS, chinaDateTime } from '../china-time';

/**
 * 号源 dates and times are China time (UTC+8, no daylight saving) as strings: a slot's `date` is `YYYY-MM-DD` and
 * `start`/`end` are `HH:mm`. They are never turned into instants in the browser's time zone: date arithmetic is
 * done on UTC midnights of the calendar date, and the pickers' dayjs values are only read for their calendar
 * fields (`format`).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date in China, whatever the browser's time zone. */
export function chinaToday(now: number = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The calendar date `n` days after `date`. */
export function addDays(date: string, n: number): string {
  return new Date(utcMidnight(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = 周日 … 6 = 周六 (as Date#getDay). */
export function weekdayOf(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** 周一 first, as calendars in China are read. */
export const WEEKDAY_OPTIONS = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: WEEKDAY_NAMES[d] as string }));

export const WORKDAYS = [1, 2, 3, 4, 5];

/** Every date from `from` to `to` (inclusive) that falls on one of `weekdays`; at most `limit` dates looked at. */
export function expandDates(from: string, to: string, weekdays: readonly number[], limit = 366): string[] {
  const out: string[] = [];
  for (let d = from, i = 0; d <= to && i < limit; d = addDays(d, 1), i++) {
    if (weekdays.includes(weekdayOf(d))) out.push(d);
  }
  return out;
}

/** 3月3日（周一） */
export function formatDay(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日（${WEEKDAY_NAMES[weekdayOf(date)]}）`;
}

/** An instant (ISO timestamp) as China time: 2025-03-03 09:05. */
export const formatChinaTime = (iso: string) => chinaDateTime(iso);

/** A picker's value as the calendar date it shows. */
export const toDate = (d: Dayjs) => d.format('YYYY-MM-DD');
/** A picker's value as the clock time it shows. */
export const toTime = (d: Dayjs) => d.format('HH:mm');
/** A calendar date for a date picker (its own midnight, read back with `toDate`). */
export const fromDate = (date: string) => dayjs(`${date}T00:00:00`);
/** A clock time for a time picker (read back with `toTime`). */
export const fromTime = (time: string) => dayjs(`2000-01-01T${time}:00`);
