import { z } from 'zod';
import { ALL_APPOINTMENT_SERVICES } from './appointment-services/index.js';
import { CITY_CODES } from './cities.js';
import { OnBehalf } from './on-behalf.js';

/**
 * 预约 (appointments with quotas): a department's 号源管理员 publishes time slots (号源) at its service points —
 * a place, a date, a time window and how many people it can take — and citizens book one, see it, and cancel
 * it before it starts. Booking never takes more places than a slot has, whoever books at the same moment.
 *
 * Which services take appointments online is data: `APPOINTMENT_SERVICES` (catalog service id → what the
 * citizen reads first). Times are China time (UTC+8, no daylight saving): a slot's `date` is the local date and
 * `start`/`end` the local HH:MM; `startsAt`/`endsAt` are the same instants as ISO timestamps.
 */

export interface AppointmentServiceSpec {
  readonly serviceId: string;
  /** What to bring and know, shown before booking (from the guide's wording where it has one). */
  readonly notice: readonly string[];
  readonly noticeEn: readonly string[];
  /** How far ahead slots can be published and booked. */
  readonly bookingWindowDays: number;
}

/** Every service that takes appointments online, by catalog service id (one file per area in `appointment-services/`). */
export const APPOINTMENT_SERVICES: Readonly<Record<string, AppointmentServiceSpec>> = ALL_APPOINTMENT_SERVICES;

export function findAppointmentService(serviceId: string): AppointmentServiceSpec | undefined {
  return Object.hasOwn(APPOINTMENT_SERVICES, serviceId) ? APPOINTMENT_SERVICES[serviceId] : undefined;
}

const City = z.enum(CITY_CODES, { error: '请选择广东省的地级市' });
const LocalDate = z.iso.date({ error: '日期格式有误' });
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为HH:MM');

// ---------------------------------------------------------------------------------------------------------------
// Citizen
// ---------------------------------------------------------------------------------------------------------------

export const AvailableSlotsQuery = z
  .object({
    serviceId: z.string().min(1).max(80),
    city: City,
  })
  .strict();

/** A slot as citizens see it: where, when, and whether places are left (never who booked). */
export const AvailableSlot = z
  .object({
    id: z.uuid(),
    /** 办理地点 (e.g. 天河区婚姻登记处) and its address. */
    place: z.string(),
    address: z.string(),
    date: LocalDate,
    start: LocalTime,
    end: LocalTime,
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    capacity: z.number().int(),
    remaining: z.number().int(),
  })
  .meta({ id: 'AvailableSlot' });
export type AvailableSlot = z.infer<typeof AvailableSlot>;

/** The slots of a service in a city from now to the end of its booking window, by start time. */
export const AvailableSlots = z
  .object({
    serviceId: z.string(),
    serviceName: z.string(),
    cityCode: z.string(),
    cityName: z.string(),
    slots: z.array(AvailableSlot),
  })
  .meta({ id: 'AvailableSlots' });
export type AvailableSlots = z.infer<typeof AvailableSlots>;

export const BookAppointmentInput = z
  .object({
    slotId: z.uuid({ error: '请选择预约时段' }),
    /** Chosen by the app once per booking attempt: a retry returns the first booking instead of a second. */
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'BookAppointmentInput' });
export type BookAppointmentInput = z.input<typeof BookAppointmentInput>;

export const CancelAppointmentInput = z
  .object({ reason: z.string().trim().max(200, '取消原因不能超过200个字').optional() })
  .strict()
  .meta({ id: 'CancelAppointmentInput' });

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'slot_cancelled'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES).meta({
  id: 'AppointmentStatus',
  description: 'booked 已预约; cancelled 已取消（本人）; slot_cancelled 已取消（号源停用，部门取消）',
});
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const APPOINTMENT_STATUS_LABELS = {
  booked: { label: '已预约', labelEn: 'Booked' },
  cancelled: { label: '已取消', labelEn: 'Cancelled' },
  slot_cancelled: { label: '已取消（办理部门停用该时段）', labelEn: 'Cancelled by the department' },
} as const satisfies Record<AppointmentStatus, { label: string; labelEn: string }>;

