import { randomUUID } from 'node:crypto';
import { type AvailableSlots, type CityCode, findCity, type HomeVisitInput } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import type { NotificationService } from '../notifications/index.js';
import { type FieldCipher, maskIdNumber, maskName } from '../privacy/index.js';
import { type Applicant, type Viewer, withReferenceNumber } from '../shared/index.js';
import { lastBookableDate } from './china-time.js';
import { checkAppointmentEligibility } from './eligibility/index.js';
import { requireVisit, visitColumns } from './home-visit.js';
import { type AppointmentEvent, bookingMessages } from './messages.js';
import { checkNoShowLimit, type NoShowRule } from './no-shows.js';
import { requireOffered } from './offering.js';
import { type AppointmentPassKeys, PASS_LIFETIME_MS } from './pass-keys.js';
import { ID_AAD, NAME_AAD, presentAvailableSlot, slotWhen, sortAppointments } from './present.js';
import * as repo from './repository.js';
import { listSubjects, resolveSubject, type SubjectChoice } from './subjects.js';

export interface AppointmentDeps {
  db: Db;
  cipher: FieldCipher;
  catalog: CatalogService;
  notifications: NotificationService;
  /** The clock every time rule reads (tests move it; SQL never uses its own now() for these rules). */
  now: () => Date;
  /** The department systems a service's eligibility rule asks (eligibility/). */
  departments: Departments;
  /** The account of a person (a principal's, to hear of a booking made for them), or null without one. */
  accountOfPerson: (personId: string) => Promise<string | null>;
  /** The rule on repeated 未到 (configuration; DEFAULT_NO_SHOW_RULE). */
  noShowRule: NoShowRule;
  /** The 预约码's signing key. */
  passKeys: AppointmentPassKeys;
}

const NOT_FOUND = '找不到该预约，请返回我的预约重新查看。';
const SLOT_NOT_FOUND = '找不到该预约时段，请刷新后重新选择。';

/**
 * The citizen's side of 预约: what is open, booking a place, their bookings, cancelling. A place is taken by one
 * conditional update in the booking's transaction, so a slot never has more bookings than places; the 消息 goes
 * out after the commit (once per event).
 */
export class BookingService {
  constructor(private readonly d: AppointmentDeps) {}

  get catalog() {
    return this.d.catalog.current;
  }

  now() {
    return this.d.now();
  }

  /** Open slots of a service in a city, from now to the end of its booking window, by start. */
  async availableSlots(serviceId: string, city: CityCode): Promise<AvailableSlots> {
    const { service, spec } = requireOffered(this.catalog, serviceId, city);
    const now = this.d.now();
    const slots = await repo.listOpenSlots(this.d.db, {
      serviceId,
      cityCode: city,
      now,
      lastDate: lastBookableDate(now, spec.bookingWindowDays),
    });
    return {
      serviceId,
      serviceName: service.name,
      cityCode: city,
      cityName: findCity(city)?.name ?? city,
      slots: slots.map(presentAvailableSlot),
    };
  }

  /** The service a slot is of (undefined: no such slot). */
  async slotService(slotId: string): Promise<string | undefined> {
    return (await repo.findSlot(this.d.db, slotId))?.service_id;
  }

  findBySubmission(accountId: string, submissionId: string) {
    return repo.findBookingBySubmission(this.d.db, accountId, submissionId);
  }

