import { BackupRun, BackupRunParams, ConsoleBackupOverview, Problem } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error.js';
import type { StaffService } from '../staff/index.js';
import type { BackupService } from './backup-service.js';
import type { BackupRunRow } from './repository.js';

/** The platform's operator (广东省政务服务数据管理局) runs the installation: its province-wide 平台运维人员. */
export const BACKUP_DEPARTMENT_ID = 'gd-government-services-data';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export interface BackupConsoleDeps {
  backups: BackupService;
  staff: StaffService;
  engine: 'pglite' | 'postgres';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function present(run: BackupRunRow, names: Map<string, string>): BackupRun {
  return {
    id: run.id,
    kind: run.kind,
    trigger: run.trigger,
    triggeredBy: run.staff_account_id ? (names.get(run.staff_account_id) ?? null) : null,
    status: run.status,
    fileName: run.file_name,
    startedAt: run.started_at.toISOString(),
    finishedAt: iso(run.finished_at),
    bytes: run.bytes === null ? null : Number(run.bytes),
    tables: run.tables,
    rows: run.row_count === null ? null : Number(run.row_count),
    error: run.error,
    verifiedAt: iso(run.verified_at),
    verifyResult: run.verify_result,
    pruned: run.pruned_at !== null,
  };
}

/**
 * 数据备份 in the console (H2), for the operator's province-wide 平台运维人员 (`platform.backup`): the backups and
 * restores so far, 立即备份 (answered at once with the running backup; the page polls) and 校验 of a kept file.
 * Both actions are audited. No download and no restore here: a backup holds every citizen's data, so it leaves the
 * server only by the operator's own file transfer, and a restore needs the platform stopped (the CLI).
 */
export const backupConsoleRoutes =
  ({ backups, staff, engine }: BackupConsoleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const requireOperator = (req: FastifyRequest) =>
      staff.requireStaff(req, 'platform.backup', { departmentId: BACKUP_DEPARTMENT_ID, cityCode: null });

    const presentAll = async (runs: BackupRunRow[]) => {
      const names = await staff.displayNames(runs.flatMap((r) => (r.staff_account_id ? [r.staff_account_id] : [])));
      return runs.map((r) => present(r, names));
    };

    app.get(
      '/api/v1/console/backups',
      {
        schema: {
          tags: ['console'],
          summary: '数据备份: the schedule and the newest 50 backups and restores',
          response: { 200: ConsoleBackupOverview, ...problems },
        },
      },
      async (req, reply) => {
        await requireOperator(req);
        reply.header('cache-control', 'no-store');
        return {
          engine,
          scheduleHours: backups.scheduleMs > 0 ? backups.scheduleMs / 3600_000 : null,
          keep: backups.keep,
          runs: await presentAll(await backups.list(50)),
        };
      },
    );

    app.post(
      '/api/v1/console/backups',
      {
        schema: {
          tags: ['console'],
          summary: '立即备份: starts a backup and answers with it (status running); poll the list for its end',
          response: { 202: BackupRun, ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await requireOperator(req);
        const { run } = await backups.startBackUp({ kind: 'console', staffAccountId: ctx.accountId });
        await staff.auditStaff(ctx.accountId, 'console.backup.run', 'success', { backupId: run.id }, req.id);
        reply.code(202);
        return (await presentAll([run]))[0] as BackupRun;
      },
    );

    app.post(
      '/api/v1/console/backups/:id/verify',
      {
        schema: {
          tags: ['console'],
          summary: '校验: read a kept backup file back in full (its tag and checksums) and record the result',
          params: BackupRunParams,
          response: { 200: BackupRun, ...problems, 409: Problem },
        },
      },
      async (req) => {
        const ctx = await requireOperator(req);
        const run = await backups.find(req.params.id);
        if (run?.kind !== 'backup') throw new AppError('BACKUP_NOT_FOUND', '未找到这份备份，请刷新列表后重试。');
        if (run.status !== 'succeeded' || run.pruned_at) {
          throw new AppError(
            'BACKUP_NOT_VERIFIABLE',
            run.pruned_at ? '这份备份的文件已按保留规则删除，无法校验。' : '只能校验已成功完成的备份。',
          );
        }
        const result = await backups.verify(run);
        await staff.auditStaff(ctx.accountId, 'console.backup.verify', 'success', { backupId: run.id, result }, req.id);
        return (await presentAll([(await backups.find(run.id)) as BackupRunRow]))[0] as BackupRun;
      },
    );
  };
