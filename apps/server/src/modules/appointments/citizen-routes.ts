import {
  ActingQuery,
  Appointment,
  AppointmentListQuery,
  BookAppointmentInput,
  CancelAppointmentInput,
  Problem,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import type { BookingService } from './booking-service.js';
import type { AppointmentGate } from './citizen-gate.js';
import { presentAppointment, slotWhen } from './present.js';
import type { BookingRow } from './repository.js';

export interface AppointmentCitizenRoutesDeps {
  bookings: BookingService;
  gate: AppointmentGate;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
// Any short string: an id that is not one of the caller's bookings (malformed ones included) is APPOINTMENT_NOT_FOUND.
const Params = z.object({ id: z.string().max(100) });
const NOT_FOUND = '找不到该预约，请返回我的预约重新查看。';

/** 我的预约: the citizen books a place, follows and cancels their own bookings. */
export const appointmentCitizenRoutes =
  (d: AppointmentCitizenRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const present = (row: BookingRow) => presentAppointment(d.bookings.catalog, row, d.bookings.now());
    const detailOf = (row: BookingRow) => {
      const { date, start, end } = slotWhen(row.slot);
      return {
        what: d.bookings.catalog.findService(row.service_id)?.name ?? row.service_id,
        serviceId: row.service_id,
        appointmentId: row.id,
        appointmentNumber: row.appointment_number,
        slot: `${date} ${start}–${end} ${row.slot.place}`,
      };
    };

    app.post(
      '/api/v1/me/appointments',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary:
            '预约: take a place in a slot (fresh verification; one live booking per service; a repeated ' +
            'submissionId answers 200 with the first booking)',
          querystring: ActingQuery,
          body: BookAppointmentInput,
          response: { 200: Appointment, 201: Appointment, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, me } = await d.gate.open(req, 'appointments.book', req.query.for);
        reply.header('cache-control', 'no-store');
        const repeat = await d.bookings.findBySubmission(ctx.accountId, req.body.submissionId);
        if (repeat) return reply.code(200).send(present(repeat));
        const { row, created } = await d.bookings.book({
          accountId: ctx.accountId,
          applicant: { name: me.name, idNumber: me.idNumber },
          slotId: req.body.slotId,
          submissionId: req.body.submissionId,
        });
        if (created) await d.gate.record(ctx, 'appointment.book', detailOf(row));
        return reply.code(created ? 201 : 200).send(present(row));
      },
    );

    app.get(
      '/api/v1/me/appointments',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary: '我的预约: upcoming bookings first (soonest first), then the rest (latest first)',
          querystring: AppointmentListQuery.extend(ActingQuery.shape),
          response: { 200: z.array(Appointment), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'appointments.list', req.query.for);
        const rows = await d.bookings.listOwn(ctx.accountId, req.query.serviceId);
        reply.header('cache-control', 'no-store');
        return rows.map(present);
      },
    );

    app.get(
      '/api/v1/me/appointments/:id',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary: '预约详情: place, time, 预约号, status and what to bring',
          params: Params,
          querystring: ActingQuery,
          response: { 200: Appointment, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'appointments.read', req.query.for);
        const row = await d.bookings.findOwn(ctx.accountId, req.params.id);
        if (!row) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
        reply.header('cache-control', 'no-store');
        return present(row);
      },
    );

    app.post(
      '/api/v1/me/appointments/:id/cancel',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary: '取消预约: before the slot starts; the place is given back',
          params: Params,
          querystring: ActingQuery,
          body: CancelAppointmentInput,
          response: { 200: Appointment, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx } = await d.gate.open(req, 'appointments.cancel', req.query.for);
        const row = await d.bookings.cancel(ctx.accountId, req.params.id, req.body.reason || null);
        await d.gate.record(ctx, 'appointment.cancel', detailOf(row));
        reply.header('cache-control', 'no-store');
        return present(row);
      },
    );
  };
