import { describe, expect, it } from 'vitest';
import { STATUTORY_HOLIDAYS } from './calculators/overtime.js';
import { HOLIDAY_NAMES, HOLIDAY_NOTICES, isWeekend, noticeEntries, workCalendarDay } from './work-calendar.js';

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
