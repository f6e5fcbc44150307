import {
  AppointmentCheckInInput,
  AppointmentCheckInResult,
  CancelSlotInput,
  ConsoleBooking,
  ConsoleHomeVisit,
  ConsoleSlot,
  ConsoleSlotQuery,
  CreateSlotsInput,
  Problem,
  UpdateSlotInput,
} from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { FieldCipher } from '../privacy/index.js';
import { grantCovers, type StaffService } from '../staff/index.js';
import type { CheckInService } from './check-in.js';
import { openVisit } from './home-visit.js';
import { requireInCity, requireService } from './offering.js';
import { presentConsoleBooking, presentConsoleSlot, slotWhen } from './present.js';
import { findSlotBookingVisit, type SlotRow } from './repository.js';
import type { SlotService } from './slot-service.js';

export interface AppointmentConsoleRoutesDeps {
  slots: SlotService;
  checkIns: CheckInService;
  staff: StaffService;
  /** The account of a person (a principal's: their 我的访问记录 shows the check-in too), or null without one. */
  accountOfPerson: (personId: string) => Promise<string | null>;
  db: Db;
  /** Opens a 上门服务 booking's address and phone for the staff who make the visit. */
  cipher: FieldCipher;
}

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
// Any short string: an id outside the caller's reach (malformed ones included) is SLOT_NOT_FOUND.
const SlotParams = z.object({ id: z.string().max(100) });
const NOT_FOUND = '找不到该预约时段，或该时段不属于您的管理范围。';
const PERMISSION = 'slot.manage';

/**
 * 号源管理 in the console: 号源管理员 (slot.manage) of a department and city publish and manage only that
 * department's slots in that city. Asking to list or publish for a service or city no grant covers is refused
 * FORBIDDEN (audited), as in 办件审核 and 意见反馈; a slot outside the grants reads as absent (SLOT_NOT_FOUND), so
 * ids reveal nothing. Every change is audited.
 */
