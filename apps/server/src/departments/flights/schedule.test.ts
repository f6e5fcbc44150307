import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../population-register/generator.js';
import { type BookingSeed, bookingsOf } from './demo.js';
import { checkInWindow, flightRecord, plan, ROUTES, routeOf, seatKind, statusAt } from './schedule.js';

const idOf = (name: string) => DEMO_PEOPLE.find((p) => p.name === name)?.idNumber as string;

describe('the civil-aviation sandbox’s timetable', () => {
  it('computes a flight from (number, date) alone, the same every time, with realistic shares of delays', () => {
    const route = routeOf('CZ3101');
    if (!route) throw new Error('no CZ3101');
    expect(plan(route, '2026-11-28')).toEqual(plan(route, '2026-11-28'));
    const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const all = ROUTES.flatMap((r) => days.map((d) => plan(r, d)));
    const delayed = all.filter((p) => p.delayMinutes > 0).length / all.length;
    const cancelled = all.filter((p) => p.cancelled).length / all.length;
    expect(delayed).toBeGreaterThan(0.1);
    expect(delayed).toBeLessThan(0.25);
    expect(cancelled).toBeGreaterThan(0.01);
    expect(cancelled).toBeLessThan(0.05);
    // the demo people's flights are never cancelled
    expect(all.some((p) => p.route.booked && p.cancelled)).toBe(false);
    expect(new Set(ROUTES.map((r) => r.flightNo)).size).toBe(ROUTES.length);
  });

  it('moves a flight through its statuses by the clock; check-in 48 h to 45 min before', () => {
    const route = routeOf('ZH9101');
    if (!route) throw new Error('no ZH9101');
    const p = { ...plan(route, '2026-11-28'), delayMinutes: 0, cancelled: false };
    const at = (iso: string) => new Date(iso);
    // 08:30 China = 00:30 UTC
    expect(statusAt(p, at('2026-11-27T12:00:00Z'))).toBe('scheduled');
    expect(statusAt(p, at('2026-11-27T22:00:00Z'))).toBe('check-in');
    expect(statusAt(p, at('2026-11-27T23:55:00Z'))).toBe('boarding');
    expect(statusAt(p, at('2026-11-28T00:31:00Z'))).toBe('departed');
    expect(flightRecord(p, at('2026-11-28T04:00:00Z'))).toMatchObject({ status: 'arrived', statusLabel: '到达' });
    expect(statusAt({ ...p, delayMinutes: 60 }, at('2026-11-27T22:00:00Z'))).toBe('delayed');
    expect(flightRecord({ ...p, cancelled: true }, at('2026-11-27T12:00:00Z'))).toMatchObject({
      status: 'cancelled',
      gate: null,
      estimatedDeparture: null,
    });
    expect(checkInWindow(p, at('2026-11-26T00:29:00Z')).state).toBe('not-yet');
    expect(checkInWindow(p, at('2026-11-26T00:30:00Z'))).toEqual({
      opensAt: '2026-11-26T08:30:00+08:00',
      closesAt: '2026-11-28T07:45:00+08:00',
      state: 'open',
    });
    expect(checkInWindow(p, at('2026-11-27T23:45:00Z')).state).toBe('closed');
  });

  it('knows each aircraft’s seats: business rows, exit rows, no such seat', () => {
    expect(seatKind('A320', '1A')).toBe('premium');
    expect(seatKind('A320', '1B')).toBeNull();
    expect(seatKind('A320', '11C')).toBe('exit');
    expect(seatKind('B738', '14F')).toBe('exit');
    expect(seatKind('B738', '20D')).toBe('economy');
    expect(seatKind('A320', '31A')).toBeNull();
    expect(seatKind('A320', '20K')).toBeNull();
  });

  it('gives the demo people tickets that stay the same from one departure of their flight to the next', () => {
    const before = bookingsOf(idOf('张伟'), new Date('2026-11-27T02:00:00Z')); // 10:00 in China
    const flightDay = bookingsOf(idOf('张伟'), new Date('2026-11-27T23:50:00Z')); // 07:50 on the flight's day
    const after = bookingsOf(idOf('张伟'), new Date('2026-11-28T00:01:00Z')); // 08:01: it has left
    const cz3101 = (bookings: BookingSeed[]) => bookings.find((b) => b.flight.route.flightNo === 'CZ3101');
    expect(before.map((b) => b.flight.id)).toEqual(['CZ3577-2026-11-27', 'CZ3101-2026-11-28', 'CZ3102-2026-11-30']);
    expect(cz3101(flightDay)?.ticketNumber).toBe(cz3101(before)?.ticketNumber);
    expect(cz3101(after)?.flight.id).toBe('CZ3101-2026-11-29');
    expect(cz3101(after)?.ticketNumber).not.toBe(cz3101(before)?.ticketNumber);
    expect(bookingsOf(idOf('刘芳'), new Date('2026-11-27T02:00:00Z'))[0]?.flight.id).toBe('CZ3101-2026-11-28');
    expect(bookingsOf(idOf('刘洋'), new Date())).toEqual([]);
  });

  it('keeps one of 张伟’s tickets open for check-in at every hour of the day', () => {
    // each ticket is closed for the 45 minutes before its flight leaves; the demo must never be left without one
    const start = Date.parse('2026-11-26T16:00:00Z'); // 00:00 in China
    const closedAt: string[] = [];
    for (let t = start; t < start + 48 * 3_600_000; t += 5 * 60_000) {
      const now = new Date(t);
      if (!bookingsOf(idOf('张伟'), now).some((b) => checkInWindow(b.flight, now).state === 'open'))
        closedAt.push(now.toISOString());
    }
    expect(closedAt).toEqual([]);
  });
});
