import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DepartmentImplementation } from '../framework/contract.js';
import {
  COACH_REFUND_RULE_TEXT,
  type CoachDepartureRecord,
  type CoachSpec,
  type CoachTicketRecord,
} from './contract.js';
import { type StationSeed, stationsOf } from './stations.js';
import { type CoachDeptDb, type CoachDeptTables, coachDeptDb } from './tables.js';
import {
  BOARDING_GRACE_MINUTES,
  chinaDate,
  departuresBetween,
  findDeparture,
  HOLD_MINUTES,
  onlineSaleOpen,
  type PlannedDeparture,
  refundFeeFen,
} from './timetable.js';

type Impl = DepartmentImplementation<CoachSpec>;
type TicketRow = Selectable<CoachDeptTables['dept_coach.tickets']> & { station_id: string; departs_at: Date };
type Refusal = { outcome: 'not-allowed'; reason: Parameters<typeof refused>[0]; message: string };

const refused = (
  reason: 'refunded' | 'checked' | 'boarded' | 'departed' | 'not-checked' | 'already-checked' | 'not-issued',
  message: string,
) => ({ outcome: 'not-allowed' as const, reason, message });

const station = (s: StationSeed) => ({ id: s.id, name: s.name, cityCode: s.cityCode, address: s.address });
const seatLabel = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The embedded sandbox of the coach ticketing system. The timetable is computed (timetable.ts); seats are rows
 * of `dept_coach.seats` (primary key departure + seat: a seat is never sold twice), taken under a lock of the
 * departure's row, so concurrent holds never oversell. A hold's seats count until it lapses (15 minutes) unless
 * tickets were issued on it; a lapsed hold's seats are swept by the next hold on that departure.
 *
 * `now` is the system's clock (tests move it).
 */
export class SandboxCoach<DB extends CoachDeptTables = CoachDeptTables> {
  private readonly db: CoachDeptDb;

  constructor(
    db: Kysely<DB>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = coachDeptDb(db);
  }

  operations(): Impl {
    return {
      stations: async ({ cityCode }) => ({ stations: stationsOf(cityCode).map(station) }),
      search: async ({ fromCity, toCity, date }) => {
        const now = this.now();
        return { departures: await this.present(departuresBetween(fromCity, toCity, date, now), now) };
      },
      departures: async ({ ids }) => {
        const plans = [...new Set(ids)].flatMap((id) => findDeparture(id) ?? []);
        return { departures: await this.present(plans, this.now()) };
      },
      hold: ({ departureId, count }) => this.hold(departureId, count),
      release: ({ holdId }) => this.release(holdId),
      issue: ({ holdId, passengers }) => this.issue(holdId, passengers),
      ticket: async ({ ticketNumber }) => {
        const row = await this.ticketRow(this.db, ticketNumber);
        return { ticket: row ? ticketRecord(row) : null };
      },
      refundQuote: async ({ ticketNumber }) => {
        const row = await this.ticketRow(this.db, ticketNumber);
        if (!row) return { outcome: 'not-found' as const };
        const q = quote(row, this.now());
        return 'outcome' in q ? q : { outcome: 'quote' as const, ...q };
      },
      refund: ({ ticketNumber, expectedRefundFen }) => this.refund(ticketNumber, expectedRefundFen),
      check: async ({ ticketNumber, stationId }) => {
        const r = await this.gate('check', ticketNumber, stationId);
        return r.outcome === 'done' ? { outcome: 'checked' as const, ticket: r.ticket } : r;
      },
      board: async ({ ticketNumber, stationId }) => {
        const r = await this.gate('board', ticketNumber, stationId);
        return r.outcome === 'done' ? { outcome: 'boarded' as const, ticket: r.ticket } : r;
      },
    };
  }