export const appointmentConsoleRoutes =
  (d: AppointmentConsoleRoutesDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const catalog = () => d.slots.catalog;

    /** The caller with slot.manage for the service's department in the city (FORBIDDEN otherwise). */
    async function requireServiceScope(req: FastifyRequest, serviceId: string, cityCode: string) {
      const ctx = await d.staff.requireStaff(req, PERMISSION);
      const { service, spec } = requireService(catalog(), serviceId);
      const scope = { departmentId: service.department_id, cityCode };
      if (!ctx.allowed.some((g) => grantCovers(g, scope))) {
        await d.staff.auditStaff(
          ctx.accountId,
          'access.denied.staff',
          'denied',
          { permission: PERMISSION, reason: 'no-grant', route: req.routeOptions.url, serviceId, ...scope },
          req.id,
        );
        throw new AppError('FORBIDDEN', '您没有管理该事项在该城市号源的权限。如需开通，请联系本部门管理员。');
      }
      return { ctx, service, spec };
    }

    /** The caller and the slot, if one of their grants covers it (SLOT_NOT_FOUND otherwise, audited). */
    async function openSlot(req: FastifyRequest, id: string, what: string) {
      const ctx = await d.staff.requireStaff(req, PERMISSION);
      const slot = await d.slots.findSlot(id);
      const covered =
        slot && ctx.allowed.some((g) => grantCovers(g, { departmentId: slot.department_id, cityCode: slot.city_code }));
      if (!slot || !covered) {
        await d.staff.auditStaff(
          ctx.accountId,
          what,
          'denied',
          { slotId: id, reason: slot ? 'scope' : 'missing' },
          req.id,
        );
        throw new AppError('SLOT_NOT_FOUND', NOT_FOUND);
      }
      return { ctx, slot };
    }

    /** The accounts whose 我的访问记录 show a staff action on a booking: the booker's, and a principal's of their own. */
    async function whoseBooking(booking: { account_id: string; principal_person_id: string | null }) {
      const accounts = [booking.account_id];
      if (booking.principal_person_id) {
        const principal = await d.accountOfPerson(booking.principal_person_id);
        if (principal && principal !== booking.account_id) accounts.push(principal);
      }
      return accounts;
    }

    const describe = (slot: SlotRow) => {
      const { date, start, end } = slotWhen(slot);
      return {
        what: catalog().findService(slot.service_id)?.name ?? slot.service_id,
        slotId: slot.id,
        serviceId: slot.service_id,
        cityCode: slot.city_code,
        place: slot.place,
        slot: `${date} ${start}–${end}`,
      };
    };

    app.get(
      '/api/v1/console/slots',
      {
        schema: {
          tags: ['console'],
          summary:
            '号源列表: every slot (past and stopped too) of a service in a city between two local dates (default ' +
            'today and 14 days on; at most 62 days)',
          querystring: ConsoleSlotQuery,
          response: { 200: z.array(ConsoleSlot), ...problems },
        },
      },
      async (req, reply) => {
        const { serviceId, cityCode } = req.query;
        const { ctx } = await requireServiceScope(req, serviceId, cityCode);
        const range = d.slots.range(req.query.from, req.query.to);
        const rows = await d.slots.list({ serviceId, cityCode, ...range });
        await d.staff.auditStaff(
          ctx.accountId,
          'console.slot.list',
          'success',
          { serviceId, cityCode, ...range, count: rows.length },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return rows.map(presentConsoleSlot);
      },
    );

    app.post(
      '/api/v1/console/slots',
      {
        schema: {
          tags: ['console'],
          summary:
            '发布号源: one place, the same time windows on each date (not past, within the booking window, not a ' +
            'holiday of the 工作日历 unless openOnHoliday, no overlap with each other or with published slots at the ' +
            'place); all or nothing',
          body: CreateSlotsInput,
          response: { 201: z.array(ConsoleSlot), ...problems },
        },
      },
      async (req, reply) => {
        const input = req.body;
        const { ctx, service, spec } = await requireServiceScope(req, input.serviceId, input.cityCode);
        requireInCity(catalog(), input.serviceId, input.cityCode);
        const rows = await d.slots.create(input, {
          spec,
          serviceName: service.name,
          departmentId: service.department_id,
          staffId: ctx.accountId,
        });
        await d.staff.auditStaff(
          ctx.accountId,
          'console.slot.create',
          'success',
          {
            what: service.name,
            serviceId: input.serviceId,
            cityCode: input.cityCode,
            place: input.place,
            dates: [...input.dates].sort(),
            times: input.times.map((t) => `${t.start}–${t.end}`),
            capacity: input.capacity,
            count: rows.length,
            // 节假日照常开放: the holidays published on anyway
            ...(input.openOnHoliday ? { openOnHoliday: d.slots.holidaysAmong(input.dates) } : {}),
          },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return reply.code(201).send(rows.map(presentConsoleSlot));
      },
    );

    app.patch(
      '/api/v1/console/slots/:id',
      {
        schema: {
          tags: ['console'],
          summary: '修改可预约人数: never below the places already booked',
          params: SlotParams,
          body: UpdateSlotInput,
          response: { 200: ConsoleSlot, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, slot } = await openSlot(req, req.params.id, 'console.slot.update');
        const updated = await d.slots.setCapacity(slot.id, req.body.capacity);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.slot.update',
          'success',
          { ...describe(updated), capacityBefore: slot.capacity, capacity: updated.capacity },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return presentConsoleSlot(updated);
      },
    );

    app.post(
      '/api/v1/console/slots/:id/cancel',
      {
        schema: {
          tags: ['console'],
          summary:
            '停用时段: no more bookings; its bookings are cancelled and each citizen gets a 消息 with the reason',
          params: SlotParams,
          body: CancelSlotInput,
          response: { 200: ConsoleSlot, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, slot } = await openSlot(req, req.params.id, 'console.slot.cancel');
        const { slot: stopped, affected } = await d.slots.stop(slot.id, req.body.reason);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.slot.cancel',
          'success',
          { ...describe(stopped), reason: req.body.reason, bookingsCancelled: affected },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return presentConsoleSlot(stopped);
      },
    );

    app.get(
      '/api/v1/console/slots/:id/bookings',
      {
        schema: {
          tags: ['console'],
          summary: '预约名单: who booked the slot, masked (name, ID number), with their 预约号',
          params: SlotParams,
          response: { 200: z.array(ConsoleBooking), ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, slot } = await openSlot(req, req.params.id, 'console.slot.bookings');
        const rows = await d.slots.bookings(slot.id);
        await d.staff.auditStaff(
          ctx.accountId,
          'console.slot.bookings',
          'success',
          { ...describe(slot), count: rows.length },
          req.id,
        );
        reply.header('cache-control', 'no-store');
        return rows.map(presentConsoleBooking);
      },
    );

    app.get(
      '/api/v1/console/slots/:id/bookings/:number/visit',
      {
        schema: {
          tags: ['console'],
          summary:
            '上门信息: the address and phone of a 上门服务 booking (开锁) in full, for the staff who make the visit; ' +
            'audited, and shown in the citizen’s 我的访问记录',
          params: SlotParams.extend({ number: z.string().max(40) }),
          response: { 200: ConsoleHomeVisit, ...problems },
        },
      },
      async (req, reply) => {
        const { ctx, slot } = await openSlot(req, req.params.id, 'console.appointment.visit');
        const booking = await findSlotBookingVisit(d.db, slot.id, req.params.number);
        const visit = booking ? openVisit(d.cipher, booking) : null;
        if (!booking || !visit) {
          await d.staff.auditStaff(
            ctx.accountId,
            'console.appointment.visit',
            'denied',
            { ...describe(slot), reason: booking ? 'no-visit' : 'missing' },
            req.id,
          );
          throw new AppError('APPOINTMENT_NOT_FOUND', '找不到该时段中需要上门服务的这条预约，请核对预约号。');
        }
        // Whose address it is reads it in 我的访问记录 (and the principal too, booked for someone else).
        const what = { ...describe(slot), appointmentId: booking.id };
        for (const subject of await whoseBooking(booking)) {
          await d.staff.auditStaff(
            ctx.accountId,
            'console.appointment.visit',
            'success',
            { ...what, what: `${slot.place}查看上门地址和联系电话：${what.what} ${what.slot}` },
            req.id,
            subject,
          );
        }
        reply.header('cache-control', 'no-store');
        return { appointmentNumber: booking.appointment_number, ...visit };
      },
    );

    app.post(
      '/api/v1/console/appointments/check-in',
      {
        schema: {
          tags: ['console'],
          summary:
            '现场签到: the 预约码 as scanned (YSSA1:…) or the 20-digit 预约号 → checked_in, with the person masked (name, ' +
            'the ID number’s last 4) to compare with the ID card; from an hour before the window until it ends; a ' +
            'repeat answers the first check-in. A booking outside the caller’s slot.manage grants reads as absent',
          body: AppointmentCheckInInput,
          response: { 200: AppointmentCheckInResult, ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await d.staff.requireStaff(req, PERMISSION);
        const denied = (reason: string, detail: Record<string, unknown> = {}) =>
          d.staff.auditStaff(ctx.accountId, 'console.appointment.check-in', 'denied', { reason, ...detail }, req.id);
        let booking: Awaited<ReturnType<CheckInService['resolve']>>;
        try {
          booking = await d.checkIns.resolve(req.body.code);
        } catch (err) {
          await denied(err instanceof AppError ? err.code : 'error');
          throw err;
        }
        const covered =
          booking &&
          ctx.allowed.some((g) =>
            grantCovers(g, { departmentId: booking.slot.department_id, cityCode: booking.slot.city_code }),
          );
        if (!booking || !covered) {
          await denied(booking ? 'scope' : 'missing', booking ? { appointmentId: booking.id } : {});
          throw new AppError('APPOINTMENT_NOT_FOUND', '找不到该预约，或该预约不属于您的办理范围。请核对预约号。');
        }
        const what = { ...describe(booking.slot), appointmentId: booking.id };
        let outcome: Awaited<ReturnType<CheckInService['checkIn']>>;
        try {
          outcome = await d.checkIns.checkIn(booking, ctx.accountId);
        } catch (err) {
          await denied(err instanceof AppError ? err.code : 'error', what);
          throw err;
        }
        // The citizen's 我的访问记录 shows who checked them in where (and the principal's, booked for someone else).
        const label = `${booking.slot.place}窗口签到：${what.what} ${what.slot}`;
        for (const subject of await whoseBooking(booking)) {
          await d.staff.auditStaff(
            ctx.accountId,
            'console.appointment.check-in',
            'success',
            { ...what, what: label, repeat: !outcome.first },
            req.id,
            subject,
          );
        }
        reply.header('cache-control', 'no-store');
        return outcome.result;
      },
    );
  };
