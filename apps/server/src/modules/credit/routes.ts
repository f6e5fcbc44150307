import {
  ActingQuery,
  CREDIT_SUBSCRIPTION_LIMIT,
  CreditDetailResult,
  CreditSearchQuery,
  CreditSearchResult,
  CreditSubscribeBody,
  CreditSubscribeResult,
  CreditSubscriptionList,
  looksLikeUscc,
  Problem,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { PersonalLookupGate } from '../lookups/index.js';
import { presentDetail, presentSummary } from './present.js';
import { type CreditSubscriptionService, SUBSCRIPTION_SERVICE_ID } from './subscriptions.js';
import { requireUscc } from './uscc.js';

const anonymousProblems = { 400: Problem, 404: Problem, 429: Problem, 502: Problem, 503: Problem };
const personalProblems = { ...anonymousProblems, 401: Problem, 403: Problem, 409: Problem, 422: Problem };
const UsccParams = z.object({ uscc: z.string().max(40, '统一社会信用代码应为18位') });

/**
 * 信用信息 (F3). 信用查询 — anyone, rate-limited: search by name or 统一社会信用代码, and the detail with 行政处罚 and
 * 司法信息. 信用信息订阅 — the verified citizen (personal lookup gate, audited): list, subscribe, unsubscribe.
 */
export const creditRoutes =
  ({
    gate,
    departments,
    subscriptions,
  }: {
    gate: PersonalLookupGate;
    departments: Pick<Departments, 'credit'>;
    subscriptions: CreditSubscriptionService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const credit = departments.credit;
    const source = (updatedAt: string | null) => ({ department: credit.spec.name, updatedAt });

    app.get(
      '/api/v1/lookups/credit/search',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups'],
          summary: '信用查询 (F3): by 主体名称 (contained, at least 2 characters, paged) or by 统一社会信用代码',
          querystring: CreditSearchQuery,
          response: { 200: CreditSearchResult, ...anonymousProblems },
        },
      },
      async (req) => {
        const { q, page, pageSize } = req.query;
        if (looksLikeUscc(q)) {
          const uscc = requireUscc(q, 'q');
          const { enterprise } = await credit.client.findByUscc({ uscc });
          return {
            by: 'uscc' as const,
            q: uscc,
            total: enterprise ? 1 : 0,
            page: 1,
            pageSize,
            items: enterprise ? [presentSummary(enterprise)] : [],
            source: source(null),
          };
        }
        const found = await credit.client.searchByName({ keyword: q, page, pageSize });
        return {
          by: 'name' as const,
          q,
          total: found.total,
          page: found.page,
          pageSize: found.pageSize,
          items: found.items.map(presentSummary),
          source: source(null),
        };
      },
    );

    app.get(
      '/api/v1/lookups/credit/subjects/:uscc',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups'],
          summary: '信用主体信息详情 (F3): registration, 行政处罚, 司法信息',
          params: UsccParams,
          response: { 200: CreditDetailResult, ...anonymousProblems },
        },
      },
      async (req) => {
        const uscc = requireUscc(req.params.uscc);
        const { enterprise } = await credit.client.detail({ uscc });
        if (!enterprise) {
          throw new AppError('CREDIT_SUBJECT_NOT_FOUND', '未找到该统一社会信用代码对应的信用主体，请核对后重新输入。');
        }
        return { enterprise: presentDetail(enterprise), source: source(enterprise.updatedAt) };
      },
    );

    // ---- 信用信息订阅: the verified citizen's own subscriptions (whoMayAct self: no one subscribes for another) ----

    const openSelf = async (req: Parameters<typeof gate.open>[0], forDelegation: string | undefined) => {
      const opened = await gate.open(req, { serviceId: SUBSCRIPTION_SERVICE_ID, forDelegation });
      if (!opened.subject.self) throw new AppError('SERVICE_NOT_DELEGABLE', '信用信息订阅仅限本人办理。');
      return opened;
    };

    app.get(
      '/api/v1/lookups/credit/subscriptions',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '我的信用信息订阅 (F3): the entities I follow (fresh verification; audited)',
          querystring: ActingQuery,
          response: { 200: CreditSubscriptionList, ...personalProblems },
        },
      },
      async (req) => {
        const opened = await openSelf(req, req.query.for);
        const items = await subscriptions.list(opened.ctx.accountId);
        await gate.recordRead(opened, SUBSCRIPTION_SERVICE_ID);
        return {
          subject: { self: true, nameMasked: opened.subject.nameMasked },
          items,
          limit: CREDIT_SUBSCRIPTION_LIMIT,
          source: source(null),
        };
      },
    );

    app.post(
      '/api/v1/lookups/credit/subscriptions',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['lookups', 'personal'],
          summary: `订阅 (F3): follow an entity's credit record, at most ${CREDIT_SUBSCRIPTION_LIMIT}; again is a no-op (fresh verification; audited)`,
          querystring: ActingQuery,
          body: CreditSubscribeBody,
          response: { 200: CreditSubscribeResult, 201: CreditSubscribeResult, ...personalProblems },
        },
      },
      async (req, reply) => {
        const opened = await openSelf(req, req.query.for);
        const uscc = requireUscc(req.body.uscc);
        const result = await subscriptions.subscribe(opened.ctx, uscc);
        return reply.code(result.created ? 201 : 200).send(result);
      },
    );

    app.delete(
      '/api/v1/lookups/credit/subscriptions/:uscc',
      {
        schema: {
          tags: ['lookups', 'personal'],
          summary: '取消订阅 (F3): idempotent (fresh verification; audited)',
          params: UsccParams,
          querystring: ActingQuery,
          response: { 204: z.null(), ...personalProblems },
        },
      },
      async (req, reply) => {
        const opened = await openSelf(req, req.query.for);
        const uscc = requireUscc(req.params.uscc);
        await subscriptions.unsubscribe(opened.ctx, uscc);
        return reply.code(204).send(null);
      },
    );
  };
