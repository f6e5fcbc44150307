import { describe, expect, it } from 'vitest';
import { STATUTORY_HOLIDAYS } from './calculators/overtime.js';
import {
  HOLIDAY_NAMES,
  HOLIDAY_NOTICES,
  isWeekend,
  noticeEntries,
  provisionalArrangements,
  STATUTORY_DAYS_BY_LAW,
  workCalendarDay,
} from './work-calendar.js';

describe('the holiday notices (工作日历 seed)', () => {
  it('name the festivals of STATUTORY_HOLIDAYS, and each year holds their 13 statutory days', () => {
    expect([...HOLIDAY_NAMES]).toEqual(STATUTORY_HOLIDAYS.map((h) => h.name));
    for (const notice of HOLIDAY_NOTICES) {
      const entries = noticeEntries(notice);
      for (const h of STATUTORY_HOLIDAYS) {
        const days = entries.filter((e) => e.holidayName === h.name && e.statutory);
        expect(days.length, `${notice.year} ${h.name}`).toBe(h.days);
      }
      // one entry per date, statutory days inside their break, 调休上班 only on weekends
      expect(new Set(entries.map((e) => e.date)).size).toBe(entries.length);
      for (const a of notice.arrangements) {
        for (const d of a.statutory) expect(d >= a.from && d <= a.to, `${d} in ${a.name}`).toBe(true);
        for (const d of a.makeupWorkdays) expect(isWeekend(d), `${d} is a weekend day`).toBe(true);
      }
    }
  });

  it('2026: the dates of 国务院办公厅关于2026年部分节假日安排的通知', () => {
    const notice = HOLIDAY_NOTICES.find((n) => n.year === 2026);
    expect(notice?.issuedOn).toBe('2025-11-04');
    const entries = noticeEntries(notice as (typeof HOLIDAY_NOTICES)[number]);
    const holidays = entries.filter((e) => e.kind === 'holiday');
    // 3 + 9 + 3 + 5 + 3 + 3 + 7 days off
    expect(holidays).toHaveLength(33);
    expect(entries.filter((e) => e.kind === 'makeup-workday').map((e) => e.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    const byName = (name: string) => holidays.filter((e) => e.holidayName === name).map((e) => e.date);
    expect(byName('春节')[0]).toBe('2026-02-15');
    expect(byName('春节').at(-1)).toBe('2026-02-23');
    expect(byName('国庆节')).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('reads a date without an entry by the weekday rule', () => {
    expect(workCalendarDay('2026-11-27')).toMatchObject({ kind: 'workday', working: true });
    expect(workCalendarDay('2026-11-28')).toMatchObject({ kind: 'restday', working: false });
    expect(
      workCalendarDay('2026-10-10', { kind: 'makeup-workday', holidayName: '国庆节', statutory: false }),
    ).toMatchObject({ kind: 'makeup-workday', working: true, holidayName: '国庆节' });
  });
});

describe('a year before its notice: the law’s statutory days, provisionally', () => {
  /** The day of the Chinese calendar (ICU), e.g. 五月5日. */
  const lunar = (date: string) =>
    new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }).format(
      new Date(`${date}T12:00:00+08:00`),
    );

  it('each law year holds the 13 days of STATUTORY_HOLIDAYS, the fixed ones on their dates, and no notice yet', () => {
    for (const law of STATUTORY_DAYS_BY_LAW) {
      expect(HOLIDAY_NOTICES.some((n) => n.year === law.year)).toBe(false);
      for (const h of STATUTORY_HOLIDAYS) expect(law.days[h.name].length, `${law.year} ${h.name}`).toBe(h.days);
      const y = law.year;
      expect(law.days.元旦).toEqual([`${y}-01-01`]);
      expect(law.days.劳动节).toEqual([`${y}-05-01`, `${y}-05-02`]);
      expect(law.days.国庆节).toEqual([`${y}-10-01`, `${y}-10-02`, `${y}-10-03`]);
      // 端午 and 中秋 on 五月初五 and 八月十五 of the Chinese calendar (ICU agrees for these).
      expect(lunar(law.days.端午节[0] as string)).toBe('五月5日');
      expect(lunar(law.days.中秋节[0] as string)).toBe('八月15日');
      // 春节: 除夕 and 初一–初三 are four days in a row.
      const spring = law.days.春节.map((d) => Date.parse(d) / 86_400_000);
      expect(spring.map((d) => d - (spring[0] as number))).toEqual([0, 1, 2, 3]);
    }
  });

  it('2027: the statutory days, and 补假 on the working days after a festival for each one on a weekend', () => {
    const arrangements = provisionalArrangements(2027) ?? [];
    const breaks = Object.fromEntries(arrangements.map((a) => [a.name, [a.from, a.to]]));
    expect(breaks).toEqual({
      元旦: ['2027-01-01', '2027-01-01'], // a Friday
      春节: ['2027-02-05', '2027-02-10'], // 初一 Sat 6, 初二 Sun 7 → 补假 Tue 9, Wed 10
      清明节: ['2027-04-05', '2027-04-05'], // a Monday
      劳动节: ['2027-05-01', '2027-05-04'], // Sat 1, Sun 2 → Mon 3, Tue 4
      端午节: ['2027-06-09', '2027-06-09'],
      中秋节: ['2027-09-15', '2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-05'], // Sat 2, Sun 3 → Mon 4, Tue 5
    });
    expect(arrangements.every((a) => a.makeupWorkdays.length === 0)).toBe(true);
    const entries = noticeEntries({ arrangements });
    expect(entries.filter((e) => e.statutory)).toHaveLength(13);
    // the weekdays off beyond the statutory ones are exactly the 补假 owed
    expect(entries.filter((e) => !e.statutory && !isWeekend(e.date)).map((e) => e.date)).toEqual([
      '2027-02-09',
      '2027-02-10',
      '2027-05-03',
      '2027-05-04',
      '2027-10-04',
      '2027-10-05',
    ]);
    expect(provisionalArrangements(2026)).toBeUndefined();
  });
});
