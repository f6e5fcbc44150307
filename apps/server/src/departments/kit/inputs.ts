import { parseResidentId } from '@yss/contracts';
import { z } from 'zod';

/** What a citizen reads for a malformed ID number, whatever the department. */
export const ID_NUMBER_MESSAGE = '身份证号码格式有误，请输入18位居民身份证号码';

/**
 * A resident ID number as departments key their records: trimmed, upper-case X, and a real number (region,
 * birth date, check character) — a typo is refused before it reaches the department. Numbers of Hong Kong,
 * Macao and Taiwan residents' residence permits (81/82/83…) pass too: they are keyed the same way.
 */
export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => parseResidentId(value).ok, ID_NUMBER_MESSAGE)
  .meta({ description: '居民身份证号码（18位）', example: '440106198805120311' });

export const IdNumberInput = z.object({ idNumber: IdNumber });

/** YYYY-MM-DD */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** YYYY-MM */
export const IsoMonth = z.string().regex(/^\d{4}-\d{2}$/);
/** A moment, ISO 8601 in UTC (as Date.toISOString writes it). */
export const Timestamp = z.iso.datetime();

/** 数据更新于: when the department last changed the record (ISO 8601). */
export const UpdatedAt = Timestamp.meta({ description: '数据更新于' });

/**
 * The platform's reference of a write (the 办件编号 of the approved case, 20 digits): a department's write
 * operation keeps it with what it issued, so the same reference again returns the first result and never issues
 * twice (the platform retries writes only with it).
 */
export const PlatformReference = z
  .string()
  .regex(/^\d{20}$/, '办件编号格式有误')
  .meta({ description: '平台办件编号（幂等键）', example: '20260915440100123456' });
