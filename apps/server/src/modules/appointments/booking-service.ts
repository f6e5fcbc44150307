import { randomUUID } from 'node:crypto';
import { type AvailableSlots, type CityCode, findCity } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import type { NotificationService } from '../notifications/index.js';
import { type FieldCipher, maskIdNumber, maskName } from '../privacy/index.js';
import { type Applicant, type Viewer, withReferenceNumber } from '../shared/index.js';
import { lastBookableDate } from './china-time.js';
import { checkAppointmentEligibility } from './eligibility/index.js';
import { type AppointmentEvent, bookingMessages } from './messages.js';
import { requireOffered } from './offering.js';
import { ID_AAD, NAME_AAD, presentAvailableSlot, slotWhen, sortAppointments } from './present.js';
import * as repo from './repository.js';

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
  }): Promise<{ row: repo.BookingRow; created: boolean }> {
    const slot = await repo.findSlot(this.d.db, o.slotId);
    if (!slot) throw new AppError('SLOT_NOT_FOUND', SLOT_NOT_FOUND);
    const { service } = requireOffered(this.catalog, slot.service_id, slot.city_code);
    const now = this.d.now();
    if (slot.cancelled_at || slot.starts_at <= now) throw slotUnavailable(slot, now);
    // The guide's rule for who may book (asked of the department that holds the record), before any place is taken.
    await this.checkEligibility(slot.service_id, o.applicant, slot.city_code as CityCode);
    const id = randomUUID();
    let outcome: { repeat: repo.BookingRow } | { id: string };
    try {
      outcome = await this.d.db.transaction().execute(async (tx) => {
        // One live booking per applicant (a person, whoever books for them) and service.
        await repo.lockKey(tx, repo.BOOKING_LOCK, `${o.applicant.personId}:${slot.service_id}`);
        const repeat = await repo.findBookingBySubmission(tx, o.accountId, o.submissionId);
        if (repeat) return { repeat };
        const live = await repo.findLiveBooking(tx, o.applicant, slot.service_id, now);
        if (live) {
          const who = o.applicant.self ? '您' : o.applicant.nameMasked;
          throw new AppError(
            'APPOINTMENT_EXISTS',
            `${who}已预约${service.name}（预约号：${live.appointment_number}），请勿重复预约；如需改约，请先取消原预约。`,
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
      if (row.status !== 'booked') {
        throw new AppError(
          'APPOINTMENT_NOT_CANCELLABLE',
          row.status === 'slot_cancelled' ? '办理部门已停用该时段，该预约已取消。' : '该预约已取消。',
        );
      }
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

function slotUnavailable(slot: repo.SlotRow, now: Date) {
  if (slot.cancelled_at) return new AppError('SLOT_UNAVAILABLE', '该时段已停用，请选择其他时段。');
  if (slot.starts_at <= now) return new AppError('SLOT_UNAVAILABLE', '该时段已开始，请选择其他时段。');
  return new AppError('SLOT_UNAVAILABLE', '该时段暂不可预约，请选择其他时段。');
}
