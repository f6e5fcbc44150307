import { AvailableSlots, AvailableSlotsQuery, Problem } from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BookingService } from './booking-service.js';

export interface AppointmentPublicRoutesDeps {
  bookings: BookingService;
  /** Requests per minute per client address. */
  perMinute?: number;
}

/** 可预约时段: public, like the catalog (which places and times are open is no one's personal data). */
export const appointmentPublicRoutes =
  (d: AppointmentPublicRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/appointments/slots',
      {
        config: { rateLimit: { max: d.perMinute ?? 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['appointments'],
          summary:
            '可预约时段: the open slots (not started, not stopped) of a service in a city, from now to the end of ' +
            'its booking window, by start; full ones show remaining 0',
          querystring: AvailableSlotsQuery,
          response: { 200: AvailableSlots, 400: Problem, 404: Problem, 409: Problem, 429: Problem },
        },
      },
      async (req, reply) => {
        const slots = await d.bookings.availableSlots(req.query.serviceId, req.query.city);
        // Places change by the second: never cached.
        reply.header('cache-control', 'no-store');
        return slots;
      },
    );
  };
