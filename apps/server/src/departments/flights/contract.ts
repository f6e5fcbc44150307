import {
  Airport,
  BoardingPass,
  CheckInWindow,
  Flight,
  FlightNumber,
  GD_AIRPORT_CODES,
  parseResidentId,
  TicketNumber,
} from '@yss/contracts';
import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';

/**
 * The civil-aviation system (机场集团 and the airlines) as a department contract: airports with 交通指引, flight
 * status by number and date or by airport, and the airlines' bookings of a passenger (by ID number) with online
 * check-in: the seat map, check-in with a seat, cancelling it, and the electronic boarding pass signed with the
 * airline's ES256 key (`jwks`). The platform asks with the verified citizen's own ID number and stores nothing.
 */

const LocalDate = z.iso.date({ error: '日期格式有误' });
const IdNumber = z.string().superRefine((v, ctx) => {
  const parsed = parseResidentId(v);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

export const DeptBoardingPass = BoardingPass.omit({ passengerNameMasked: true }).extend({ passengerName: z.string() });

export const DeptBooking = z
  .object({
    ticketNumber: z.string(),
    pnr: z.string(),
    passengerName: z.string(),
    cabin: z.string(),
    flight: Flight,
    window: CheckInWindow,
    checkIn: z.object({ seat: z.string(), checkedInAt: z.string(), boardingPass: DeptBoardingPass }).nullable(),
  })
  .meta({ id: 'FlightsDeptBooking', description: '客票 (航段)' });
export type DeptBooking = z.infer<typeof DeptBooking>;

const Seats = z.object({
  flightNo: z.string(),
  aircraft: z.string(),
  letters: z.array(z.string()),
  rows: z.array(
    z.object({
      row: z.number().int(),
      exit: z.boolean(),
      seats: z.array(z.object({ seat: z.string(), state: z.enum(['free', 'taken', 'exit', 'premium', 'mine']) })),
    }),
  ),
});

const NotFound = z.object({ outcome: z.literal('not-found') });
/** Why a check-in (or its cancellation) is refused; `message` is the airline's Chinese wording. */
export const CHECK_IN_REFUSALS = [
  'not-open',
  'closed',
  'flight-cancelled',
  'seat-taken',
  'seat-not-offered',
  'already-checked-in',
  'not-checked-in',
] as const;
const Refused = z.object({ outcome: z.literal('refused'), reason: z.enum(CHECK_IN_REFUSALS), message: z.string() });

export const flightsSpec = defineDepartment({
  id: 'flights',
  name: '民航旅客服务系统（机场集团、航空公司）',
  catalogDepartmentIds: ['gd-airport-group'],
  operations: {
    airports: {
      summary: '机场: Guangdong’s civil airports with their 交通指引',
      input: z.object({}),
      output: z.object({ airports: z.array(Airport) }),
      idempotent: true,
    },
    flight: {
      summary: '航班动态: a flight by number on a date (China date of departure), or null',
      input: z.object({ flightNo: FlightNumber, date: LocalDate }),
      output: z.object({ flight: Flight.nullable() }),
      idempotent: true,
    },
    board: {
      summary: '机场起降: the departures or arrivals of a Guangdong airport on a date, by scheduled time',
      input: z.object({
        airport: z.enum(GD_AIRPORT_CODES),
        direction: z.enum(['departures', 'arrivals']),
        date: LocalDate,
      }),
      output: z.object({ flights: z.array(Flight) }),
      idempotent: true,
    },
    bookings: {
      summary:
        '客票查询: the passenger’s tickets on flights from today on (by ID number), with check-in and boarding pass',
      input: z.object({ idNumber: IdNumber }),
      output: z.object({ bookings: z.array(DeptBooking) }),
      idempotent: true,
    },
    seatMap: {
      summary:
        '座位图: the seats of the ticket’s flight (free, taken, exit rows and business class not offered online)',
      input: z.object({ idNumber: IdNumber, ticketNumber: TicketNumber }),
      output: z.discriminatedUnion('outcome', [Seats.extend({ outcome: z.literal('seats') }), NotFound]),
      idempotent: true,
    },
    checkIn: {
      summary:
        '值机: check the ticket in on a free economy seat in the check-in window (one live check-in per ticket and ' +
        'segment, one passenger per seat: the second of two at once is refused); answers the booking with its ' +
        'boarding pass (a write: never retried)',
      input: z.object({ idNumber: IdNumber, ticketNumber: TicketNumber, seat: z.string().regex(/^\d{1,2}[A-K]$/) }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('checked-in'), booking: DeptBooking }),
        Refused,
        NotFound,
      ]),
      idempotent: false,
    },
    cancelCheckIn: {
      summary: '取消值机: before check-in closes; the seat is free again',
      input: z.object({ idNumber: IdNumber, ticketNumber: TicketNumber }),
      output: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('cancelled'), booking: DeptBooking }),
        Refused,
        NotFound,
      ]),
      idempotent: false,
    },
    jwks: {
      summary: '登机牌验签公钥: the airline’s ES256 public keys (JWKS)',
      input: z.object({}),
      output: z.object({
        keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string() })),
      }),
      idempotent: true,
    },
  },
});
export type FlightsSpec = typeof flightsSpec;
