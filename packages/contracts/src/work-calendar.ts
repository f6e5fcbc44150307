import { z } from 'zod';

/**
 * 工作日历: which dates are working days in mainland China. Monday–Friday work and Saturday–Sunday rest, except
 * where the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知, out every November) says
 * otherwise: the days of a holiday break (放假) and the weekend days worked instead (调休上班). The platform stores
 * only those exceptions (seeded from HOLIDAY_NOTICES below, correctable in the console's 工作日历); every other
 * date follows the weekday rule. Docs: docs/appointments.md "工作日历".
 */

/** workday 工作日 · restday 休息日 (周末) · holiday 节假日 (放假) · makeup-workday 调休上班. */
export const WORK_DAY_KINDS = ['workday', 'restday', 'holiday', 'makeup-workday'] as const;
export type WorkDayKind = (typeof WORK_DAY_KINDS)[number];

/** The kinds a stored exception may have (the others are the weekday rule itself). */
export const WORK_CALENDAR_ENTRY_KINDS = ['holiday', 'makeup-workday'] as const;
export type WorkCalendarEntryKind = (typeof WORK_CALENDAR_ENTRY_KINDS)[number];

/** The seven festivals of 《全国年节及纪念日放假办法》 on which every citizen has a holiday (as STATUTORY_HOLIDAYS). */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

export const WORK_DAY_KIND_LABELS: Record<WorkDayKind, string> = {
  workday: '工作日',
  restday: '休息日',
  holiday: '节假日',
  'makeup-workday': '调休上班',
};

const LocalDate = z.iso.date({ error: '日期格式应为YYYY-MM-DD' });

/** One date as the platform reads it. */
export const WorkCalendarDay = z
  .object({
    date: z.iso.date(),
    kind: z.enum(WORK_DAY_KINDS),
    /** The festival of a holiday, or the festival a 调休上班 day makes up for; null on ordinary days. */
    holidayName: z.enum(HOLIDAY_NAMES).nullable(),
    /**
     * 法定节假日 itself (the 13 days of 《全国年节及纪念日放假办法》, paid 300 % when worked), as opposed to the
     * weekend days and 调休 days of the same break. Only a holiday may be statutory.
     */
    statutory: z.boolean(),
    working: z.boolean(),
  })
  .meta({ id: 'WorkCalendarDay' });
export type WorkCalendarDay = z.infer<typeof WorkCalendarDay>;

/** The public read: at most 366 days. */
export const WORK_CALENDAR_MAX_DAYS = 366;
export const WorkCalendarQuery = z.object({ from: LocalDate, to: LocalDate }).strict();
export const WorkCalendarRange = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    /** Every date from `from` to `to`, in order. */
    days: z.array(WorkCalendarDay),
    /** The years whose notice the calendar holds; outside them only the weekday rule is known. */
    knownYears: z.array(z.number().int()),
  })
  .meta({ id: 'WorkCalendarRange' });
export type WorkCalendarRange = z.infer<typeof WorkCalendarRange>;

// ---------------------------------------------------------------------------------------------------------------
// Console (工作日历)
// ---------------------------------------------------------------------------------------------------------------

