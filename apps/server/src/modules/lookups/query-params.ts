import { ActingQuery, CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { MonthField } from '../../departments/province/zod-inputs.js';

/** The citizen's city in a route's query: one of Guangdong's 21 (GB/T 2260), one wording everywhere. */
export const CityParam = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });

/** A month in a route's query (from / to): the province-wide input field. */
export const MonthParam = MonthField;

/** "The last N months" in a route's query: 1 to `max` (`tooMany`: what is said above it). */
export const MonthsParam = (max: number, tooMany = `每次最多可查询${max}个月的明细`) =>
  z.coerce.number().int().min(1, '至少查询1个月').max(max, tooMany);

/**
 * The query of a month-by-month personal lookup (社保缴费明细, 公积金缴存明细, 医保个人账户明细): for whom, the
 * city, and either a period (from–to, checked by askedPeriod / choosePeriod) or the last `months`, at most `max`.
 */
export const monthlyLookupQuery = (max: number) =>
  ActingQuery.extend({
    city: CityParam,
    from: MonthParam.optional(),
    to: MonthParam.optional(),
    /** Without from/to: this many months up to the last month with a record (default 12). */
    months: MonthsParam(max).optional(),
  });
