import {
  ConsoleWorkCalendarEntry,
  ConsoleWorkCalendarQuery,
  ConsoleWorkCalendarYear,
  HOLIDAY_NOTICES,
  Problem,
  PutWorkCalendarDayInput,
  WORK_DAY_KIND_LABELS,
  WorkCalendarDateParams,
  WorkCalendarQuery,
  WorkCalendarRange,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import { grantCovers, type StaffService } from '../staff/index.js';
import { presentEntry, type WorkCalendar, type WorkCalendarEntry } from './work-calendar.js';

/** The platform's operator (广东省政务服务数据管理局): its province-wide 事项管理员 keep the calendar. */
export const CALENDAR_DEPARTMENT_ID = 'gd-government-services-data';
const PERMISSION = 'catalog.edit';

export interface WorkCalendarRoutesDeps {
  calendar: WorkCalendar;
  staff: StaffService;
  /** Public reads per minute per client address. */
  perMinute?: number;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const describeEntry = (e: WorkCalendarEntry | undefined) =>
  e
    ? {
        kind: e.kind,
        label: `${e.holidayName}${WORK_DAY_KIND_LABELS[e.kind]}${e.statutory ? '（法定节假日）' : ''}`,
        note: e.note,
        source: e.source,
      }
    : null;

/**
 * 工作日历: the public read (anyone, rate-limited: which days are holidays is no one's personal data) and the
 * console's 工作日历 — listed by any 事项管理员 (catalog.edit), changed only under a province-wide catalog.edit grant
 * of the platform's operator (FORBIDDEN otherwise, audited). Every change is audited with the day before and after.
 */
export const workCalendarRoutes =
  (d: WorkCalendarRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/work-calendar',
      {
        config: { rateLimit: { max: d.perMinute ?? 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['work-calendar'],
          summary:
            '工作日历: every date from `from` to `to` (at most 366) as workday, restday, holiday (with its festival ' +
            'and whether it is the 法定节假日 itself) or makeup-workday (调休上班)',
          querystring: WorkCalendarQuery,
          response: { 200: WorkCalendarRange, 400: Problem, 429: Problem },
        },
      },
      async (req, reply) => {
        const calendar = await d.calendar.fresh();
        reply.header('cache-control', 'public, max-age=300');
        return calendar.range(req.query.from, req.query.to);
      },
    );

    /** The caller allowed to change the calendar (FORBIDDEN, audited, otherwise). */
    async function requireEditor(req: FastifyRequest, date: string) {
      const ctx = await d.staff.requireStaff(req, PERMISSION);
      const scope = { departmentId: CALENDAR_DEPARTMENT_ID, cityCode: null };
      if (!ctx.allowed.some((g) => grantCovers(g, scope))) {
        await d.staff.auditStaff(
          ctx.accountId,
          'access.denied.staff',
          'denied',
          { permission: PERMISSION, reason: 'no-grant', route: req.routeOptions.url, date, ...scope },
          req.id,
        );
        throw new AppError(
          'FORBIDDEN',
          '工作日历由省政务服务数据管理局的全省事项管理员维护，您没有修改权限。如需开通，请联系管理员。',
        );
      }
      return ctx;
    }

    app.get(
      '/api/v1/console/work-calendar',
      {
        schema: {
          tags: ['console'],
          summary: "工作日历: a year's holidays and 调休上班 days as stored (other dates follow Monday–Friday)",
          querystring: ConsoleWorkCalendarQuery,
          response: { 200: ConsoleWorkCalendarYear, ...problems },
        },
      },
      async (req, reply) => {
        await d.staff.requireStaff(req, PERMISSION);
        const calendar = await d.calendar.fresh();
        const entries = calendar.entriesOf(req.query.year);
        const names = await d.staff.displayNames(entries.flatMap((e) => (e.updatedBy ? [e.updatedBy] : [])));
        const notice = HOLIDAY_NOTICES.find((n) => n.year === req.query.year);
        reply.header('cache-control', 'no-store');
        return {
          year: req.query.year,
          entries: entries.map((e) => presentEntry(e, names)),
          notice: notice ? { title: notice.title, issuedOn: notice.issuedOn, url: notice.url } : null,
          provisional: !notice && calendar.isProvisional(req.query.year),
        };
      },
    );

    app.put(
      '/api/v1/console/work-calendar/:date',
      {
        schema: {
          tags: ['console'],
          summary:
            '设置某日: a holiday (放假, statutory or not) or a 调休上班 Saturday/Sunday, with its festival; replaces what ' +
            'the date had',
          params: WorkCalendarDateParams,
          body: PutWorkCalendarDayInput,
          response: { 200: ConsoleWorkCalendarEntry, ...problems },
        },
      },
      async (req, reply) => {
        const { date } = req.params;
        const ctx = await requireEditor(req, date);
        const { before, after } = await d.calendar.put(date, req.body, ctx.accountId);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.work-calendar.put',
          'success',
          { date, before: describeEntry(before), after: describeEntry(after) },
          req.id,
        );
        const names = await d.staff.displayNames([ctx.accountId]);
        reply.header('cache-control', 'no-store');
        return presentEntry(after, names);
      },
    );

    app.delete(
      '/api/v1/console/work-calendar/:date',
      {
        schema: {
          tags: ['console'],
          summary: '删除某日的安排: the date follows the weekday rule again (Monday–Friday work)',
          params: WorkCalendarDateParams,
          response: { 204: z.null().meta({ description: 'Deleted' }), ...problems },
        },
      },
      async (req, reply) => {
        const { date } = req.params;
        const ctx = await requireEditor(req, date);
        const before = await d.calendar.remove(date);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.work-calendar.delete',
          'success',
          { date, before: describeEntry(before) },
          req.id,
        );
        return reply.code(204).send(null);
      },
    );
  };
