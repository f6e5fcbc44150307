import { ConsoleAuditChain, ConsoleAuditPage, ConsoleAuditQuery, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import type { StaffService } from '../staff/index.js';
import type { AuditLog, AuditRecord } from './audit-log.js';

/** The department that runs the platform: its auditors read the whole log. */
const PLATFORM_DEPARTMENT_ID = 'gd-government-services-data';
const PAGE_SIZE = 50;
const problems = { 400: Problem, 401: Problem, 403: Problem };

/** A short, non-identifying form of an account id for the table (the full id is in the entry's detail view). */
const shortId = (id: string | null) => (id ? `${id.slice(0, 8)}…` : null);

/** A China date's start as an instant (UTC+8, no daylight saving). */
const chinaDayStart = (date: string, addDays = 0) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + addDays * 86_400_000);

export interface AuditConsoleDeps {
  db: Db;
  audit: AuditLog;
  staff: StaffService;
  catalog: CatalogService;
}

/**
 * 审计日志 for 审计人员 (`audit.read`): the platform operator's auditors read every entry; another department's
 * auditors read the entries about their department's services and by their department's staff. A grant must be
 * province-wide (entries carry no city). Reading the log, and checking its chain, are audited too.
 */
export const auditConsoleRoutes =
  ({ db, audit, staff, catalog }: AuditConsoleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const openLog = async (req: Parameters<StaffService['requireStaff']>[0], departmentId: string | undefined) => {
      const ctx = await staff.requireStaff(req, 'audit.read', departmentId ? { departmentId } : {});
      const provinceWide = ctx.allowed.filter((g) => g.cityCode === null);
      const grant = provinceWide.find((g) => g.departmentId === PLATFORM_DEPARTMENT_ID) ?? provinceWide[0];
      if (!grant) {
        throw new AppError('FORBIDDEN', '审计日志按部门查看，需要全省范围的审计权限。如需开通，请联系本部门管理员。');
      }
      return { ctx, departmentId: grant.departmentId };
    };

    const reachOf = async (departmentId: string) => {
      if (departmentId === PLATFORM_DEPARTMENT_ID) return undefined;
      const staffIds = await db
        .selectFrom('staff_role_grants')
        .select('account_id')
        .distinct()
        .where('department_id', '=', departmentId)
        .execute();
      return {
        serviceIds: catalog.current.serviceIdsOfDepartment(departmentId),
        staffIds: staffIds.map((r) => r.account_id),
      };
    };

    app.get(
      '/api/v1/console/audit',
      {
        schema: {
          tags: ['console'],
          summary: '审计日志: entries newest first, 50 a page (before = the previous page’s nextBefore), filtered',
          querystring: ConsoleAuditQuery,
          response: { 200: ConsoleAuditPage, ...problems },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const { ctx, departmentId } = await openLog(req, q.departmentId);
        const rows = await audit.listPage({
          limit: PAGE_SIZE + 1,
          before: q.before,
          actionPrefix: q.action || undefined,
          result: q.result,
          actorKind: q.actorKind,
          from: q.from ? chinaDayStart(q.from) : undefined,
          to: q.to ? chinaDayStart(q.to, 1) : undefined,
          reach: await reachOf(departmentId),
        });
        const page = rows.slice(0, PAGE_SIZE);
        const staffIds = page.filter((r) => r.actorKind === 'staff' && r.actorAccountId).map((r) => r.actorAccountId);
        const names = await staff.displayNames(staffIds as string[]);
        await staff.auditStaff(
          ctx.accountId,
          'console.audit.read',
          'success',
          { departmentId, filter: { ...q }, entries: page.length },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return {
          departmentId,
          departmentName: catalog.current.departmentName(departmentId),
          scope: departmentId === PLATFORM_DEPARTMENT_ID ? ('platform' as const) : ('department' as const),
          entries: page.map((r) => present(r, names)),
          nextBefore: rows.length > PAGE_SIZE ? (page[page.length - 1]?.seq ?? null) : null,
        };
      },
    );

    app.post(
      '/api/v1/console/audit/chain-check',
      {
        schema: {
          tags: ['console'],
          summary: '审计日志完整性校验: recompute the whole hash chain (platform auditors only)',
          body: z.object({}).strict().optional(),
          response: { 200: ConsoleAuditChain, ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await staff.requireStaff(req, 'audit.read', { departmentId: PLATFORM_DEPARTMENT_ID });
        if (!ctx.allowed.some((g) => g.cityCode === null)) {
          throw new AppError('FORBIDDEN', '审计日志完整性校验需要全省范围的审计权限。');
        }
        const { firstBroken, checked } = await audit.checkChain();
        await staff.auditStaff(
          ctx.accountId,
          'console.audit.chain-check',
          firstBroken === null ? 'success' : 'failure',
          { checkedEntries: checked, firstBrokenSeq: firstBroken },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return {
          intact: firstBroken === null,
          firstBrokenSeq: firstBroken,
          checkedEntries: checked,
          checkedAt: new Date().toISOString(),
        };
      },
    );
  };

function present(r: AuditRecord, staffNames: Map<string, string>) {
  const actorKind = r.actorKind as ConsoleAuditPage['entries'][number]['actorKind'];
  const actor =
    actorKind === 'staff' && r.actorAccountId
      ? (staffNames.get(r.actorAccountId) ?? shortId(r.actorAccountId) ?? '工作人员')
      : actorKind === 'system'
        ? '系统'
        : actorKind === 'anonymous'
          ? '未登录用户'
          : (shortId(r.actorAccountId) ?? '—');
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    action: r.action,
    result: r.result,
    actorKind,
    actor,
    subject: shortId(r.subjectAccountId),
    what: typeof r.detail.what === 'string' ? r.detail.what : null,
    detail: r.detail,
  };
}