  /**
   * Book a place. Under an advisory lock of (account, service) — which makes "one live booking per service" hold
   * for concurrent attempts too — the place is taken with `booked = booked + 1 where booked < capacity` and the
   * booking inserted in the same transaction. A repeated submission id returns the first booking.
   */
  async book(o: {
    /** The account that books (the 代办人 when booking for someone else): owns the submission id. */
    accountId: string;
    applicant: Applicant;
    slotId: string;
    submissionId: string;
    /** What the booking is for where the service asks (年审预约: the plate of one of the applicant's vehicles). */
    subjectId?: string;
    /** 上门服务 (开锁): where to come and a phone to call. */
    visit?: HomeVisitInput;
  }): Promise<{ row: repo.BookingRow; created: boolean }> {
    const slot = await repo.findSlot(this.d.db, o.slotId);
    if (!slot) throw new AppError('SLOT_NOT_FOUND', SLOT_NOT_FOUND);
    const { service, spec } = requireOffered(this.catalog, slot.service_id, slot.city_code);
    const visit = requireVisit(spec, o.visit, {
      cityCode: slot.city_code as CityCode,
      place: slot.place,
      address: slot.address,
    });
    const now = this.d.now();
    if (slot.cancelled_at || slot.starts_at <= now) throw slotUnavailable(slot, now);
    // The guide's rule for who may book (asked of the department that holds the record), before any place is taken.
    await this.checkEligibility(slot.service_id, o.applicant, slot.city_code as CityCode);
    // The record it is for, one of the applicant's own as the department holds it now.
    const subject = await resolveSubject(spec, this.d.departments, o.applicant, o.subjectId);
    const subjectIndex = subject ? this.d.cipher.blindIndex(subject.key, 'plate') : null;
    // Repeated 未到 at this department pause new bookings of its services for a while (the rule is configuration).
    await checkNoShowLimit(this.d.db, this.d.noShowRule, {
      applicant: o.applicant,
      departmentId: slot.department_id,
      departmentName: this.catalog.departmentName(slot.department_id),
      now,
    });
    const id = randomUUID();
    let outcome: { repeat: repo.BookingRow } | { id: string };
    try {
      outcome = await this.d.db.transaction().execute(async (tx) => {
        // One live booking per applicant (a person, whoever books for them), service and subject (a vehicle).
        await repo.lockKey(tx, repo.BOOKING_LOCK, `${o.applicant.personId}:${slot.service_id}:${subjectIndex ?? ''}`);
        const repeat = await repo.findBookingBySubmission(tx, o.accountId, o.submissionId);
        if (repeat) return { repeat };
        const live = await repo.findLiveBooking(tx, o.applicant, slot.service_id, subjectIndex, now);
        if (live) {
          const who = o.applicant.self ? '您' : o.applicant.nameMasked;
          const forWhat = subject ? `为${subject.maskedLabel}` : '';
          throw new AppError(
            'APPOINTMENT_EXISTS',
            `${who}已${forWhat}预约${service.name}（预约号：${live.appointment_number}），请勿重复预约；如需更换时段，请在我的预约中改约。`,
          );
        }
        const taken = await repo.takePlace(tx, slot.id, now);
        if (!taken) {
          const current = await repo.findSlot(tx, slot.id);
          if (!current || current.cancelled_at || current.starts_at <= now) throw slotUnavailable(slot, now);
          throw new AppError('SLOT_FULL', '该时段已约满，请选择其他时段。');
        }
        const applicant = {
          applicant_name_encrypted: this.d.cipher.encrypt(o.applicant.name, `${NAME_AAD}:${id}`),
          applicant_name_masked: maskName(o.applicant.name),
          applicant_id_number_encrypted: this.d.cipher.encrypt(o.applicant.idNumber, `${ID_AAD}:${id}`),
          applicant_id_number_masked: maskIdNumber(o.applicant.idNumber),
        };
        // Two bookings drawing the same number: draw again (on conflict do nothing keeps the transaction usable).
        const inserted = await withReferenceNumber({ prefix: slot.city_code, now, attempts: 8 }, (number) =>
          repo.insertBooking(tx, {
            id,
            appointment_number: number,
            account_id: o.accountId,
            submission_id: o.submissionId,
            slot_id: slot.id,
            service_id: slot.service_id,
            status: 'booked',
            ...applicant,
            cancel_reason: null,
            principal_person_id: o.applicant.self ? null : o.applicant.personId,
            delegation_id: o.applicant.delegationId,
            agent_name_masked: o.applicant.self ? null : o.applicant.agentNameMasked,
            subject_index: subjectIndex,
            subject_label: subject?.maskedLabel ?? null,
            ...visitColumns(this.d.cipher, id, visit),
            booked_at: now,
            cancelled_at: null,
          }),
        );
        return { id: inserted.id };
      });
    } catch (err) {
      // The same submission id used on a slot of another service, committed meanwhile: that booking is the answer.
      if (!repo.isUniqueViolation(err, 'appointments_account_id_submission_id_key')) throw err;
      const first = await repo.findBookingBySubmission(this.d.db, o.accountId, o.submissionId);
      if (!first) throw err;
      return { row: first, created: false };
    }
    if ('repeat' in outcome) return { row: outcome.repeat, created: false };
    const row = (await repo.findBooking(this.d.db, outcome.id)) as repo.BookingRow;
    await this.announce('booked', row, null);
    return { row, created: true };
  }

