import { randomUUID } from 'node:crypto';
import { BOARDING_PASS_QR_PREFIX } from '@yss/contracts';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { type Kysely, sql } from 'kysely';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { DepartmentImplementation } from '../framework/contract.js';
import { GD_AIRPORTS } from './airports.js';
import type { DeptBooking, FlightsSpec } from './contract.js';
import { type BookingSeed, bookingsOf } from './demo.js';
import {
  AIRCRAFT,
  boardingTime,
  boardOf,
  checkInWindow,
  chinaIso,
  estimatedDeparture,
  flightRecord,
  PREMIUM_LETTERS,
  plan,
  preTaken,
  routeOf,
  SEAT_LETTERS,
  seatKind,
} from './schedule.js';
import { type FlightsDeptDb, type FlightsDeptTables, flightsDeptDb } from './tables.js';

type Impl = DepartmentImplementation<FlightsSpec>;
type CheckInRow = { seat: string; sequence: number; checked_in_at: Date };

const ISSUER = 'yss:sandbox-airline';
const TYP = 'yss-boarding-pass+jwt';

const refused = (
  reason:
    | 'not-open'
    | 'closed'
    | 'flight-cancelled'
    | 'seat-taken'
    | 'seat-not-offered'
    | 'already-checked-in'
    | 'not-checked-in',
  message: string,
) => ({ outcome: 'refused' as const, reason, message });

const SEAT_TAKEN = refused('seat-taken', '该座位已被选择，请重新选座。');

/** China time as the airline writes it: 11月28日 07:15. */
const chinaText = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;

/**
 * The embedded sandbox of the civil-aviation system. Flights are computed (schedule.ts), bookings are the demo
 * people's (demo.ts); check-ins are rows of dept_flights.check_ins whose partial unique indexes keep one live
 * check-in per ticket and segment and one passenger per seat, so of two check-ins for one seat at once the
 * database lets exactly one through. `now` is the system's clock (tests move it).
 */
export class SandboxFlights<DB extends FlightsDeptTables = FlightsDeptTables> {
  private readonly db: FlightsDeptDb;
  private key: Promise<{ kid: string; key: CryptoKey | Uint8Array; publicJwk: JWK }> | undefined;

  constructor(
    db: Kysely<DB>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = flightsDeptDb(db);
  }

  operations(): Impl {
    return {
      airports: async () => ({ airports: Object.values(GD_AIRPORTS) }),
      flight: async ({ flightNo, date }) => {
        const route = routeOf(flightNo);
        return { flight: route ? flightRecord(plan(route, date), this.now()) : null };
      },
      board: async ({ airport, direction, date }) => {
        const now = this.now();
        return { flights: boardOf(airport, direction, date).map((p) => flightRecord(p, now)) };
      },
      bookings: async ({ idNumber }) => {
        const now = this.now();
        const seeds = bookingsOf(idNumber, now);
        return { bookings: await Promise.all(seeds.map((s) => this.present(this.db, s, now))) };
      },
      seatMap: async ({ idNumber, ticketNumber }) => {
        const seed = this.find(idNumber, ticketNumber);
        if (!seed) return { outcome: 'not-found' as const };
        return { outcome: 'seats' as const, ...(await this.seats(seed)) };
      },
      checkIn: ({ idNumber, ticketNumber, seat }) => this.checkIn(idNumber, ticketNumber, seat),
      cancelCheckIn: ({ idNumber, ticketNumber }) => this.cancel(idNumber, ticketNumber),
      jwks: async () => {
        const { publicJwk, kid } = await this.signingKey();
        return {
          keys: [
            {
              kty: String(publicJwk.kty),
              crv: String(publicJwk.crv),
              x: String(publicJwk.x),
              y: String(publicJwk.y),
              kid,
            },
          ],
        };
      },
    };
  }

  private find(idNumber: string, ticketNumber: string): BookingSeed | undefined {
    return bookingsOf(idNumber, this.now()).find((b) => b.ticketNumber === ticketNumber);
  }

  private liveCheckIn(db: FlightsDeptDb, seed: BookingSeed) {
    return db
      .selectFrom('dept_flights.check_ins')
      .select(['seat', 'sequence', 'checked_in_at'])
      .where('ticket_number', '=', seed.ticketNumber)
      .where('flight_id', '=', seed.flight.id)
      .where('status', '=', 'checked-in')
      .executeTakeFirst();
  }

