import { CoachSearchQuery, CoachSearchResult, CoachStation, CoachStationsQuery, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoachOrderService } from './order-service.js';
import type { CoachTicketKeys } from './ticket-keys.js';

export interface CoachPublicRoutesDeps {
  orders: CoachOrderService;
  keys: CoachTicketKeys;
  /** Requests per minute per client address. */
  perMinute?: number;
}

const Jwks = z
  .object({
    keys: z.array(
      z.object({
        kty: z.string(),
        crv: z.string(),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.string(),
        use: z.string(),
      }),
    ),
  })
  .meta({ id: 'CoachTicketKeys' });

/** 长途车 without login: stations, departures (班次查询), and the e-ticket QR's public keys. */
export const coachPublicRoutes =
  (d: CoachPublicRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const rateLimit = { rateLimit: { max: d.perMinute ?? 120, timeWindow: '1 minute' } };
    const problems = { 400: Problem, 404: Problem, 429: Problem, 502: Problem, 503: Problem };

    app.get(
      '/api/v1/coach/stations',
      {
        config: rateLimit,
        schema: {
          tags: ['coach'],
          summary: '客运站: the coach stations of a city (the ticketing system’s)',
          querystring: CoachStationsQuery,
          response: { 200: z.array(CoachStation), ...problems },
        },
      },
      async (req, reply) => {
        const stations = await d.orders.stations(req.query.city);
        reply.header('cache-control', 'public, max-age=3600');
        return stations;
      },
    );

    app.get(
      '/api/v1/coach/departures',
      {
        config: rateLimit,
        schema: {
          tags: ['coach'],
          summary:
            '购票查询: departures from a city to a city on a date (today and the next 9 days, China time), with ' +
            'seats left and whether still sold online (sales stop 30 minutes before departure)',
          querystring: CoachSearchQuery,
          response: { 200: CoachSearchResult, ...problems },
        },
      },
      async (req, reply) => {
        const result = await d.orders.search(req.query.from, req.query.to, req.query.date);
        // Seats change by the second: never cached.
        reply.header('cache-control', 'no-store');
        return result;
      },
    );

    app.get(
      '/api/v1/coach/ticket-keys',
      {
        schema: {
          tags: ['coach'],
          summary:
            '电子车票验签公钥 (JWKS): the ES256 public keys of the e-ticket QR codes (YSST1: + compact JWS), so a ' +
            'station device can check a code offline',
          response: { 200: Jwks },
        },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return d.keys.jwks();
      },
    );
  };
