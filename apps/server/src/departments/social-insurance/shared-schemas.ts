import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';
import { IdNumberField, MonthField } from '../province/zod-inputs.js';

/**
 * Building blocks of the 社保 / 医保 / 公积金 contracts (these three departments share them: they are
 * asked by the same ID number about the same months and answer in the same money). Money is yuan as a
 * number with at most two decimals (the pages print it as is); months are YYYY-MM; days YYYY-MM-DD;
 * "数据更新于" timestamps are China time with their offset.
 */

/** 公民身份号码 (or a 港澳台居民居住证 number, same structure) and YYYY-MM months: the province-wide fields. */
export const IdNumber = IdNumberField;
export const Month = MonthField;

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
  .meta({ description: '北京时间，如 2025-12-31T02:00:00+08:00', example: '2025-12-31T02:00:00+08:00' });

export const Yuan = z
  .number()
  .refine((v) => Number.isFinite(v) && Math.round(v * 100) / 100 === v, '金额最多两位小数')
  .meta({ description: '金额（元，两位小数）' });

export const CityCode = z.enum(CITY_CODES, { message: '城市代码有误' });

/** The paying unit (单位) of a contribution or deposit: the same enterprise the other departments name. */
export const Unit = z
  .object({ name: z.string().min(1), uscc: z.string().regex(/^[0-9A-HJ-NP-RTUW-Y]{18}$/) })
  .meta({ id: 'PayingUnit', description: '缴费单位' });

/** Integer fen → yuan with two decimals (exact: fen are integers). */
export const yuan = (fen: number): number => Math.round(fen) / 100;

/** This month in China time (YYYY-MM): the last month anyone may ask about. */
export function currentChinaMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * The rule of a period query: from ≤ to, not after this month, at most `max` months (both ends included).
 * Zod runs it on objects whose `from` and `to` are already well-formed months.
 */
export function periodRule(max: number) {
  return (value: { from: string; to: string }, ctx: z.RefinementCtx) => {
    if (value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: '起始月份不能晚于截止月份' });
    } else if (value.to > currentChinaMonth()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止月份不能晚于本月' });
    } else if (monthCount(value.from, value.to) > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `每次最多可查询${max}个月的明细，请缩短查询期间`,
      });
    }
  };
}

/** Mobile number as typed by a person (trimmed). */
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号码格式有误，请输入11位手机号码');

/** 138****8000: a phone number as a page may show it. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** What a time is as the sandboxes print it; SQL: to_char(x at time zone 'UTC' + 8 hours). */
export const CHINA_TIMESTAMP_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'`;

/** The sandboxes' "now" (tests pass a fixed clock: certification validity and writes depend on it). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Today in China time, YYYY-MM-DD. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The later / earlier of ISO strings (months, days, timestamps of one offset compare as text). */
export const laterOf = (a: string, b: string): string => [a, b].sort()[1] as string;
export const earlierOf = (a: string, b: string): string => [a, b].sort()[0] as string;
