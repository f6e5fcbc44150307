import { demoPerson } from '../kit/demo.js';
import { AIRLINES, addDays, chinaDate, flightId, type PlannedFlight, plan, routeOf, unit } from './schedule.js';

/**
 * The airlines' booking records (客票) of the README's demo people. They roll with the clock: each is on the next
 * departure of its flight that is at least `inDays - 1` days ahead (China dates), so the demo always has a ticket
 * whose check-in is open and one whose check-in is not open yet. Ticket number and 订座记录编号 are derived from the
 * person and the flight, so a check-in is found on the same ticket until the flight leaves.
 *
 * Why 张伟 holds two tickets within a day: a ticket stays on its flight until it leaves (a checked-in passenger
 * keeps the boarding pass to the gate), and check-in closes 45 minutes before departure, so each ticket is closed
 * for 45 minutes of every day. Two flights at different times of day (08:00 and 18:45) keep one of them open at
 * any hour; with one alone, nobody could check in from 07:15 to 08:00.
 */
const DEMO_BOOKINGS: Record<string, { flightNo: string; inDays: number; cabin: string }[]> = {
  // 张伟 (广州): to Beijing on the next CZ3101, back three or four days later; and to Hangzhou on the next evening
  // CZ3577 (see above for why two).
  张伟: [
    { flightNo: 'CZ3101', inDays: 1, cabin: '经济舱' },
    { flightNo: 'CZ3577', inDays: 1, cabin: '经济舱' },
    { flightNo: 'CZ3102', inDays: 4, cabin: '经济舱' },
  ],
  // 刘芳 (广州): on the same flight to Beijing as 张伟 (two passengers may want the same seat).
  刘芳: [{ flightNo: 'CZ3101', inDays: 1, cabin: '经济舱' }],
  // 李娜 (深圳): to Chengdu the day after tomorrow.
  李娜: [{ flightNo: 'ZH9111', inDays: 2, cabin: '经济舱' }],
};

export interface BookingSeed {
  ticketNumber: string;
  pnr: string;
  passengerName: string;
  cabin: string;
  flight: PlannedFlight;
}

const PNR_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function bookingOf(personId: string, name: string, b: { flightNo: string; inDays: number; cabin: string }, now: Date) {
  const today = chinaDate(now);
  const route = routeOf(b.flightNo);
  if (!route) throw new Error(`demo booking on unknown flight ${b.flightNo}`);
  // the flight `inDays - 1` days on while it has not left yet, else the next day's: a ticket stays the same from
  // one departure of its flight to the next, its flight day included
  const earlier = addDays(today, b.inDays - 1);
  const date = plan(route, earlier).scheduledDeparture > now ? earlier : addDays(earlier, 1);
  const id = flightId(b.flightNo, date);
  const prefix = AIRLINES[b.flightNo.slice(0, 2)]?.ticketPrefix ?? '999';
  const digits = String(Math.floor(unit(personId, id, 'ticket') * 1e10)).padStart(10, '0');
  const pnr = Array.from(
    { length: 6 },
    (_, i) => PNR_LETTERS[Math.floor(unit(personId, id, 'pnr', String(i)) * PNR_LETTERS.length)],
  ).join('');
  return { ticketNumber: `${prefix}-${digits}`, pnr, passengerName: name, cabin: b.cabin, flight: plan(route, date) };
}

const BY_ID_NUMBER = new Map(
  Object.entries(DEMO_BOOKINGS).map(([name, bookings]) => {
    const p = demoPerson(name);
    return [p.idNumber, { personId: p.personId, name: p.name, bookings }];
  }),
);

/** The passenger's tickets on flights from today on, by departure. */
export function bookingsOf(idNumber: string, now: Date): BookingSeed[] {
  const found = BY_ID_NUMBER.get(idNumber);
  if (!found) return [];
  return found.bookings
    .map((b) => bookingOf(found.personId, found.name, b, now))
    .sort((a, b) => a.flight.scheduledDeparture.getTime() - b.flight.scheduledDeparture.getTime());
}