  private async present(db: FlightsDeptDb, seed: BookingSeed, now: Date, row?: CheckInRow): Promise<DeptBooking> {
    const live = row ?? (await this.liveCheckIn(db, seed));
    const flight = flightRecord(seed.flight, now);
    return {
      ticketNumber: seed.ticketNumber,
      pnr: seed.pnr,
      passengerName: seed.passengerName,
      cabin: seed.cabin,
      flight,
      window: checkInWindow(seed.flight, now),
      checkIn: live
        ? {
            seat: live.seat,
            checkedInAt: chinaIso(new Date(live.checked_in_at)),
            boardingPass: {
              flightNo: flight.flightNo,
              date: flight.date,
              from: flight.from,
              to: flight.to,
              departureTerminal: flight.departureTerminal,
              seat: live.seat,
              cabin: seed.cabin,
              gate: flight.gate,
              boardingTime: chinaIso(boardingTime(seed.flight)),
              departureTime: chinaIso(estimatedDeparture(seed.flight)),
              sequence: live.sequence,
              passengerName: seed.passengerName,
              ticketNumber: seed.ticketNumber,
              qr: await this.sign(seed, live, now),
            },
          }
        : null,
    };
  }

  private async seats(seed: BookingSeed) {
    const aircraft = seed.flight.route.aircraft;
    const a = AIRCRAFT[aircraft];
    const rows = await this.db
      .selectFrom('dept_flights.check_ins')
      .select(['seat', 'ticket_number'])
      .where('flight_id', '=', seed.flight.id)
      .where('status', '=', 'checked-in')
      .execute();
    const checkedIn = new Map(rows.map((r) => [r.seat, r.ticket_number]));
    return {
      flightNo: seed.flight.route.flightNo,
      aircraft: a.name,
      letters: [...SEAT_LETTERS],
      rows: Array.from({ length: a.rows }, (_, i) => {
        const row = i + 1;
        const premium = row <= a.premiumRows;
        const letters: readonly string[] = premium ? PREMIUM_LETTERS : SEAT_LETTERS;
        return {
          row,
          exit: a.exitRows.includes(row),
          seats: letters.map((letter) => {
            const seat = `${row}${letter}`;
            const kind = seatKind(aircraft, seat);
            const mine = checkedIn.get(seat) === seed.ticketNumber;
            const state = mine
              ? ('mine' as const)
              : kind === 'premium'
                ? ('premium' as const)
                : kind === 'exit'
                  ? ('exit' as const)
                  : checkedIn.has(seat) || preTaken(seed.flight.id, seat)
                    ? ('taken' as const)
                    : ('free' as const);
            return { seat, state };
          }),
        };
      }),
    };
  }

  /** Refuses a check-in (or a cancellation) outside the window, in the airline's words. */
  private windowRefusal(seed: BookingSeed, now: Date) {
    if (seed.flight.cancelled) return refused('flight-cancelled', '该航班已取消，请联系航空公司办理改签或退票。');
    const w = checkInWindow(seed.flight, now);
    if (w.state === 'not-yet')
      return refused('not-open', `该航班将于${chinaText(w.opensAt)}开放在线值机（起飞前48小时），请届时再来办理。`);
    if (w.state === 'closed')
      return refused('closed', '该航班在线值机已于起飞前45分钟关闭，请前往机场值机柜台咨询办理。');
    return null;
  }

