import {
  ActingQuery,
  Appointment,
  AppointmentListQuery,
  AppointmentPass,
  AppointmentSubjects,
  AppointmentSubjectsQuery,
  BookAppointmentInput,
  CancelAppointmentInput,
  EligibilityAnswer,
  EligibilityQuery,
  findAppointmentService,
  Problem,
  RescheduleAppointmentInput,
} from '@yss/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error.js';
import { eligibilityAnswer, type Viewer } from '../shared/index.js';
import type { BookingService } from './booking-service.js';
import type { AppointmentGate } from './citizen-gate.js';
import { requireOffered } from './offering.js';
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
    const present = (row: BookingRow, viewer: Viewer) =>
      presentAppointment(d.bookings.catalog, row, d.bookings.now(), viewer);
    const detailOf = (row: BookingRow) => {
      const { date, start, end } = slotWhen(row.slot);
      return {
        what: d.bookings.catalog.findService(row.service_id)?.name ?? row.service_id,
        serviceId: row.service_id,
        appointmentId: row.id,
        appointmentNumber: row.appointment_number,
        slot: `${date} ${start}–${end} ${row.slot.place}`,
        ...(row.subject_label ? { subject: row.subject_label } : {}),
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
        // The slot names the service: for someone else (`?for=`) only on a 本人或为他人办理 one, with an active
        // delegation covering it. Without a slot (unknown id) the caller books for themself and learns of the slot.
        const serviceId = (await d.bookings.slotService(req.body.slotId)) ?? null;
        const { ctx, viewer, applicant } = await d.gate.openApplicant(
          req,
          'appointments.book',
          req.query.for,
          serviceId,
        );
        reply.header('cache-control', 'no-store');
        const repeat = await d.bookings.findBySubmission(ctx.accountId, req.body.submissionId);
        if (repeat) return reply.code(200).send(present(repeat, viewer));
        const { row, created } = await d.bookings.book({
          accountId: ctx.accountId,
          applicant,
          slotId: req.body.slotId,
          submissionId: req.body.submissionId,
          subjectId: req.body.subjectId,
          visit: req.body.visit,
        });
        if (created) await d.gate.recordFor(ctx, applicant, 'appointment.book', detailOf(row));
        return reply.code(created ? 201 : 200).send(present(row, viewer));
      },
    );

    app.get(
      '/api/v1/me/appointments/eligibility',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary:
            '是否可以预约: the service’s eligibility rule run for the applicant (the caller, or with ?for= the ' +
            'delegation’s principal) before a slot is chosen; the booking checks again',
          querystring: EligibilityQuery,
          response: { 200: EligibilityAnswer, ...problems, 503: Problem },
        },
      },
      async (req, reply) => {
        const { serviceId, city } = req.query;
        requireOffered(d.bookings.catalog, serviceId, city);
        const { ctx, applicant } = await d.gate.openApplicant(
          req,
          'appointments.eligibility',
          req.query.for,
          serviceId,
        );
        reply.header('cache-control', 'no-store');
        const answer = await eligibilityAnswer(serviceId, applicant, () =>
          d.bookings.checkEligibility(serviceId, applicant, city),
        );
        await d.gate.recordFor(ctx, applicant, 'appointment.eligibility', {
          what: d.bookings.catalog.findService(serviceId)?.name ?? serviceId,
          serviceId,
          eligible: answer.eligible,
        });
        return answer;
      },
    );

    app.get(
      '/api/v1/me/appointments/subjects',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary:
            '预约对象: the applicant’s own records a booking of the service can be for, read from the department ' +
            'now (年审预约: the vehicles registered to them, plates in full after the fresh verification)',
          querystring: AppointmentSubjectsQuery,
          response: { 200: AppointmentSubjects, ...problems, 503: Problem },
        },
      },
      async (req, reply) => {
        const { serviceId, city } = req.query;
        requireOffered(d.bookings.catalog, serviceId, city);
        const kind = findAppointmentService(serviceId)?.subject;
        if (!kind) {
          throw new AppError('VALIDATION_FAILED', '该事项无需选择预约对象。', [
            { path: 'serviceId', message: '该事项无需选择预约对象' },
          ]);
        }
        const { ctx, applicant } = await d.gate.openApplicant(req, 'appointments.subjects', req.query.for, serviceId);
        reply.header('cache-control', 'no-store');
        const subjects = await d.bookings.subjects(serviceId, city, applicant);
        await d.gate.recordFor(ctx, applicant, 'appointment.subjects', {
          what: d.bookings.catalog.findService(serviceId)?.name ?? serviceId,
          serviceId,
          count: subjects.length,
        });
        return { serviceId, kind, subjects: subjects.map(({ id, label, detail }) => ({ id, label, detail })) };
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
        const { viewer } = await d.gate.open(req, 'appointments.list', req.query.for);
        const rows = await d.bookings.listVisible(viewer, req.query.serviceId);
        reply.header('cache-control', 'no-store');
        return rows.map((row) => present(row, viewer));
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
        const { viewer } = await d.gate.open(req, 'appointments.read', req.query.for);
        const row = await d.bookings.findVisible(viewer, req.params.id);
        if (!row) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
        reply.header('cache-control', 'no-store');
        return present(row, viewer);
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
        const { ctx, viewer } = await d.gate.open(req, 'appointments.cancel', req.query.for);
        const row = await d.bookings.cancel(viewer, req.params.id, req.body.reason || null);
        await d.gate.recordOn(ctx, row, 'appointment.cancel', detailOf(row));
        reply.header('cache-control', 'no-store');
        return present(row, viewer);
      },
    );

    app.post(
      '/api/v1/me/appointments/:id/reschedule',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary:
            '改约: move the booking to another slot of the same service and city in one transaction (the new place ' +
            'taken, the old given back; same 预约号); a repeated submissionId answers the booking, nothing moved',
          params: Params,
          querystring: ActingQuery,
          body: RescheduleAppointmentInput,
          response: { 200: Appointment, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, viewer } = await d.gate.open(req, 'appointments.reschedule', req.query.for);
        const { row, moved, from } = await d.bookings.reschedule(viewer, req.params.id, req.body);
        if (moved && from) {
          const was = slotWhen(from);
          await d.gate.recordOn(ctx, row, 'appointment.reschedule', {
            ...detailOf(row),
            from: `${was.date} ${was.start}–${was.end} ${from.place}`,
          });
        }
        reply.header('cache-control', 'no-store');
        return present(row, viewer);
      },
    );

    app.get(
      '/api/v1/me/appointments/:id/pass',
      {
        schema: {
          tags: ['appointments', 'personal'],
          summary:
            '预约码: the booking as a signed QR for the counter (YSSA1: + compact JWS of the booking id, ES256, a few ' +
            'minutes, never past the window’s end); while booked and the window has not ended',
          params: Params,
          querystring: ActingQuery,
          response: { 200: AppointmentPass, ...problems },
        },
      },
      async (req, reply) => {
        const { viewer } = await d.gate.open(req, 'appointments.pass', req.query.for);
        const pass = await d.bookings.pass(viewer, req.params.id);
        reply.header('cache-control', 'no-store');
        return pass;
      },
    );
  };
