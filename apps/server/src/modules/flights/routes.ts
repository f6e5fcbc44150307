import {
  ActingQuery,
  Airport,
  BoardingPassKeys,
  CheckInInput,
  FLIGHT_CHECK_IN_SERVICE_ID,
  Flight,
  FlightBoard,
  FlightBoardQuery,
  FlightBooking,
  FlightBookings,
  FlightStatusQuery,
  Problem,
  SeatMap,
  TicketParams,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SelfOnlyGate } from '../shared/index.js';
import type { FlightsService } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem, 503: Problem };

/**
 * 航班服务 (D5, anyone): airports with 交通指引, flight status by number and date, a Guangdong airport's departures
 * and arrivals, and the airline's boarding-pass keys. 航班在线值机 (the passenger's own, personal): bookings, seat
 * map, check-in, cancelling it — each read and write audited.
 */
export const flightRoutes =
  (d: { service: FlightsService; gate: SelfOnlyGate }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/flights/airports',
      {
        schema: {
          tags: ['transport'],
          summary: '航班服务: Guangdong’s civil airports with their 交通指引 (metro, airport bus, taxi)',
          response: { 200: z.object({ airports: z.array(Airport) }), ...problems },
        },
      },
      () => d.service.airports(),
    );
    app.get(
      '/api/v1/flights/status',
      {
        schema: {
          tags: ['transport'],
          summary: '航班动态: a flight by number on a China date (today when none; yesterday to 6 days ahead)',
          querystring: FlightStatusQuery,
          response: { 200: Flight, ...problems },
        },
      },
      (req) => d.service.status(req.query.flightNo, req.query.date),
    );
    app.get(
      '/api/v1/flights/board',
      {
        schema: {
          tags: ['transport'],
          summary: '机场航班: the departures or arrivals of a Guangdong airport on a date, with the airport’s 交通指引',
          querystring: FlightBoardQuery,
          response: { 200: FlightBoard, ...problems },
        },
      },
      (req) => d.service.board(req.query.airport, req.query.direction, req.query.date),
    );
    app.get(
      '/api/v1/flights/boarding-pass-keys',
      {
        schema: {
          tags: ['transport'],
          summary: '登机牌验签公钥: the airline’s ES256 keys (JWKS) the boarding-pass QR is signed with',
          response: { 200: BoardingPassKeys, ...problems },
        },
      },
      () => d.service.jwks(),
    );

    // ---- 航班在线值机 (personal) ----
    const open = async (req: Parameters<SelfOnlyGate['open']>[0], forDelegation: string | undefined) => {
      const opened = await d.gate.open(req, FLIGHT_CHECK_IN_SERVICE_ID, forDelegation, FLIGHT_CHECK_IN_SERVICE_ID);
      return opened;
    };
    const audited = async <T>(
      ctx: Awaited<ReturnType<typeof open>>['ctx'],
      action: string,
      what: string,
      run: () => Promise<T>,
    ): Promise<T> => {
      try {
        const result = await run();
        await d.gate.record(ctx, action, { serviceId: FLIGHT_CHECK_IN_SERVICE_ID, what });
        return result;
      } catch (err) {
        const code = (err as { code?: string }).code;
        await d.gate.record(
          ctx,
          action,
          { serviceId: FLIGHT_CHECK_IN_SERVICE_ID, what, refused: code ?? 'error' },
          code?.startsWith('FLIGHT_') ? 'denied' : 'failure',
        );
        throw err;
      }
    };

    app.get(
      '/api/v1/me/flight-bookings',
      {
        schema: {
          tags: ['transport', 'personal'],
          summary:
            '航班在线值机: the verified citizen’s own tickets from today on (asked with their ID number, masked in the ' +
            'answer), each with its check-in window, check-in and boarding pass; the airlines’ rules',
          querystring: ActingQuery,
          response: { 200: FlightBookings, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await open(req, req.query.for);
        reply.header('cache-control', 'no-store');
        return audited(ctx, `lookup.${FLIGHT_CHECK_IN_SERVICE_ID}`, '航班客票', () => d.service.bookings(me.idNumber));
      },
    );
    app.get(
      '/api/v1/me/flight-bookings/:ticketNumber/seats',
      {
        schema: {
          tags: ['transport', 'personal'],
          summary:
            '航班在线值机: the seat map of one of the citizen’s tickets (exit rows and business class not offered)',
          params: TicketParams,
          querystring: ActingQuery,
          response: { 200: SeatMap, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await open(req, req.query.for);
        reply.header('cache-control', 'no-store');
        return audited(ctx, `lookup.${FLIGHT_CHECK_IN_SERVICE_ID}`, '航班座位图', () =>
          d.service.seatMap(me.idNumber, req.params.ticketNumber),
        );
      },
    );
    app.post(
      '/api/v1/me/flight-bookings/:ticketNumber/check-in',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['transport', 'personal'],
          summary:
            '航班在线值机: check one of the citizen’s tickets in on a free seat (48 h to 45 min before departure; one ' +
            'check-in per ticket; a seat taken at the same moment is refused) → the booking with its boarding pass',
          params: TicketParams,
          querystring: ActingQuery,
          body: CheckInInput,
          response: { 201: FlightBooking, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await open(req, req.query.for);
        reply.header('cache-control', 'no-store');
        const booking = await audited(
          ctx,
          `application.${FLIGHT_CHECK_IN_SERVICE_ID}`,
          `航班值机 座位${req.body.seat}`,
          () => d.service.checkIn(ctx.accountId, me.idNumber, req.params.ticketNumber, req.body.seat),
        );
        return reply.code(201).send(booking);
      },
    );
    app.delete(
      '/api/v1/me/flight-bookings/:ticketNumber/check-in',
      {
        schema: {
          tags: ['transport', 'personal'],
          summary: '航班在线值机: cancel the check-in of one of the citizen’s tickets before check-in closes',
          params: TicketParams,
          querystring: ActingQuery,
          response: { 200: FlightBooking, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await open(req, req.query.for);
        reply.header('cache-control', 'no-store');
        return audited(ctx, `application.${FLIGHT_CHECK_IN_SERVICE_ID}`, '取消航班值机', () =>
          d.service.cancelCheckIn(ctx.accountId, me.idNumber, req.params.ticketNumber),
        );
      },
    );
  };
