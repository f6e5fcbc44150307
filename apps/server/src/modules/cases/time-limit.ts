import {
  CASE_DUE_SOON_WORKING_DAYS,
  CASE_TIME_LIMIT_STATES,
  type CaseStatus,
  type CaseTimeLimit,
  type CaseTimeLimitState,
  nextDate,
} from '@yss/contracts';
import type { WorkingDays } from '../work-calendar/index.js';
import type { CaseRow } from './repository.js';

/** The day in China time (UTC+8, no daylight saving), YYYY-MM-DD. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** What the 承诺办结时限 is read against: the working-day calendar and today (China time). */
export interface LimitClock {
  calendar: WorkingDays;
  today: string;
}

/** The due date of a case accepted on `acceptedOn`: the calendar's n-th working day after it (自受理之日起n个工作日). */
export function dueOnAfter(calendar: WorkingDays, acceptedOn: string, workingDays: number): string {
  return calendar.addWorkingDays(acceptedOn, workingDays);
}

/**
 * Working days after `today` up to `dueOn` (the due date counted, today not: 0 on the due date itself); once the due
 * date has passed, minus the working days after it up to today.
 */
export function workingDaysLeft(calendar: WorkingDays, today: string, dueOn: string): number {
  const [from, to, sign] = today <= dueOn ? [today, dueOn, 1] : [dueOn, today, -1];
  let n = 0;
  for (let d = nextDate(from); d <= to; d = nextDate(d)) if (calendar.isWorkingDay(d)) n += 1;
  return sign * n;
}

/**
 * The 承诺办结时限 while it runs: the case accepted (a 补正 request pauses it, a decision ends it) and a due date set
 * at its 受理. Otherwise null.
 */
export function timeLimitOf(
  row: Pick<CaseRow, 'due_on' | 'promised_working_days'>,
  status: CaseStatus,
  clock: LimitClock,
): CaseTimeLimit | null {
  if (status !== 'accepted' || row.due_on === null || row.promised_working_days === null) return null;
  const left = workingDaysLeft(clock.calendar, clock.today, row.due_on);
  const state: CaseTimeLimitState =
    clock.today > row.due_on ? 'overdue' : left <= CASE_DUE_SOON_WORKING_DAYS ? 'due_soon' : 'running';
  return {
    workingDays: row.promised_working_days,
    dueOn: row.due_on,
    workingDaysLeft: left,
    state,
    stateLabel: CASE_TIME_LIMIT_STATES[state].label,
  };
}
