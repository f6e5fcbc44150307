import type { FlightBooking, FlightBookings, SeatMap } from '@yss/contracts';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flightsSpec } from '../../departments/flights/contract.js';
import { flightsSandbox } from '../../departments/flights/sandbox.js';
import { createConnector } from '../../departments/framework/client.js';
import { inProcessTransport } from '../../departments/framework/in-process.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments } from '../../departments/registry.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const BOOKINGS = '/api/v1/me/flight-bookings';
const at = (iso: string) => new Date(iso);
/** A passenger's ticket on a flight (张伟 holds several, listed by departure). */
const on = (list: FlightBookings, flightNo: string) => {
  const found = list.bookings.find((b) => b.flight.flightNo === flightNo);
  if (!found) throw new Error(`no ticket on ${flightNo}`);
  return found;
};

/**
 * 航班服务 and 航班在线值机 (D5) over HTTP against the civil-aviation sandbox, on one clock: flight status and
 * airports (anyone), the demo people's tickets (masked, verified, audited), the check-in window, seats not
 * offered online, one check-in per ticket, two passengers racing for one seat (the partial unique index decides:
 * PostgreSQL too), the signed boarding pass, cancellation, 消息.
 */
describe.each(ENGINES)('航班服务 / 航班在线值机 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  // 2026-11-27 10:00 in China: 张伟's and 刘芳's CZ3101 leaves tomorrow 08:00 (check-in open), his return in 4 days;
  // 张伟's CZ3577 to Hangzhou leaves tonight 18:45 (open too).
  let clock = at('2026-11-27T02:00:00Z');
  const now = () => clock;
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  let liu: Awaited<ReturnType<typeof c.verifiedAccount>>;

  beforeAll(async () => {
    t = await createTestApp(
      engine,
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        now,
        departments: (db) => ({
          ...createDepartments({ departments: { url: undefined, keyId: 'k', key: undefined, timeoutMs: 5000 } }, db),
          flights: createConnector(flightsSpec, inProcessTransport(flightsSpec, flightsSandbox(db, now))),
        }),
      },
    );
    zhang = await c.verifiedAccount(demo('张伟'));
    liu = await c.verifiedAccount(demo('刘芳'));
  }, 600_000);
  afterAll(() => t?.close());

  it('answers flight status, an airport’s board with its 交通指引, and refuses bad or far dates in Chinese', async () => {
    const airports = (await c.call('GET', '/api/v1/flights/airports')).json().airports as {
      code: string;
      guide: unknown[];
    }[];
    expect(airports.map((a) => a.code)).toEqual(['CAN', 'SZX', 'ZUH', 'SWA', 'ZHA', 'MXZ', 'HUZ', 'HSC']);
    expect(airports.every((a) => a.guide.length >= 2)).toBe(true);

    const res = await c.call('GET', '/api/v1/flights/status?flightNo=cz%203101&date=2026-11-28');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({
      id: 'CZ3101-2026-11-28',
      flightNo: 'CZ3101',
      airline: { code: 'CZ', name: '中国南方航空' },
      from: { code: 'CAN', name: '广州白云国际机场' },
      to: { code: 'PEK' },
      scheduledDeparture: '2026-11-28T08:00:00+08:00',
      scheduledArrival: '2026-11-28T11:15:00+08:00',
      departureTerminal: 'T2',
      status: f.delayMinutes > 0 ? 'delayed' : 'scheduled',
    });
    expect(f.gate).toMatch(/^[ABC]\d{3}$/);
    // the same answer every time (computed per flight and date)
    expect((await c.call('GET', '/api/v1/flights/status?flightNo=CZ3101&date=2026-11-28')).json()).toEqual(f);

    // the status follows the clock
    const saved = clock;
    const estDep = Date.parse(f.estimatedDeparture);
    clock = new Date(estDep - 30 * 60_000);
    expect((await c.call('GET', '/api/v1/flights/status?flightNo=CZ3101&date=2026-11-28')).json().statusLabel).toBe(
      '登机中',
    );
    clock = new Date(estDep + 60_000);
    expect((await c.call('GET', '/api/v1/flights/status?flightNo=CZ3101&date=2026-11-28')).json().status).toBe(
      'departed',
    );
    clock = new Date(Date.parse(f.estimatedArrival) + 60_000);
    const arrived = (await c.call('GET', '/api/v1/flights/status?flightNo=CZ3101&date=2026-11-28')).json();
    expect(arrived.status).toBe('arrived');
    expect(arrived.baggageBelt).toMatch(/^\d+$/);
    clock = saved;

    // today's flight when no date is given
    expect((await c.call('GET', '/api/v1/flights/status?flightNo=CZ3101')).json().date).toBe('2026-11-27');

    const board = await c.call('GET', '/api/v1/flights/board?airport=CAN&direction=departures&date=2026-11-28');
    expect(board.statusCode, board.body).toBe(200);
    const b = board.json();
    expect(b.airport.guide.map((g: { mode: string }) => g.mode)).toContain('metro');
    expect(b.flights.length).toBeGreaterThan(8);
    expect(b.flights.every((x: { from: { code: string } }) => x.from.code === 'CAN')).toBe(true);
    const times = b.flights.map((x: { scheduledDeparture: string }) => x.scheduledDeparture);
    expect(times).toEqual([...times].sort());
    const arrivals = (await c.call('GET', '/api/v1/flights/board?airport=SZX&direction=arrivals')).json();
    expect(arrivals.flights.every((x: { to: { code: string } }) => x.to.code === 'SZX')).toBe(true);

    const unknown = await c.call('GET', '/api/v1/flights/status?flightNo=CZ9999&date=2026-11-28');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'FLIGHT_NOT_FOUND', detail: expect.stringContaining('CZ9999') });
    const bad = await c.call('GET', '/api/v1/flights/status?flightNo=航班&date=2026-11-28');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请输入正确的航班号');
    const far = await c.call('GET', '/api/v1/flights/status?flightNo=CZ3101&date=2026-12-20');
    expect(far.statusCode).toBe(400);
    expect(far.json()).toMatchObject({ code: 'FLIGHT_DATE_OUT_OF_RANGE' });
    const badAirport = await c.call('GET', '/api/v1/flights/board?airport=PEK&direction=departures');
    expect(badAirport.statusCode).toBe(400);
    expect(badAirport.body).toContain('请选择广东省内的机场');
  });

  it('shows the passenger’s own tickets, masked, after a fresh verification; audited; never for someone else', async () => {
    expect((await c.call('GET', BOOKINGS)).statusCode).toBe(401);
    const res = await c.call('GET', BOOKINGS, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const { bookings, rules } = res.json() as FlightBookings;
    expect(res.body).not.toContain(demo('张伟').idNumber);
    expect(res.body).not.toContain('张伟');
    expect(bookings.map((b) => [b.flight.id, b.window.state])).toEqual([
      ['CZ3577-2026-11-27', 'open'],
      ['CZ3101-2026-11-28', 'open'],
      ['CZ3102-2026-11-30', 'not-yet'],
    ]);
    const outbound = on(res.json(), 'CZ3101');
    expect(outbound).toMatchObject({
      passengerNameMasked: '张*',
      idNumberMasked: '440***********031X',
      checkIn: null,
    });
    expect(outbound.ticketNumber).toMatch(/^784-\d{10}$/);
    expect(outbound.window).toMatchObject({ closesAt: '2026-11-28T07:15:00+08:00' });
    expect(rules.join('')).toContain('起飞前48小时开放在线值机');

    // 刘洋 has no ticket
    const liuYang = await c.verifiedAccount(demo('刘洋'));
    expect((await c.call('GET', BOOKINGS, undefined, liuYang.cookie)).json().bookings).toEqual([]);
    // ?for= is refused (an unknown delegation: 404, as everywhere)
    const forOther = await c.call(
      'GET',
      `${BOOKINGS}?for=00000000-0000-4000-8000-000000000000`,
      undefined,
      zhang.cookie,
    );
    expect(forOther.statusCode).toBe(404);

    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      detail: string | null;
    }[];
    expect(log.some((e) => e.detail?.includes('航班客票'))).toBe(true);
  });

  it('checks in on a free seat with a signed boarding pass; exit rows, taken seats, an unopened window refused', async () => {
    const list = (await c.call('GET', BOOKINGS, undefined, zhang.cookie)).json() as FlightBookings;
    const [outbound, back] = [on(list, 'CZ3101'), on(list, 'CZ3102')];
    const seats = await c.call('GET', `${BOOKINGS}/${outbound.ticketNumber}/seats`, undefined, zhang.cookie);
    expect(seats.statusCode, seats.body).toBe(200);
    const map = seats.json() as SeatMap;
    expect(map.aircraft).toBe('空客A321');
    const all = map.rows.flatMap((r) => r.seats);
    const exit = all.find((s) => s.state === 'exit');
    const taken = all.find((s) => s.state === 'taken');
    const free = all.filter((s) => s.state === 'free');
    expect(exit && taken && free.length > 20).toBeTruthy();
    expect(all.find((s) => s.seat === '1A')?.state).toBe('premium');

    const checkIn = (ticket: string, seat: string, cookie = zhang.cookie) =>
      c.call('POST', `${BOOKINGS}/${ticket}/check-in`, { seat }, cookie);
    for (const [seat, code, words] of [
      [exit?.seat, 'FLIGHT_SEAT_NOT_OFFERED', '紧急出口座位须由年满15周岁'],
      ['1A', 'FLIGHT_SEAT_NOT_OFFERED', '公务舱'],
      ['60A', 'FLIGHT_SEAT_NOT_OFFERED', '该机型没有60A座位'],
      [taken?.seat, 'FLIGHT_SEAT_TAKEN', '该座位已被选择，请重新选座'],
    ] as const) {
      const r = await checkIn(outbound.ticketNumber, seat as string);
      expect(r.statusCode, `${seat} ${r.body}`).toBe(409);
      expect(r.json()).toMatchObject({ code, detail: expect.stringContaining(words) });
    }
    const early = await checkIn(back.ticketNumber, free[0]?.seat as string);
    expect(early.json()).toMatchObject({
      code: 'FLIGHT_CHECK_IN_NOT_OPEN',
      detail: expect.stringContaining('11月28日 09:00'),
    });
    // someone else's ticket is not found
    expect((await checkIn(outbound.ticketNumber, free[0]?.seat as string, liu.cookie)).statusCode).toBe(404);

    const seat = free[0]?.seat as string;
    const done = await checkIn(outbound.ticketNumber, seat);
    expect(done.statusCode, done.body).toBe(201);
    const booking = done.json() as FlightBooking;
    expect(done.body).not.toContain(demo('张伟').idNumber);
    const pass = booking.checkIn?.boardingPass;
    if (!pass) throw new Error('no boarding pass');
    expect(pass).toMatchObject({ seat, flightNo: 'CZ3101', passengerNameMasked: '张*', gate: outbound.flight.gate });
    expect(pass.boardingTime).toBe(
      `${new Date(Date.parse(outbound.flight.estimatedDeparture as string) - 40 * 60_000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`,
    );
    // the QR is the airline's ES256 JWS, checked with its published key
    const jwks = (await c.call('GET', '/api/v1/flights/boarding-pass-keys')).json();
    expect(pass.qr.startsWith('YSBP1:')).toBe(true);
    const { payload } = await jwtVerify(pass.qr.slice(6), createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
      issuer: 'yss:sandbox-airline',
      currentDate: clock,
    });
    expect(payload).toMatchObject({ tkt: outbound.ticketNumber, flt: 'CZ3101', dat: '2026-11-28', seat });
    const forged = `${pass.qr.slice(6, -4)}AAAA`;
    await expect(jwtVerify(forged, createLocalJWKSet(jwks), { currentDate: clock })).rejects.toThrow();

    // one check-in per passenger and segment
    const again = await checkIn(outbound.ticketNumber, free[1]?.seat as string);
    expect(again.json()).toMatchObject({ code: 'FLIGHT_ALREADY_CHECKED_IN' });
    // the seat map shows it as mine; 消息 told the passenger
    const after = (
      await c.call('GET', `${BOOKINGS}/${outbound.ticketNumber}/seats`, undefined, zhang.cookie)
    ).json() as SeatMap;
    expect(after.rows.flatMap((r) => r.seats).find((s) => s.seat === seat)?.state).toBe('mine');
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, zhang.cookie)).json();
    const items = (Array.isArray(inbox) ? inbox : inbox.items) as { title: string; body: string }[];
    expect(items.find((n) => n.title === '航班值机成功')?.body).toContain(`座位${seat}`);
    // the list shows the check-in with its boarding pass
    const listed = (await c.call('GET', BOOKINGS, undefined, zhang.cookie)).json() as FlightBookings;
    expect(on(listed, 'CZ3101').checkIn?.seat).toBe(seat);

    // bad input
    const badSeat = await checkIn(outbound.ticketNumber, 'ZZ');
    expect(badSeat.statusCode).toBe(400);
    expect(badSeat.body).toContain('请选择座位');
    expect((await c.call('GET', `${BOOKINGS}/abc/seats`, undefined, zhang.cookie)).statusCode).toBe(400);
  });

  it('two passengers choosing one seat at once: exactly one gets it, the other is told to choose again', async () => {
    const fang = on((await c.call('GET', BOOKINGS, undefined, liu.cookie)).json(), 'CZ3101');
    const wei = on((await c.call('GET', BOOKINGS, undefined, zhang.cookie)).json(), 'CZ3101');
    expect(fang.flight.id).toBe(wei.flight.id);
    // 张伟 gives his seat up to try again
    const cancelled = await c.call('DELETE', `${BOOKINGS}/${wei.ticketNumber}/check-in`, undefined, zhang.cookie);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().checkIn).toBeNull();
    const map = (
      await c.call('GET', `${BOOKINGS}/${fang.ticketNumber}/seats`, undefined, liu.cookie)
    ).json() as SeatMap;
    const seat = map.rows.flatMap((r) => r.seats).filter((s) => s.state === 'free')[5]?.seat as string;
    const [a, b] = await Promise.all([
      c.call('POST', `${BOOKINGS}/${fang.ticketNumber}/check-in`, { seat }, liu.cookie),
      c.call('POST', `${BOOKINGS}/${wei.ticketNumber}/check-in`, { seat }, zhang.cookie),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ code: 'FLIGHT_SEAT_TAKEN', detail: '该座位已被选择，请重新选座。' });
    const rows = await t.database.db
      .selectFrom('dept_flights.check_ins')
      .select('ticket_number')
      .where('seat', '=', seat)
      .where('status', '=', 'checked-in')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('cancels a check-in before it closes; after closing neither check-in nor cancelling is online', async () => {
    const fang = on((await c.call('GET', BOOKINGS, undefined, liu.cookie)).json(), 'CZ3101');
    if (!fang.checkIn) {
      const free = (
        (await c.call('GET', `${BOOKINGS}/${fang.ticketNumber}/seats`, undefined, liu.cookie)).json() as SeatMap
      ).rows
        .flatMap((r) => r.seats)
        .find((s) => s.state === 'free');
      expect(
        (await c.call('POST', `${BOOKINGS}/${fang.ticketNumber}/check-in`, { seat: free?.seat }, liu.cookie))
          .statusCode,
      ).toBe(201);
    }
    const del = (cookie: string, ticket: string) =>
      c.call('DELETE', `${BOOKINGS}/${ticket}/check-in`, undefined, cookie);
    expect((await del(liu.cookie, fang.ticketNumber)).statusCode).toBe(200);
    expect((await del(liu.cookie, fang.ticketNumber)).json()).toMatchObject({ code: 'FLIGHT_NOT_CHECKED_IN' });
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, liu.cookie)).json();
    const items = (Array.isArray(inbox) ? inbox : inbox.items) as { title: string }[];
    expect(items.some((n) => n.title === '航班值机已取消')).toBe(true);

    // 44 minutes before departure (08:00 China = 00:00 UTC): closed
    clock = at('2026-11-27T23:16:00Z');
    const late = await c.call('POST', `${BOOKINGS}/${fang.ticketNumber}/check-in`, { seat: '20C' }, liu.cookie);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'FLIGHT_CHECK_IN_CLOSED',
      detail: expect.stringContaining('起飞前45分钟关闭'),
    });
    const wei = on((await c.call('GET', BOOKINGS, undefined, zhang.cookie)).json(), 'CZ3101');
    expect(wei.window.state).toBe('closed');
    // … while his evening CZ3577 is open: the demo always has a ticket to check in on
    expect(on((await c.call('GET', BOOKINGS, undefined, zhang.cookie)).json(), 'CZ3577').window.state).toBe('open');
    if (wei.checkIn)
      expect((await del(zhang.cookie, wei.ticketNumber)).json()).toMatchObject({ code: 'FLIGHT_CHECK_IN_CLOSED' });
  });
});
