import {
  PENSION_SERVICE_ID,
  PensionCertifyInput,
  PensionCertifyResult,
  PensionQuery,
  PensionStatus,
  Problem,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PersonalLookupGate } from '../lookups/personal-gate.js';
import type { PensionCertificationService } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };

/**
 * 养老资格认证 (E4): the status and the 认证, for oneself or for another person (`?for=<delegationId>`), behind the
 * personal gate (logged in, fresh verification, the service offered in the city, an active delegation covering it).
 */
export const pensionCertificationRoutes =
  (d: { service: PensionCertificationService; gate: PersonalLookupGate }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/pension-certification',
      {
        schema: {
          tags: ['welfare', 'personal'],
          summary:
            '养老资格认证状态 (E4): the pension’s 社保类型, the last certification, valid until, status; the city’s 社保类型 (fresh verification; audited)',
          querystring: PensionQuery,
          response: { 200: PensionStatus, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await d.gate.open(req, {
          serviceId: PENSION_SERVICE_ID,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        reply.header('cache-control', 'no-store');
        return d.service.status(opened, req.query.city);
      },
    );

    app.post(
      '/api/v1/pension-certification',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['welfare', 'personal'],
          summary:
            '养老资格认证 (E4): certify with the chosen 社保类型, right after a 刷脸/PIN verification (≤ 2 minutes old); once per pensioner per day, repeat-safe; a 消息 with the next due date (audited)',
          querystring: PensionQuery,
          body: PensionCertifyInput,
          response: { 200: PensionCertifyResult, ...problems },
        },
      },
      async (req, reply) => {
        const opened = await d.gate.open(req, {
          serviceId: PENSION_SERVICE_ID,
          city: req.query.city,
          forDelegation: req.query.for,
        });
        reply.header('cache-control', 'no-store');
        return d.service.certify(opened, req.query.city, req.body.scheme);
      },
    );
  };
