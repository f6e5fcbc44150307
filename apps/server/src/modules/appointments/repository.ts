import { type Insertable, type Selectable, sql } from 'kysely';
import { ADVISORY_LOCKS } from '../../db/advisory-locks.js';
import type { Db } from '../../db/database.js';
import type { Viewer } from '../shared/index.js';
import type { AppointmentTables } from './tables.js';

/** The only file of the module that queries: slots (号源) and the bookings on them. */

type SlotTable = AppointmentTables['appointment_slots'];
/** A slot as read: local_date is left out (drivers parse a date in the server's zone; see china-time.ts). */
export type SlotRow = Omit<Selectable<SlotTable>, 'local_date'>;
export type NewSlot = Insertable<SlotTable>;
export type AppointmentRow = Selectable<AppointmentTables['appointments']>;
/** A booking with the slot it is on: what every citizen-facing answer needs. */
export type BookingRow = AppointmentRow & { slot: SlotRow };

const SLOT_COLUMNS = [
  'id',
  'service_id',
  'city_code',
  'department_id',
  'place',
  'address',
  'starts_at',
  'ends_at',
  'capacity',
  'booked',
  'cancelled_at',
  'cancel_reason',
  'created_by',
  'created_at',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and bodies: one that is not a uuid names nothing (and must not reach a uuid column). */
export const isUuid = (id: string) => UUID.test(id);

export { isUniqueViolation } from '../../db/unique-violation.js';

/**
 * Serialise writers of one key until the transaction ends (PostgreSQL and PGlite alike). Used where a rule spans
 * rows that may not exist yet: one live booking per account and service; no overlapping slots of a service point.
 */
export async function lockKey(db: Db, namespace: typeof BOOKING_LOCK | typeof PUBLISH_LOCK, key: string) {
  await sql`select pg_advisory_xact_lock(${namespace}::int, hashtext(${key}))`.execute(db);
}
export const BOOKING_LOCK = ADVISORY_LOCKS.appointmentBooking;
export const PUBLISH_LOCK = ADVISORY_LOCKS.appointmentPublish;

// ---- slots ----

export function findSlot(db: Db, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return db.selectFrom('appointment_slots').select(SLOT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function lockSlot(db: Db, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return db.selectFrom('appointment_slots').select(SLOT_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Citizens' view: open slots (not started, not stopped) of a service in a city up to a last local date. */
export function listOpenSlots(db: Db, o: { serviceId: string; cityCode: string; now: Date; lastDate: string }) {
  return db
    .selectFrom('appointment_slots')
    .select(SLOT_COLUMNS)
    .where('service_id', '=', o.serviceId)
    .where('city_code', '=', o.cityCode)
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', o.now)
    .where('local_date', '<=', o.lastDate)
    .orderBy('starts_at')
    .orderBy('place')
    .orderBy('id')
    .limit(2000)
    .execute();
}

/** The console's view: every slot (past and stopped ones too) of a service in a city between two local dates. */
export function listSlotsBetween(db: Db, o: { serviceId: string; cityCode: string; from: string; to: string }) {
  return db
    .selectFrom('appointment_slots')
    .select(SLOT_COLUMNS)
    .where('service_id', '=', o.serviceId)
    .where('city_code', '=', o.cityCode)
    .where('local_date', '>=', o.from)
    .where('local_date', '<=', o.to)
    .orderBy('starts_at')
    .orderBy('place')
    .orderBy('id')
    .limit(5000)
    .execute();
}

/** Slots of one service point on some dates (the overlap check; stopped ones included when asked). */
export function listSlotsAtPlace(
  db: Db,
  o: { serviceId: string; cityCode: string; place: string; dates: readonly string[]; includeCancelled: boolean },
) {
  if (o.dates.length === 0) return Promise.resolve([] as SlotRow[]);
  let q = db
    .selectFrom('appointment_slots')
    .select(SLOT_COLUMNS)
    .where('service_id', '=', o.serviceId)
    .where('city_code', '=', o.cityCode)
    .where('place', '=', o.place)
    .where('local_date', 'in', o.dates);
  if (!o.includeCancelled) q = q.where('cancelled_at', 'is', null);
  return q.orderBy('starts_at').execute();
}

/**
 * The windows (start, end) of every slot, stopped ones included, at any of these service points on these dates:
 * one query for what the demo top-up compares against before it takes any lock.
 */
export function listWindowsAtPlaces(
  db: Db,
  o: { places: readonly { serviceId: string; cityCode: string; place: string }[]; dates: readonly string[] },
) {
  if (o.places.length === 0 || o.dates.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appointment_slots')
    .select(['service_id', 'city_code', 'place', 'starts_at', 'ends_at'])
    .where('local_date', 'in', o.dates)
    .where((eb) =>
      eb.or(
        o.places.map((p) =>
          eb.and([eb('service_id', '=', p.serviceId), eb('city_code', '=', p.cityCode), eb('place', '=', p.place)]),
        ),
      ),
    )
    .execute();
}

export function insertSlots(db: Db, rows: NewSlot[]) {
  if (rows.length === 0) return Promise.resolve([] as SlotRow[]);
  return db.insertInto('appointment_slots').values(rows).returning(SLOT_COLUMNS).execute();
}

/**
 * Take one place, atomically: the row only changes while a place is left, the slot is not stopped and has not
 * started. Of any number of concurrent bookings, at most `capacity − booked` see a row back.
 */
export function takePlace(db: Db, slotId: string, now: Date) {
  return db
    .updateTable('appointment_slots')
    .set((eb) => ({ booked: eb('booked', '+', 1) }))
    .where('id', '=', slotId)
    .where((eb) => eb('booked', '<', eb.ref('capacity')))
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', now)
    .returning(SLOT_COLUMNS)
    .executeTakeFirst();
}

/** Give a place back (a booking cancelled by its citizen). */
export function returnPlace(db: Db, slotId: string) {
  return db
    .updateTable('appointment_slots')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('id', '=', slotId)
    .where('booked', '>', 0)
    .execute();
}

export function setCapacity(db: Db, slotId: string, capacity: number) {
  return db
    .updateTable('appointment_slots')
    .set({ capacity })
    .where('id', '=', slotId)
    .returning(SLOT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Stop a slot: no place is live any more (its bookings become slot_cancelled in the same transaction). */
export function stopSlot(db: Db, slotId: string, reason: string, at: Date) {
  return db
    .updateTable('appointment_slots')
    .set({ cancelled_at: at, cancel_reason: reason, booked: 0 })
    .where('id', '=', slotId)
    .returning(SLOT_COLUMNS)
    .executeTakeFirstOrThrow();
}

// ---- bookings ----

/** Each booking with its slot (a second query by the slots' ids: simpler than unpicking a join's columns). */
async function withSlots(db: Db, rows: AppointmentRow[]): Promise<BookingRow[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.slot_id))];
  const slots = await db.selectFrom('appointment_slots').select(SLOT_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(slots.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const slot = byId.get(r.slot_id);
    return slot ? [{ ...r, slot }] : [];
  });
}

export async function findBooking(db: Db, id: string): Promise<BookingRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withSlots(db, [row]))[0] : undefined;
}

/** A booking the viewer may see: one they made (for themself or someone else), or one made for them. */
export async function findVisibleBooking(db: Db, viewer: Viewer, id: string): Promise<BookingRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('account_id', '=', viewer.accountId), eb('principal_person_id', '=', viewer.personId)]))
    .executeTakeFirst();
  return row ? (await withSlots(db, [row]))[0] : undefined;
}

