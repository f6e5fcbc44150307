import { CITY_CODES } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { COACH_STATIONS, stationsOf } from './stations.js';
import {
  addDays,
  chinaDate,
  departuresBetween,
  findDeparture,
  refundFeeFen,
  routesFrom,
  salesDates,
} from './timetable.js';

/** The computed timetable's own rules, without a database. */
describe('coach timetable', () => {
  const now = new Date('2026-11-27T01:00:00Z'); // 09:00 China time

  it('sells today and the next 9 days, China time', () => {
    expect(salesDates(now)).toHaveLength(10);
    expect(salesDates(now)[0]).toBe('2026-11-27');
    expect(salesDates(now)[9]).toBe('2026-12-06');
    // 23:30 UTC is already the next day in China.
    expect(chinaDate(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
  });

  it('runs from every city’s main station to every other city, with sane times, seats, prices', () => {
    for (const from of CITY_CODES) {
      const main = stationsOf(from)[0];
      expect(main, from).toBeDefined();
      const routes = routesFrom(main?.id as string);
      expect(new Set(routes.map((r) => r.to.cityCode)).size, from).toBe(CITY_CODES.length - 1);
    }
    for (const s of COACH_STATIONS) {
      for (const r of routesFrom(s.id)) {
        expect(r.seats).toBeGreaterThanOrEqual(35);
        expect(r.seats).toBeLessThanOrEqual(53);
        expect(r.priceFen % 100).toBe(0);
        for (const time of r.times) {
          expect(time >= '06:30' && time <= '20:59', `${s.id} ${time}`).toBe(true);
        }
        expect(new Set(r.times).size).toBe(r.times.length);
      }
    }
  });

  it('finds each departure by its id, and nothing for an id the timetable does not have', () => {
    const date = addDays('2026-11-27', 2);
    const list = departuresBetween('440100', '440300', date, now);
    expect(list.length).toBeGreaterThan(5);
    for (const d of list) expect(findDeparture(d.id)).toEqual(d);
    expect(new Set(list.map((d) => d.runNumber)).size).toBe(list.length);
    expect(findDeparture('20261129-GZ01-SZ01-0301')).toBeUndefined();
    expect(findDeparture('20261332-GZ01-SZ01-0700')).toBeUndefined();
    expect(findDeparture('x')).toBeUndefined();
    expect(departuresBetween('440100', '440300', '2026-12-07', now)).toEqual([]);
  });

  it('charges the refund fee by time to departure, nothing refundable after it', () => {
    const departs = new Date('2026-11-28T02:00:00Z');
    const at = (hoursBefore: number) => new Date(departs.getTime() - hoursBefore * 3600_000);
    expect(refundFeeFen(6300, departs, at(30))).toBe(315);
    expect(refundFeeFen(6300, departs, at(24))).toBe(315);
    expect(refundFeeFen(6300, departs, at(23.9))).toBe(630);
    expect(refundFeeFen(6300, departs, at(2))).toBe(630);
    expect(refundFeeFen(6300, departs, at(1.9))).toBe(1260);
    expect(refundFeeFen(6300, departs, at(0))).toBeNull();
    expect(refundFeeFen(6300, departs, at(-1))).toBeNull();
  });
});
