import type { AppointmentServiceSpec, CreateSlotsInput } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { WorkCalendar } from '../work-calendar/index.js';
import { addDays, chinaDate, chinaInstant, daysBetween, lastBookableDate } from './china-time.js';
import { bookingMessages, principalAccounts } from './messages.js';
import { slotWhen } from './present.js';
import * as repo from './repository.js';

/** The console's longest date range (about two months): a list stays a page, not a table dump. */
export const MAX_RANGE_DAYS = 62;
/** The console's default range: today and the two weeks after. */
export const DEFAULT_RANGE_DAYS = 14;

export interface SlotServiceDeps {
  db: Db;
  catalog: CatalogService;
  notifications: NotificationService;
  /** The account of a person (a principal's, told when the slot of a booking made for them is stopped), or null. */
  accountOfPerson: (personId: string) => Promise<string | null>;
  /** The same clock as the booking side (tests move it). */
  now: () => Date;
  /** 工作日历: no slots on a holiday unless the publisher says the counter opens (openOnHoliday). */
  calendar: WorkCalendar;
}

type Window = { start: string; end: string };
const overlaps = (a: Window, b: Window) => a.start < b.end && b.start < a.end;

/**
 * 号源管理 in the console: publish, list, resize and stop slots. Scope (department + city) is the routes' job;
 * this class keeps the rules of the slots themselves: dates inside the booking window and not past, no
 * overlapping windows at one service point, capacity never below the bookings, and a stopped slot's bookings
 * cancelled and their citizens told.
 */
export class SlotService {
  constructor(private readonly d: SlotServiceDeps) {}

  get catalog() {
    return this.d.catalog.current;
  }

  now() {
    return this.d.now();
  }

  findSlot(id: string) {
    return repo.findSlot(this.d.db, id);
  }

  /** The local date range of a console list: defaults, order and length checked (SLOT_INVALID). */
  range(from: string | undefined, to: string | undefined): { from: string; to: string } {
    const start = from ?? chinaDate(this.d.now());
    const end = to ?? addDays(start, DEFAULT_RANGE_DAYS);
    if (end < start) throw new AppError('SLOT_INVALID', `结束日期${end}早于开始日期${start}，请重新选择。`);
    if (daysBetween(start, end) > MAX_RANGE_DAYS) {
      throw new AppError('SLOT_INVALID', `查询范围最长${MAX_RANGE_DAYS}天，请缩小日期范围。`);
    }
    return { from: start, to: end };
  }

  /** The dates among these that the 工作日历 makes holidays, with their festival (the audit of an override). */
  holidaysAmong(dates: readonly string[]): string[] {
    return dates.flatMap((d) => {
      const day = this.d.calendar.day(d);
      return day.kind === 'holiday' ? [`${d} ${day.holidayName}`] : [];
    });
  }

  list(o: { serviceId: string; cityCode: string; from: string; to: string }) {
    return repo.listSlotsBetween(this.d.db, o);
  }