export async function findBookingBySubmission(db: Db, accountId: string, submissionId: string) {
  const row = await db
    .selectFrom('appointments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  return row ? (await withSlots(db, [row]))[0] : undefined;
}

/** 我的预约: what the viewer booked (for themself or for others) and what others booked for them. */
export async function listVisibleBookings(db: Db, viewer: Viewer, serviceId: string | undefined) {
  let q = db
    .selectFrom('appointments')
    .selectAll()
    .where((eb) => eb.or([eb('account_id', '=', viewer.accountId), eb('principal_person_id', '=', viewer.personId)]));
  if (serviceId) q = q.where('service_id', '=', serviceId);
  return withSlots(db, await q.orderBy('booked_at', 'desc').orderBy('id').limit(200).execute());
}

/**
 * Live bookings not yet reminded whose window starts after `now` and no later than `until` (预约提醒) and that
 * were made at least 12 hours before it, soonest first, at most `limit`.
 */
export async function bookingsToRemind(db: Db, o: { now: Date; until: Date; limit: number }) {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
    .selectAll('a')
    .where('a.status', '=', 'booked')
    .where('a.reminded_at', 'is', null)
    .where('s.cancelled_at', 'is', null)
    .where('s.starts_at', '>', o.now)
    .where('s.starts_at', '<=', o.until)
    // booked at least 12 hours ahead: a place taken this morning for this afternoon needs no reminder
    .where('a.booked_at', '<=', sql<Date>`s.starts_at - interval '12 hours'`)
    .orderBy('s.starts_at')
    .orderBy('a.id')
    .limit(o.limit)
    .execute();
  return withSlots(db, rows);
}

/** Mark bookings reminded (only those still live and not reminded: a cancel meanwhile is left alone). */
export async function markReminded(db: Db, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await db
    .updateTable('appointments')
    .set({ reminded_at: at })
    .where('id', 'in', ids)
    .where('reminded_at', 'is', null)
    .execute();
}

/** The account's live booking of a service on a slot that has not started yet (one at a time). */
/** The applicant's live booking of a service, whoever made it (their own account for themself, or anyone for them). */
export function findLiveBooking(
  db: Db,
  applicant: { accountId: string | null; personId: string },
  serviceId: string,
  /** The booking's subject (年审预约: the vehicle's index); null for the services booked for the applicant alone. */
  subjectIndex: string | null,
  now: Date,
) {
  return (
    db
      .selectFrom('appointments as a')
      .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
      .select(['a.id', 'a.appointment_number'])
      .where((eb) =>
        eb.or([
          eb('a.principal_person_id', '=', applicant.personId),
          ...(applicant.accountId
            ? [eb.and([eb('a.account_id', '=', applicant.accountId), eb('a.principal_person_id', 'is', null)])]
            : []),
        ]),
      )
      .where('a.service_id', '=', serviceId)
      .where('a.subject_index', subjectIndex === null ? 'is' : '=', subjectIndex)
      // checked in up to an hour before the window: still the live booking of this service
      .where('a.status', 'in', ['booked', 'checked_in'])
      .where('s.starts_at', '>', now)
      .executeTakeFirst()
  );
}

/** Insert a booking unless its 预约号 is taken (then undefined: draw another number). */
export function insertBooking(db: Db, row: Insertable<AppointmentTables['appointments']>) {
  return db
    .insertInto('appointments')
    .values(row)
    .onConflict((oc) => oc.column('appointment_number').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function lockBooking(db: Db, viewer: Viewer, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('account_id', '=', viewer.accountId), eb('principal_person_id', '=', viewer.personId)]))
    .forUpdate()
    .executeTakeFirst();
}

