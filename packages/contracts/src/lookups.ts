import { z } from 'zod';

/**
 * Personal lookups (issue 5) answer with where the data came from and how fresh it is: the page shows
 * "数据更新于 … · 由…提供", as the guide's pages do.
 */
export const RecordSource = z
  .object({
    department: z.string().meta({ example: '广东省人力资源和社会保障厅' }),
    updatedAt: z.string().nullable().meta({ description: '数据更新于 (ISO date-time), when the department says' }),
  })
  .meta({ id: 'RecordSource' });
export type RecordSource = z.infer<typeof RecordSource>;

/** Whose record it is: the caller, or the principal of the delegation the caller acts under (masked). */
export const RecordSubject = z.object({ self: z.boolean(), nameMasked: z.string() }).meta({ id: 'RecordSubject' });
export type RecordSubject = z.infer<typeof RecordSubject>;

/** `?for=<delegationId>`: act for a family member (为他人办理) on services that allow it. */
export const ActingQuery = z.object({ for: z.uuid({ error: '授权编号格式有误' }).optional() });

/** 老年人优待证 (E4) is called 老人卡 in 佛山 (the guide: 佛山为“老人卡申办”). */
export function seniorCardName(cityCode: string): '老人卡' | '老年人优待证' {
  return cityCode === '440600' ? '老人卡' : '老年人优待证';
}

export const NameCheckQuery = z
  .object({
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(30, '姓名过长'),
  })
  .strict();

export const NameCheckResult = z
  .object({
    name: z.string(),
    /** Code points, not UTF-16 units. */
    length: z.number().int(),
    /** Every character is in the 通用规范汉字表 (8105). */
    allStandard: z.boolean(),
    /** The characters outside the table, in order of appearance, each once. */
    nonStandard: z.array(z.string()),
    /** How many living people in the province's population register have exactly this name. */
    sameNameCount: z.number().int(),
    sameNameBySex: z.object({ male: z.number().int(), female: z.number().int() }),
    source: RecordSource,
  })
  .meta({ id: 'NameCheckResult', description: '取名查询: 同名人数 and the 通用规范汉字表 check' });
export type NameCheckResult = z.infer<typeof NameCheckResult>;
