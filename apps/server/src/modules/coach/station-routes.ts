import { CoachTicketScanInput, CoachTicketScanResult, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoachStationService } from './station-service.js';

export interface CoachStationRoutesDeps {
  station: CoachStationService;
  /** The staff session cookie's name (station staff log in as staff accounts). */
  staffCookie: string;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 502: Problem, 503: Problem };
const TicketParams = z.object({ ticketId: z.string().max(100) });

/** 客运站: scan an e-ticket, then 验票 and 上车 (staff of a coach-station verifier organisation only). */
export const coachStationRoutes =
  (d: CoachStationRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/verifier/coach/scan',
      {
        schema: {
          tags: ['coach'],
          summary:
            '扫码验票: check a scanned e-ticket QR (signature, lifetime) and the ticket’s state at the caller’s ' +
            'station; the scan is recorded',
          body: CoachTicketScanInput,
          response: { 200: CoachTicketScanResult, ...problems },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return d.station.scan(req.cookies[d.staffCookie], req.id, req.body.qr);
      },
    );

    for (const action of ['check', 'board'] as const) {
      app.post(
        `/api/v1/verifier/coach/tickets/:ticketId/${action}`,
        {
          schema: {
            tags: ['coach'],
            summary:
              action === 'check'
                ? '验票: an issued ticket leaving from the caller’s station is checked'
                : '上车: a checked ticket boards (once; a second time is refused)',
            params: TicketParams,
            response: { 200: CoachTicketScanResult, ...problems },
          },
        },
        async (req, reply) => {
          reply.header('cache-control', 'no-store');
          return d.station.act(action, req.cookies[d.staffCookie], req.id, req.params.ticketId);
        },
      );
    }
  };
