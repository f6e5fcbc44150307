import {
  CASE_ASSIGNMENT_CHANGES,
  ConsoleCaseActionInput,
  ConsoleCaseAssignable,
  ConsoleCaseAssignmentInput,
  ConsoleCaseDetail,
  ConsoleCaseNote,
  ConsoleCaseNoteInput,
  ConsoleCaseQuery,
  ConsoleCaseSummary,
  CaseEventSeq as EventSeq,
  findApplicationForm,
  Problem,
  RevealedCaseEventNote,
  RevealedCaseFormValue,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import type { FieldCipher } from '../privacy/index.js';
import { maskNumbersInText } from '../privacy/index.js';
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
  staffIdsOf,
  staffNameMasked,
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

    /** The case as the reviewer `me` sees it: the event log, files, 办理人 and 分派记录, 内部备注, staff named. */
    const detailOf = async (row: CaseRow, me: string) => {
      const [{ events, attachments, fulfilment }, assignments, notes] = await Promise.all([
        d.cases.eventsAndFiles(row.id),
        d.cases.listAssignments(row.id),
        d.cases.listNotes(row.id),
      ]);
      const names = await d.staff.displayNames([
        ...events.flatMap((e) => (e.actor_staff_id ? [e.actor_staff_id] : [])),
        ...staffIdsOf(row, assignments, notes),
      ]);
      const clock = await d.cases.limitClock();
      return presentConsoleDetail(d.cases.catalog, d.cipher, row, events, attachments, names, clock, fulfilment, {
        me,
        assignments,
        notes,
      });
    };

    /**
     * 分派: while the case is assigned to someone else, the caller takes no review step on it (they may re-assign it
     * to themself first: any reviewer in reach may). CASE_ASSIGNED_TO_OTHER names who handles it (王**).
     */
    async function requireNotHeldByOther(row: CaseRow, me: string) {
      if (!row.assignee_staff_id || row.assignee_staff_id === me) return;
      const names = await d.staff.displayNames([row.assignee_staff_id]);
      const who = staffNameMasked(names.get(row.assignee_staff_id));
      throw new AppError(
        'CASE_ASSIGNED_TO_OTHER',
        `该办件由 ${who} 办理中，不能由您办理。如需接手，请先将办件改派给自己（分派给…）。`,
      );
    }
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
        const { status, cityCode, serviceId, fulfilment, overdue, assigned } = req.query;
        // Asking for a city no grant covers is refused (and audited), as in 意见反馈.
        const ctx = await d.staff.requireStaff(req, 'application.review', cityCode ? { cityCode } : {});
        const clock = await d.cases.limitClock();
        const rows = await d.cases.listInScopes(
          ctx.allowed.map((g): repo.CaseScope => ({ departmentId: g.departmentId, cityCode: g.cityCode })),
          {
            status,
            cityCode,
            serviceId,
            fulfilment,
            overdueBefore: overdue ? clock.today : undefined,
            assignee: assigned === 'mine' ? { staffId: ctx.accountId } : assigned,
          },
        );
        const states = await d.cases.fulfilmentStates(rows.map((r) => r.id));
        const names = await d.staff.displayNames(rows.flatMap((r) => staffIdsOf(r)));
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
            assigned: assigned ?? null,
            count: rows.length,
          },
          req.id,
        );
        return rows.map((row) =>
          presentConsoleSummary(d.cases.catalog, d.cipher, row, clock, states.get(row.id) ?? null, {
            me: ctx.accountId,
            names,
          }),
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
        const detail = await detailOf(row, ctx.accountId);
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
      '/api/v1/console/cases/:id/events/:seq/note/reveal',
      {
        schema: {
          tags: ['console'],
          summary:
            '显示: the whole note of one step of the case’s log, its phone and ID numbers masked in the timeline ' +
            '(audited console.case.note.reveal with the step, never the text; the applicant sees it in 我的访问记录)',
          params: z.object({ id: z.string().max(100), seq: EventSeq }),
          response: { 200: RevealedCaseEventNote, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.note.reveal');
        const { seq } = req.params;
        const note = await d.cases.eventNote(row.id, seq);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.note.reveal',
          'success',
          { what: `${what(row)}（办理记录说明）`, caseId: row.id, caseNumber: row.case_number, seq },
          req.id,
          await subjectOf(row),
        );
        reply.header('cache-control', 'no-store');
        return { seq, note };
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
        const form = findApplicationForm(row.service_id);
        const inPerson = form?.collection === 'in_person';
        if (input.action === 'approve' && inPerson && !input.collection) {
          throw new AppError('VALIDATION_FAILED', '请填写领取地点和时间', [
            { path: 'collection', message: '请填写领取地点和时间' },
          ]);
        }
        // Where the approval's note is the answer (立即咨询), approving without one would tell the citizen nothing.
        if (input.action === 'approve' && form?.approvalReply && !input.note) {
          const message = `请填写${form.approvalReply.label}`;
          throw new AppError('VALIDATION_FAILED', message, [{ path: 'note', message }]);
        }
        try {
          await requireNotHeldByOther(row, ctx.accountId);
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
          return await detailOf(updated, ctx.accountId);
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
          await requireNotHeldByOther(row, ctx.accountId);
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
        return detailOf(row, ctx.accountId);
      },
    );

    app.get(
      '/api/v1/console/cases/:id/assignees',
      {
        schema: {
          tags: ['console'],
          summary:
            '分派给…: the reviewers the case can be handed to (active, a grant with application.review reaching its ' +
            'department and city), the caller included',
          params: CaseParams,
          response: { 200: z.array(ConsoleCaseAssignable), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.assignees');
        const staff = await d.staff.staffReaching('application.review', {
          departmentId: row.department_id,
          cityCode: row.city_code,
        });
        reply.header('cache-control', 'no-store');
        return staff.map((s) => ({
          staffId: s.id,
          nameMasked: staffNameMasked(s.displayName),
          username: s.username,
          me: s.id === ctx.accountId,
          current: s.id === row.assignee_staff_id,
        }));
      },
    );

    app.post(
      '/api/v1/console/cases/:id/assignment',
      {
        schema: {
          tags: ['console'],
          summary:
            '认领 (claim), 分派 (assign to a reviewer in reach, re-assigning included) or 退回待分派 (release), on the ' +
            'version the reviewer saw (CASE_CHANGED otherwise); the citizen’s case does not change',
          params: CaseParams,
          body: ConsoleCaseAssignmentInput,
          response: { 200: ConsoleCaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.assign');
        const input = req.body;
        const fail = async (code: string) =>
          d.staff.auditStaff(
            ctx.accountId,
            'console.case.assign',
            'failure',
            { caseId: row.id, change: input.change, assigneeId: input.assigneeId ?? null, reason: code },
            req.id,
            await subjectOf(row),
          );
        try {
          if (input.change === 'assign') {
            // Only to someone whose own grant reaches the case (the list of 分派给…); anyone else is refused.
            const reach = await d.staff.staffReaching('application.review', {
              departmentId: row.department_id,
              cityCode: row.city_code,
            });
            if (!reach.some((s) => s.id === input.assigneeId)) {
              throw new AppError(
                'CASE_ASSIGNEE_NOT_IN_REACH',
                '只能分派给本部门、本地区有办件审核权限的审核人员，请从列表中重新选择。',
                [{ path: 'assigneeId', message: '该人员不能办理此办件' }],
              );
            }
          }
          const updated = await d.cases.changeAssignment({
            caseId: row.id,
            actorStaffId: ctx.accountId,
            expectedVersion: input.version,
            to:
              input.change === 'assign'
                ? { change: 'assign', assigneeStaffId: input.assigneeId as string }
                : { change: input.change },
          });
          await d.staff.auditStaff(
            ctx.accountId,
            'console.case.assign',
            'success',
            {
              what: `${what(row)}（${CASE_ASSIGNMENT_CHANGES[input.change].label}）`,
              caseId: row.id,
              caseNumber: row.case_number,
              change: input.change,
              assigneeId: updated.assignee_staff_id,
              previousId: row.assignee_staff_id,
            },
            req.id,
            await subjectOf(row),
          );
          reply.header('cache-control', 'no-store');
          return await detailOf(updated, ctx.accountId);
        } catch (err) {
          if (err instanceof AppError) await fail(err.code);
          throw err;
        }
      },
    );

    app.post(
      '/api/v1/console/cases/:id/notes',
      {
        schema: {
          tags: ['console'],
          summary:
            '内部备注: a note on the case for the office (trimmed, 1–1000 characters), never shown to the citizen; ' +
            'audited console.case.note (without the text)',
          params: CaseParams,
          body: ConsoleCaseNoteInput,
          response: { 201: ConsoleCaseNote, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, row } = await openCase(req, req.params.id, 'console.case.note');
        const note = await d.cases.addNote({ caseId: row.id, authorStaffId: ctx.accountId, body: req.body.text });
        await d.staff.auditStaff(
          ctx.accountId,
          'console.case.note',
          'success',
          { what: what(row), caseId: row.id, caseNumber: row.case_number, noteId: note.id, length: note.body.length },
          req.id,
          await subjectOf(row),
        );
        const names = await d.staff.displayNames([ctx.accountId]);
        reply.code(201).header('cache-control', 'no-store');
        return {
          id: note.id,
          text: maskNumbersInText(note.body),
          authorNameMasked: staffNameMasked(names.get(ctx.accountId)),
          mine: true,
          createdAt: note.created_at.toISOString(),
        };
      },
    );
  };
