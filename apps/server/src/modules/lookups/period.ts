import { currentChinaMonth, monthCount } from '../../departments/social-insurance/shared-schemas.js';
import { AppError } from '../../http/app-error.js';

/** `month` (YYYY-MM) moved by `by` months, forwards or back. */
export const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

/**
 * The period a person asked for (from–to), checked before any department is asked: both ends given, not
 * reversed (PERIOD_REVERSED), not after this month in China (PERIOD_IN_FUTURE), at most `max` months
 * (PERIOD_TOO_LONG). Null when none was asked (the route picks its default).
 */
export function askedPeriod(
  q: { from?: string; to?: string },
  o: { max: number; now?: Date },
): { from: string; to: string } | null {
  if (!q.from && !q.to) return null;
  if (!q.from || !q.to) {
    throw new AppError('VALIDATION_FAILED', '请同时选择开始月份和结束月份。', [
      { path: q.from ? 'to' : 'from', message: '请同时选择开始月份和结束月份' },
    ]);
  }
  if (q.from > q.to) {
    throw new AppError('PERIOD_REVERSED', `开始月份（${q.from}）不能晚于结束月份（${q.to}），请重新选择查询期间。`);
  }
  const thisMonth = currentChinaMonth(o.now);
  if (q.to > thisMonth) {
    throw new AppError('PERIOD_IN_FUTURE', `结束月份不能晚于本月（${thisMonth}），请重新选择查询期间。`);
  }
  if (monthCount(q.from, q.to) > o.max) {
    throw new AppError('PERIOD_TOO_LONG', `每次最多可查询${o.max}个月的明细，请缩短查询期间。`);
  }
  return { from: q.from, to: q.to };
}

/**
 * The period of a month-by-month lookup: the one asked (checked by askedPeriod), or the last `months`
 * months up to `last` (the last month with a record) or this month.
 */
export function choosePeriod(
  q: { from?: string; to?: string; months?: number },
  o: { max: number; last: string | null; now?: Date },
): { from: string; to: string } {
  const asked = askedPeriod(q, o);
  if (asked) return asked;
  const thisMonth = currentChinaMonth(o.now);
  const to = o.last && o.last < thisMonth ? o.last : thisMonth;
  return { from: shiftMonth(to, -(Math.min(q.months ?? 12, o.max) - 1)), to };
}
