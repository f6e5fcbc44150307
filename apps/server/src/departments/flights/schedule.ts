import { createHash } from 'node:crypto';
import { FLIGHT_CHECK_IN_RULES, FLIGHT_STATUS_LABELS, type Flight, type FlightStatus } from '@yss/contracts';
import { airportPlace, GD_AIRPORTS, isGdAirport, OTHER_AIRPORTS } from './airports.js';

/**
 * The sandbox's timetable: daily routes to and from Guangdong's airports, and each flight's state on a date computed
 * from (flight, date) alone — delay, cancellation, counters, gate, belt — so every copy of the system answers the
 * same; the status then follows the clock (计划 → 值机中 → 登机中 → 已起飞 → 到达, or 延误 / 取消).
 */

export const AIRLINES: Record<string, { name: string; ticketPrefix: string }> = {
  CZ: { name: '中国南方航空', ticketPrefix: '784' },
  CA: { name: '中国国际航空', ticketPrefix: '999' },
  MU: { name: '中国东方航空', ticketPrefix: '781' },
  HU: { name: '海南航空', ticketPrefix: '880' },
  ZH: { name: '深圳航空', ticketPrefix: '479' },
  '3U': { name: '四川航空', ticketPrefix: '876' },
};

export type AircraftType = 'A320' | 'A321' | 'B738';

/** Cabin layout: rows 1..premiumRows are 公务舱 (A C D F); economy A–F; exit rows are not offered online. */
export const AIRCRAFT: Record<AircraftType, { name: string; rows: number; premiumRows: number; exitRows: number[] }> = {
  A320: { name: '空客A320', rows: 30, premiumRows: 2, exitRows: [11, 12] },
  A321: { name: '空客A321', rows: 38, premiumRows: 3, exitRows: [11, 25] },
  B738: { name: '波音737-800', rows: 32, premiumRows: 2, exitRows: [14, 15] },
};
export const SEAT_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const PREMIUM_LETTERS = ['A', 'C', 'D', 'F'] as const;

export interface Route {
  flightNo: string;
  from: string;
  to: string;
  /** Scheduled departure, China time. */
  departs: string;
  minutes: number;
  aircraft: AircraftType;
  /** Demo people hold tickets on it: never cancelled in the sandbox (it may still be delayed). */
  booked?: boolean;
}

const r = (flightNo: string, from: string, to: string, departs: string, minutes: number, aircraft: AircraftType) => ({
  flightNo,
  from,
  to,
  departs,
  minutes,
  aircraft,
});

export const ROUTES: Route[] = [
  // 广州白云
  { ...r('CZ3101', 'CAN', 'PEK', '08:00', 195, 'A321'), booked: true },
  r('CZ3105', 'CAN', 'PEK', '13:00', 195, 'A321'),
  r('CA1352', 'CAN', 'PEK', '09:30', 200, 'A320'),
  r('CZ3539', 'CAN', 'PVG', '14:30', 140, 'A320'),
  r('MU5302', 'CAN', 'SHA', '10:10', 135, 'A320'),
  r('CZ3405', 'CAN', 'CTU', '11:20', 165, 'B738'),
  r('3U8732', 'CAN', 'CTU', '16:40', 170, 'A320'),
  r('HU7002', 'CAN', 'HAK', '12:15', 75, 'B738'),
  { ...r('CZ3577', 'CAN', 'HGH', '18:45', 120, 'A320'), booked: true },
  r('CZ3367', 'CAN', 'WUH', '07:40', 100, 'B738'),
  r('CZ3301', 'CAN', 'ZHA', '09:05', 60, 'A320'),
  r('CZ3871', 'CAN', 'MXZ', '15:30', 60, 'A320'),
  { ...r('CZ3102', 'PEK', 'CAN', '09:00', 205, 'A321'), booked: true },
  r('CA1351', 'PEK', 'CAN', '14:00', 205, 'A320'),
  r('MU5301', 'SHA', 'CAN', '07:30', 150, 'A320'),
  r('CZ3406', 'CTU', 'CAN', '15:00', 150, 'B738'),
  r('HU7001', 'HAK', 'CAN', '09:10', 75, 'B738'),
  r('CZ3302', 'ZHA', 'CAN', '11:00', 60, 'A320'),
  r('CZ3872', 'MXZ', 'CAN', '17:20', 60, 'A320'),
  // 深圳宝安
  r('ZH9101', 'SZX', 'PEK', '08:30', 200, 'A320'),
  { ...r('ZH9111', 'SZX', 'CTU', '10:20', 160, 'A320'), booked: true },
  r('MU5332', 'SZX', 'SHA', '17:30', 145, 'A320'),
  r('ZH9861', 'SZX', 'XIY', '13:10', 170, 'B738'),
  r('HU7796', 'SZX', 'HAK', '19:20', 70, 'B738'),
  r('ZH9327', 'SZX', 'KMG', '07:50', 155, 'A320'),
  r('CA1304', 'SZX', 'PEK', '15:00', 200, 'A321'),
  r('ZH9201', 'SZX', 'NKG', '09:15', 130, 'A320'),
  r('ZH9102', 'PEK', 'SZX', '11:50', 210, 'A320'),
  r('ZH9112', 'CTU', 'SZX', '14:00', 150, 'A320'),
  r('MU5331', 'SHA', 'SZX', '13:00', 145, 'A320'),
  r('ZH9862', 'XIY', 'SZX', '17:30', 165, 'B738'),
  r('CA1303', 'PEK', 'SZX', '08:00', 205, 'A321'),
  // 珠海金湾
  r('CZ3741', 'ZUH', 'PEK', '10:00', 210, 'A320'),
  r('CZ3742', 'PEK', 'ZUH', '14:30', 215, 'A320'),
  r('3U8812', 'ZUH', 'CTU', '12:30', 150, 'A320'),
  r('3U8811', 'CTU', 'ZUH', '08:40', 145, 'A320'),
  r('MU5348', 'ZUH', 'SHA', '16:10', 140, 'A320'),
  r('MU5347', 'SHA', 'ZUH', '12:00', 150, 'A320'),
  // 揭阳潮汕
  r('CZ3931', 'SWA', 'PEK', '11:40', 200, 'B738'),
  r('CZ3932', 'PEK', 'SWA', '07:30', 205, 'B738'),
  r('MU5372', 'SWA', 'SHA', '15:20', 120, 'A320'),
  r('MU5371', 'SHA', 'SWA', '11:45', 120, 'A320'),
  // 湛江吴川
  r('CZ3627', 'ZHA', 'PEK', '12:10', 215, 'B738'),
  r('CZ3628', 'PEK', 'ZHA', '17:00', 220, 'B738'),
  // 梅州梅县 (CZ3871 / CZ3872 above), 惠州平潭, 韶关丹霞
  r('CZ3355', 'HUZ', 'CKG', '10:30', 130, 'A320'),
  r('CZ3356', 'CKG', 'HUZ', '14:00', 125, 'A320'),
  r('CZ3829', 'HSC', 'PEK', '13:40', 180, 'A320'),
  r('CZ3830', 'PEK', 'HSC', '09:20', 185, 'A320'),
];

