import { ActingQuery, MOVE_CAR_SERVICE_ID, MoveCarInput, MoveCarRequest, MoveCarResult, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perSessionRateLimit } from '../../http/rate-limit.js';
import type { SelfOnlyGate } from '../shared/index.js';
import type { MoveCarService } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem, 503: Problem };

/**
 * 一键移车 (G6): a polite SMS reminder to a car's owner, through the SMS connector, with the owner's phone from the
 * traffic police; the requester's own list. Logged in, freshly verified, real-named, for oneself only.
 */
export const moveCarRoutes =
  (d: { service: MoveCarService; gate: SelfOnlyGate; sessionCookie: string }): FastifyPluginAsyncZod =>
  async (app) => {
    const perSession = (max: number) => perSessionRateLimit(d.sessionCookie, 'move-car', max);

    app.post(
      '/api/v1/me/move-car-requests',
      {
        config: perSession(10),
        schema: {
          tags: ['transport', 'personal'],
          summary:
            '一键移车: plate, the requester’s phone and the place → a polite SMS reminder to the owner (phone from the ' +
            'traffic police, never answered); one per plate per 10 minutes, 3 per plate and 5 per requester a day',
          querystring: ActingQuery,
          body: MoveCarInput,
          response: { 201: MoveCarResult, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'move-car', req.query.for, MOVE_CAR_SERVICE_ID);
        reply.header('cache-control', 'no-store');
        try {
          const { result, plateMasked } = await d.service.request(ctx.accountId, req.body);
          await d.gate.record(ctx, `application.${MOVE_CAR_SERVICE_ID}`, {
            serviceId: MOVE_CAR_SERVICE_ID,
            what: `一键移车 ${plateMasked}`,
            requestId: result.request.id,
          });
          return reply.code(201).send(result);
        } catch (err) {
          const code = (err as { code?: string }).code;
          await d.gate.record(
            ctx,
            `application.${MOVE_CAR_SERVICE_ID}`,
            { serviceId: MOVE_CAR_SERVICE_ID, what: '一键移车', refused: code ?? 'error' },
            code === 'MOVE_CAR_LIMITED' ? 'denied' : 'failure',
          );
          throw err;
        }
      },
    );

    app.get(
      '/api/v1/me/move-car-requests',
      {
        schema: {
          tags: ['transport', 'personal'],
          summary: '一键移车: the requester’s own reminders that went out (plate masked), newest first, 20 at most',
          querystring: ActingQuery,
          response: { 200: z.array(MoveCarRequest), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'move-car', req.query.for, MOVE_CAR_SERVICE_ID);
        reply.header('cache-control', 'no-store');
        return d.service.list(ctx.accountId);
      },
    );
  };