export const Appointment = z
  .object({
    id: z.uuid(),
    /** 预约号: what the citizen shows at the counter. */
    appointmentNumber: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceNameEn: z.string(),
    cityCode: z.string(),
    cityName: z.string(),
    departmentName: z.string(),
    place: z.string(),
    address: z.string(),
    date: LocalDate,
    start: LocalTime,
    end: LocalTime,
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    status: AppointmentStatus,
    statusLabel: z.string(),
    statusLabelEn: z.string(),
    bookedAt: z.iso.datetime(),
    cancelledAt: z.iso.datetime().nullable(),
    /** Booked and the slot has not started yet. */
    canCancel: z.boolean(),
    /** What to bring (the service's notice). */
    notice: z.array(z.string()),
    /** 为他人办理: booked by the viewer for someone else, or by someone else for the viewer (null: by the applicant). */
    onBehalf: OnBehalf.nullable(),
    /** The person booked (who goes to the counter), masked. */
    applicantNameMasked: z.string(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentListQuery = z.object({ serviceId: z.string().max(80).optional() }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Console (staff with slot.manage for the service's department and the city)
// ---------------------------------------------------------------------------------------------------------------

export const ConsoleSlotQuery = z
  .object({
    serviceId: z.string().min(1).max(80),
    cityCode: City,
    /** First and last local date shown (default: today and two weeks on). */
    from: LocalDate.optional(),
    to: LocalDate.optional(),
  })
  .strict();

export const ConsoleSlot = AvailableSlot.extend({
  serviceId: z.string(),
  cityCode: z.string(),
  booked: z.number().int(),
  /** Stopped by staff: no new bookings; its bookings were cancelled and told. */
  cancelled: z.boolean(),
}).meta({ id: 'ConsoleSlot' });
export type ConsoleSlot = z.infer<typeof ConsoleSlot>;

const SlotTimes = z
  .object({ start: LocalTime, end: LocalTime })
  .strict()
  .refine((t) => t.start < t.end, { message: '结束时间须晚于开始时间', path: ['end'] });

/** Publish slots: one place, one or more dates, the same time windows on each date. */
export const CreateSlotsInput = z
  .object({
    serviceId: z.string().min(1).max(80),
    cityCode: City,
    place: z.string().trim().min(1, '请填写办理地点').max(60, '办理地点不能超过60个字'),
    address: z.string().trim().min(1, '请填写地址').max(120, '地址不能超过120个字'),
    dates: z.array(LocalDate).min(1, '请选择日期').max(31, '一次最多发布31天'),
    times: z.array(SlotTimes).min(1, '请添加时段').max(24, '每天最多24个时段'),
    capacity: z
      .number({ error: '请填写可预约人数' })
      .int('可预约人数须为整数')
      .min(1, '可预约人数至少为1')
      .max(500, '每个时段最多500人'),
    /**
     * 节假日照常开放: publish on a holiday of the 工作日历 anyway (counters do sometimes open). Without it a date
     * that is a holiday is refused SLOT_ON_HOLIDAY.
     */
    openOnHoliday: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'CreateSlotsInput' });
export type CreateSlotsInput = z.input<typeof CreateSlotsInput>;

export const UpdateSlotInput = z
  .object({
    capacity: z
      .number({ error: '请填写可预约人数' })
      .int('可预约人数须为整数')
      .min(1, '可预约人数至少为1')
      .max(500, '每个时段最多500人'),
  })
  .strict()
  .meta({ id: 'UpdateSlotInput' });

export const CancelSlotInput = z
  .object({ reason: z.string().trim().min(1, '请填写停用原因（将通知已预约的群众）').max(200, '原因不能超过200个字') })
  .strict()
  .meta({ id: 'CancelSlotInput' });

/** Who booked a slot, as the service point needs it at the counter: masked, with the 预约号. */
export const ConsoleBooking = z
  .object({
    appointmentNumber: z.string(),
    nameMasked: z.string(),
    idNumberMasked: z.string(),
    status: AppointmentStatus,
    bookedAt: z.iso.datetime(),
  })
  .meta({ id: 'ConsoleBooking' });
export type ConsoleBooking = z.infer<typeof ConsoleBooking>;