  private async checkIn(idNumber: string, ticketNumber: string, seat: string) {
    const seed = this.find(idNumber, ticketNumber);
    if (!seed) return { outcome: 'not-found' as const };
    const now = this.now();
    const closed = this.windowRefusal(seed, now);
    if (closed) return closed;
    const kind = seatKind(seed.flight.route.aircraft, seat);
    if (kind === null) return refused('seat-not-offered', `该机型没有${seat}座位，请在座位图中选择。`);
    if (kind === 'premium') return refused('seat-not-offered', '公务舱座位仅供公务舱旅客选择，请选择经济舱座位。');
    if (kind === 'exit')
      return refused(
        'seat-not-offered',
        '紧急出口座位须由年满15周岁、能够协助应急撤离的旅客在机场值机柜台办理，不提供在线选择。',
      );
    if (preTaken(seed.flight.id, seat)) return SEAT_TAKEN;
    if (await this.liveCheckIn(this.db, seed))
      return refused('already-checked-in', '您已办理该航段的值机，如需更换座位，请先取消值机。');
    try {
      const row = await this.db.transaction().execute(async (tx) => {
        const [{ n }] = (
          await sql<{
            n: string;
          }>`select count(*) as n from dept_flights.check_ins where flight_id = ${seed.flight.id}`.execute(tx)
        ).rows as [{ n: string }];
        return tx
          .insertInto('dept_flights.check_ins')
          .values({
            id: randomUUID(),
            ticket_number: seed.ticketNumber,
            flight_id: seed.flight.id,
            seat,
            // after the passengers checked in elsewhere (the taken seats), in order
            sequence: 60 + Number(n) + 1,
            status: 'checked-in',
            checked_in_at: now,
            cancelled_at: null,
          })
          .returning(['seat', 'sequence', 'checked_in_at'])
          .executeTakeFirstOrThrow();
      });
      return { outcome: 'checked-in' as const, booking: await this.present(this.db, seed, now, row) };
    } catch (err) {
      if (isUniqueViolation(err, 'dept_flights_check_ins_seat_uq')) return SEAT_TAKEN;
      if (isUniqueViolation(err, 'dept_flights_check_ins_ticket_uq'))
        return refused('already-checked-in', '您已办理该航段的值机，如需更换座位，请先取消值机。');
      throw err;
    }
  }

  private async cancel(idNumber: string, ticketNumber: string) {
    const seed = this.find(idNumber, ticketNumber);
    if (!seed) return { outcome: 'not-found' as const };
    const now = this.now();
    const closed = this.windowRefusal(seed, now);
    if (closed && closed.reason !== 'not-open') return closed;
    const updated = await this.db
      .updateTable('dept_flights.check_ins')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('ticket_number', '=', seed.ticketNumber)
      .where('flight_id', '=', seed.flight.id)
      .where('status', '=', 'checked-in')
      .returning('id')
      .executeTakeFirst();
    if (!updated) return refused('not-checked-in', '该客票尚未办理值机。');
    return { outcome: 'cancelled' as const, booking: await this.present(this.db, seed, now) };
  }

  /** The boarding pass QR: `YSBP1:` + a JWS of ticket, flight, seat and sequence, valid until a day after departure. */
  private async sign(seed: BookingSeed, live: CheckInRow, now: Date): Promise<string> {
    const { kid, key } = await this.signingKey();
    const jws = await new SignJWT({
      tkt: seed.ticketNumber,
      flt: seed.flight.route.flightNo,
      dat: seed.flight.date,
      org: seed.flight.route.from,
      dst: seed.flight.route.to,
      seat: live.seat,
      seq: live.sequence,
      cls: 'Y',
    })
      .setProtectedHeader({ alg: 'ES256', kid, typ: TYP })
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(seed.flight.scheduledDeparture.getTime() / 1000) + 86_400)
      .sign(key);
    return `${BOARDING_PASS_QR_PREFIX}${jws}`;
  }

  /** The airline's one key: made at first use (another copy's first insert wins), then kept in memory. */
  private signingKey() {
    this.key ??= (async () => {
      let row = await this.db.selectFrom('dept_flights.signing_keys').selectAll().executeTakeFirst();
      if (!row) {
        const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
        const publicJwk = await exportJWK(publicKey);
        const kid = await calculateJwkThumbprint(publicJwk);
        await this.db
          .insertInto('dept_flights.signing_keys')
          .values({
            kid,
            public_jwk: JSON.stringify(publicJwk),
            private_jwk: JSON.stringify(await exportJWK(privateKey)),
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        row = await this.db.selectFrom('dept_flights.signing_keys').selectAll().executeTakeFirstOrThrow();
      }
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as JWK;
      return { kid: row.kid, key: await importJWK(parse(row.private_jwk), 'ES256'), publicJwk: parse(row.public_jwk) };
    })().catch((err) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }
}

export function flightsSandbox<DB extends FlightsDeptTables>(db: Kysely<DB>, now?: () => Date): Impl {
  return new SandboxFlights(db, now).operations();
}