  /**
   * The records the applicant may book a service for (年审预约: their vehicles), read from the department now;
   * empty for a service booked for the applicant alone.
   */
  async subjects(serviceId: string, city: CityCode, applicant: Applicant): Promise<SubjectChoice[]> {
    const { spec } = requireOffered(this.catalog, serviceId, city);
    return listSubjects(spec, this.d.departments, applicant);
  }

  /** The service's rule for who may book (asked of the department that holds the record), for the applicant. */
  checkEligibility(serviceId: string, applicant: Applicant, city: CityCode) {
    return checkAppointmentEligibility({
      serviceId,
      accountId: applicant.accountId,
      applicant: { name: applicant.name, idNumber: applicant.idNumber },
      city,
      departments: this.d.departments,
      now: this.d.now(),
    });
  }

  /**
   * The citizen cancels a booking before the slot starts (their own, one they made for someone else, or one made for
   * them); the place is given back in the same transaction.
   */
  async cancel(viewer: Viewer, id: string, reason: string | null): Promise<repo.BookingRow> {
    const current = await repo.findVisibleBooking(this.d.db, viewer, id);
    if (!current) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
    const now = this.d.now();
    await this.d.db.transaction().execute(async (tx) => {
      // Slot first, then the booking: the same order as booking and as the console's stopping of a slot.
      const slot = await repo.lockSlot(tx, current.slot_id);
      const row = await repo.lockBooking(tx, viewer, id);
      if (!slot || !row) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
      if (row.status !== 'booked') throw new AppError('APPOINTMENT_NOT_CANCELLABLE', notLive(row.status, '取消'));
      // 改约 moved it meanwhile: the place to give back is another slot's.
      if (row.slot_id !== slot.id) throw new AppError('APPOINTMENT_CHANGED', CHANGED);
      if (slot.starts_at <= now) {
        const { date, start } = slotWhen(slot);
        throw new AppError('APPOINTMENT_CANCEL_TOO_LATE', `预约时段已于${date} ${start}开始，无法取消。`);
      }
      await repo.cancelBooking(tx, row.id, reason, now);
      await repo.returnPlace(tx, slot.id);
    });
    const row = (await repo.findBooking(this.d.db, id)) as repo.BookingRow;
    // Who cancelled, of a booking made for someone else: the account that booked it (the agent) or the principal.
    await this.announce('cancelled', row, reason, row.account_id === viewer.accountId ? 'agent' : 'principal');
    return row;
  }