  /** Seats taken now (held and not lapsed, or ticketed) per departure. */
  private async taken(ids: string[], now: Date): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('dept_coach.seats as s')
      .innerJoin('dept_coach.holds as h', 'h.id', 's.hold_id')
      .select(['s.departure_id'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('s.departure_id', 'in', ids)
      .where((eb) =>
        eb.or([eb('h.status', '=', 'issued'), eb.and([eb('h.status', '=', 'held'), eb('h.expires_at', '>', now)])]),
      )
      .groupBy('s.departure_id')
      .execute();
    return new Map(rows.map((r) => [r.departure_id, Number(r.n)]));
  }

  private async present(plans: PlannedDeparture[], now: Date): Promise<CoachDepartureRecord[]> {
    const taken = await this.taken(
      plans.map((p) => p.id),
      now,
    );
    return plans.map((p) => record(p, p.route.seats - (taken.get(p.id) ?? 0), now));
  }

  private async hold(departureId: string, count: number) {
    const plan = findDeparture(departureId);
    if (!plan) return { outcome: 'not-found' as const };
    const now = this.now();
    if (!onlineSaleOpen(plan, now)) return { outcome: 'not-on-sale' as const };
    const outcome = await this.db.transaction().execute(async (tx) => {
      await this.lockDeparture(tx, plan);
      await this.sweep(tx, plan.id, now, null);
      const free = await this.freeSeats(tx, plan);
      if (free.length < count) return { outcome: 'insufficient' as const, seatsLeft: free.length };
      const holdId = randomUUID();
      const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
      const seats = free.slice(0, count);
      await tx
        .insertInto('dept_coach.holds')
        .values({
          id: holdId,
          departure_id: plan.id,
          seat_count: count,
          status: 'held',
          expires_at: expiresAt,
          created_at: now,
          issued_at: null,
        })
        .execute();
      await tx
        .insertInto('dept_coach.seats')
        .values(seats.map((n) => ({ departure_id: plan.id, seat_no: n, hold_id: holdId })))
        .execute();
      return { outcome: 'held' as const, holdId, seats: seats.map(seatLabel), expiresAt: expiresAt.toISOString() };
    });
    if (outcome.outcome !== 'held') return outcome;
    const [departure] = await this.present([plan], now);
    return { ...outcome, departure: departure as CoachDepartureRecord };
  }

  private async release(holdId: string) {
    const hold = await this.db
      .selectFrom('dept_coach.holds')
      .select('departure_id')
      .where('id', '=', holdId)
      .executeTakeFirst();
    if (!hold) return { outcome: 'not-found' as const };
    return this.db.transaction().execute(async (tx) => {
      await tx
        .selectFrom('dept_coach.departures')
        .select('id')
        .where('id', '=', hold.departure_id)
        .forUpdate()
        .execute();
      const row = await tx
        .selectFrom('dept_coach.holds')
        .select('status')
        .where('id', '=', holdId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (row.status === 'issued') return { outcome: 'issued' as const };
      await tx.deleteFrom('dept_coach.seats').where('hold_id', '=', holdId).execute();
      await tx.updateTable('dept_coach.holds').set({ status: 'released' }).where('id', '=', holdId).execute();
      return { outcome: 'released' as const };
    });
  }

  private async issue(holdId: string, passengers: { name: string; idNumber: string }[]) {
    const hold = await this.db
      .selectFrom('dept_coach.holds')
      .select('departure_id')
      .where('id', '=', holdId)
      .executeTakeFirst();
    if (!hold) return { outcome: 'not-found' as const };
    const plan = findDeparture(hold.departure_id);
    if (!plan) return { outcome: 'not-found' as const };
    const now = this.now();
    return this.db.transaction().execute(async (tx) => {
      await this.lockDeparture(tx, plan);
      const h = await tx
        .selectFrom('dept_coach.holds')
        .selectAll()
        .where('id', '=', holdId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (h.status === 'issued') {
        const rows = await this.ticketsOfHold(tx, holdId);
        return { outcome: 'issued' as const, tickets: rows.map(ticketRecord) };
      }
      if (passengers.length !== h.seat_count) return { outcome: 'count-mismatch' as const, seats: h.seat_count };
      if (plan.departsAt.getTime() <= now.getTime()) return { outcome: 'departed' as const };
      let seats = (
        await tx
          .selectFrom('dept_coach.seats')
          .select('seat_no')
          .where('hold_id', '=', holdId)
          .orderBy('seat_no')
          .execute()
      ).map((r) => r.seat_no);
      const live = h.status === 'held' && new Date(h.expires_at).getTime() > now.getTime();
      if (!live && seats.length !== h.seat_count) {
        // The hold lapsed (or was released) and its seats went back: issue on free seats if there are enough.
        await this.sweep(tx, plan.id, now, holdId);
        await tx.deleteFrom('dept_coach.seats').where('hold_id', '=', holdId).execute();
        const free = await this.freeSeats(tx, plan);
        if (free.length < h.seat_count) return { outcome: 'seats-gone' as const };
        seats = free.slice(0, h.seat_count);
        await tx
          .insertInto('dept_coach.seats')
          .values(seats.map((n) => ({ departure_id: plan.id, seat_no: n, hold_id: holdId })))
          .execute();
      }
      const day = chinaDate(now).replaceAll('-', '');
      await tx
        .insertInto('dept_coach.tickets')
        .values(
          passengers.map((p, i) => ({
            ticket_number: `T${day}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
            hold_id: holdId,
            departure_id: plan.id,
            seat_no: seats[i] as number,
            passenger_name: p.name,
            id_number: p.idNumber,
            price_fen: plan.route.priceFen,
            status: 'issued' as const,
            refund_fee_fen: null,
            refunded_fen: null,
            refunded_at: null,
            checked_at: null,
            boarded_at: null,
            issued_at: now,
          })),
        )
        .execute();
      await tx
        .updateTable('dept_coach.holds')
        .set({ status: 'issued', issued_at: now })
        .where('id', '=', holdId)
        .execute();
      const rows = await this.ticketsOfHold(tx, holdId);
      return { outcome: 'issued' as const, tickets: rows.map(ticketRecord) };
    });
  }

  private async refund(ticketNumber: string, expectedRefundFen: number) {
    return this.db.transaction().execute(async (tx) => {
      const row = await this.ticketRow(tx, ticketNumber, true);
      if (!row) return { outcome: 'not-found' as const };
      // A repeat of a refund already made answers that refund (the platform may retry after a lost answer).
      if (row.status === 'refunded') return { outcome: 'refunded' as const, ticket: ticketRecord(row) };
      const now = this.now();
      const q = quote(row, now);
      if ('outcome' in q) return q;
      if (q.refundFen !== expectedRefundFen) return { outcome: 'changed' as const, ...q };
      await tx
        .updateTable('dept_coach.tickets')
        .set({ status: 'refunded', refund_fee_fen: q.feeFen, refunded_fen: q.refundFen, refunded_at: now })
        .where('ticket_number', '=', ticketNumber)
        .execute();
      // The seat goes back on sale.
      await tx
        .deleteFrom('dept_coach.seats')
        .where('departure_id', '=', row.departure_id)
        .where('seat_no', '=', row.seat_no)
        .where('hold_id', '=', row.hold_id)
        .execute();
      const after = (await this.ticketRow(tx, ticketNumber)) as TicketRow;
      return { outcome: 'refunded' as const, ticket: ticketRecord(after) };
    });
  }

  private async gate(action: 'check' | 'board', ticketNumber: string, stationId: string) {
    return this.db.transaction().execute(async (tx) => {
      const row = await this.ticketRow(tx, ticketNumber, true);
      if (!row) return { outcome: 'not-found' as const };
      if (row.station_id !== stationId) return { outcome: 'wrong-station' as const };
      const now = this.now();
      const refusal = gateRefusal(action, row, now);
      if (refusal) return refusal;
      await tx
        .updateTable('dept_coach.tickets')
        .set(action === 'check' ? { status: 'checked', checked_at: now } : { status: 'boarded', boarded_at: now })
        .where('ticket_number', '=', ticketNumber)
        .execute();
      const after = ticketRecord((await this.ticketRow(tx, ticketNumber)) as TicketRow);
      return { outcome: 'done' as const, ticket: after };
    });
  }

  // ---- rows ----

  /** The departure's row (made on first use from the timetable), locked until the transaction ends. */
  private async lockDeparture(tx: CoachDeptDb, plan: PlannedDeparture) {
    await tx
      .insertInto('dept_coach.departures')
      .values({
        id: plan.id,
        station_id: plan.route.from.id,
        departs_at: plan.departsAt,
        seats: plan.route.seats,
        price_fen: plan.route.priceFen,
        created_at: this.now(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await tx.selectFrom('dept_coach.departures').select('id').where('id', '=', plan.id).forUpdate().execute();
  }

  /** Give back the seats of lapsed holds on a departure (but `keep`'s). */
  private async sweep(tx: CoachDeptDb, departureId: string, now: Date, keep: string | null) {
    let lapsed = tx
      .selectFrom('dept_coach.holds')
      .select('id')
      .where('departure_id', '=', departureId)
      .where('status', '=', 'held')
      .where('expires_at', '<=', now);
    if (keep) lapsed = lapsed.where('id', '<>', keep);
    await tx
      .deleteFrom('dept_coach.seats')
      .where('departure_id', '=', departureId)
      .where('hold_id', 'in', lapsed)
      .execute();
  }

  /** Free seat numbers, lowest first (call after sweep, under the departure's lock). */
  private async freeSeats(tx: CoachDeptDb, plan: PlannedDeparture): Promise<number[]> {
    const taken = new Set(
      (await tx.selectFrom('dept_coach.seats').select('seat_no').where('departure_id', '=', plan.id).execute()).map(
        (r) => r.seat_no,
      ),
    );
    return Array.from({ length: plan.route.seats }, (_, i) => i + 1).filter((n) => !taken.has(n));
  }

  private ticketRow(db: CoachDeptDb, ticketNumber: string, lock = false): Promise<TicketRow | undefined> {
    let q = db
      .selectFrom('dept_coach.tickets as t')
      .innerJoin('dept_coach.departures as d', 'd.id', 't.departure_id')
      .selectAll('t')
      .select(['d.station_id', 'd.departs_at'])
      .where('t.ticket_number', '=', ticketNumber);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst() as unknown as Promise<TicketRow | undefined>;
  }

  private ticketsOfHold(db: CoachDeptDb, holdId: string) {
    return db
      .selectFrom('dept_coach.tickets as t')
      .innerJoin('dept_coach.departures as d', 'd.id', 't.departure_id')
      .selectAll('t')
      .select(['d.station_id', 'd.departs_at'])
      .where('t.hold_id', '=', holdId)
      .orderBy('t.seat_no')
      .execute() as unknown as Promise<TicketRow[]>;
  }
}

function record(p: PlannedDeparture, seatsLeft: number, now: Date): CoachDepartureRecord {
  const left = Math.max(0, seatsLeft);
  return {
    id: p.id,
    runNumber: p.runNumber,
    fromStation: station(p.route.from),
    toStation: station(p.route.to),
    date: p.date,
    time: p.time,
    departsAt: p.departsAt.toISOString(),
    durationMinutes: p.route.durationMinutes,
    coachType: p.route.coachType,
    priceFen: p.route.priceFen,
    seats: p.route.seats,
    seatsLeft: left,
    onSale: left > 0 && onlineSaleOpen(p, now),
  };
}

function ticketRecord(r: TicketRow): CoachTicketRecord {
  return {
    ticketNumber: r.ticket_number,
    holdId: r.hold_id,
    departureId: r.departure_id,
    stationId: r.station_id,
    seat: seatLabel(r.seat_no),
    priceFen: r.price_fen,
    status: r.status,
    refundFeeFen: r.refund_fee_fen,
    refundedFen: r.refunded_fen,
    refundedAt: iso(r.refunded_at),
    checkedAt: iso(r.checked_at),
    boardedAt: iso(r.boarded_at),
  };
}

/** The refund now under the system's rule, or why there is none online. */
function quote(
  r: TicketRow,
  now: Date,
): { priceFen: number; feeFen: number; refundFen: number; rule: string } | Refusal {
  if (r.status === 'refunded') return refused('refunded', '该车票已退票。');
  if (r.status === 'checked') return refused('checked', '该车票已检票，不能在线退票，请到客运站办理。');
  if (r.status === 'boarded') return refused('boarded', '该车票已上车，不能退票。');
  const fee = refundFeeFen(r.price_fen, new Date(r.departs_at), now);
  if (fee === null) return refused('departed', '该班次已发车，不能在线退票，请到客运站办理。');
  return { priceFen: r.price_fen, feeFen: fee, refundFen: r.price_fen - fee, rule: COACH_REFUND_RULE_TEXT };
}

function gateRefusal(action: 'check' | 'board', r: TicketRow, now: Date): Refusal | null {
  if (r.status === 'refunded') return refused('refunded', '该车票已退票。');
  if (r.status === 'boarded') return refused('boarded', '该车票已上车，请勿重复使用。');
  if (action === 'check' && r.status === 'checked') return refused('already-checked', '该车票已检票。');
  if (action === 'board' && r.status === 'issued') return refused('not-checked', '该车票尚未检票，请先验票。');
  if (now.getTime() > new Date(r.departs_at).getTime() + BOARDING_GRACE_MINUTES * 60_000)
    return refused('departed', '该班次已发车。');
  return null;
}

/** The department's sandbox over a database, on the system clock unless one is given (tests). */
export function coachSandbox<DB extends CoachDeptTables>(db: Kysely<DB>, now?: () => Date): Impl {
  return new SandboxCoach(db, now).operations();
}