  /**
   * Publish the same windows on each date, all or nothing. Checked first without the database (dates, windows of
   * the request), then under an advisory lock of (service, city) against the published slots at the place.
   */
  async create(
    input: CreateSlotsInput,
    o: { spec: AppointmentServiceSpec; serviceName: string; departmentId: string; staffId: string },
  ): Promise<repo.SlotRow[]> {
    const now = this.d.now();
    const today = chinaDate(now);
    const last = lastBookableDate(now, o.spec.bookingWindowDays);
    const dates = [...input.dates].sort();
    for (let i = 0; i < dates.length; i++) {
      const date = dates[i] as string;
      if (i > 0 && dates[i - 1] === date) throw new AppError('SLOT_INVALID', `日期${date}重复，请勿重复选择。`);
      if (date < today) throw new AppError('SLOT_INVALID', `${date}已过去，不能发布号源。`);
      if (date > last) {
        throw new AppError(
          'SLOT_INVALID',
          `${date}超出可预约范围：${o.serviceName}只能发布${o.spec.bookingWindowDays}天内（${last}及以前）的号源。`,
        );
      }
    }
    if (!input.openOnHoliday) {
      const calendar = await this.d.calendar.fresh();
      for (const date of dates) {
        const day = calendar.day(date);
        if (day.kind !== 'holiday') continue;
        throw new AppError(
          'SLOT_ON_HOLIDAY',
          `${date}为${day.holidayName}${day.statutory ? '法定节假日' : '假期'}，不能发布号源。` +
            '如该日窗口照常开放，请勾选“节假日照常开放”后再发布。',
        );
      }
    }
    const times = [...input.times].sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 0; i < times.length; i++) {
      const t = times[i] as Window;
      // The contract refuses end ≤ start already; this guards callers that bypass it.
      if (t.end <= t.start) throw new AppError('SLOT_INVALID', `时段${t.start}–${t.end}的结束时间须晚于开始时间。`);
      const next = times[i + 1];
      if (next && overlaps(t, next)) {
        throw new AppError(
          'SLOT_OVERLAP',
          `${dates[0]} 时段${t.start}–${t.end}与${next.start}–${next.end}重叠，请调整后再发布。`,
        );
      }
    }
    const rows: repo.NewSlot[] = [];
    for (const date of dates) {
      for (const t of times) {
        const startsAt = chinaInstant(date, t.start);
        const endsAt = chinaInstant(date, t.end);
        if (!startsAt || !endsAt) throw new AppError('SLOT_INVALID', `${date}不是有效的日期。`);
        if (startsAt <= now) {
          throw new AppError('SLOT_INVALID', `${date} ${t.start}开始的时段已开始，不能发布，请选择之后的时间。`);
        }
        rows.push({
          service_id: input.serviceId,
          city_code: input.cityCode,
          department_id: o.departmentId,
          place: input.place,
          address: input.address,
          local_date: date,
          starts_at: startsAt,
          ends_at: endsAt,
          capacity: input.capacity,
          cancelled_at: null,
          cancel_reason: null,
          created_by: o.staffId,
        });
      }
    }
    return this.d.db.transaction().execute(async (tx) => {
      await repo.lockKey(tx, repo.PUBLISH_LOCK, `${input.serviceId}:${input.cityCode}`);
      const existing = await repo.listSlotsAtPlace(tx, {
        serviceId: input.serviceId,
        cityCode: input.cityCode,
        place: input.place,
        dates,
        includeCancelled: false,
      });
      for (const e of existing) {
        const have = slotWhen(e);
        for (const t of times) {
          if (dates.includes(have.date) && overlaps(t, have)) {
            throw new AppError(
              'SLOT_OVERLAP',
              `${have.date} ${t.start}–${t.end}与${input.place}已发布的时段${have.start}–${have.end}重叠，请调整后再发布。`,
            );
          }
        }
      }
      return repo.insertSlots(tx, rows);
    });
  }

  /** A new capacity, never below the places already booked (checked under the slot's lock). */
  async setCapacity(slotId: string, capacity: number): Promise<repo.SlotRow> {
    const now = this.d.now();
    return this.d.db.transaction().execute(async (tx) => {
      const slot = await repo.lockSlot(tx, slotId);
      if (!slot) throw new AppError('SLOT_NOT_FOUND', '找不到该预约时段。');
      if (slot.cancelled_at) throw new AppError('SLOT_UNAVAILABLE', '该时段已停用，不能修改。');
      if (slot.ends_at <= now) throw new AppError('SLOT_UNAVAILABLE', '该时段已结束，不能修改。');
      if (capacity < slot.booked) {
        throw new AppError(
          'SLOT_CAPACITY_BELOW_BOOKED',
          `该时段已有${slot.booked}人预约，可预约人数不能少于${slot.booked}。`,
        );
      }
      return repo.setCapacity(tx, slot.id, capacity);
    });
  }

  /**
   * Stop a slot: no more bookings, and every live booking on it becomes slot_cancelled in the same transaction;
   * each citizen then gets a 消息 with the reason (booked for someone else: the agent and the principal).
   */
  async stop(slotId: string, reason: string): Promise<{ slot: repo.SlotRow; affected: number }> {
    const now = this.d.now();
    const { slot, cancelled } = await this.d.db.transaction().execute(async (tx) => {
      const current = await repo.lockSlot(tx, slotId);
      if (!current) throw new AppError('SLOT_NOT_FOUND', '找不到该预约时段。');
      if (current.cancelled_at) throw new AppError('SLOT_UNAVAILABLE', '该时段已停用。');
      if (current.ends_at <= now) throw new AppError('SLOT_UNAVAILABLE', '该时段已结束，无需停用。');
      const cancelled = await repo.cancelSlotBookings(tx, current.id, reason, now);
      const slot = await repo.stopSlot(tx, current.id, reason, now);
      return { slot, cancelled };
    });
    const serviceName = this.catalog.findService(slot.service_id)?.name ?? slot.service_id;
    // A booking made for someone else: the principal (the person who would have gone) hears of it too.
    const principals = await principalAccounts(cancelled, this.d.accountOfPerson);
    await this.d.notifications.deliver(
      cancelled.flatMap((b) =>
        bookingMessages(
          {
            event: 'slot_cancelled',
            appointmentId: b.id,
            appointmentNumber: b.appointment_number,
            serviceName,
            departmentName: this.catalog.departmentName(slot.department_id),
            slot,
            reason,
            at: now,
          },
          b,
          b.principal_person_id ? (principals.get(b.principal_person_id) ?? null) : null,
        ),
      ),
    );
    return { slot, affected: cancelled.length };
  }

  bookings(slotId: string) {
    return repo.listSlotBookings(this.d.db, slotId);
  }
}
