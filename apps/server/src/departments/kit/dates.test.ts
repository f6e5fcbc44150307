import { describe, expect, it } from 'vitest';
import { addMonthsToDate, addWorkingDays, addYears, ageOn, dayBetween, momentOn } from './dates.js';

describe('calendar helpers', () => {
  it('clamps to the end of shorter months and leap years', () => {
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-12-15', -6)).toBe('2025-06-15');
    expect(addYears('2012-02-29', 1)).toBe('2013-02-28');
  });

  it('counts age in full years, the birthday counting on the day', () => {
    expect(ageOn('1943-02-18', '2026-01-01')).toBe(82);
    expect(ageOn('1988-05-12', '2026-05-12')).toBe(38);
    expect(ageOn('1988-05-12', '2026-05-11')).toBe(37);
  });

  it('adds working days over weekends', () => {
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-29'); // Friday → Monday
    expect(addWorkingDays('2025-09-22', 10)).toBe('2025-10-06');
  });

  it('draws days inside the range and office-hour moments in Beijing time', () => {
    expect(dayBetween('2025-01-01', '2025-01-01', 0.99)).toBe('2025-01-01');
    expect(dayBetween('2025-01-01', '2025-01-10', 0.999)).toBe('2025-01-10');
    expect(momentOn('2025-06-01', 0)).toBe('2025-06-01T01:00:00.000Z'); // 09:00 in Beijing
  });
});