/** A stored exception as the console lists it. */
export const ConsoleWorkCalendarEntry = z
  .object({
    date: z.iso.date(),
    kind: z.enum(WORK_CALENDAR_ENTRY_KINDS),
    holidayName: z.enum(HOLIDAY_NAMES),
    statutory: z.boolean(),
    note: z.string().nullable(),
    /** notice: seeded from the State Council's notice; operator: added or changed in the console. */
    source: z.enum(['notice', 'operator']),
    updatedBy: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ConsoleWorkCalendarEntry' });
export type ConsoleWorkCalendarEntry = z.infer<typeof ConsoleWorkCalendarEntry>;

export const ConsoleWorkCalendarQuery = z
  .object({ year: z.coerce.number({ error: '年份有误' }).int('年份有误').min(2000, '年份有误').max(2100, '年份有误') })
  .strict();

export const ConsoleWorkCalendarYear = z
  .object({
    year: z.number().int(),
    entries: z.array(ConsoleWorkCalendarEntry),
    /** The notice the year was seeded from, if the platform carries one. */
    notice: z.object({ title: z.string(), issuedOn: z.iso.date(), url: z.string() }).nullable(),
    /**
     * No notice yet, and the year was seeded provisionally from the law (its 13 statutory days and the 补假 owed for
     * those on a weekend): the operator should check each day against the notice once it is out.
     */
    provisional: z.boolean(),
  })
  .meta({ id: 'ConsoleWorkCalendarYear' });
export type ConsoleWorkCalendarYear = z.infer<typeof ConsoleWorkCalendarYear>;

export const WorkCalendarDateParams = z.object({ date: LocalDate }).strict();

export const PutWorkCalendarDayInput = z
  .object({
    kind: z.enum(WORK_CALENDAR_ENTRY_KINDS, { error: '请选择节假日或调休上班' }),
    holidayName: z.enum(HOLIDAY_NAMES, { error: '请选择节日名称' }),
    statutory: z.boolean().default(false),
    note: z.string().trim().max(100, '备注不能超过100个字').nullish(),
  })
  .strict()
  .meta({ id: 'PutWorkCalendarDayInput' });
export type PutWorkCalendarDayInput = z.input<typeof PutWorkCalendarDayInput>;

// ---------------------------------------------------------------------------------------------------------------
// The notices (seed data)
// ---------------------------------------------------------------------------------------------------------------

export interface HolidayArrangement {
  name: HolidayName;
  /** The break (放假), both ends included. */
  from: string;
  to: string;
  /** The statutory days inside the break (法定节假日: 13 a year in all, STATUTORY_HOLIDAYS). */
  statutory: readonly string[];
  /** 调休上班: weekend days worked instead. */
  makeupWorkdays: readonly string[];
}

export interface HolidayNotice {
  year: number;
  title: string;
  issuedOn: string;
  url: string;
  arrangements: readonly HolidayArrangement[];
}

/**
 * The notices the platform carries. 2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04 (gov.cn, republished
 * by 新华社 the same day). The statutory days are the law's (《全国年节及纪念日放假办法》 as revised 2024-11-10): 元旦
 * 1 Jan; 春节 除夕 and 初一–初三 (2026: 除夕 = 16 Feb, 初一 = 17 Feb — the notice names 15 Feb 腊月二十八 and 23 Feb
 * 正月初七); 清明 = the solar term (5 Apr 2026); 劳动节 1–2 May; 端午 (19 Jun 2026); 中秋 (25 Sep 2026); 国庆节 1–3 Oct.
 * 2027's notice was not found when this was written: until it is added here, 2027 is seeded provisionally from the
 * law alone (STATUTORY_DAYS_BY_LAW below), and replaced by the notice the first start after it is added.
 */
export const HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    issuedOn: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    arrangements: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', statutory: ['2026-01-01'], makeupWorkdays: ['2026-01-04'] },
      {
        name: '春节',
        from: '2026-02-15',
        to: '2026-02-23',
        statutory: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
        makeupWorkdays: ['2026-02-14', '2026-02-28'],
      },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', statutory: ['2026-04-05'], makeupWorkdays: [] },
      {
        name: '劳动节',
        from: '2026-05-01',
        to: '2026-05-05',
        statutory: ['2026-05-01', '2026-05-02'],
        makeupWorkdays: ['2026-05-09'],
      },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', statutory: ['2026-06-19'], makeupWorkdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', statutory: ['2026-09-25'], makeupWorkdays: [] },
      {
        name: '国庆节',
        from: '2026-10-01',
        to: '2026-10-07',
        statutory: ['2026-10-01', '2026-10-02', '2026-10-03'],
        makeupWorkdays: ['2026-09-20', '2026-10-10'],
      },
    ],
  },
];

