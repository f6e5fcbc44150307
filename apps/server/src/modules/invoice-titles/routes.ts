import { randomUUID } from 'node:crypto';
import { ActingQuery, InvoiceTitle, InvoiceTitleInput, MAX_INVOICE_TITLES, Problem } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import type { FieldCipher } from '../privacy/index.js';

const SERVICE_ID = 'bianjie-kaipiao';
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const notFound = () => new AppError('INVOICE_TITLE_NOT_FOUND', '找不到该发票抬头。');
const IdParam = z.object({ id: z.string().max(64) });
/** A title's associated data, bound to the row's id. */
export const titleAad = (id: string) => `invoice_titles:${id}`;

type Stored = Omit<InvoiceTitle, 'id' | 'updatedAt'>;

/**
 * 便捷开票 (F5): the citizen's 发票抬头 (up to MAX_INVOICE_TITLES), saved encrypted; the app shows one as the QR
 * code of packages/contracts/src/invoice-titles.ts. Personal routes (fresh verification), audited.
 */
export const invoiceTitleRoutes =
  ({
    db,
    cipher,
    gate,
    audit,
  }: {
    db: Db;
    cipher: FieldCipher;
    gate: PersonalLookupGate;
    audit: AuditLog;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const open = async (req: FastifyRequest, forDelegation: string | undefined) => {
      const opened = await gate.open(req, { serviceId: SERVICE_ID, forDelegation });
      if (!opened.subject.self) throw new AppError('SERVICE_NOT_DELEGABLE', '便捷开票仅限本人使用。');
      return opened;
    };
    const record = (opened: Awaited<ReturnType<typeof open>>, action: string, detail: Record<string, unknown> = {}) =>
      audit.record({
        action,
        result: 'success',
        actorKind: 'citizen',
        actorAccountId: opened.ctx.accountId,
        subjectAccountId: opened.ctx.accountId,
        detail: { serviceId: SERVICE_ID, what: '便捷开票（发票抬头）', ...detail },
        requestId: opened.ctx.requestId,
      });
    const present = (r: { id: string; title_encrypted: string; updated_at: Date }): InvoiceTitle => ({
      id: r.id,
      ...(JSON.parse(cipher.decrypt(r.title_encrypted, titleAad(r.id))) as Stored),
      updatedAt: r.updated_at.toISOString(),
    });
    const seal = (id: string, t: InvoiceTitleInput) =>
      cipher.encrypt(
        JSON.stringify({
          kind: t.kind,
          name: t.name,
          taxId: t.taxId ?? null,
          address: t.address ?? null,
          phone: t.phone ?? null,
          bank: t.bank ?? null,
          account: t.account ?? null,
        } satisfies Stored),
        titleAad(id),
      );
    const own = async (accountId: string, id: string) => {
      if (!z.uuid().safeParse(id).success) throw notFound();
      const row = await db
        .selectFrom('invoice_titles')
        .selectAll()
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) throw notFound();
      return row;
    };

    app.get(
      '/api/v1/me/invoice-titles',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '便捷开票: the citizen’s saved 发票抬头, oldest first (fresh verification; audited)',
          querystring: ActingQuery,
          response: { 200: z.object({ items: z.array(InvoiceTitle), max: z.number() }), ...problems },
        },
      },
      async (req) => {
        const opened = await open(req, req.query.for);
        const rows = await db
          .selectFrom('invoice_titles')
          .selectAll()
          .where('account_id', '=', opened.ctx.accountId)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        await gate.recordRead(opened, SERVICE_ID);
        return { items: rows.map(present), max: MAX_INVOICE_TITLES };
      },
    );

    app.post(
      '/api/v1/me/invoice-titles',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '便捷开票: save a new 发票抬头 (单位: 税号 = a valid 统一社会信用代码)',
          querystring: ActingQuery,
          body: InvoiceTitleInput,
          response: { 201: InvoiceTitle, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await open(req, req.query.for);
        const id = randomUUID();
        const row = await db.transaction().execute(async (tx) => {
          // One writer per account at a time, so the limit holds under concurrent saves.
          await tx
            .selectFrom('identity_accounts')
            .select('id')
            .where('id', '=', opened.ctx.accountId)
            .forUpdate()
            .execute();
          const { n } = await tx
            .selectFrom('invoice_titles')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('account_id', '=', opened.ctx.accountId)
            .executeTakeFirstOrThrow();
          if (Number(n) >= MAX_INVOICE_TITLES) {
            throw new AppError(
              'INVOICE_TITLE_LIMIT',
              `最多可保存${MAX_INVOICE_TITLES}个发票抬头，请先删除不用的抬头。`,
            );
          }
          return tx
            .insertInto('invoice_titles')
            .values({ id, account_id: opened.ctx.accountId, title_encrypted: seal(id, req.body) })
            .returningAll()
            .executeTakeFirstOrThrow();
        });
        await record(opened, 'invoice-title.create', { titleId: id });
        return reply.code(201).send(present(row));
      },
    );

    app.post(
      '/api/v1/me/invoice-titles/:id',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '便捷开票: change a saved 发票抬头',
          params: IdParam,
          querystring: ActingQuery,
          body: InvoiceTitleInput,
          response: { 200: InvoiceTitle, ...problems },
        },
      },
      async (req) => {
        const opened = await open(req, req.query.for);
        await own(opened.ctx.accountId, req.params.id);
        const row = await db
          .updateTable('invoice_titles')
          .set({ title_encrypted: seal(req.params.id, req.body), updated_at: new Date() })
          .where('id', '=', req.params.id)
          .where('account_id', '=', opened.ctx.accountId)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw notFound();
        await record(opened, 'invoice-title.update', { titleId: row.id });
        return present(row);
      },
    );

    app.delete(
      '/api/v1/me/invoice-titles/:id',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '便捷开票: delete a saved 发票抬头',
          params: IdParam,
          querystring: ActingQuery,
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const opened = await open(req, req.query.for);
        await own(opened.ctx.accountId, req.params.id);
        await db
          .deleteFrom('invoice_titles')
          .where('id', '=', req.params.id)
          .where('account_id', '=', opened.ctx.accountId)
          .execute();
        await record(opened, 'invoice-title.delete', { titleId: req.params.id });
        return reply.code(204).send(null);
      },
    );
  };
