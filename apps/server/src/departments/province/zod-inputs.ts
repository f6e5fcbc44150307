import { parseResidentId, parseUscc } from '@yss/contracts';
import { z } from 'zod';

/**
 * Input fields several department contracts share, each validated by the shared validator of @yss/contracts
 * with its Chinese message (the connector answers 400 DEPARTMENT_INPUT_INVALID with it).
 */

/** A resident ID number: trimmed, upper-case X, checked (region, birth date, check character). */
export const IdNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const parsed = parseResidentId(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  })
  .meta({ description: '居民身份证号码（18位）', example: '440106198805120311' });

/** A unified social credit code (统一社会信用代码): trimmed, upper case, checked. */
export const UsccField = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const parsed = parseUscc(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  })
  .meta({ description: '统一社会信用代码（18位）' });

/** A month, YYYY-MM. */
export const MonthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM，如2025-01')
  .meta({ description: '月份 YYYY-MM' });

/** A calendar date, YYYY-MM-DD. */
export const DateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '日期不存在，请核对后重新输入')
  .meta({ description: '日期 YYYY-MM-DD' });

/** Output: a month, a date, a timestamp, money (yuan with at most two decimals). */
export const Month = z.string().regex(/^\d{4}-\d{2}$/);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const Timestamp = z.iso.datetime({ offset: true }).meta({ description: '数据更新于 (ISO 8601)' });
export const Yuan = z
  .number()
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额最多两位小数')
  .meta({ description: '金额（元，两位小数）' });
