import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaInstant, chinaTime, daysBetween, isWeekday, lastBookableDate } from './china-time.js';
import { nextWorkingDays } from './demo-slots.js';

describe('China time (UTC+8, whatever the server zone)', () => {
  it('reads the local date and time of an instant with +8 h', () => {
    // 2026-03-01 16:30 UTC is 2026-03-02 00:30 in China: already the next day there.
    const at = new Date('2026-03-01T16:30:00Z');
    expect(chinaDate(at)).toBe('2026-03-02');
    expect(chinaTime(at)).toBe('00:30');
    expect(chinaInstant('2026-03-02', '09:00')?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    expect(chinaInstant('2026-02-30', '09:00')).toBeUndefined();
    expect(chinaInstant('2028-02-29', '09:00')).toBeDefined();
  });

  it('counts days across months and years, and the booking window', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-03-04')).toBe(62);
    expect(lastBookableDate(new Date('2026-03-01T16:30:00Z'), 14)).toBe('2026-03-16');
  });

  it('knows working days (Monday to Friday) and the demo seed’s next seven of them', () => {
    expect(isWeekday('2026-03-06')).toBe(true); // Friday
    expect(isWeekday('2026-03-07')).toBe(false);
    // Friday 10:00 in China: the next seven working days start on Monday.
    expect(nextWorkingDays(new Date('2026-03-06T02:00:00Z'), 7)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
      '2026-03-17',
    ]);
  });
});