/**
 * The 13 statutory days of the years the platform carries no notice for yet, from 《全国年节及纪念日放假办法》 (revised
 * 2024-11-10) alone: 元旦 1 Jan; 春节 除夕 and 正月初一–初三; 清明 (the solar term); 劳动节 1–2 May; 端午 (五月初五);
 * 中秋 (八月十五); 国庆节 1–3 Oct. The lunar dates are those of the Chinese calendar as China reckons it (Beijing time):
 * 2027 — 除夕 5 Feb, 初一 6 Feb (the new moon is just before midnight Beijing time on 6 Feb, about 23:56, so
 * 6 Feb begins the month here, while calendars reckoned in UTC+9, Korea's 설날 and ICU's Chinese calendar, start it
 * on 7 Feb); 清明 5 Apr; 端午 9 Jun; 中秋 15 Sep.
 */
export const STATUTORY_DAYS_BY_LAW: readonly {
  year: number;
  days: Readonly<Record<HolidayName, readonly string[]>>;
}[] = [
  {
    year: 2027,
    days: {
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    },
  },
];

/** The note of a provisional day (the console shows it; an operator replaces it when correcting the day). */
export const PROVISIONAL_NOTES = {
  statutory: '暂定：依《全国年节及纪念日放假办法》的法定节假日，放假调休以国务院办公厅通知为准',
  compensatory: '暂定：法定节假日适逢周末依法补假，暂按节后工作日，以国务院办公厅通知为准',
} as const;

/**
 * A year's provisional breaks before its notice is out: the statutory days, and — because the law says a statutory
 * day falling on a Saturday or Sunday is made up on a working day (第六条, 补假) — as many 补假 days, put on the first
 * working days after the festival, where the notices have put them. No 调休上班: only a notice can decide those. The
 * notice replaces all of it (seedWorkCalendar); until then a day may come out wrong by a weekday or two, but never
 * is a statutory day open for booking.
 */
export function provisionalArrangements(year: number): HolidayArrangement[] | undefined {
  const law = STATUTORY_DAYS_BY_LAW.find((l) => l.year === year);
  if (!law) return undefined;
  const taken = new Set(Object.values(law.days).flat());
  return HOLIDAY_NAMES.map((name) => {
    const statutory = law.days[name];
    let last = statutory.at(-1) as string;
    let owed = statutory.filter(isWeekend).length;
    for (let d = nextDate(last); owed > 0; d = nextDate(d)) {
      if (isWeekend(d) || taken.has(d)) continue;
      taken.add(d);
      last = d;
      owed -= 1;
    }
    return { name, from: statutory[0] as string, to: last, statutory, makeupWorkdays: [] };
  });
}

/** A notice's exceptions, one per date, by date. */
export function noticeEntries(
  notice: Pick<HolidayNotice, 'arrangements'>,
): { date: string; kind: WorkCalendarEntryKind; holidayName: HolidayName; statutory: boolean }[] {
  const out: { date: string; kind: WorkCalendarEntryKind; holidayName: HolidayName; statutory: boolean }[] = [];
  for (const a of notice.arrangements) {
    for (let d = a.from; d <= a.to; d = nextDate(d)) {
      out.push({ date: d, kind: 'holiday', holidayName: a.name, statutory: a.statutory.includes(d) });
    }
    for (const d of a.makeupWorkdays)
      out.push({ date: d, kind: 'makeup-workday', holidayName: a.name, statutory: false });
  }
  return out.sort((x, y) => x.date.localeCompare(y.date));
}

/** The next calendar date ('yyyy-mm-dd', no time zone involved). */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** How a date reads, given its stored exception (if any). */
export function workCalendarDay(
  date: string,
  entry?: { kind: WorkCalendarEntryKind; holidayName: HolidayName; statutory: boolean } | null,
): WorkCalendarDay {
  if (entry) {
    const statutory = entry.kind === 'holiday' && entry.statutory;
    return {
      date,
      kind: entry.kind,
      holidayName: entry.holidayName,
      statutory,
      working: entry.kind === 'makeup-workday',
    };
  }
  const weekend = isWeekend(date);
  return { date, kind: weekend ? 'restday' : 'workday', holidayName: null, statutory: false, working: !weekend };
}

/** What the citizen's date picker says of a closed day: 国庆节休息, or 休息 on a plain weekend. */
export function closedDayLabel(day: Pick<WorkCalendarDay, 'holidayName'>): string {
  return day.holidayName ? `${day.holidayName}休息` : '休息';
}
