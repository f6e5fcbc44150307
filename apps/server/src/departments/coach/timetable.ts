import { COACH_CITIES, type CoachCity, coachCity, findStation, type StationSeed, stationsOf } from './stations.js';

/**
 * The sandbox ticketing system's timetable (班次), computed rather than stored: which stations run to which
 * cities, how often, when, for how long, at what price, with which coach and how many seats. The same code always
 * gives the same timetable, so nothing is seeded for it; only a departure somebody holds seats on becomes a row
 * (sandbox.ts). Times are China time (UTC+8) throughout.
 *
 * Rules (the sandbox's assumptions, see docs/coach.md): distances are the straight line between city centres
 * × 1.3; a main station (the city's first) runs to every other city, another station to about 60 % of them; runs
 * per day fall with distance (10 under 80 km … 2 beyond 400 km; half at a secondary station); between 06:30 and
 * 20:30, evenly spread with a route's own offset; duration at 60 km/h plus 20 minutes; price ¥8 + ¥0.40/km.
 */

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Online sales cover today and the next 9 days. */
export const SALES_WINDOW_DAYS = 10;
/** Online sales stop this long before departure (the station's counter still sells). */
export const ONLINE_CUTOFF_MINUTES = 30;
/** Seats held for an order stay held this long (the payment's time limit). */
export const HOLD_MINUTES = 15;
/** A coach leaves at its time; the gate still checks and boards latecomers this long after it. */
export const BOARDING_GRACE_MINUTES = 15;

export interface Route {
  from: StationSeed;
  to: StationSeed;
  km: number;
  times: readonly string[];
  durationMinutes: number;
  priceFen: number;
  coachType: string;
  seats: number;
  runPrefix: string;
}

export interface PlannedDeparture {
  id: string;
  runNumber: string;
  route: Route;
  date: string;
  time: string;
  departsAt: Date;
}

/** FNV-1a: a small stable hash for the timetable's choices. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function roadKm(a: CoachCity, b: CoachCity): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  const straight = 2 * 6371 * Math.asin(Math.sqrt(x));
  return Math.max(25, Math.round(straight * 1.3));
}

function runsPerDay(km: number): number {
  if (km < 80) return 10;
  if (km < 150) return 7;
  if (km < 250) return 4;
  if (km < 400) return 3;
  return 2;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const routeCache = new Map<string, Route[]>();

/** Every route from a station (to one station in each city it serves). */
export function routesFrom(stationId: string): Route[] {
  const cached = routeCache.get(stationId);
  if (cached) return cached;
  const from = findStation(stationId);
  if (!from) return [];
  const fromCity = coachCity(from.cityCode) as CoachCity;
  const index = Number(from.id.slice(2)) - 1;
  const routes: Route[] = [];
  for (const { code } of COACH_CITIES) {
    if (code === from.cityCode) continue;
    const key = `${from.id}:${code}`;
    if (index > 0 && hash(key) % 10 >= 6) continue;
    const toCity = coachCity(code) as CoachCity;
    const targets = stationsOf(code);
    const to = (hash(`${key}:to`) % 3 === 0 ? targets[hash(key) % targets.length] : targets[0]) as StationSeed;
    const km = roadKm(fromCity, toCity);
    const n = index === 0 ? runsPerDay(km) : Math.ceil(runsPerDay(km) / 2);
    const step = Math.floor(840 / n);
    const offset = 5 * (hash(`${key}:offset`) % Math.max(1, Math.floor(step / 10)));
    const times = Array.from({ length: n }, (_, i) => hhmm(390 + i * step + offset));
    const big = km > 250 || hash(`${key}:coach`) % 3 !== 0;
    const seatChoices = big ? [45, 49, 53] : [35, 39];
    routes.push({
      from,
      to,
      km,
      times,
      durationMinutes: Math.round((km + 20) / 5) * 5,
      priceFen: Math.round(8 + km * 0.4) * 100,
      coachType: big ? (km > 250 ? '大型高二级' : '大型高一级') : '中型高一级',
      seats: seatChoices[hash(`${key}:seats`) % seatChoices.length] as number,
      runPrefix: `${fromCity.prefix}${toCity.prefix}`,
    });
  }
  routeCache.set(stationId, routes);
  return routes;
}

/** The local date ('yyyy-mm-dd') of an instant, China time. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The dates sold online at this instant: today and the next 9 days. */
export function salesDates(now: Date): string[] {
  const today = chinaDate(now);
  return Array.from({ length: SALES_WINDOW_DAYS }, (_, i) => addDays(today, i));
}

function planned(route: Route, date: string, time: string): PlannedDeparture {
  const compactTime = time.replace(':', '');
  const letter = 'ABCD'[Number(route.from.id.slice(2)) - 1] ?? 'Z';
  return {
    id: `${date.replaceAll('-', '')}-${route.from.id}-${route.to.id}-${compactTime}`,
    runNumber: `${route.runPrefix}${compactTime}${letter}`,
    route,
    date,
    time,
    departsAt: new Date(`${date}T${time}:00+08:00`),
  };
}

/** The departures from a city to a city on a date, by time (empty outside the sales window). */
export function departuresBetween(fromCity: string, toCity: string, date: string, now: Date): PlannedDeparture[] {
  if (!salesDates(now).includes(date)) return [];
  const list = stationsOf(fromCity).flatMap((s) =>
    routesFrom(s.id)
      .filter((r) => r.to.cityCode === toCity)
      .flatMap((r) => r.times.map((t) => planned(r, date, t))),
  );
  return list.sort((a, b) => a.time.localeCompare(b.time) || a.route.from.id.localeCompare(b.route.from.id));
}

const DEPARTURE_ID = /^(\d{4})(\d{2})(\d{2})-([A-Z]{2}\d{2})-([A-Z]{2}\d{2})-(\d{2})(\d{2})$/;

/** The departure an id names, if the timetable has it (whatever the date: the caller checks the window). */
export function findDeparture(id: string): PlannedDeparture | undefined {
  const m = DEPARTURE_ID.exec(id);
  if (!m) return undefined;
  const [, y, mo, d, fromId, toId, h, mi] = m;
  const date = `${y}-${mo}-${d}`;
  if (
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  )
    return undefined;
  const time = `${h}:${mi}`;
  const route = routesFrom(fromId as string).find((r) => r.to.id === toId);
  if (!route?.times.includes(time)) return undefined;
  return planned(route, date, time);
}

/** Sold online now: in the window and more than the cut-off before departure (seats aside). */
export function onlineSaleOpen(d: PlannedDeparture, now: Date): boolean {
  return salesDates(now).includes(d.date) && d.departsAt.getTime() - ONLINE_CUTOFF_MINUTES * 60_000 > now.getTime();
}

/**
 * 退票费 (COACH_REFUND_RULE_TEXT): 24 hours or more before departure 5 % of the price, 2 to 24 hours 10 %, under
 * 2 hours 20 %, rounded to the fen; null once departed (no online refund).
 */
export function refundFeeFen(priceFen: number, departsAt: Date, now: Date): number | null {
  const before = departsAt.getTime() - now.getTime();
  if (before <= 0) return null;
  const percent = before >= 24 * 3600_000 ? 5 : before >= 2 * 3600_000 ? 10 : 20;
  return Math.round((priceFen * percent) / 100);
}