export function cancelBooking(db: Db, id: string, reason: string | null, at: Date) {
  return db
    .updateTable('appointments')
    .set({ status: 'cancelled', cancel_reason: reason, cancelled_at: at })
    .where('id', '=', id)
    .execute();
}

/** Every live booking of a stopped slot becomes slot_cancelled; returns them (to tell each citizen). */
export function cancelSlotBookings(db: Db, slotId: string, reason: string, at: Date) {
  return db
    .updateTable('appointments')
    .set({ status: 'slot_cancelled', cancel_reason: reason, cancelled_at: at })
    .where('slot_id', '=', slotId)
    .where('status', '=', 'booked')
    .returning([
      'id',
      'account_id',
      'appointment_number',
      'service_id',
      'principal_person_id',
      'applicant_name_masked',
      'agent_name_masked',
    ])
    .execute();
}

/** Who booked a slot, for the counter: masked copies only (the encrypted columns are not even read). */
export function listSlotBookings(db: Db, slotId: string) {
  return db
    .selectFrom('appointments')
    .select([
      'appointment_number',
      'applicant_name_masked',
      'applicant_id_number_masked',
      'subject_label',
      'visit_address_masked',
      'status',
      'booked_at',
      'checked_in_at',
    ])
    .where('slot_id', '=', slotId)
    .orderBy('booked_at')
    .orderBy('appointment_number')
    .limit(2000)
    .execute();
}

