import {
  type BoardingPass,
  FLIGHT_CHECK_IN_RULES_TEXT,
  FLIGHT_CHECK_IN_SERVICE_ID,
  type Flight,
  type FlightBoard,
  type FlightBooking,
  type FlightBookings,
  type SeatMap,
} from '@yss/contracts';
import type { DeptBooking } from '../../departments/flights/contract.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { NotificationService } from '../notifications/index.js';
import { maskIdNumber, maskName } from '../privacy/index.js';

const CHINA_MS = 8 * 3_600_000;
const chinaDate = (at: Date) => new Date(at.getTime() + CHINA_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Flight status may be asked for from yesterday to 6 days ahead (China dates). */
export const FLIGHT_DAYS_BACK = 1;
export const FLIGHT_DAYS_AHEAD = 6;

export interface FlightsDeps {
  departments: Pick<Departments, 'flights'>;
  notifications: NotificationService;
  now: () => Date;
}

const REFUSAL_CODES = {
  'not-open': 'FLIGHT_CHECK_IN_NOT_OPEN',
  closed: 'FLIGHT_CHECK_IN_CLOSED',
  'flight-cancelled': 'FLIGHT_CANCELLED',
  'seat-taken': 'FLIGHT_SEAT_TAKEN',
  'seat-not-offered': 'FLIGHT_SEAT_NOT_OFFERED',
  'already-checked-in': 'FLIGHT_ALREADY_CHECKED_IN',
  'not-checked-in': 'FLIGHT_NOT_CHECKED_IN',
} as const;

const NOT_FOUND = () => new AppError('FLIGHT_BOOKING_NOT_FOUND', '未查询到您名下的该张客票，请核对后重试。');

/**
 * 航班服务 (anyone): flight status and airports through the flights connector. 航班在线值机 (the passenger's own):
 * bookings, seat map, check-in and its cancellation, asked for with the verified citizen's ID number; what is
 * answered carries the name and ID number masked. A check-in and its cancellation each leave a 消息.
 */
export class FlightsService {
  constructor(private readonly d: FlightsDeps) {}

  private get api() {
    return this.d.departments.flights.client;
  }

  /** The China date asked for (today when none), refused outside yesterday … 6 days ahead. */
  private dateOf(date: string | undefined): string {
    const today = chinaDate(this.d.now());
    const d = date ?? today;
    if (d < addDays(today, -FLIGHT_DAYS_BACK) || d > addDays(today, FLIGHT_DAYS_AHEAD))
      throw new AppError(
        'FLIGHT_DATE_OUT_OF_RANGE',
        `仅可查询前${FLIGHT_DAYS_BACK}天至未来${FLIGHT_DAYS_AHEAD}天（${addDays(today, -FLIGHT_DAYS_BACK)}至${addDays(today, FLIGHT_DAYS_AHEAD)}）的航班。`,
      );
    return d;
  }

  async airports() {
    return this.api.airports({});
  }

  async status(flightNo: string, date: string | undefined): Promise<Flight> {
    const d = this.dateOf(date);
    const { flight } = await this.api.flight({ flightNo, date: d });
    if (!flight) throw new AppError('FLIGHT_NOT_FOUND', `未查询到${flightNo}航班${d}的航班信息，请核对航班号和日期。`);
    return flight;
  }

  async board(airport: FlightBoard['airport']['code'], direction: 'departures' | 'arrivals', date: string | undefined) {
    const d = this.dateOf(date);
    const { airports } = await this.api.airports({});
    const found = airports.find((a) => a.code === airport);
    if (!found) throw new AppError('FLIGHT_NOT_FOUND', '未查询到该机场。');
    const { flights } = await this.api.board({ airport: found.code as never, direction, date: d });
    return { airport: found, direction, date: d, flights } satisfies FlightBoard;
  }

  jwks() {
    return this.api.jwks({});
  }

  async bookings(idNumber: string): Promise<FlightBookings> {
    const { bookings } = await this.api.bookings({ idNumber });
    return { bookings: bookings.map((b) => present(b, idNumber)), rules: [...FLIGHT_CHECK_IN_RULES_TEXT] };
  }

  async seatMap(idNumber: string, ticketNumber: string): Promise<SeatMap> {
    const answer = await this.api.seatMap({ idNumber, ticketNumber });
    if (answer.outcome === 'not-found') throw NOT_FOUND();
    const { outcome: _o, ...seats } = answer;
    return { ticketNumber, ...seats };
  }

  async checkIn(accountId: string, idNumber: string, ticketNumber: string, seat: string): Promise<FlightBooking> {
    const answer = await this.api.checkIn({ idNumber, ticketNumber, seat });
    if (answer.outcome === 'not-found') throw NOT_FOUND();
    if (answer.outcome === 'refused') throw new AppError(REFUSAL_CODES[answer.reason], answer.message);
    const booking = present(answer.booking, idNumber);
    const pass = booking.checkIn?.boardingPass as BoardingPass;
    await this.d.notifications.deliver([
      {
        accountId,
        kind: 'flight-update',
        dedupeKey: `flight-check-in:${ticketNumber}:${booking.flight.id}:${booking.checkIn?.checkedInAt}`,
        title: '航班值机成功',
        body:
          `您已成功办理${pass.flightNo}航班（${pass.from.city}—${pass.to.city}，${pass.date}）的在线值机，座位${pass.seat}，` +
          `登机口${pass.gate ?? '以机场公告为准'}，登机时间${pass.boardingTime.slice(11, 16)}。请凭电子登机牌和有效身份证件办理安检、登机。`,
        link: '/travel/flights/check-in',
        occurredAt: this.d.now(),
      },
    ]);
    return booking;
  }

  async cancelCheckIn(accountId: string, idNumber: string, ticketNumber: string): Promise<FlightBooking> {
    const answer = await this.api.cancelCheckIn({ idNumber, ticketNumber });
    if (answer.outcome === 'not-found') throw NOT_FOUND();
    if (answer.outcome === 'refused') throw new AppError(REFUSAL_CODES[answer.reason], answer.message);
    const booking = present(answer.booking, idNumber);
    const now = this.d.now();
    await this.d.notifications.deliver([
      {
        accountId,
        kind: 'flight-update',
        dedupeKey: `flight-check-in-cancelled:${ticketNumber}:${booking.flight.id}:${now.toISOString()}`,
        title: '航班值机已取消',
        body: `您已取消${booking.flight.flightNo}航班（${booking.flight.date}）的值机，原座位已释放。如需乘机，请在值机关闭前重新办理。`,
        link: '/travel/flights/check-in',
        occurredAt: now,
      },
    ]);
    return booking;
  }
}

/** The department's booking as the citizen sees it: name and ID number masked. */
function present(b: DeptBooking, idNumber: string): FlightBooking {
  const passengerNameMasked = maskName(b.passengerName);
  return {
    ticketNumber: b.ticketNumber,
    pnr: b.pnr,
    passengerNameMasked,
    idNumberMasked: maskIdNumber(idNumber),
    cabin: b.cabin,
    flight: b.flight,
    window: b.window,
    checkIn: b.checkIn
      ? {
          seat: b.checkIn.seat,
          checkedInAt: b.checkIn.checkedInAt,
          boardingPass: (({ passengerName: _n, ...pass }) => ({ ...pass, passengerNameMasked }))(
            b.checkIn.boardingPass,
          ),
        }
      : null,
  };
}

export { FLIGHT_CHECK_IN_SERVICE_ID };
