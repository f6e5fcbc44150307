import {
  CatalogOverride,
  ConsoleCatalogDetail,
  ConsoleCatalogDetailQuery,
  ConsoleCatalogList,
  ConsoleCatalogQuery,
  ConsoleFaq,
  ConsoleFaqQuery,
  CreateFaqInput,
  DeleteFaqQuery,
  FaqVisibilityInput,
  PauseServiceInput,
  Problem,
  ResumeServiceInput,
  UpdateFaqInput,
  UpdateServiceTextsInput,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import { grantCovers, type Permission, type Scope, type StaffService } from '../staff/index.js';
import type { CatalogAdmin } from './catalog-admin.js';
import { requireCity } from './catalog-service.js';

export interface CatalogConsoleRoutesDeps {
  admin: CatalogAdmin;
  staff: StaffService;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const ServiceParams = z.object({ id: z.string().max(100) });
const FaqParams = z.object({ id: z.string().max(100) });

/**
 * 服务事项管理 (catalog.edit) and 常见问题管理 (faq.edit) in the console. A service's scope is its 办理部门 and the
 * city the change is for (null: 全省, province-wide grants only); a FAQ's is its department and city. A scope no
 * grant covers is refused FORBIDDEN and audited (access.denied.staff); every change is audited with what changed.
 * The catalog is public data, so reads are not audited.
 */
export const catalogConsoleRoutes =
  (d: CatalogConsoleRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** The caller with `permission` for the scope (FORBIDDEN, audited, otherwise). */
    async function requireScope(
      req: FastifyRequest,
      permission: Permission,
      scopeOf: Scope | (() => Scope),
      what: object,
    ) {
      const ctx = await d.staff.requireStaff(req, permission);
      // after the session check: an anonymous caller learns nothing about ids
      const scope = typeof scopeOf === 'function' ? scopeOf() : scopeOf;
      if (!ctx.allowed.some((g) => grantCovers(g, scope))) {
        await d.staff.auditStaff(
          ctx.accountId,
          'access.denied.staff',
          'denied',
          { permission, reason: 'no-grant', route: req.routeOptions.url, ...what, ...scope },
          req.id,
        );
        throw new AppError(
          'FORBIDDEN',
          scope.cityCode === null
            ? '全省范围的修改需要全省授权。如需开通，请联系本部门管理员。'
            : '您没有权限修改该部门在该城市的内容。如需开通，请联系本部门管理员。',
        );
      }
      return ctx;
    }

    const serviceScope = (id: string, cityCode: string | null) => () => ({
      departmentId: d.admin.service(id).department_id,
      cityCode,
    });

    app.get(
      '/api/v1/console/catalog/services',
      {
        schema: {
          tags: ['console'],
          summary:
            '服务事项: the services of the departments the caller edits (catalog.edit) with their standing in a city ' +
            '(offered, 暂停办理 and why, texts edited); searchable as citizens search',
          querystring: ConsoleCatalogQuery,
          response: { 200: ConsoleCatalogList, ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await d.staff.requireStaff(req, 'catalog.edit');
        const cities = d.admin.citiesOf(ctx.allowed);
        const city = requireCity(req.query.city ?? cities[0]?.code ?? '');
        if (!cities.some((c) => c.code === city)) {
          await requireScope(req, 'catalog.edit', { cityCode: city }, {});
        }
        reply.header('cache-control', 'no-store');
        return d.admin.list(ctx, city, req.query.q || undefined);
      },
    );

    app.get(
      '/api/v1/console/catalog/services/:id',
      {
        schema: {
          tags: ['console'],
          summary:
            "服务事项详情: a service in a city — the definitions' text, the city's and the province-wide overrides " +
            '(with their versions), what citizens read, and the history of changes',
          params: ServiceParams,
          querystring: ConsoleCatalogDetailQuery,
          response: { 200: ConsoleCatalogDetail, ...problems },
        },
      },
      async (req, reply) => {
        const city = requireCity(req.query.city);
        const ctx = await requireScope(req, 'catalog.edit', serviceScope(req.params.id, city), {
          serviceId: req.params.id,
        });
        reply.header('cache-control', 'no-store');
        return d.admin.detail(ctx, req.params.id, city);
      },
    );

    app.post(
      '/api/v1/console/catalog/services/:id/pause',
      {
        schema: {
          tags: ['console'],
          summary:
            '暂停办理: the service reads as unavailable in the city (or, cityCode null, in every city) with the ' +
            "reason given, until 恢复; refused CATALOG_CHANGED when the override is no longer at the editor's version",
          params: ServiceParams,
          body: PauseServiceInput,
          response: { 200: CatalogOverride, ...problems },
        },
      },
      async (req) => {
        const { id } = req.params;
        const input = req.body;
        const ctx = await requireScope(req, 'catalog.edit', serviceScope(id, input.cityCode), { serviceId: id });
        const result = await d.admin.pause(ctx, id, input);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.catalog.pause',
          'success',
          { what: d.admin.service(id).name, serviceId: id, cityCode: input.cityCode, reason: input.reason },
          req.id,
        );
        return result;
      },
    );

    app.post(
      '/api/v1/console/catalog/services/:id/resume',
      {
        schema: {
          tags: ['console'],
          summary: '恢复办理: undo a pause of the same scope (city or 全省)',
          params: ServiceParams,
          body: ResumeServiceInput,
          response: { 200: CatalogOverride, ...problems },
        },
      },
      async (req) => {
        const { id } = req.params;
        const input = req.body;
        const ctx = await requireScope(req, 'catalog.edit', serviceScope(id, input.cityCode), { serviceId: id });
        const result = await d.admin.resume(ctx, id, input);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.catalog.resume',
          'success',
          { what: d.admin.service(id).name, serviceId: id, cityCode: input.cityCode },
          req.id,
        );
        return result;
      },
    );

    app.put(
      '/api/v1/console/catalog/services/:id/texts',
      {
        schema: {
          tags: ['console'],
          summary:
            "修改办理须知: the description and 办理须知 citizens of the city (or 全省) read; null: the definitions' text",
          params: ServiceParams,
          body: UpdateServiceTextsInput,
          response: { 200: CatalogOverride, ...problems },
        },
      },
      async (req) => {
        const { id } = req.params;
        const input = req.body;
        const ctx = await requireScope(req, 'catalog.edit', serviceScope(id, input.cityCode), { serviceId: id });
        const result = await d.admin.updateTexts(ctx, id, input);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.catalog.texts',
          'success',
          {
            what: d.admin.service(id).name,
            serviceId: id,
            cityCode: input.cityCode,
            description: input.description,
            notes: input.notes,
          },
          req.id,
        );
        return result;
      },
    );

    // ---- 常见问题 ----

    app.get(
      '/api/v1/console/faqs',
      {
        schema: {
          tags: ['console'],
          summary:
            '常见问题: the province-wide FAQs and those of the caller’s cities (hidden ones too), each marked editable ' +
            'where a faq.edit grant covers its department and city',
          querystring: ConsoleFaqQuery,
          response: { 200: z.array(ConsoleFaq), ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await d.staff.requireStaff(req, 'faq.edit');
        reply.header('cache-control', 'no-store');
        return d.admin.listFaqs(ctx, { q: req.query.q || undefined, serviceId: req.query.serviceId });
      },
    );

    app.post(
      '/api/v1/console/faqs',
      {
        schema: {
          tags: ['console'],
          summary: '新增常见问题: for a department and a city (null: every city, province-wide grants only)',
          body: CreateFaqInput,
          response: { 201: ConsoleFaq, ...problems },
        },
      },
      async (req, reply) => {
        const input = req.body;
        const scope = { departmentId: input.departmentId, cityCode: input.cityCode };
        const ctx = await requireScope(req, 'faq.edit', scope, {});
        const faq = await d.admin.createFaq(ctx, input);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.faq.create',
          'success',
          { faqId: faq.id, question: faq.question, ...scope, serviceIds: input.serviceIds },
          req.id,
        );
        return reply.code(201).send(faq);
      },
    );

    /** The caller and the FAQ, when a faq.edit grant covers its department and city. */
    async function openFaq(req: FastifyRequest, id: string) {
      await d.staff.requireStaff(req, 'faq.edit');
      const faq = await d.admin.faq(id);
      const ctx = await requireScope(req, 'faq.edit', () => d.admin.faqScope(faq), { faqId: id });
      return { ctx, faq };
    }

    app.put(
      '/api/v1/console/faqs/:id',
      {
        schema: {
          tags: ['console'],
          summary:
            '修改常见问题: its text and services; a seeded one is then the console’s (the definitions no longer ' +
            'overwrite it at start)',
          params: FaqParams,
          body: UpdateFaqInput,
          response: { 200: ConsoleFaq, ...problems },
        },
      },
      async (req) => {
        const { ctx, faq } = await openFaq(req, req.params.id);
        const result = await d.admin.updateFaq(ctx, faq, req.body);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.faq.update',
          'success',
          {
            faqId: faq.id,
            before: { question: faq.question, answer: faq.answer, serviceIds: faq.service_ids },
            after: { question: req.body.question, answer: req.body.answer, serviceIds: req.body.serviceIds },
          },
          req.id,
        );
        return result;
      },
    );

    app.put(
      '/api/v1/console/faqs/:id/visibility',
      {
        schema: {
          tags: ['console'],
          summary: '隐藏 / 显示 a FAQ: hidden ones stay in the console only',
          params: FaqParams,
          body: FaqVisibilityInput,
          response: { 200: ConsoleFaq, ...problems },
        },
      },
      async (req) => {
        const { ctx, faq } = await openFaq(req, req.params.id);
        const result = await d.admin.setFaqHidden(ctx, faq, req.body.hidden, req.body.version);
        await d.staff.auditStaff(
          ctx.accountId,
          req.body.hidden ? 'console.faq.hide' : 'console.faq.show',
          'success',
          { faqId: faq.id, question: faq.question },
          req.id,
        );
        return result;
      },
    );

    app.delete(
      '/api/v1/console/faqs/:id',
      {
        schema: {
          tags: ['console'],
          summary: '删除常见问题 (version: the one the editor saw); a seeded one stays deleted after restarts',
          params: FaqParams,
          querystring: DeleteFaqQuery,
          response: { 204: z.null().meta({ description: 'Deleted' }), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, faq } = await openFaq(req, req.params.id);
        await d.admin.deleteFaq(ctx, faq, req.query.version);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.faq.delete',
          'success',
          { faqId: faq.id, origin: faq.origin, question: faq.question, answer: faq.answer },
          req.id,
        );
        return reply.code(204).send(null);
      },
    );
  };
