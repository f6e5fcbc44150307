import { CITIES } from '@yss/contracts';
import type { DepartmentImplementation } from '../framework/contract.js';
import type { RailwaySpec } from './contract.js';
import { clock, gateOf, STATIONS, type Station, statusOf, trainOn, trainsOn } from './timetable.js';

const station = (s: Station) => ({
  id: s.id,
  name: s.name,
  city: { code: s.cityCode, name: CITIES.find((c) => c.code === s.cityCode)?.name ?? s.cityCode },
});
const byId = new Map(STATIONS.map((s) => [s.id, s]));
const nameOf = (id: string) => byId.get(id)?.name ?? id;

/** Station ids of a place: one station, or every station of a city code. */
function stationsOf(place: string): Set<string> {
  if (/^\d{6}$/.test(place)) return new Set(STATIONS.filter((s) => s.cityCode === place).map((s) => s.id));
  return byId.has(place) ? new Set([place]) : new Set();
}

/** The sandbox railway: computed timetable (timetable.ts), no tables. `now` is its clock (statuses). */
export function railwaySandbox(now: () => Date = () => new Date()): DepartmentImplementation<RailwaySpec> {
  return {
    stations: async () => ({ stations: STATIONS.map(station) }),
    trains: async ({ from, to, date }) => {
      const a = stationsOf(from);
      const b = stationsOf(to);
      if (a.size === 0) return { outcome: 'unknown-station' as const, which: 'from' as const };
      if (b.size === 0) return { outcome: 'unknown-station' as const, which: 'to' as const };
      const at = now();
      const trains = trainsOn(date).flatMap((t) => {
        const i = t.stops.findIndex((s) => a.has(s.stationId));
        const j = t.stops.findIndex((s, k) => k > i && b.has(s.stationId));
        if (i < 0 || j < 0) return [];
        const dep = t.stops[i] as { stationId: string; minute: number };
        const arr = t.stops[j] as { stationId: string; minute: number };
        return [
          {
            number: t.number,
            date,
            from: station(byId.get(dep.stationId) as Station),
            to: station(byId.get(arr.stationId) as Station),
            departs: clock(dep.minute),
            arrives: clock(arr.minute),
            durationMinutes: arr.minute - dep.minute,
            origin: nameOf(t.stops[0]?.stationId ?? ''),
            terminus: nameOf(t.stops.at(-1)?.stationId ?? ''),
            gate: gateOf(t.number, dep.stationId),
            ...statusOf(t.number, date, at),
            sortKey: dep.minute,
          },
        ];
      });
      trains.sort((x, y) => x.sortKey - y.sortKey || x.number.localeCompare(y.number));
      return { outcome: 'found' as const, trains: trains.map(({ sortKey: _, ...t }) => t) };
    },
    train: async ({ number, date }) => {
      const t = trainOn(number, date);
      if (!t) return { train: null };
      const last = t.stops.length - 1;
      return {
        train: {
          number: t.number,
          date,
          stops: t.stops.map((s, i) => ({
            station: station(byId.get(s.stationId) as Station),
            arrives: i === 0 ? null : clock(s.minute),
            departs: i === last ? null : clock(s.minute + (i === 0 ? 0 : 2)),
            gate: i === last ? null : gateOf(t.number, s.stationId),
          })),
          ...statusOf(t.number, date, now()),
        },
      };
    },
  };
}