  /**
   * 改约: the booking moves to another slot of the same service and city in one transaction — the new place taken
   * (never beyond its capacity), the old one given back, the same booking id and 预约号. The booking's checks (the
   * slot exists, is offered, not stopped nor started, not full) and the cancel's (still booked, the old window not
   * started). A repeated submission id (per account) answers the booking as it is, nothing moved.
   */
  async reschedule(
    viewer: Viewer,
    id: string,
    o: { slotId: string; submissionId: string },
  ): Promise<{ row: repo.BookingRow; moved: boolean; from: repo.SlotRow | null }> {
    const current = await repo.findVisibleBooking(this.d.db, viewer, id);
    if (!current) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
    const repeat = await repo.findReschedule(this.d.db, viewer.accountId, o.submissionId);
    if (repeat) {
      if (repeat.appointment_id !== current.id) {
        throw new AppError('VALIDATION_FAILED', '提交编号已用于其他预约，请刷新后重试。');
      }
      return { row: current, moved: false, from: null };
    }
    const now = this.d.now();
    // The booking first (the cancel's checks), then the slot asked for (the booking's); both again under the locks.
    if (current.status !== 'booked')
      throw new AppError('APPOINTMENT_NOT_RESCHEDULABLE', notLive(current.status, '改约'));
    if (current.slot.starts_at <= now) throw rescheduleTooLate(current.slot);
    const target = await repo.findSlot(this.d.db, o.slotId);
    if (!target) throw new AppError('SLOT_NOT_FOUND', SLOT_NOT_FOUND);
    if (target.service_id !== current.service_id || target.city_code !== current.slot.city_code) {
      throw new AppError('SLOT_NOT_FOUND', '只能改约到同一事项、同一城市的其他时段，请重新选择。');
    }
    if (target.id === current.slot_id) {
      throw new AppError('APPOINTMENT_NOT_RESCHEDULABLE', '新时段与原预约时段相同，请选择其他时段。');
    }
    requireOffered(this.catalog, target.service_id, target.city_code);
    if (target.cancelled_at || target.starts_at <= now) throw slotUnavailable(target, now);
    const rescheduleId = randomUUID();
    let from: repo.SlotRow | null;
    try {
      from = await this.d.db.transaction().execute(async (tx) => {
        // Slots first (in id order: two moves between the same two slots cannot deadlock), then the booking.
        const [a, b] = [current.slot_id, target.id].sort();
        const locked = new Map<string, repo.SlotRow>();
        for (const slotId of [a, b] as string[]) {
          const slot = await repo.lockSlot(tx, slotId);
          if (slot) locked.set(slotId, slot);
        }
        const row = await repo.lockBooking(tx, viewer, id);
        if (!row) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
        if (await repo.findReschedule(tx, viewer.accountId, o.submissionId)) return null;
        if (row.status !== 'booked') throw new AppError('APPOINTMENT_NOT_RESCHEDULABLE', notLive(row.status, '改约'));
        if (row.slot_id !== current.slot_id) throw new AppError('APPOINTMENT_CHANGED', CHANGED);
        const old = locked.get(current.slot_id);
        if (!old) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
        if (old.starts_at <= now) throw rescheduleTooLate(old);
        const taken = await repo.takePlace(tx, target.id, now);
        if (!taken) {
          const now2 = locked.get(target.id);
          if (!now2 || now2.cancelled_at || now2.starts_at <= now) throw slotUnavailable(target, now);
          throw new AppError('SLOT_FULL', '该时段已约满，请选择其他时段。');
        }
        await repo.returnPlace(tx, old.id);
        await repo.moveBooking(tx, row.id, target.id, now);
        await repo.insertReschedule(tx, {
          id: rescheduleId,
          appointment_id: row.id,
          account_id: viewer.accountId,
          submission_id: o.submissionId,
          from_slot_id: old.id,
          to_slot_id: target.id,
          created_at: now,
        });
        return old;
      });
    } catch (err) {
      // The same submission id committed meanwhile (a double tap): that move is the answer.
      if (!repo.isUniqueViolation(err, 'appointment_reschedules_account_id_submission_id_key')) throw err;
      from = null;
    }
    const row = (await repo.findBooking(this.d.db, id)) as repo.BookingRow;
    if (!from) return { row, moved: false, from: null };
    const principal = row.principal_person_id ? await this.d.accountOfPerson(row.principal_person_id) : null;
    await this.d.notifications.deliver(
      bookingMessages(
        {
          event: 'rescheduled',
          appointmentId: row.id,
          appointmentNumber: row.appointment_number,
          serviceName: this.catalog.findService(row.service_id)?.name ?? row.service_id,
          departmentName: this.catalog.departmentName(row.slot.department_id),
          slot: row.slot,
          previous: from,
          reason: null,
          at: now,
          keySuffix: rescheduleId,
        },
        row,
        principal,
      ),
    );
    return { row, moved: true, from };
  }

