import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { choosePeriod } from './period.js';

const now = new Date('2026-03-15T04:00:00Z'); // 2026-03 in China time
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, detail: e.detail };
    throw e;
  }
  return null;
};

describe('choosePeriod (month-by-month lookups)', () => {
  it('takes an asked period as it is', () => {
    expect(choosePeriod({ from: '2025-01', to: '2025-12' }, { max: 12, last: null, now })).toEqual({
      from: '2025-01',
      to: '2025-12',
    });
    expect(choosePeriod({ from: '2026-03', to: '2026-03' }, { max: 1, last: null, now })).toEqual({
      from: '2026-03',
      to: '2026-03',
    });
  });

  it('without a period: the last N months up to the last record, or this month', () => {
    expect(choosePeriod({}, { max: 36, last: '2025-02', now })).toEqual({ from: '2024-03', to: '2025-02' });
    expect(choosePeriod({ months: 3 }, { max: 36, last: null, now })).toEqual({ from: '2026-01', to: '2026-03' });
    expect(choosePeriod({ months: 36 }, { max: 36, last: '2026-03', now })).toEqual({ from: '2023-04', to: '2026-03' });
    // a last record "after" this month (clock skew) never makes a future period
    expect(choosePeriod({ months: 1 }, { max: 12, last: '2026-05', now })).toEqual({ from: '2026-03', to: '2026-03' });
  });

  it('answers reversed, future, too long and half periods with their own codes and Chinese messages', () => {
    expect(codeOf(() => choosePeriod({ from: '2025-06', to: '2025-01' }, { max: 12, last: null, now }))).toMatchObject({
      code: 'PERIOD_REVERSED',
      detail: expect.stringContaining('不能晚于结束月份'),
    });
    expect(codeOf(() => choosePeriod({ from: '2026-01', to: '2026-04' }, { max: 12, last: null, now }))).toMatchObject({
      code: 'PERIOD_IN_FUTURE',
      detail: expect.stringContaining('2026-03'),
    });
    expect(codeOf(() => choosePeriod({ from: '2025-01', to: '2026-01' }, { max: 12, last: null, now }))).toMatchObject({
      code: 'PERIOD_TOO_LONG',
      detail: expect.stringContaining('12个月'),
    });
    expect(codeOf(() => choosePeriod({ from: '2025-01' }, { max: 12, last: null, now }))?.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