const BY_NUMBER = new Map(ROUTES.map((route) => [route.flightNo, route]));
export const routeOf = (flightNo: string) => BY_NUMBER.get(flightNo);

const CHINA_MS = 8 * 3_600_000;

/** A number in [0, 1) from the key: the same everywhere, every time. */
export function unit(...key: string[]): number {
  return createHash('sha256').update(key.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of a China local date and time. */
export function chinaInstant(date: string, time: string): Date {
  return new Date(Date.parse(`${date}T${time}:00Z`) - CHINA_MS);
}

/** ISO with the China offset: 2026-11-28T08:00:00+08:00. */
export function chinaIso(at: Date): string {
  return `${new Date(at.getTime() + CHINA_MS).toISOString().slice(0, 19)}+08:00`;
}

export const flightId = (flightNo: string, date: string) => `${flightNo}-${date}`;

/** A flight's computed facts on a date (no clock). */
export interface PlannedFlight {
  id: string;
  route: Route;
  date: string;
  scheduledDeparture: Date;
  scheduledArrival: Date;
  cancelled: boolean;
  delayMinutes: number;
  departureTerminal: string;
  arrivalTerminal: string;
  counters: string;
  gate: string;
  belt: string;
}

function terminalAt(code: string, flightNo: string): string {
  if (code === 'CAN') return flightNo.startsWith('CZ') ? 'T2' : flightNo.startsWith('HU') ? 'T3' : 'T1';
  if (isGdAirport(code)) return GD_AIRPORTS[code].terminals[0] as string;
  return OTHER_AIRPORTS[code]?.terminal ?? 'T1';
}

export function plan(route: Route, date: string): PlannedFlight {
  const id = flightId(route.flightNo, date);
  const scheduledDeparture = chinaInstant(date, route.departs);
  const roll = unit(id, 'delay');
  const cancelled = !route.booked && roll < 0.03;
  const delayMinutes = !cancelled && roll < 0.2 ? 15 + Math.floor(unit(id, 'minutes') * 22) * 5 : 0;
  const letter = 'ABCDEFGHJKLM'[Math.floor(unit(id, 'counter') * 12)] as string;
  const first = Math.floor(unit(id, 'counter-from') * 3) * 12 + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    id,
    route,
    date,
    scheduledDeparture,
    scheduledArrival: new Date(scheduledDeparture.getTime() + route.minutes * 60_000),
    cancelled,
    delayMinutes,
    departureTerminal: terminalAt(route.from, route.flightNo),
    arrivalTerminal: terminalAt(route.to, route.flightNo),
    counters: `${letter}${pad(first)}-${letter}${pad(first + 11)}`,
    gate: `${'ABC'[Math.floor(unit(id, 'gate-hall') * 3)]}${100 + Math.floor(unit(id, 'gate') * 140)}`,
    belt: String(1 + Math.floor(unit(id, 'belt') * 24)),
  };
}

export const estimatedDeparture = (p: PlannedFlight) =>
  new Date(p.scheduledDeparture.getTime() + p.delayMinutes * 60_000);
export const estimatedArrival = (p: PlannedFlight) => new Date(p.scheduledArrival.getTime() + p.delayMinutes * 60_000);
export const boardingTime = (p: PlannedFlight) =>
  new Date(estimatedDeparture(p).getTime() - FLIGHT_CHECK_IN_RULES.boardingMinutesBefore * 60_000);

/** Counters open 3 hours before the scheduled departure. */
const COUNTERS_OPEN_MS = 3 * 3_600_000;

export function statusAt(p: PlannedFlight, now: Date): FlightStatus {
  if (p.cancelled) return 'cancelled';
  const t = now.getTime();
  if (t >= estimatedArrival(p).getTime()) return 'arrived';
  if (t >= estimatedDeparture(p).getTime()) return 'departed';
  if (t >= boardingTime(p).getTime()) return 'boarding';
  if (p.delayMinutes > 0) return 'delayed';
  if (t >= p.scheduledDeparture.getTime() - COUNTERS_OPEN_MS) return 'check-in';
  return 'scheduled';
}

export function flightRecord(p: PlannedFlight, now: Date): Flight {
  const status = statusAt(p, now);
  const airline = AIRLINES[p.route.flightNo.slice(0, 2)] ?? { name: p.route.flightNo.slice(0, 2) };
  return {
    id: p.id,
    flightNo: p.route.flightNo,
    airline: { code: p.route.flightNo.slice(0, 2), name: airline.name },
    date: p.date,
    from: airportPlace(p.route.from),
    to: airportPlace(p.route.to),
    aircraft: AIRCRAFT[p.route.aircraft].name,
    scheduledDeparture: chinaIso(p.scheduledDeparture),
    estimatedDeparture: p.cancelled ? null : chinaIso(estimatedDeparture(p)),
    scheduledArrival: chinaIso(p.scheduledArrival),
    estimatedArrival: p.cancelled ? null : chinaIso(estimatedArrival(p)),
    delayMinutes: p.delayMinutes,
    departureTerminal: p.departureTerminal,
    arrivalTerminal: p.arrivalTerminal,
    checkInCounters: p.cancelled ? null : p.counters,
    gate: p.cancelled ? null : p.gate,
    baggageBelt: status === 'arrived' ? p.belt : null,
    status,
    statusLabel: FLIGHT_STATUS_LABELS[status],
  };
}

/** The check-in window of a flight: opens 48 h and closes 45 min before the scheduled departure. */
export function checkInWindow(p: PlannedFlight, now: Date) {
  const dep = p.scheduledDeparture.getTime();
  const opensAt = new Date(dep - FLIGHT_CHECK_IN_RULES.opensHoursBefore * 3_600_000);
  const closesAt = new Date(dep - FLIGHT_CHECK_IN_RULES.closesMinutesBefore * 60_000);
  const state: 'not-yet' | 'open' | 'closed' =
    now < opensAt ? 'not-yet' : now < closesAt && !p.cancelled ? 'open' : 'closed';
  return { opensAt: chinaIso(opensAt), closesAt: chinaIso(closesAt), state };
}

/** Seats already taken on a flight by other passengers (sold and checked in elsewhere): 45 % of economy. */
export function preTaken(flight: string, seat: string): boolean {
  return unit(flight, 'seat', seat) < 0.45;
}

export type SeatKind = 'premium' | 'exit' | 'economy';

/** What a seat label is on an aircraft, or null when the aircraft has no such seat. */
export function seatKind(aircraft: AircraftType, seat: string): SeatKind | null {
  const m = /^(\d{1,2})([A-K])$/.exec(seat);
  if (!m) return null;
  const row = Number(m[1]);
  const letter = m[2] as string;
  const a = AIRCRAFT[aircraft];
  if (row < 1 || row > a.rows) return null;
  if (row <= a.premiumRows) return (PREMIUM_LETTERS as readonly string[]).includes(letter) ? 'premium' : null;
  if (!(SEAT_LETTERS as readonly string[]).includes(letter)) return null;
  return a.exitRows.includes(row) ? 'exit' : 'economy';
}

/** Flights of a Guangdong airport on a date, by scheduled time. */
export function boardOf(airport: string, direction: 'departures' | 'arrivals', date: string): PlannedFlight[] {
  return ROUTES.filter((route) => (direction === 'departures' ? route.from : route.to) === airport)
    .map((route) => plan(route, date))
    .sort((a, b) =>
      direction === 'departures'
        ? a.scheduledDeparture.getTime() - b.scheduledDeparture.getTime()
        : a.scheduledArrival.getTime() - b.scheduledArrival.getTime(),
    );
}
