import {
  ConsoleCaseActionInput,
  ConsoleCaseDetail,
  ConsoleCaseQuery,
  ConsoleCaseSummary,
  findApplicationForm,
  Problem,
  RevealedCaseFormValue,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import type { FieldCipher } from '../privacy/index.js';
import { grantCovers, type StaffService } from '../staff/index.js';
import { openAttachment, sendAttachment } from './attachments.js';
import type { CaseService } from './case-service.js';
import type { CaseFulfilmentOutbox } from './fulfilment/outbox.js';
import {
  decryptForm,
  formFieldLabel,
  presentConsoleDetail,
  presentConsoleSummary,
  revealFormValue,
} from './present.js';
import type { CaseRow } from './repository.js';
import * as repo from './repository.js';

export interface CaseConsoleRoutesDeps {
  cases: CaseService;
  cipher: FieldCipher;
  staff: StaffService;
  /** The write-back outbox: a reviewer retries a failed one (重新发证). */
  fulfilment: CaseFulfilmentOutbox;
  /** 为他人办理: the principal's account, if they have one (the audit's subject: the data is theirs). */
  accountOfPerson: (personId: string) => Promise<string | null>;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
// Any short string: an id outside the caller's reach (malformed ones included) is CASE_NOT_FOUND.
const CaseParams = z.object({ id: z.string().max(100) });
const NOT_FOUND = '找不到该办件，或该办件不属于您的审核范围。';

/**
 * 办件审核 in the console: reviewers (application.review) of a department and city see and handle only that
 * department's cases in that city. A case outside the caller's grants reads as absent (CASE_NOT_FOUND), so ids
 * reveal nothing; a caller without the permission at all is refused FORBIDDEN. Every access is audited, with the
 * applicant as subject (their 我的访问记录 shows that staff opened their case).
 */
export const caseConsoleRoutes =
  (d: CaseConsoleRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /**
     * Whose 我的访问记录 shows a staff access: the applicant's. A case made for someone else is held by the agent's
     * account, but the form, the files and the ID number are the principal's: their account when they have one.
     */
    async function subjectOf(row: CaseRow): Promise<string> {
      if (!row.principal_person_id) return row.account_id;
      return (await d.accountOfPerson(row.principal_person_id)) ?? row.account_id;
    }

    /** The caller (with the permission somewhere) and the case, if one of their grants covers it. */
    async function openCase(req: FastifyRequest, id: string, what: string) {
      const ctx = await d.staff.requireStaff(req, 'application.review');
      const row = await d.cases.findCase(id);
      const covered =
        row && ctx.allowed.some((g) => grantCovers(g, { departmentId: row.department_id, cityCode: row.city_code }));
      if (!row || !covered) {
        await d.staff.auditStaff(
          ctx.accountId,
          what,
          'denied',
          { caseId: id, reason: row ? 'scope' : 'missing' },
          req.id,
          // Someone outside the scope tried: the applicant may see that in their access log too.
          row ? await subjectOf(row) : null,
        );
        throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
      }
      return { ctx, row };
    }

    const detailOf = async (row: CaseRow) => {
      const { events, attachments, fulfilment } = await d.cases.eventsAndFiles(row.id);
      const names = await d.staff.displayNames(events.flatMap((e) => (e.actor_staff_id ? [e.actor_staff_id] : [])));
      const clock = await d.cases.limitClock();
      return presentConsoleDetail(d.cases.catalog, d.cipher, row, events, attachments, names, clock, fulfilment);
    };
    const what = (row: CaseRow) => d.cases.catalog.findService(row.service_id)?.name ?? row.service_id;

    app.get(
      '/api/v1/console/cases',
      {
        schema: {
          tags: ['console'],
          summary:
            '办件审核 queue: cases of the departments and cities the caller’s grants cover (oldest first, 200 at most)',
          querystring: ConsoleCaseQuery,
          response: { 200: z.array(ConsoleCaseSummary), ...problems },
        },
      },
      async (req) => {
        const { status, cityCode, serviceId, fulfilment, overdue } = req.query;
        // Asking for a city no grant covers is refused (and audited), as in 意见反馈.
        const ctx = await d.staff.requireStaff(req, 'application.review', cityCode ? { cityCode } : {});
        const clock = await d.cases.limitClock();
        const rows = await d.cases.listInScopes(
          ctx.allowed.map((g): repo.CaseScope => ({ departmentId: g.departmentId, cityCode: g.cityCode })),
          { status, cityCode, serviceId, fulfilment, overdueBefore: overdue ? clock.today : undefined },
        );
        const states = await d.cases.fulfilmentStates(rows.map((r) => r.id));
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.list',
          'success',
          {
            status: status ?? null,
            cityCode: cityCode ?? null,
            serviceId: serviceId ?? null,
            fulfilment: fulfilment ?? null,
            overdue: overdue ?? null,
            count: rows.length,
          },
          req.id,
        );
        return rows.map((row) =>
          presentConsoleSummary(d.cases.catalog, d.cipher, row, clock, states.get(row.id) ?? null),
        );
      },
    );

    app.get(
      '/api/v1/console/cases/:id',
      {
        schema: {
          tags: ['console'],
          summary:
            '办件详情 for the reviewer: applicant’s name, masked ID number, form, files, timeline with staff names',
          params: CaseParams,
          response: { 200: ConsoleCaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.read');
        const detail = await detailOf(row);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.read',
          'success',
          { what: what(row), caseId: row.id, caseNumber: row.case_number },
          req.id,
          await subjectOf(row),
        );
        reply.header('cache-control', 'no-store');
        return detail;
      },
    );

    app.get(
      '/api/v1/console/cases/:id/attachments/:attachmentId',
      {
        schema: {
          tags: ['console'],
          summary: '查看材料: one file of the case (bytes; audited)',
          params: z.object({ id: z.string().max(100), attachmentId: z.string().max(100) }),
          response: problems,
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.attachment');
        const file = await repo.findCaseAttachment(d.cases.db, row.id, req.params.attachmentId);
        if (!file) throw new AppError('ATTACHMENT_NOT_FOUND', '该办件中没有这份材料。');
        const bytes = openAttachment(d.cipher, file);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.attachment',
          'success',
          { what: what(row), caseId: row.id, attachmentId: file.id, slot: file.slot },
          req.id,
          await subjectOf(row),
        );
        return sendAttachment(reply, file, bytes);
      },
    );

    app.post(
      '/api/v1/console/cases/:id/form/:field/reveal',
      {
        schema: {
          tags: ['console'],
          summary:
            '显示: one phone or ID number of the case’s form in full (audited console.case.form.reveal with the ' +
            'field, never the value; the applicant sees it in 我的访问记录)',
          params: z.object({ id: z.string().max(100), field: z.string().max(100) }),
          response: { 200: RevealedCaseFormValue, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.form.reveal');
        const { field } = req.params;
        let value: string;
        try {
          value = revealFormValue(row.service_id, decryptForm(d.cipher, row), field);
        } catch (err) {
          if (err instanceof AppError) {
            await d.staff.auditStaff(
              ctx.accountId,
              'console.case.form.reveal',
              'failure',
              { caseId: row.id, field, reason: err.code },
              req.id,
              await subjectOf(row),
            );
          }
          throw err;
        }
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.form.reveal',
          'success',
          {
            what: `${what(row)}（${formFieldLabel(row.service_id, field)}）`,
            caseId: row.id,
            caseNumber: row.case_number,
            field,
          },
          req.id,
          await subjectOf(row),
        );
        reply.header('cache-control', 'no-store');
        return { name: field, value };
      },
    );

    app.post(
      '/api/v1/console/cases/:id/actions',
      {
        schema: {
          tags: ['console'],
          summary:
            '办理: 受理, 要求补正, 审核通过 (with 领取地点/时间), 不予办理, 办结 — on the version the reviewer saw ' +
            '(CASE_CHANGED otherwise); the applicant gets a 消息',
          params: CaseParams,
          body: ConsoleCaseActionInput,
          response: { 200: ConsoleCaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.action');
        const input = req.body;
        // A result collected in person needs the place and hours the applicant is told; other forms have none.
        const inPerson = findApplicationForm(row.service_id)?.collection === 'in_person';
        if (input.action === 'approve' && inPerson && !input.collection) {
          throw new AppError('VALIDATION_FAILED', '请填写领取地点和时间', [
            { path: 'collection', message: '请填写领取地点和时间' },
          ]);
        }
        try {
          const updated = await d.cases.act({
            caseId: row.id,
            actor: { kind: 'staff', staffId: ctx.accountId },
            action: input.action,
            expectedVersion: input.version,
            note: input.note ?? null,
            collection: input.action === 'approve' && inPerson ? (input.collection ?? null) : null,
          });
          await d.staff.auditStaff(
            ctx.accountId,
            'console.case.action',
            'success',
            { what: what(row), caseId: row.id, caseNumber: row.case_number, caseAction: input.action },
            req.id,
            await subjectOf(row),
          );
          reply.header('cache-control', 'no-store');
          return await detailOf(updated);
        } catch (err) {
          if (err instanceof AppError) {
            await d.staff.auditStaff(
              ctx.accountId,
              'console.case.action',
              'failure',
              { caseId: row.id, caseAction: input.action, reason: err.code },
              req.id,
              await subjectOf(row),
            );
          }
          throw err;
        }
      },
    );

    app.post(
      '/api/v1/console/cases/:id/fulfilment/retry',
      {
        schema: {
          tags: ['console'],
          summary:
            '重新发证: hand a failed write-back (发证失败) to the department again (CASE_FULFILMENT_NOT_RETRYABLE otherwise)',
          params: CaseParams,
          response: { 200: ConsoleCaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.fulfilment.retry');
        try {
          await d.fulfilment.retry(row.id, ctx.accountId);
        } catch (err) {
          if (err instanceof AppError) {
            await d.staff.auditStaff(
              ctx.accountId,
              'console.case.fulfilment.retry',
              'failure',
              { caseId: row.id, reason: err.code },
              req.id,
              await subjectOf(row),
            );
          }
          throw err;
        }
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.fulfilment.retry',
          'success',
          { what: what(row), caseId: row.id, caseNumber: row.case_number },
          req.id,
          await subjectOf(row),
        );
        reply.header('cache-control', 'no-store');
        return detailOf(row);
      },
    );
  };