/** One booking of a slot by its 预约号, with what the 上门信息 route needs (the sealed visit and whose it is). */
export function findSlotBookingVisit(db: Db, slotId: string, appointmentNumber: string) {
  return db
    .selectFrom('appointments')
    .select([
      'id',
      'account_id',
      'principal_person_id',
      'appointment_number',
      'visit_address_encrypted',
      'visit_phone_encrypted',
    ])
    .where('slot_id', '=', slotId)
    .where('appointment_number', '=', appointmentNumber)
    .executeTakeFirst();
}

// ---- 签到, 未到, 改约 (migrations/0071) ----

/** A booking by its 预约号 (the counter types it), with its slot. */
export async function findBookingByNumber(db: Db, appointmentNumber: string): Promise<BookingRow | undefined> {
  const row = await db
    .selectFrom('appointments')
    .selectAll()
    .where('appointment_number', '=', appointmentNumber)
    .executeTakeFirst();
  return row ? (await withSlots(db, [row]))[0] : undefined;
}

/** A booking locked for an update, whoever's it is (the counter's check-in). */
export function lockBookingById(db: Db, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return db.selectFrom('appointments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** 签到: only a booking still booked changes (a repeat or a concurrent one sees no row). */
export function checkIn(db: Db, id: string, at: Date, staffId: string) {
  return db
    .updateTable('appointments')
    .set({ status: 'checked_in', checked_in_at: at, checked_in_by: staffId })
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .returning('id')
    .executeTakeFirst();
}

/**
 * 未到: up to `limit` bookings still booked whose slot (not stopped) ended at or before `now` become no_show, in one
 * statement (a check-in or a cancel meanwhile is left alone: the status is re-checked by the update); returns them.
 */
export async function markNoShows(db: Db, now: Date, limit: number): Promise<BookingRow[]> {
  const rows = await db
    .updateTable('appointments')
    .set({ status: 'no_show', no_show_at: now })
    .where('status', '=', 'booked')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('appointments as a')
        .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
        .select('a.id')
        .where('a.status', '=', 'booked')
        .where('s.cancelled_at', 'is', null)
        .where('s.ends_at', '<=', now)
        .orderBy('s.ends_at')
        .orderBy('a.id')
        .limit(limit),
    )
    .returningAll()
    .execute();
  return withSlots(db, rows);
}

/**
 * The applicant's no-shows at a department whose slot started at or after `since`, latest first: their own bookings
 * (made by their account for themself) and those made for them by anyone.
 */
export function recentNoShows(
  db: Db,
  applicant: { accountId: string | null; personId: string },
  departmentId: string,
  since: Date,
) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
    .select(['a.id', 's.starts_at'])
    .where((eb) =>
      eb.or([
        eb('a.principal_person_id', '=', applicant.personId),
        ...(applicant.accountId
          ? [eb.and([eb('a.account_id', '=', applicant.accountId), eb('a.principal_person_id', 'is', null)])]
          : []),
      ]),
    )
    .where('a.status', '=', 'no_show')
    .where('s.department_id', '=', departmentId)
    .where('s.starts_at', '>=', since)
    .orderBy('s.starts_at', 'desc')
    .limit(100)
    .execute();
}

/** The 改约 an account made with this submission id, if any. */
export function findReschedule(db: Db, accountId: string, submissionId: string) {
  return db
    .selectFrom('appointment_reschedules')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}

export function insertReschedule(db: Db, row: Insertable<AppointmentTables['appointment_reschedules']>) {
  return db.insertInto('appointment_reschedules').values(row).execute();
}

/** Move a booking to another slot; its 预约提醒 is due again (for the new window). */
export function moveBooking(db: Db, id: string, slotId: string, at: Date) {
  return db
    .updateTable('appointments')
    .set({ slot_id: slotId, rescheduled_at: at, reminded_at: null })
    .where('id', '=', id)
    .execute();
}

// ---- the 预约码's signing keys ----

export function listPassKeys(db: Db) {
  return db.selectFrom('appointment_pass_keys').selectAll().orderBy('created_at').execute();
}

export async function insertFirstPassKey(
  db: Db,
  row: { kid: string; public_jwk: string; private_jwk_encrypted: string },
) {
  await db
    .insertInto('appointment_pass_keys')
    .values({ ...row, retired_at: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
