import { z } from 'zod';

/**
 * 审计日志 in the console (审计人员, permission `audit.read`): the platform's append-only, hash-chained audit log,
 * newest first, a page at a time, filtered; and a check of the whole chain. The log holds no personal data in
 * clear (ids, masked values, reasons), and reading it is itself audited.
 */

export const AUDIT_RESULTS = ['success', 'denied', 'failure'] as const;
export const AUDIT_ACTOR_KINDS = ['citizen', 'agent', 'staff', 'system', 'anonymous'] as const;

const ChinaDate = z.iso.date({ error: '日期格式应为YYYY-MM-DD' });

export const ConsoleAuditQuery = z
  .object({
    /** The department whose log to read (an auditor may hold grants in several). */
    departmentId: z.string().min(1).max(80).optional(),
    /** An action id or its beginning: `case.` finds every 办件 action. */
    action: z
      .string()
      .trim()
      .max(80, '操作类型不能超过80个字符')
      .regex(/^[a-z0-9._-]*$/i, '操作类型只含字母、数字、点、下划线和连字符')
      .optional(),
    result: z.enum(AUDIT_RESULTS, { error: '结果应为成功、拒绝或失败' }).optional(),
    actorKind: z.enum(AUDIT_ACTOR_KINDS, { error: '操作者类型有误' }).optional(),
    /** China dates, both included. */
    from: ChinaDate.optional(),
    to: ChinaDate.optional(),
    /** The page after this sequence number (the previous page's `nextBefore`). */
    before: z.coerce.number({ error: '翻页参数有误' }).int('翻页参数有误').min(1, '翻页参数有误').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    }
  });
export type ConsoleAuditQuery = z.input<typeof ConsoleAuditQuery>;

export const ConsoleAuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    action: z.string(),
    result: z.enum(AUDIT_RESULTS),
    actorKind: z.enum(AUDIT_ACTOR_KINDS),
    /** Staff: their display name; others: a short form of the account id (never a name or a number). */
    actor: z.string(),
    /** Whose data it concerned, as a short account id, or null. */
    subject: z.string().nullable(),
    /** The entry's own one-line description (detail.what), if it has one. */
    what: z.string().nullable(),
    /** The stored detail (ids, masked values, reasons). */
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ConsoleAuditEntry' });
export type ConsoleAuditEntry = z.infer<typeof ConsoleAuditEntry>;

export const ConsoleAuditPage = z
  .object({
    departmentId: z.string(),
    departmentName: z.string(),
    /** Every department's entries (the platform's operator) or the department's own. */
    scope: z.enum(['platform', 'department']),
    entries: z.array(ConsoleAuditEntry),
    /** Pass as `before` for the next (older) page; null at the end. */
    nextBefore: z.number().int().nullable(),
  })
  .meta({ id: 'ConsoleAuditPage' });
export type ConsoleAuditPage = z.infer<typeof ConsoleAuditPage>;

export const ConsoleAuditChain = z
  .object({
    intact: z.boolean(),
    /** The first entry whose hash does not follow from the one before (edited, removed or inserted rows). */
    firstBrokenSeq: z.number().int().nullable(),
    checkedEntries: z.number().int(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'ConsoleAuditChain' });
export type ConsoleAuditChain = z.infer<typeof ConsoleAuditChain>;