  /**
   * 预约码: the booking's id signed for a few minutes (never beyond the window's end), while it is booked and its
   * window has not ended. Nothing personal is in the code: the counter looks the booking up.
   */
  async pass(viewer: Viewer, id: string): Promise<{ qr: string; expiresAt: string; appointmentNumber: string }> {
    const row = await repo.findVisibleBooking(this.d.db, viewer, id);
    if (!row) throw new AppError('APPOINTMENT_NOT_FOUND', NOT_FOUND);
    const now = this.d.now();
    if (row.status !== 'booked' || row.slot.ends_at <= now) {
      const why =
        row.status === 'checked_in'
          ? '该预约已签到，无需再出示预约码。'
          : row.status === 'booked'
            ? '预约时段已结束，预约码已失效。'
            : notLive(row.status, '出示预约码');
      throw new AppError('APPOINTMENT_PASS_NOT_SHOWABLE', why);
    }
    const expiresAt = new Date(Math.min(now.getTime() + PASS_LIFETIME_MS, row.slot.ends_at.getTime()));
    const qr = await this.d.passKeys.sign({ aid: row.id }, now, expiresAt);
    return {
      qr,
      expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString(),
      appointmentNumber: row.appointment_number,
    };
  }

  async listVisible(viewer: Viewer, serviceId: string | undefined) {
    return sortAppointments(await repo.listVisibleBookings(this.d.db, viewer, serviceId), this.d.now());
  }

  findVisible(viewer: Viewer, id: string) {
    return repo.findVisibleBooking(this.d.db, viewer, id);
  }

  /**
   * The booking's 消息 after the commit: to the account that booked and — booked for someone else — to the principal
   * (if they have an account). A cancellation tells the other party who cancelled (`cancelledBy`).
   */
  private async announce(
    event: AppointmentEvent,
    row: repo.BookingRow,
    reason: string | null,
    cancelledBy?: 'agent' | 'principal',
  ) {
    const principal = row.principal_person_id ? await this.d.accountOfPerson(row.principal_person_id) : null;
    await this.d.notifications.deliver(
      bookingMessages(
        {
          event,
          appointmentId: row.id,
          appointmentNumber: row.appointment_number,
          serviceName: this.catalog.findService(row.service_id)?.name ?? row.service_id,
          departmentName: this.catalog.departmentName(row.slot.department_id),
          slot: row.slot,
          reason,
          at: row.cancelled_at ?? row.booked_at,
        },
        row,
        principal,
        cancelledBy,
      ),
    );
  }
}

const CHANGED = '该预约刚刚已有变化，请刷新后重试。';

function rescheduleTooLate(slot: repo.SlotRow) {
  const { date, start } = slotWhen(slot);
  return new AppError('APPOINTMENT_RESCHEDULE_TOO_LATE', `预约时段已于${date} ${start}开始，无法改约。`);
}

/** Why a booking that is not booked any more cannot be cancelled, moved or shown. */
function notLive(status: repo.AppointmentRow['status'], what: string): string {
  switch (status) {
    case 'slot_cancelled':
      return '办理部门已停用该时段，该预约已取消。';
    case 'checked_in':
      return `该预约已签到，不能${what}。`;
    case 'no_show':
      return `该预约已记为未到，不能${what}；如仍需办理，请重新预约。`;
    default:
      return '该预约已取消。';
  }
}

function slotUnavailable(slot: repo.SlotRow, now: Date) {
  if (slot.cancelled_at) return new AppError('SLOT_UNAVAILABLE', '该时段已停用，请选择其他时段。');
  if (slot.starts_at <= now) return new AppError('SLOT_UNAVAILABLE', '该时段已开始，请选择其他时段。');
  return new AppError('SLOT_UNAVAILABLE', '该时段暂不可预约，请选择其他时段。');
}
