import { COACH_REFUND_RULE_TEXT, makeResidentId } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { type ConnectedDepartment, connectDepartment, TRANSPORTS } from '../../test-support/department-transports.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { type CoachDepartureRecord, type CoachSpec, coachSpec } from './contract.js';
import { coachSandbox } from './sandbox.js';
import { addDays, chinaDate } from './timetable.js';

const passenger = (i: number) => ({
  name: `乘客${'甲乙丙丁戊己庚辛'[i % 8]}`,
  idNumber: makeResidentId('440106', '19900101', 100 + i),
});
const HOUR = 3600_000;

describe.each(ENGINES)('coach ticketing sandbox on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  describe.each(TRANSPORTS)('over %s', (transport) => {
    // The system's clock: each test sets it (a fixed morning, China time, so departures are predictable).
    const today = chinaDate(new Date());
    let clock = new Date(`${today}T07:00:00+08:00`);
    let dept: ConnectedDepartment<CoachSpec>;
    beforeAll(async () => {
      dept = await connectDepartment(
        coachSpec,
        coachSandbox(t.database.db, () => clock),
        transport,
      );
    });
    afterAll(() => dept?.close());
    const at = (date: string, time: string) => {
      clock = new Date(`${date}T${time}:00+08:00`);
    };
    // Each test takes departures of its own city pair, so the transports' runs and tests do not share seats.
    const first = async (fromCity: string, toCity: string, date: string, pick = 0): Promise<CoachDepartureRecord> => {
      const { departures } = await dept.client.search({ fromCity, toCity, date } as never);
      const d = departures[pick];
      if (!d) throw new Error(`no departure ${fromCity} → ${toCity} on ${date}`);
      return d;
    };
    const off = transport === 'http' ? 1 : 0;

    it('has stations in all 21 cities, several in the big ones', async () => {
      at(today, '07:00');
      const gz = (await dept.client.stations({ cityCode: '440100' })).stations.map((s) => s.name);
      expect(gz).toEqual(expect.arrayContaining(['广州市汽车客运站', '广东省汽车客运站', '天河客运站']));
      const sz = (await dept.client.stations({ cityCode: '440300' })).stations.map((s) => s.name);
      expect(sz).toEqual(expect.arrayContaining(['福田汽车客运站', '罗湖汽车客运站']));
      expect((await dept.client.stations({ cityCode: '440600' })).stations[0]).toMatchObject({
        id: 'FS01',
        name: '佛山汽车站',
        cityCode: '440600',
      });
      const { CITY_CODES } = await import('@yss/contracts');
      for (const city of CITY_CODES)
        expect((await dept.client.stations({ cityCode: city })).stations.length).toBeGreaterThan(0);
    });

    it('answers a timetable for today and the next 9 days: more runs for near pairs, price and time from distance', async () => {
      at(today, '07:00');
      const date = addDays(today, 1);
      const near = (await dept.client.search({ fromCity: '440100', toCity: '440600', date })).departures;
      const far = (await dept.client.search({ fromCity: '440100', toCity: '440800', date })).departures;
      expect(near.length).toBeGreaterThan(far.length);
      expect(far.length).toBeGreaterThan(0);
      for (const d of [...near, ...far]) {
        expect(d.seats).toBeGreaterThanOrEqual(35);
        expect(d.seats).toBeLessThanOrEqual(53);
        expect(d.seatsLeft).toBeLessThanOrEqual(d.seats);
        expect(d.onSale).toBe(d.seatsLeft > 0);
        expect(d.departsAt).toBe(new Date(`${date}T${d.time}:00+08:00`).toISOString());
        expect(d.fromStation.cityCode).toBe('440100');
      }
      expect(Math.min(...far.map((d) => d.priceFen))).toBeGreaterThan(Math.max(...near.map((d) => d.priceFen)));
      expect(Math.min(...far.map((d) => d.durationMinutes))).toBeGreaterThan(
        Math.max(...near.map((d) => d.durationMinutes)),
      );
      const times = near.map((d) => d.time);
      expect([...times].sort()).toEqual(times);
      // The same code, the same timetable.
      expect(
        (await dept.client.search({ fromCity: '440100', toCity: '440600', date })).departures.map((d) => d.id),
      ).toEqual(near.map((d) => d.id));
      expect(
        (await dept.client.search({ fromCity: '440100', toCity: '440600', date: addDays(today, 10) })).departures,
      ).toEqual([]);
      expect(
        (await dept.client.search({ fromCity: '440100', toCity: '440600', date: addDays(today, -1) })).departures,
      ).toEqual([]);
      const byId = await dept.client.departures({ ids: [near[0]?.id as string, 'nonsense'] });
      expect(byId.departures).toEqual([near[0]]);
    });

    it('stops online sales 30 minutes before departure', async () => {
      at(today, '07:00');
      const date = addDays(today, 1);
      const d = await first('440300', '441300', date);
      const departs = new Date(d.departsAt).getTime();
      clock = new Date(departs - 31 * 60_000);
      expect((await dept.client.departures({ ids: [d.id] })).departures[0]?.onSale).toBe(true);
      clock = new Date(departs - 30 * 60_000);
      expect((await dept.client.departures({ ids: [d.id] })).departures[0]?.onSale).toBe(false);
      expect(await dept.client.hold({ departureId: d.id, count: 1 })).toEqual({ outcome: 'not-on-sale' });
      expect(await dept.client.hold({ departureId: '20260101-GZ01-ZZ99-0800', count: 1 })).toEqual({
        outcome: 'not-found',
      });
    });

    it('never oversells: concurrent holds get distinct seats, the rest are refused', async () => {
      at(today, '07:00');
      const d = await first('440500', '445100', addDays(today, 2 + off));
      const attempts = d.seats + 7;
      const results = await Promise.all(
        Array.from({ length: attempts }, () => dept.client.hold({ departureId: d.id, count: 1 })),
      );
      const held = results.flatMap((r) => (r.outcome === 'held' ? r.seats : []));
      expect(held).toHaveLength(d.seats);
      expect(new Set(held).size).toBe(d.seats);
      expect(results.filter((r) => r.outcome === 'insufficient')).toHaveLength(7);
      const after = (await dept.client.departures({ ids: [d.id] })).departures[0];
      expect(after).toMatchObject({ seatsLeft: 0, onSale: false });
      // Five at once when only some are left: refused whole, with what is left.
      const some = await first('440500', '445100', addDays(today, 2 + off), 1);
      const big = await Promise.all(
        Array.from({ length: 12 }, () => dept.client.hold({ departureId: some.id, count: 5 })),
      );
      const seats = big.flatMap((r) => (r.outcome === 'held' ? r.seats : []));
      expect(new Set(seats).size).toBe(seats.length);
      expect(seats.length).toBe(Math.min(60, some.seats - (some.seats % 5)));
      expect(big.find((r) => r.outcome === 'insufficient')).toMatchObject({ seatsLeft: some.seats % 5 });
    });

    it('releases a hold, lets it lapse after 15 minutes, and issues once per hold', async () => {
      at(today, '07:00');
      const d = await first('441400', '440500', addDays(today, 3 + off));
      const h = await dept.client.hold({ departureId: d.id, count: 2 });
      if (h.outcome !== 'held') throw new Error(h.outcome);
      expect(h.seats).toEqual(['01', '02']);
      expect(h.departure.seatsLeft).toBe(d.seats - 2);
      expect(new Date(h.expiresAt).getTime() - clock.getTime()).toBe(15 * 60_000);
      expect(await dept.client.release({ holdId: h.holdId })).toEqual({ outcome: 'released' });
      expect(await dept.client.release({ holdId: h.holdId })).toEqual({ outcome: 'released' });
      expect((await dept.client.departures({ ids: [d.id] })).departures[0]?.seatsLeft).toBe(d.seats);

      const h2 = await dept.client.hold({ departureId: d.id, count: 2 });
      if (h2.outcome !== 'held') throw new Error(h2.outcome);
      expect(await dept.client.issue({ holdId: h2.holdId, passengers: [passenger(1)] })).toEqual({
        outcome: 'count-mismatch',
        seats: 2,
      });
      const issued = await dept.client.issue({ holdId: h2.holdId, passengers: [passenger(1), passenger(2)] });
      if (issued.outcome !== 'issued') throw new Error(issued.outcome);
      expect(issued.tickets.map((x) => [x.seat, x.status, x.priceFen])).toEqual([
        ['01', 'issued', d.priceFen],
        ['02', 'issued', d.priceFen],
      ]);
      for (const x of issued.tickets) expect(x.ticketNumber).toMatch(/^T\d{16}$/);
      // Asked again (a retry after a lost answer): the same tickets, none new.
      expect(await dept.client.issue({ holdId: h2.holdId, passengers: [passenger(1), passenger(2)] })).toEqual(issued);
      const count = await t.database.db
        .selectFrom('dept_coach.tickets')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('hold_id', '=', h2.holdId)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      expect(await dept.client.release({ holdId: h2.holdId })).toEqual({ outcome: 'issued' });

      // A hold that lapsed: its seats count again after 15 minutes; issued anyway while they are still free.
      const h3 = await dept.client.hold({ departureId: d.id, count: 1 });
      if (h3.outcome !== 'held') throw new Error(h3.outcome);
      clock = new Date(clock.getTime() + 16 * 60_000);
      expect((await dept.client.departures({ ids: [d.id] })).departures[0]?.seatsLeft).toBe(d.seats - 2);
      const late = await dept.client.issue({ holdId: h3.holdId, passengers: [passenger(3)] });
      expect(late).toMatchObject({ outcome: 'issued', tickets: [{ seat: h3.seats[0] }] });
    });

    it('refuses to issue a lapsed hold whose seats were sold meanwhile', async () => {
      at(today, '07:00');
      const d = await first('441500', '440300', addDays(today, 4 + off));
      const mine = await dept.client.hold({ departureId: d.id, count: 2 });
      if (mine.outcome !== 'held') throw new Error(mine.outcome);
      clock = new Date(clock.getTime() + 16 * 60_000);
      // Everybody else takes every seat, the lapsed hold's included.
      let left = d.seats;
      while (left > 0) {
        const n = Math.min(5, left);
        const r = await dept.client.hold({ departureId: d.id, count: n });
        expect(r.outcome).toBe('held');
        left -= n;
      }
      expect(await dept.client.issue({ holdId: mine.holdId, passengers: [passenger(1), passenger(2)] })).toEqual({
        outcome: 'seats-gone',
      });
    });

    it('computes the refund fee by its rule: 5 % from 24 h before, 10 % from 2 h, 20 % under 2 h, none after departure', async () => {
      at(today, '07:00');
      const d = await first('441900', '440200', addDays(today, 5 + off));
      const h = await dept.client.hold({ departureId: d.id, count: 4 });
      if (h.outcome !== 'held') throw new Error(h.outcome);
      const issued = await dept.client.issue({ holdId: h.holdId, passengers: [0, 1, 2, 3].map(passenger) });
      if (issued.outcome !== 'issued') throw new Error(issued.outcome);
      const [a, b, c, e] = issued.tickets.map((x) => x.ticketNumber) as [string, string, string, string];
      const departs = new Date(d.departsAt).getTime();
      const fee = (percent: number) => Math.round((d.priceFen * percent) / 100);

      clock = new Date(departs - 24 * HOUR);
      expect(await dept.client.refundQuote({ ticketNumber: a })).toEqual({
        outcome: 'quote',
        priceFen: d.priceFen,
        feeFen: fee(5),
        refundFen: d.priceFen - fee(5),
        rule: COACH_REFUND_RULE_TEXT,
      });
      clock = new Date(departs - 24 * HOUR + 1000);
      expect(await dept.client.refundQuote({ ticketNumber: a })).toMatchObject({ feeFen: fee(10) });
      clock = new Date(departs - 2 * HOUR);
      expect(await dept.client.refundQuote({ ticketNumber: a })).toMatchObject({ feeFen: fee(10) });
      clock = new Date(departs - 2 * HOUR + 1000);
      expect(await dept.client.refundQuote({ ticketNumber: a })).toMatchObject({ feeFen: fee(20) });

      // Refund only at the refund agreed; the seat goes back on sale; asking again answers the same refund.
      clock = new Date(departs - 30 * HOUR);
      expect(await dept.client.refund({ ticketNumber: b, expectedRefundFen: d.priceFen - fee(10) })).toMatchObject({
        outcome: 'changed',
        feeFen: fee(5),
      });
      const before = (await dept.client.departures({ ids: [d.id] })).departures[0]?.seatsLeft as number;
      const refunded = await dept.client.refund({ ticketNumber: b, expectedRefundFen: d.priceFen - fee(5) });
      expect(refunded).toMatchObject({
        outcome: 'refunded',
        ticket: { status: 'refunded', refundFeeFen: fee(5), refundedFen: d.priceFen - fee(5) },
      });
      expect((await dept.client.departures({ ids: [d.id] })).departures[0]?.seatsLeft).toBe(before + 1);
      clock = new Date(departs - 1 * HOUR);
      expect(await dept.client.refund({ ticketNumber: b, expectedRefundFen: 0 })).toEqual(refunded);
      expect(await dept.client.refundQuote({ ticketNumber: b })).toMatchObject({
        outcome: 'not-allowed',
        reason: 'refunded',
      });

      // Checked: no online refund. After departure: none either.
      const station = d.fromStation.id;
      expect(await dept.client.check({ ticketNumber: c, stationId: station })).toMatchObject({ outcome: 'checked' });
      expect(await dept.client.refundQuote({ ticketNumber: c })).toMatchObject({
        outcome: 'not-allowed',
        reason: 'checked',
      });
      clock = new Date(departs + 1000);
      expect(await dept.client.refundQuote({ ticketNumber: e })).toMatchObject({
        outcome: 'not-allowed',
        reason: 'departed',
      });
      expect(await dept.client.refund({ ticketNumber: e, expectedRefundFen: d.priceFen })).toMatchObject({
        outcome: 'not-allowed',
        reason: 'departed',
      });
      expect(await dept.client.refundQuote({ ticketNumber: 'T0000000000000000' })).toEqual({ outcome: 'not-found' });
    });

    it('checks (验票) then boards (上车) at the departure station only, once each', async () => {
      at(today, '07:00');
      const d = await first('440400', '440100', addDays(today, 6 + off));
      const h = await dept.client.hold({ departureId: d.id, count: 1 });
      if (h.outcome !== 'held') throw new Error(h.outcome);
      const issued = await dept.client.issue({ holdId: h.holdId, passengers: [passenger(5)] });
      if (issued.outcome !== 'issued') throw new Error(issued.outcome);
      const ticketNumber = issued.tickets[0]?.ticketNumber as string;
      const stationId = d.fromStation.id;
      expect(await dept.client.check({ ticketNumber, stationId: 'GZ01' })).toEqual({ outcome: 'wrong-station' });
      expect(await dept.client.board({ ticketNumber, stationId })).toMatchObject({
        outcome: 'not-allowed',
        reason: 'not-checked',
      });
      expect(await dept.client.check({ ticketNumber, stationId })).toMatchObject({
        outcome: 'checked',
        ticket: { status: 'checked', checkedAt: clock.toISOString() },
      });
      expect(await dept.client.check({ ticketNumber, stationId })).toMatchObject({ reason: 'already-checked' });
      expect(await dept.client.board({ ticketNumber, stationId })).toMatchObject({
        outcome: 'boarded',
        ticket: { status: 'boarded' },
      });
      expect(await dept.client.board({ ticketNumber, stationId })).toMatchObject({
        outcome: 'not-allowed',
        reason: 'boarded',
        message: '该车票已上车，请勿重复使用。',
      });
      expect((await dept.client.ticket({ ticketNumber })).ticket).toMatchObject({ status: 'boarded', stationId });
      expect(await dept.client.ticket({ ticketNumber: 'T0000000000000000' })).toEqual({ ticket: null });
    });

    it('refuses input outside its contract before it is sent', async () => {
      const error = await dept.client.hold({ departureId: 'x', count: 6 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('DEPARTMENT_INPUT_INVALID');
      const bad = await dept.client
        .issue({ holdId: '00000000-0000-4000-8000-000000000000', passengers: [{ name: '张三', idNumber: '123' }] })
        .catch((e: unknown) => e);
      expect((bad as AppError).detail).toContain('暂仅支持中华人民共和国第二代居民身份证');
    });
  });
});
