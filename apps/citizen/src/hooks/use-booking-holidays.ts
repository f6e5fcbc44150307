import type { WorkCalendarDay } from '@yss/contracts';
import { useEffect, useState } from 'react';
import { appointmentsApi } from '../api/appointments';

/** The China-time date `days` from now ('yyyy-mm-dd'): the booking window is counted in China days. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 工作日历: the holidays of a booking window (tomorrow … today + `bookingWindowDays`), for the date picker to show as
 * closed with their names (预约 and 改约 alike). Only a hint: none while loading or if the calendar cannot be read, and
 * the picker then shows the dates that have slots, as before.
 */
export function useBookingHolidays(bookingWindowDays: number): readonly WorkCalendarDay[] {
  const [holidays, setHolidays] = useState<WorkCalendarDay[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    appointmentsApi
      .workCalendar(chinaDay(1), chinaDay(bookingWindowDays), { signal: controller.signal })
      .then((r) => setHolidays(r.days.filter((d) => d.kind === 'holiday')))
      .catch(() => undefined);
    return () => controller.abort();
  }, [bookingWindowDays]);
  return holidays;
}
