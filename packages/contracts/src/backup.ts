import { z } from 'zod';

/**
 * 数据备份 (H2: "具备数据的备份及恢复能力"): the console's view of the installation's backups. Restoring is done with the
 * platform stopped, by the CLI (`npm run restore -- <file>`), never from a web page. Docs: docs/backup.md.
 */

export const BACKUP_VERIFY_RESULTS = ['ok', 'damaged', 'missing', 'wrong-key'] as const;

export const BackupRun = z
  .object({
    id: z.uuid(),
    /** backup 备份 · restore 恢复 (done by the CLI into this database). */
    kind: z.enum(['backup', 'restore']),
    /** schedule 定时 · console 控制台 · cli 命令行. */
    trigger: z.enum(['schedule', 'console', 'cli']),
    /** The staff member who pressed 立即备份 (display name), else null. */
    triggeredBy: z.string().nullable(),
    status: z.enum(['running', 'succeeded', 'failed']),
    fileName: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    bytes: z.number().int().nullable(),
    tables: z.number().int().nullable(),
    rows: z.number().int().nullable(),
    /** Why it failed (no personal data). */
    error: z.string().nullable(),
    verifiedAt: z.iso.datetime().nullable(),
    /** ok 校验通过 · damaged 文件损坏 · missing 文件不存在 · wrong-key 密钥不符. */
    verifyResult: z.enum(BACKUP_VERIFY_RESULTS).nullable(),
    /** The file was removed by the retention rule (only the newest `keep` are kept). */
    pruned: z.boolean(),
  })
  .meta({ id: 'BackupRun' });
export type BackupRun = z.infer<typeof BackupRun>;

export const ConsoleBackupOverview = z
  .object({
    engine: z.enum(['pglite', 'postgres']),
    /** Hours between scheduled backups; null: none scheduled. */
    scheduleHours: z.number().nullable(),
    keep: z.number().int(),
    /** Newest first, 50 at most. */
    runs: z.array(BackupRun),
  })
  .meta({ id: 'ConsoleBackupOverview' });
export type ConsoleBackupOverview = z.infer<typeof ConsoleBackupOverview>;

export const BackupRunParams = z.object({ id: z.uuid({ error: '备份编号格式不正确' }) });
