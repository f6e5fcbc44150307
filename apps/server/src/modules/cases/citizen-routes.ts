import {
  ActingQuery,
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  EligibilityAnswer,
  EligibilityQuery,
  CaseEventSeq as EventSeq,
  Problem,
  RevealedCaseEventNote,
  RevealedCaseFormValue,
  SubmitCaseInput,
  SupplementCaseInput,
  WithdrawCaseInput,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { FieldCipher } from '../privacy/index.js';
import { eligibilityAnswer, type Viewer } from '../shared/index.js';
import type { CaseService } from './case-service.js';
import type { CitizenGate } from './citizen-gate.js';
import { decryptForm, formFieldLabel, presentDetail, presentSummary, revealFormValue } from './present.js';
import type { CaseRow } from './repository.js';

export interface CaseCitizenRoutesDeps {
  db: Db;
  cipher: FieldCipher;
  cases: CaseService;
  gate: CitizenGate;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
// Any short string: an id that is not one of the caller's cases (malformed ones included) is CASE_NOT_FOUND.
const Params = z.object({ id: z.string().max(100) });
// A field name the case's form does not have is CASE_FORM_FIELD_NOT_FOUND.
const FieldParams = z.object({ id: z.string().max(100), field: z.string().max(100) });
const EventParams = z.object({ id: z.string().max(100), seq: EventSeq });
const NOT_FOUND = '找不到该办件，请返回我的办件重新查看。';

/** 我的办件: the applicant submits, follows, withdraws and supplements their own applications. */
export const caseCitizenRoutes =
  (d: CaseCitizenRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const detailOf = async (row: CaseRow, viewer: Viewer) => {
      const { events, attachments, fulfilment } = await d.cases.eventsAndFiles(row.id);
      const clock = await d.cases.limitClock();
      return presentDetail(d.cases.catalog, d.cipher, row, events, attachments, viewer, clock, fulfilment);
    };
    const whatOf = (row: CaseRow) => d.cases.catalog.findService(row.service_id)?.name ?? row.service_id;

    app.post(
      '/api/v1/me/cases',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary:
            '提交申请: the form and the uploaded files of a service that takes applications online (fresh verification; ' +
            'a repeated submissionId answers 200 with the first case)',
          querystring: ActingQuery,
          body: SubmitCaseInput,
          response: { 200: CaseDetail, 201: CaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const input = req.body;
        // The catalog's answers first: whether this service takes applications here is public knowledge.
        const form = d.cases.requireForm(input.serviceId, input.city);
        // For someone else (`?for=`) only on a 本人或为他人办理 service, with an active delegation covering it: the
        // principal is then the applicant (their identity from the register) and the rules are theirs.
        const { ctx, viewer, applicant } = await d.gate.openApplicant(
          req,
          'cases.submit',
          req.query.for,
          input.serviceId,
        );
        reply.header('cache-control', 'no-store');
        const repeat = await d.cases.findBySubmission(ctx.accountId, input.submissionId);
        if (repeat) return reply.code(200).send(await detailOf(repeat, viewer));
        const values = d.cases.parseForm(form, input.form);
        await d.cases.checkEligibility({ serviceId: input.serviceId, applicant, city: input.city, form: values });
        const slots = await d.cases.checkAttachments(ctx.accountId, form, input.attachments, { requireRequired: true });
        const { row, created } = await d.cases.submit({
          accountId: ctx.accountId,
          applicant,
          serviceId: input.serviceId,
          city: input.city,
          submissionId: input.submissionId,
          form: values,
          slots,
        });
        if (created) {
          await d.gate.recordFor(ctx, applicant, `application.${row.service_id}`, {
            what: whatOf(row),
            serviceId: row.service_id,
            caseId: row.id,
            caseNumber: row.case_number,
          });
        }
        return reply.code(created ? 201 : 200).send(await detailOf(row, viewer));
      },
    );

    app.get(
      '/api/v1/me/cases/eligibility',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary:
            '是否可以申请: the service’s eligibility rule run for the applicant (the caller, or with ?for= the ' +
            'delegation’s principal) before the form is filled; the submission checks again',
          querystring: EligibilityQuery,
          response: { 200: EligibilityAnswer, ...problems, 503: Problem },
        },
      },
      async (req, reply) => {
        const { serviceId, city } = req.query;
        d.cases.requireForm(serviceId, city);
        const { ctx, applicant } = await d.gate.openApplicant(req, 'cases.eligibility', req.query.for, serviceId);
        reply.header('cache-control', 'no-store');
        const answer = await eligibilityAnswer(serviceId, applicant, () =>
          d.cases.checkEligibility({ serviceId, applicant, city, form: null }),
        );
        await d.gate.recordFor(ctx, applicant, 'application.eligibility', {
          what: d.cases.catalog.findService(serviceId)?.name ?? serviceId,
          serviceId,
          eligible: answer.eligible,
        });
        return answer;
      },
    );

    app.get(
      '/api/v1/me/cases',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary: '我的办件: the applicant’s cases, newest first (optionally of one service)',
          querystring: CaseListQuery.extend(ActingQuery.shape),
          response: { 200: z.array(CaseSummary), ...problems },
        },
      },
      async (req, reply) => {
        const { viewer } = await d.gate.open(req, 'cases.list', req.query.for);
        const rows = await d.cases.listVisibleCases(viewer, req.query.serviceId);
        const clock = await d.cases.limitClock();
        reply.header('cache-control', 'no-store');
        return rows.map((row) => presentSummary(d.cases.catalog, row, decryptForm(d.cipher, row), viewer, clock));
      },
    );

    app.get(
      '/api/v1/me/cases/:id',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary: '办件详情: the form, files, timeline, status and what the applicant can do now (audited case.read)',
          params: Params,
          querystring: ActingQuery,
          response: { 200: CaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'cases.read', req.query.for);
        const row = await d.cases.findVisibleCase(viewer, req.params.id);
        if (!row) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
        const detail = await detailOf(row, viewer);
        await d.gate.recordOn(ctx, row, 'case.read', {
          what: whatOf(row),
          caseId: row.id,
          caseNumber: row.case_number,
        });
        reply.header('cache-control', 'no-store');
        return detail;
      },
    );

    app.post(
      '/api/v1/me/cases/:id/form/:field/reveal',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary:
            '显示: one phone or ID number of the case’s form in full, to either of the case’s people (fresh ' +
            'verification; audited case.form.reveal with the field, never the value)',
          params: FieldParams,
          querystring: ActingQuery,
          response: { 200: RevealedCaseFormValue, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'cases.form.reveal', req.query.for);
        const row = await d.cases.findVisibleCase(viewer, req.params.id);
        if (!row) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
        const { field } = req.params;
        const value = revealFormValue(row.service_id, decryptForm(d.cipher, row), field);
        await d.gate.recordOn(ctx, row, 'case.form.reveal', {
          what: `${whatOf(row)}（${formFieldLabel(row.service_id, field)}）`,
          caseId: row.id,
          caseNumber: row.case_number,
          field,
        });
        reply.header('cache-control', 'no-store');
        return { name: field, value };
      },
    );

    app.post(
      '/api/v1/me/cases/:id/events/:seq/note/reveal',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary:
            '显示: the whole note of one step of the case’s log (补正原因, 撤回原因 …: its phone and ID numbers ' +
            'masked in the timeline), to either of the case’s people (fresh verification; audited case.note.reveal ' +
            'with the step, never the text)',
          params: EventParams,
          querystring: ActingQuery,
          response: { 200: RevealedCaseEventNote, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'cases.note.reveal', req.query.for);
        const row = await d.cases.findVisibleCase(viewer, req.params.id);
        if (!row) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
        const { seq } = req.params;
        const note = await d.cases.eventNote(row.id, seq);
        await d.gate.recordOn(ctx, row, 'case.note.reveal', {
          what: `${whatOf(row)}（办理记录说明）`,
          caseId: row.id,
          caseNumber: row.case_number,
          seq,
        });
        reply.header('cache-control', 'no-store');
        return { seq, note };
      },
    );

    app.post(
      '/api/v1/me/cases/:id/withdraw',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary: '撤回申请: while not yet decided (待受理 or 待补正)',
          params: Params,
          querystring: ActingQuery,
          body: WithdrawCaseInput,
          response: { 200: CaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'cases.withdraw', req.query.for);
        const row = await d.cases.act({
          caseId: req.params.id,
          viewer,
          actor: { kind: 'citizen', accountId: ctx.accountId },
          action: 'withdraw',
          note: req.body.reason ?? null,
        });
        await d.gate.recordOn(ctx, row, 'case.withdraw', {
          what: whatOf(row),
          caseId: row.id,
          caseNumber: row.case_number,
        });
        reply.header('cache-control', 'no-store');
        return detailOf(row, viewer);
      },
    );

    app.post(
      '/api/v1/me/cases/:id/supplement',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary: '补正材料: new files and/or a note while a supplement is requested; the case returns to 待受理',
          params: Params,
          querystring: ActingQuery,
          body: SupplementCaseInput,
          response: { 200: CaseDetail, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'cases.supplement', req.query.for);
        const current = await d.cases.findVisibleCase(viewer, req.params.id);
        if (!current) throw new AppError('CASE_NOT_FOUND', NOT_FOUND);
        // The status first: files sent to a case that asks for none are refused for that, not for the files.
        await d.cases.requireAllowed(current, 'supplement');
        const form = d.cases.formOf(current);
        const slots = await d.cases.checkAttachments(ctx.accountId, form, req.body.attachments, {
          requireRequired: false,
        });
        const note = req.body.note || null;
        if (!slots.length && !note) {
          throw new AppError('ATTACHMENT_REQUIRED', '请上传补正材料或填写补正说明。');
        }
        const row = await d.cases.act({
          caseId: current.id,
          viewer,
          actor: { kind: 'citizen', accountId: ctx.accountId },
          action: 'supplement',
          note,
          slots,
        });
        await d.gate.recordOn(ctx, row, 'case.supplement', {
          what: whatOf(row),
          caseId: row.id,
          caseNumber: row.case_number,
          files: slots.length,
        });
        reply.header('cache-control', 'no-store');
        return detailOf(row, viewer);
      },
    );
  };
