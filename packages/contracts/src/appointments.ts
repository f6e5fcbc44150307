import { z } from 'zod';
import { ALL_APPOINTMENT_SERVICES } from './appointment-services/index.js';
import { CITY_CODES } from './cities.js';
import { mobilePhone } from './forms/schema-helpers.js';
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
  /**
   * What the booking is for, chosen from the applicant's own records before a window (年审预约: which of their
   * vehicles). Absent: the booking is for the applicant alone.
   */
  readonly subject?: AppointmentSubjectKind;
  /**
   * Someone comes to the citizen (开锁便民服务): the booking carries where to come and a phone to call first. Absent:
   * the citizen goes to the place of the slot.
   */
  readonly homeVisit?: true;
}

/**
 * The kinds of thing a booking can be for, with the words the picker and its refusals use. One live booking per
 * applicant, service and subject: someone with two cars books each car's inspection.
 */
export const APPOINTMENT_SUBJECT_KINDS = {
  vehicle: {
    title: '选择车辆',
    titleEn: 'Choose the vehicle',
    label: '车辆',
    labelEn: 'Vehicle',
    required: '请选择需要预约的车辆',
    requiredEn: 'Choose the vehicle to book for',
    none: '交管部门未查询到登记在您名下的机动车。',
    noneEn: 'The traffic police have no vehicle registered in your name.',
    notYours: '所选车辆不在交管部门登记在您名下的机动车之中，请重新选择；车辆如已转移登记，请由现所有人预约。',
    source: '以下为公安交通管理部门登记在您名下的机动车，请选择需要年审的车辆。',
    sourceEn: 'The vehicles the traffic police have registered in your name: choose the one to inspect.',
  },
} as const;
export type AppointmentSubjectKind = keyof typeof APPOINTMENT_SUBJECT_KINDS;

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

/** Which of the applicant's records a booking can be for (年审预约: `GET /api/v1/me/appointments/subjects`). */
export const AppointmentSubjectsQuery = z
  .object({
    serviceId: z.string({ error: '请选择服务' }).trim().min(1, '请选择服务').max(80, '服务编号过长'),
    city: City,
    for: z.uuid({ error: '授权编号格式有误' }).optional(),
  })
  .strict();

/** One record the booking can be for, as its owner sees it after verification (their own plate in full). */
export const AppointmentSubject = z
  .object({
    /** What the booking sends back as `subjectId` (a vehicle: its plate). */
    id: z.string(),
    /** 粤A12345（小型普通客车） */
    label: z.string(),
    /** 品牌型号 · 检验有效期至 … */
    detail: z.string(),
  })
  .meta({ id: 'AppointmentSubject' });
export type AppointmentSubject = z.infer<typeof AppointmentSubject>;

export const AppointmentSubjects = z
  .object({
    serviceId: z.string(),
    kind: z.enum(['vehicle']),
    subjects: z.array(AppointmentSubject),
  })
  .meta({ id: 'AppointmentSubjects' });
export type AppointmentSubjects = z.infer<typeof AppointmentSubjects>;

/** 上门服务 (a service with `homeVisit`): where to come and whom to call; sealed at rest, masked when shown. */
export const HomeVisitInput = z
  .object({
    address: z
      .string({ error: '请填写需要上门的详细地址' })
      .trim()
      .min(1, '请填写需要上门的详细地址')
      .min(6, '请填写详细地址（区、街道、门牌号）')
      .max(100, '上门地址不能超过100个字'),
    phone: mobilePhone('请填写联系电话'),
  })
  .strict();
export type HomeVisitInput = z.input<typeof HomeVisitInput>;

