import {
  ConsoleFeedbackItem,
  ConsoleFeedbackQuery,
  ConsoleFeedbackStatusInput,
  type FeedbackStatus,
  findCity,
  Problem,
  RevealedFeedbackContent,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import { containsPersonalNumbers, type FieldCipher, maskNumbersInText } from '../privacy/index.js';
import type { StaffService } from '../staff/index.js';
import { type FeedbackScope, findFeedback, listFeedbackInScopes, setFeedbackStatus } from './repository.js';
import { openContent } from './stored-content.js';

/**
 * Feedback given without a service is about the platform itself: it belongs to the department that runs
 * the platform (广东省政务服务数据管理局), not to every department.
 */
export const PLATFORM_DEPARTMENT_ID = 'gd-government-services-data';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

type FeedbackRow = NonNullable<Awaited<ReturnType<typeof findFeedback>>>;

export interface FeedbackConsoleDeps {
  db: Db;
  cipher: FieldCipher;
  catalog: CatalogService;
  staff: StaffService;
}

/** 意见反馈 in the console: 客服 of a department and city see and answer only their own feedback. */
export const feedbackConsoleRoutes =
  ({ db, cipher, catalog, staff }: FeedbackConsoleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const departmentOf = (row: { service_id: string | null }) =>
      row.service_id
        ? (catalog.current.findService(row.service_id)?.department_id ?? PLATFORM_DEPARTMENT_ID)
        : PLATFORM_DEPARTMENT_ID;
    const present = (row: FeedbackRow): ConsoleFeedbackItem => {
      const departmentId = departmentOf(row);
      const content = openContent(cipher, row);
      return {
        id: row.id,
        category: row.category as ConsoleFeedbackItem['category'],
        // Citizens type their phone or ID number into the message: masked like the fields, in full only through
        // the audited 显示 below.
        content: maskNumbersInText(content),
        contentMasked: containsPersonalNumbers(content),
        // masked only: the encrypted contact never leaves the database through the console
        contactMasked: row.contact_masked,
        serviceId: row.service_id,
        serviceName: row.service_id ? (catalog.current.findService(row.service_id)?.name ?? null) : null,
        departmentId,
        departmentName: catalog.current.departmentName(departmentId),
        cityCode: row.city_code,
        cityName: row.city_code ? (findCity(row.city_code)?.name ?? null) : null,
        status: row.status as FeedbackStatus,
        createdAt: row.created_at.toISOString(),
      };
    };

    app.get(
      '/api/v1/console/feedback',
      {
        schema: {
          tags: ['console'],
          summary: '意见反馈 of the departments and cities the caller’s 客服 grants cover (newest first, 200 at most)',
          querystring: ConsoleFeedbackQuery,
          response: { 200: z.array(ConsoleFeedbackItem), ...problems },
        },
      },
      async (req) => {
        const { cityCode, status } = req.query;
        // Asking for a city no grant covers is refused (and audited), not answered with an empty list.
        const ctx = await staff.requireStaff(req, 'feedback.read', cityCode ? { cityCode } : {});
        const scopes: FeedbackScope[] = ctx.allowed.map((g) => ({
          serviceIds: catalog.current.serviceIdsOfDepartment(g.departmentId),
          includeWithoutService: g.departmentId === PLATFORM_DEPARTMENT_ID,
          cityCode: g.cityCode,
        }));
        const rows = await listFeedbackInScopes(db, scopes, { cityCode, status });
        await staff.auditStaff(
          ctx.accountId,
          'console.feedback.list',
          'success',
          { cityCode: cityCode ?? null, status: status ?? null, count: rows.length },
          req.id,
        );
        return rows.map(present);
      },
    );

    app.post(
      '/api/v1/console/feedback/:id/content/reveal',
      {
        schema: {
          tags: ['console'],
          summary:
            '显示: the whole text of one 意见反馈 whose phone or ID numbers are masked (feedback.read, same scope as ' +
            'the list; audited console.feedback.reveal, never the text)',
          params: z.object({ id: z.uuid('反馈编号无效') }),
          response: { 200: RevealedFeedbackContent, ...problems },
        },
      },
      async (req, reply) => {
        const row = await findFeedback(db, req.params.id);
        // Only a caller who may read some feedback learns whether this one exists.
        if (!row) {
          const ctx = await staff.requireStaff(req, 'feedback.read');
          await staff.auditStaff(
            ctx.accountId,
            'console.feedback.reveal',
            'failure',
            { feedbackId: req.params.id, reason: 'NOT_FOUND' },
            req.id,
          );
          throw new AppError('NOT_FOUND', '找不到这条反馈，可能已被删除。');
        }
        const ctx = await staff.requireStaff(req, 'feedback.read', {
          departmentId: departmentOf(row),
          cityCode: row.city_code,
        });
        const content = openContent(cipher, row);
        if (!containsPersonalNumbers(content)) {
          throw new AppError(
            'FEEDBACK_NOT_MASKED',
            '这条反馈已完整显示，只有隐藏显示的手机号码和身份证号码需要点击显示。',
          );
        }
        // Anonymous feedback has no account to show this in a 我的访问记录: the staff audit is the record.
        await staff.auditStaff(ctx.accountId, 'console.feedback.reveal', 'success', { feedbackId: row.id }, req.id);
        reply.header('cache-control', 'no-store');
        return { id: row.id, content };
      },
    );

    app.patch(
      '/api/v1/console/feedback/:id',
      {
        schema: {
          tags: ['console'],
          summary: 'Change the status of one 意见反馈 (same scope rule as the list)',
          params: z.object({ id: z.uuid('反馈编号无效') }),
          body: ConsoleFeedbackStatusInput,
          response: { 200: ConsoleFeedbackItem, ...problems },
        },
      },
      async (req) => {
        const row = await findFeedback(db, req.params.id);
        // Only a caller who may answer some feedback learns whether this one exists.
        if (!row) {
          await staff.requireStaff(req, 'feedback.answer');
          throw new AppError('NOT_FOUND', '找不到这条反馈，可能已被删除。');
        }
        const ctx = await staff.requireStaff(req, 'feedback.answer', {
          departmentId: departmentOf(row),
          cityCode: row.city_code,
        });
        const updated = await setFeedbackStatus(db, row.id, req.body.status);
        await staff.auditStaff(
          ctx.accountId,
          'console.feedback.status',
          'success',
          { feedbackId: row.id, from: row.status, to: updated.status },
          req.id,
        );
        return present(updated);
      },
    );
  };
