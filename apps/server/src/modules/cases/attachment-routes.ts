import type { IncomingMessage } from 'node:http';
import { ActingQuery, ATTACHMENT_MAX_BYTES, Attachment, Problem } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { perSessionRateLimit } from '../../http/rate-limit.js';
import type { FieldCipher } from '../privacy/index.js';
import { openAttachment, readUploadBody, sendAttachment, storeUpload, UPLOAD_CONTENT_TYPES } from './attachments.js';
import type { CitizenGate } from './citizen-gate.js';
import { presentAttachment } from './present.js';
import * as repo from './repository.js';

export interface AttachmentRoutesDeps {
  db: Db;
  cipher: FieldCipher;
  gate: CitizenGate;
  /** The citizen session cookie's name: uploads are rate-limited per session (one per account at a time). */
  sessionCookie: string;
  uploadsPerMinute?: number;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
// Any short string: an id that is not one of the caller's files (malformed ones included) is ATTACHMENT_NOT_FOUND.
const Params = z.object({ id: z.string().max(100) });
const NOT_FOUND = '找不到该材料，可能已删除或已过期，请重新上传。';

/**
 * The applicant's uploaded materials (身份证照片 …), before and after they become part of a case. Its own plugin:
 * the raw-body parsers registered here apply to these routes only, every other route stays JSON-only.
 */
export const caseAttachmentRoutes =
  (d: AttachmentRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // The file is the body. Any declared type is read as bytes, so a wrong one meets the sniffing check and is
    // answered ATTACHMENT_TYPE_NOT_ALLOWED in words about files, not the JSON-only 415 of the other routes.
    for (const type of [...UPLOAD_CONTENT_TYPES, '*']) {
      app.addContentTypeParser(type, (req: FastifyRequest, payload: IncomingMessage) => readUploadBody(req, payload));
    }

    app.post(
      '/api/v1/me/attachments',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        preParsing: async (req) => {
          await d.gate.requireVerified(req, 'cases.attachment.upload');
        },
        config: perSessionRateLimit(d.sessionCookie, 'upload', d.uploadsPerMinute ?? 30),
        schema: {
          tags: ['cases', 'personal'],
          summary:
            '上传材料: one JPG, PNG or PDF (≤ 5 MB) as the raw body (Content-Type image/jpeg, image/png or application/pdf; ' +
            'optional x-file-name, percent-encoded UTF-8); checked by its first bytes, stored encrypted',
          querystring: ActingQuery,
          response: { 201: Attachment, ...problems, 413: Problem, 415: Problem, 429: Problem },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'cases.attachment.upload', req.query.for);
        const row = await storeUpload(d.db, d.cipher, {
          accountId: ctx.accountId,
          body: req.body,
          declaredType: req.headers['content-type'],
          fileName: req.headers['x-file-name'],
        });
        await d.gate.record(ctx, 'case.attachment.upload', { what: '上传申请材料', attachmentId: row.id });
        reply.code(201).header('cache-control', 'no-store');
        return presentAttachment(row);
      },
    );

    app.get(
      '/api/v1/me/attachments/:id',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary:
            '查看材料: the file’s bytes, to its uploader and, in a case made for someone else, to both of its people (audited)',
          params: Params,
          querystring: ActingQuery,
          response: problems,
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'cases.attachment.read', req.query.for);
        // The uploader's file, or a file of a case made for someone else that the caller is one of the two people of.
        const row = await repo.findReadableAttachment(d.db, viewer, req.params.id);
        if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', NOT_FOUND);
        const bytes = openAttachment(d.cipher, row);
        const detail = { what: '查看申请材料', attachmentId: row.id, caseId: row.case_id };
        if (row.case_id && row.case_account_id && row.principal_person_id) {
          // The principal's material (their ID photo …): the agent opening it is audited with the principal as subject.
          await d.gate.recordOn(
            ctx,
            {
              account_id: row.case_account_id,
              principal_person_id: row.principal_person_id,
              delegation_id: row.delegation_id,
            },
            'case.attachment.read',
            detail,
          );
        } else {
          await d.gate.record(ctx, 'case.attachment.read', detail);
        }
        return sendAttachment(reply, row, bytes);
      },
    );

    app.delete(
      '/api/v1/me/attachments/:id',
      {
        schema: {
          tags: ['cases', 'personal'],
          summary: '删除材料: an upload not yet part of a case',
          params: Params,
          querystring: ActingQuery,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'cases.attachment.delete', req.query.for);
        const outcome = await repo.deleteUnattached(d.db, ctx.accountId, req.params.id);
        if (outcome === 'missing') throw new AppError('ATTACHMENT_NOT_FOUND', NOT_FOUND);
        if (outcome === 'attached') {
          // Part of a submitted case: the record the department reviews keeps it.
          throw new AppError('ATTACHMENT_INVALID', '该材料已随申请提交，不能删除。');
        }
        return reply.code(204).send(null);
      },
    );
  };