export const BookAppointmentInput = z
  .object({
    slotId: z.uuid({ error: '请选择预约时段' }),
    /** The record the booking is for, where the service asks (年审预约: the vehicle's plate); else absent. */
    subjectId: z
      .string({ error: '请选择需要预约的车辆' })
      .trim()
      .min(1, '请选择需要预约的车辆')
      .max(20, '所选车辆有误，请重新选择')
      .optional(),
    /** 上门服务 (开锁): where to come and a phone; required there, refused elsewhere. */
    visit: HomeVisitInput.optional(),
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

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'no_show', 'cancelled', 'slot_cancelled'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES).meta({
  id: 'AppointmentStatus',
  description:
    'booked 已预约; checked_in 已签到（窗口现场签到）; no_show 未到（时段结束仍未签到）; cancelled 已取消（本人）; ' +
    'slot_cancelled 已取消（号源停用，部门取消）',
});
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const APPOINTMENT_STATUS_LABELS = {
  booked: { label: '已预约', labelEn: 'Booked' },
  checked_in: { label: '已签到', labelEn: 'Checked in' },
  no_show: { label: '未到', labelEn: 'No-show' },
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
    /** What the booking is for where the service asks (年审预约: the vehicle, plate masked); else null. */
    subjectLabel: z.string().nullable(),
    /** 上门服务: where the visit goes and the phone, both masked (the booking holds them sealed); else null. */
    visit: z.object({ addressMasked: z.string(), phoneMasked: z.string() }).nullable(),
    /** Booked and the slot has not started yet. */
    canCancel: z.boolean(),
    /** 改约: booked and the slot has not started yet (another slot of the same service and city). */
    canReschedule: z.boolean(),
    /** 预约码: booked and the slot has not ended (the counter checks it in). */
    canShowPass: z.boolean(),
    /** 已签到 at the counter (null: not checked in). */
    checkedInAt: z.iso.datetime().nullable(),
    /** Marked 未到 after the slot ended (null: not a no-show). */
    noShowAt: z.iso.datetime().nullable(),
    /** The last 改约 (null: never moved). */
    rescheduledAt: z.iso.datetime().nullable(),
    /** What to bring (the service's notice). */
    notice: z.array(z.string()),
    /** 为他人办理: booked by the viewer for someone else, or by someone else for the viewer (null: by the applicant). */
    onBehalf: OnBehalf.nullable(),
    /** The person booked (who goes to the counter), masked. */
    applicantNameMasked: z.string(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

/** 改约: another slot of the same service and city; the same submissionId again answers the booking, nothing moved. */
export const RescheduleAppointmentInput = z
  .object({
    slotId: z.uuid({ error: '请选择新的预约时段' }),
    submissionId: z.uuid({ error: '提交编号有误' }),
  })
  .strict()
  .meta({ id: 'RescheduleAppointmentInput' });
export type RescheduleAppointmentInput = z.input<typeof RescheduleAppointmentInput>;

/** What a 预约码 starts with; then a compact JWS (ES256) of the booking id, valid a few minutes. */
export const APPOINTMENT_PASS_PREFIX = 'YSSA1:';

/** 预约码: the booking as a short-lived signed QR for the counter (the booking id only, no personal data). */
export const AppointmentPass = z
  .object({
    qr: z.string(),
    expiresAt: z.iso.datetime(),
    appointmentNumber: z.string(),
  })
  .meta({ id: 'AppointmentPass' });
export type AppointmentPass = z.infer<typeof AppointmentPass>;

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
    /** 年审预约: the vehicle (plate masked); null for services booked for the applicant alone. */
    subjectLabel: z.string().nullable(),
    /** 上门服务: the address masked (the full one is read on purpose, audited: `…/visit`); else null. */
    visitAddressMasked: z.string().nullable(),
    status: AppointmentStatus,
    bookedAt: z.iso.datetime(),
    checkedInAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ConsoleBooking' });

/** 上门信息: where to go and whom to call, for the staff who make the visit (audited, on the citizen's 访问记录). */
export const ConsoleHomeVisit = z
  .object({ appointmentNumber: z.string(), address: z.string(), phone: z.string() })
  .meta({ id: 'ConsoleHomeVisit' });
export type ConsoleHomeVisit = z.infer<typeof ConsoleHomeVisit>;
export type ConsoleBooking = z.infer<typeof ConsoleBooking>;

/** 现场签到: the 预约码 as scanned (YSSA1:…) or the 20-digit 预约号 as typed. */
export const AppointmentCheckInInput = z
  .object({ code: z.string().trim().min(1, '请扫描预约码或输入预约号').max(2000, '预约码有误') })
  .strict()
  .meta({ id: 'AppointmentCheckInInput' });
export type AppointmentCheckInInput = z.input<typeof AppointmentCheckInInput>;

/** The booking checked in, as the clerk compares it with the ID card: the person masked, the ID number's last 4. */
export const AppointmentCheckInResult = z
  .object({
    appointmentNumber: z.string(),
    serviceName: z.string(),
    place: z.string(),
    date: LocalDate,
    start: LocalTime,
    end: LocalTime,
    nameMasked: z.string(),
    /** The last four characters of the ID number (the rest is not shown). */
    idNumberLast4: z.string(),
    /** 年审预约: the vehicle the booking is for (plate masked), to compare with the car that came; else null. */
    subjectLabel: z.string().nullable(),
    status: AppointmentStatus,
    checkedInAt: z.iso.datetime(),
    /** This code was already checked in (a repeat answers the first check-in's time). */
    alreadyCheckedIn: z.boolean(),
    /** 已签到 at HH:MM — what the clerk reads. */
    message: z.string(),
  })
  .meta({ id: 'AppointmentCheckInResult' });
export type AppointmentCheckInResult = z.infer<typeof AppointmentCheckInResult>;
