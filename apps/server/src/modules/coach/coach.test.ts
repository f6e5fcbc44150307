import { randomUUID } from 'node:crypto';
import { COACH_REFUND_RULE_TEXT, makeResidentId } from '@yss/contracts';
import { createLocalJWKSet, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coachSpec } from '../../departments/coach/contract.js';
import { coachSandbox } from '../../departments/coach/sandbox.js';
import { addDays, chinaDate } from '../../departments/coach/timetable.js';
import { createConnector } from '../../departments/framework/client.js';
import { inProcessTransport } from '../../departments/framework/in-process.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments } from '../../departments/registry.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { FakePayments } from '../../test-support/fake-payments.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { ISSUE_FAILED_NOTE } from './order-service.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const NAMES = ['王小明', '李华', '陈静', '赵强', '周敏', '吴昊'];
const passenger = (i: number) => ({
  name: NAMES[i] as string,
  idNumber: makeResidentId('440104', '19850315', 200 + i),
});
const FS = '440600';
const GZ = '440100';

type Departure = {
  id: string;
  priceFen: number;
  seatsLeft: number;
  departsAt: string;
  fromStation: { id: string; name: string };
};
type Ticket = {
  id: string;
  ticketNumber: string | null;
  seat: string;
  status: string;
  canRefund: boolean;
  canShow: boolean;
  passengerNameMasked: string;
  passengerIdMasked: string;
  refundFeeFen: number | null;
  refundedFen: number | null;
};
type Order = {
  id: string;
  status: string;
  paymentId: string;
  paymentStatus: string;
  totalFen: number;
  expiresAt: string;
  canCancel: boolean;
  tickets: Ticket[];
  departure: Departure;
};

describe.each(ENGINES)('长途车 (coach) on %s', (engine) => {
  let t: TestApp;
  // One clock for the module and the ticketing system: tests move it (identity and staff keep the real one).
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const payments = new FakePayments(now);
  const c = citizenClient(() => t);
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  let liu: Awaited<ReturnType<typeof c.verifiedAccount>>;
  let fsClerk = '';
  let gzClerk = '';
  let hotelClerk = '';
  let reviewer = '';
  // The ticketing system as another buyer sees it (the same tables, the same clock).
  let otherBuyers: ReturnType<typeof coachSandbox>;

  beforeAll(async () => {
    t = await createTestApp(
      engine,
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        now,
        payments,
        departments: (db) => ({
          ...createDepartments({ departments: { url: undefined, keyId: 'k', key: undefined, timeoutMs: 5000 } }, db),
          coach: createConnector(coachSpec, inProcessTransport(coachSpec, coachSandbox(db, now))),
        }),
      },
    );
    otherBuyers = coachSandbox(t.database.db, now);
    zhang = await c.verifiedAccount(demo('张伟'));
    liu = await c.verifiedAccount(demo('刘洋'));
    fsClerk = await staffLogin(c.call, 'fs.coach.clerk');
    gzClerk = await staffLogin(c.call, 'gz.coach.clerk');
    hotelClerk = await staffLogin(c.call, 'gz.hotel.clerk');
    reviewer = await staffLogin(c.call, 'sz.police.reviewer');
  });
  afterAll(() => t?.close());

  const day = (n: number) => addDays(chinaDate(now()), n);
  const search = async (from: string, to: string, date: string) => {
    const res = await c.call('GET', `/api/v1/coach/departures?from=${from}&to=${to}&date=${date}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().departures as Departure[];
  };
  /** The pick-th departure of the day from the city's main station (FS01 佛山汽车站, GZ01 广州市汽车客运站). */
  const departure = async (from: string, to: string, n: number, pick = 0) => {
    const main = from === FS ? 'FS01' : 'GZ01';
    const d = (await search(from, to, day(n))).filter((x) => x.fromStation.id === main)[pick];
    if (!d) throw new Error(`no departure ${from} → ${to}`);
    return d;
  };
  const order = (cookie: string, departureId: string, passengers: object[], submissionId: string = randomUUID()) =>
    c.call('POST', '/api/v1/me/coach/orders', { departureId, passengers, submissionId }, cookie);
  const placed = async (departureId: string, n: number, cookie = zhang.cookie) => {
    const res = await order(
      cookie,
      departureId,
      Array.from({ length: n }, (_, i) => passenger(i)),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Order;
  };
  const read = async (id: string, cookie = zhang.cookie) => {
    const res = await c.call('GET', `/api/v1/me/coach/orders/${id}`, undefined, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Order;
  };
  const paidOrder = async (departureId: string, n: number) => {
    const o = await placed(departureId, n);
    await payments.pay(o.paymentId);
    return read(o.id);
  };
  const qr = async (ticketId: string, cookie = zhang.cookie) =>
    c.call('GET', `/api/v1/me/coach/tickets/${ticketId}/qr`, undefined, cookie);
  const station = (cookie: string, url: string, body?: object) => c.call('POST', url, body, undefined, { cookie });
  const scan = async (cookie: string, code: string) => {
    const res = await station(cookie, '/api/v1/verifier/coach/scan', { qr: code });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const inbox = async (cookie: string) =>
    (await c.call('GET', '/api/v1/me/notifications', undefined, cookie)).json().items as {
      kind: string;
      title: string;
      body: string;
      link: string | null;
    }[];

  it('lists stations and departures without login', async () => {
    const res = await c.call('GET', `/api/v1/coach/stations?city=${GZ}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['广州市汽车客运站', '广东省汽车客运站', '天河客运站']),
    );
    const list = await c.call('GET', `/api/v1/coach/departures?from=${FS}&to=${GZ}&date=${day(1)}`);
    expect(list.json()).toMatchObject({ fromCityName: '佛山', toCityName: '广州', date: day(1) });
    expect(list.json().departures[0]).toMatchObject({
      toCityCode: GZ,
      toCityName: '广州',
      fromStation: { cityName: '佛山' },
    });
    const same = await c.call('GET', `/api/v1/coach/departures?from=${GZ}&to=${GZ}&date=${day(1)}`);
    expect(same.statusCode).toBe(400);
    expect(same.json().detail).toContain('出发城市与到达城市不能相同');
  });

  it('refuses 6 passengers, a passenger twice and an ID that is not a second-generation card, in the guide’s words', async () => {
    const d = await departure(FS, GZ, 2);
    const six = await order(zhang.cookie, d.id, [0, 1, 2, 3, 4, 5].map(passenger));
    expect(six.statusCode).toBe(400);
    expect(six.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(six.json().detail).toContain('一个订单最多可购买5张车票');
    const twice = await order(zhang.cookie, d.id, [passenger(0), { ...passenger(0), name: '别名' }]);
    expect(twice.json().detail).toContain('同一乘客不能重复购票');
    const old = await order(zhang.cookie, d.id, [{ name: '王小明', idNumber: '440104850315201' }]);
    expect(old.statusCode).toBe(400);
    expect(old.json().detail).toContain('暂仅支持中华人民共和国第二代居民身份证');
    const none = await order(zhang.cookie, '20260101-FS01-GZ01-0700', [passenger(0)]);
    expect(none.json()).toMatchObject({ code: 'COACH_DEPARTURE_NOT_FOUND', status: 404 });
    // Five is the most, and it works.
    const five = await order(zhang.cookie, d.id, [0, 1, 2, 3, 4].map(passenger));
    expect(five.statusCode, five.body).toBe(201);
    expect(five.json().tickets).toHaveLength(5);
  });

  it('orders, pays, issues once, shows a signed QR; the station scans, checks and boards; boarding twice is refused', async () => {
    const d = await departure(FS, GZ, 3);
    const submissionId = randomUUID();
    const created = await order(zhang.cookie, d.id, [passenger(0), passenger(1)], submissionId);
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json() as Order;
    expect(o).toMatchObject({
      status: 'awaiting_payment',
      paymentStatus: 'pending',
      totalFen: d.priceFen * 2,
      canCancel: true,
      departure: { id: d.id },
    });
    expect(o.tickets.map((x) => [x.seat, x.status, x.ticketNumber, x.canShow])).toEqual([
      ['01', 'unpaid', null, false],
      ['02', 'unpaid', null, false],
    ]);
    expect(o.tickets[0]).toMatchObject({
      passengerNameMasked: '王**',
      passengerIdMasked: `440***********${passenger(0).idNumber.slice(-4)}`,
    });
    expect(created.body).not.toContain(passenger(0).idNumber);
    expect(created.body).not.toContain(passenger(0).name);
    // A retry of the same submission: the first order, not a second.
    const again = await order(zhang.cookie, d.id, [passenger(0), passenger(1)], submissionId);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(o.id);
    const seatsOf = async (from: string, to: string, n: number, id: string) =>
      (await search(from, to, day(n))).find((x) => x.id === id)?.seatsLeft;
    expect(await seatsOf(FS, GZ, 3, d.id)).toBe(d.seatsLeft - 2);

    // The payment order: in the same transaction, expiring with the hold, described for the cashier.
    const payment = payments.byRef(o.id);
    expect(payment).toMatchObject({
      id: o.paymentId,
      purpose: 'coach-tickets',
      subject: '佛山 → 广州 长途车票 2张',
      amountFen: d.priceFen * 2,
      cityCode: FS,
    });
    expect(payment?.expiresAt.toISOString()).toBe(o.expiresAt);
    expect(payment?.lines.map((l) => l.label)).toEqual(['班次', '出发', '到达', '乘客', '金额']);

    // No QR before payment.
    expect((await qr(o.tickets[0]?.id as string)).json().code).toBe('COACH_TICKET_NOT_SHOWABLE');

    await payments.pay(o.paymentId);
    const paid = await read(o.id);
    expect(paid).toMatchObject({ status: 'paid', canCancel: false });
    expect(paid.tickets.map((x) => x.status)).toEqual(['issued', 'issued']);
    for (const x of paid.tickets) {
      expect(x.ticketNumber).toMatch(/^T\d{16}$/);
      expect(x).toMatchObject({ canRefund: true, canShow: true });
    }
    // The fulfiller again (a retry after a crash): the same tickets, issued once at the system, announced once.
    expect((await payments.fulfilAgain(o.paymentId)).fulfilment).toBe('done');
    expect((await read(o.id)).tickets.map((x) => x.ticketNumber)).toEqual(paid.tickets.map((x) => x.ticketNumber));
    const issuedAtSystem = await t.database.db
      .selectFrom('dept_coach.tickets')
      .select('ticket_number')
      .where('departure_id', '=', d.id)
      .execute();
    expect(issuedAtSystem.map((r) => r.ticket_number).sort()).toEqual(paid.tickets.map((x) => x.ticketNumber).sort());
    const issuedMessages = (await inbox(zhang.cookie)).filter(
      (m) => m.kind === 'coach-update' && m.link === `/coach/orders/${o.id}`,
    );
    expect(issuedMessages).toHaveLength(1);
    expect(issuedMessages[0]?.title).toContain('出票成功');
    expect(issuedMessages[0]?.body).toContain('01号、02号');

    // The QR: YSST1: + an ES256 JWS that checks offline against the published JWKS.
    const [first, second] = paid.tickets as [Ticket, Ticket];
    const shown = await qr(first.id);
    expect(shown.statusCode, shown.body).toBe(200);
    const code = shown.json().qr as string;
    expect(code.startsWith('YSST1:')).toBe(true);
    const expiresIn = new Date(shown.json().expiresAt).getTime() - now().getTime();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);
    const jwks = (await c.call('GET', '/api/v1/coach/ticket-keys')).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    const { payload, protectedHeader } = await jwtVerify(code.slice(6), createLocalJWKSet(jwks), {
      currentDate: now(),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: jwks.keys[0].kid });
    expect(payload).toMatchObject({ tid: first.id, tno: first.ticketNumber, dep: d.id });

    // Station staff of another station: wrong station. Not a station's staff: refused.
    expect((await scan(gzClerk, code)).verdict).toBe('wrong-station');
    for (const cookie of [hotelClerk, reviewer]) {
      const refused = await station(cookie, '/api/v1/verifier/coach/scan', { qr: code });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('COACH_STATION_ONLY');
      const act = await station(cookie, `/api/v1/verifier/coach/tickets/${first.id}/check`);
      expect(act.json().code).toBe('COACH_STATION_ONLY');
    }
    expect((await c.call('POST', '/api/v1/verifier/coach/scan', { qr: code }, zhang.cookie)).statusCode).toBe(401);

    const valid = await scan(fsClerk, code);
    expect(valid).toMatchObject({
      verdict: 'valid',
      verdictName: '有效车票',
      ticket: {
        id: first.id,
        ticketNumber: first.ticketNumber,
        seat: '01',
        fromStationName: '佛山汽车站',
        passengerNameMasked: '王**',
        passengerIdLast4: passenger(0).idNumber.slice(-4),
        status: 'issued',
        canCheck: true,
        canBoard: false,
      },
    });
    const boardFirst = await station(fsClerk, `/api/v1/verifier/coach/tickets/${first.id}/board`);
    expect(boardFirst.json()).toMatchObject({
      code: 'COACH_TICKET_ACTION_NOT_ALLOWED',
      detail: '该车票尚未检票，请先验票。',
    });
    const checked = await station(fsClerk, `/api/v1/verifier/coach/tickets/${first.id}/check`);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({
      verdict: 'valid',
      ticket: { status: 'checked', canCheck: false, canBoard: true },
    });
    // Checked: no online refund any more.
    const refundChecked = await c.call(
      'GET',
      `/api/v1/me/coach/tickets/${first.id}/refund-quote`,
      undefined,
      zhang.cookie,
    );
    expect(refundChecked.json()).toMatchObject({ code: 'COACH_REFUND_NOT_ALLOWED', status: 409 });
    const boarded = await station(fsClerk, `/api/v1/verifier/coach/tickets/${first.id}/board`);
    expect(boarded.statusCode, boarded.body).toBe(200);
    expect(boarded.json().ticket).toMatchObject({ status: 'boarded', statusLabel: '已上车' });
    const twice = await station(fsClerk, `/api/v1/verifier/coach/tickets/${first.id}/board`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'COACH_TICKET_ACTION_NOT_ALLOWED',
      detail: '该车票已上车，请勿重复使用。',
    });
    expect((await scan(fsClerk, code)).verdict).toBe('already-boarded');
    const refundBoarded = await c.call(
      'POST',
      `/api/v1/me/coach/tickets/${first.id}/refund`,
      { expectedRefundFen: 0 },
      zhang.cookie,
    );
    expect(refundBoarded.json().code).toBe('COACH_REFUND_NOT_ALLOWED');

    // The holder's 我的访问记录 shows the station's check.
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      actionLabel: string;
      actor: string;
      detail: string | null;
    }[];
    const check = log.find((e) => e.action === 'coach.station.check');
    expect(check).toMatchObject({ actor: '工作人员', actionLabel: '客运站验票' });
    expect(check?.detail).toContain('佛山汽车站验票');

    // Another account: nothing of this order exists.
    expect((await c.call('GET', `/api/v1/me/coach/orders/${o.id}`, undefined, liu.cookie)).statusCode).toBe(404);
    expect((await qr(second.id, liu.cookie)).statusCode).toBe(404);
    for (const [method, url, body] of [
      ['GET', `/api/v1/me/coach/tickets/${second.id}/refund-quote`, undefined],
      ['POST', `/api/v1/me/coach/tickets/${second.id}/refund`, { expectedRefundFen: 0 }],
      ['POST', `/api/v1/me/coach/orders/${o.id}/cancel`, {}],
    ] as const) {
      expect((await c.call(method, url, body, liu.cookie)).statusCode, url).toBe(404);
    }
    expect(
      ((await c.call('GET', '/api/v1/me/coach/orders', undefined, liu.cookie)).json() as Order[]).map((x) => x.id),
    ).not.toContain(o.id);
  });

  it('a fulfilment that crashed after the system issued the tickets issues nothing new when it runs again', async () => {
    const d = await departure(FS, GZ, 7);
    const o = await placed(d.id, 2);
    const { hold_id } = await t.database.db
      .selectFrom('coach_orders')
      .select('hold_id')
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    // The first run got as far as the ticketing system, then died before recording anything.
    const first = await otherBuyers.issue({ holdId: hold_id, passengers: [passenger(0), passenger(1)] });
    if (first.outcome !== 'issued') throw new Error(first.outcome);
    expect((await read(o.id)).status).toBe('awaiting_payment');
    await payments.pay(o.paymentId);
    const paid = await read(o.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets.map((x) => x.ticketNumber)).toEqual(first.tickets.map((x) => x.ticketNumber));
    const atSystem = await t.database.db
      .selectFrom('dept_coach.tickets')
      .select('ticket_number')
      .where('hold_id', '=', hold_id)
      .execute();
    expect(atSystem).toHaveLength(2);
  });

  it('quotes and refunds by the system’s rule; a moved quote is refused; asking twice refunds once', async () => {
    const d = await departure(FS, GZ, 4);
    const o = await paidOrder(d.id, 2);
    const ticket = o.tickets[1] as Ticket;
    const quote = await c.call('GET', `/api/v1/me/coach/tickets/${ticket.id}/refund-quote`, undefined, zhang.cookie);
    expect(quote.statusCode, quote.body).toBe(200);
    const fee = Math.round((d.priceFen * 5) / 100);
    expect(quote.json()).toEqual({
      ticketId: ticket.id,
      priceFen: d.priceFen,
      feeFen: fee,
      refundFen: d.priceFen - fee,
      rule: COACH_REFUND_RULE_TEXT,
    });
    const moved = await c.call(
      'POST',
      `/api/v1/me/coach/tickets/${ticket.id}/refund`,
      { expectedRefundFen: d.priceFen },
      zhang.cookie,
    );
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('COACH_REFUND_CHANGED');
    const seatsOf = async () => (await search(FS, GZ, day(4))).find((x) => x.id === d.id)?.seatsLeft;
    const before = (await seatsOf()) as number;
    const refund = () =>
      c.call(
        'POST',
        `/api/v1/me/coach/tickets/${ticket.id}/refund`,
        { expectedRefundFen: d.priceFen - fee },
        zhang.cookie,
      );
    const done = await refund();
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ paymentStatus: 'partially_refunded' });
    expect(done.json().tickets[1]).toMatchObject({
      status: 'refunded',
      statusLabel: '已退票',
      refundFeeFen: fee,
      refundedFen: d.priceFen - fee,
      canRefund: false,
      canShow: false,
    });
    expect(done.json().tickets[0]).toMatchObject({ status: 'issued' });
    expect(await seatsOf()).toBe(before + 1);
    expect((await refund()).statusCode).toBe(200);
    expect(payments.refundsOf(o.paymentId)).toEqual([
      expect.objectContaining({ amountFen: d.priceFen - fee, reason: expect.stringContaining('长途车退票') }),
    ]);
    const refunded = (await inbox(zhang.cookie)).filter((m) => m.title.startsWith('退票成功'));
    expect(refunded.filter((m) => m.link === `/coach/orders/${o.id}`)).toHaveLength(1);
    expect(refunded[0]?.body).toContain('退票费');
    expect((await qr(ticket.id)).json().code).toBe('COACH_TICKET_NOT_SHOWABLE');
  });

  it('cancels an unpaid order: the payment closes, the seats come back, the tickets are void', async () => {
    const d = await departure(GZ, FS, 2);
    const o = await placed(d.id, 3);
    const seatsOf = async () => (await search(GZ, FS, day(2))).find((x) => x.id === d.id)?.seatsLeft;
    expect(await seatsOf()).toBe(d.seatsLeft - 3);
    const res = await c.call('POST', `/api/v1/me/coach/orders/${o.id}/cancel`, {}, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'closed',
      statusLabel: '已关闭',
      paymentStatus: 'closed',
      canCancel: false,
    });
    expect(res.json().tickets.map((x: Ticket) => x.status)).toEqual(['void', 'void', 'void']);
    expect(await seatsOf()).toBe(d.seatsLeft);
    const again = await c.call('POST', `/api/v1/me/coach/orders/${o.id}/cancel`, {}, zhang.cookie);
    expect(again.json()).toMatchObject({ code: 'COACH_ORDER_NOT_CANCELLABLE', status: 409 });
    // A paid one cannot be cancelled either; an expired unpaid one closes by the payment's expiry.
    const paid = await paidOrder(d.id, 1);
    expect((await c.call('POST', `/api/v1/me/coach/orders/${paid.id}/cancel`, {}, zhang.cookie)).json().code).toBe(
      'COACH_ORDER_NOT_CANCELLABLE',
    );
    const lapsing = await placed(d.id, 1);
    await payments.expire(lapsing.paymentId);
    expect((await read(lapsing.id)).status).toBe('closed');
  });

  it('says when seats are short, and fails (refunded in full) when a lapsed hold’s seats were sold before payment', async () => {
    const d = await departure(GZ, FS, 5, 1);
    // Others buy all but one seat.
    let left = d.seatsLeft - 1;
    while (left > 0) {
      const n = Math.min(5, left);
      expect((await otherBuyers.hold({ departureId: d.id, count: n })).outcome).toBe('held');
      left -= n;
    }
    const short = await order(zhang.cookie, d.id, [passenger(0), passenger(1)]);
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({
      code: 'COACH_SEATS_INSUFFICIENT',
      detail: '余票不足：该班次仅剩1张，请减少乘客或选择其他班次。',
    });

    const other = await departure(GZ, FS, 5, 2);
    const o = await placed(other.id, 2);
    offset += 16 * 60_000; // the hold lapses unpaid …
    let rest = other.seatsLeft;
    while (rest > 0) {
      const n = Math.min(5, rest);
      expect((await otherBuyers.hold({ departureId: other.id, count: n })).outcome).toBe('held');
      rest -= n;
    }
    const record = await payments.pay(o.paymentId); // … and the payment arrives after its seats were sold
    expect(record).toMatchObject({ fulfilment: 'failed', status: 'refunded', refundedFen: o.totalFen });
    const failed = await read(o.id);
    expect(failed).toMatchObject({ status: 'failed', statusLabel: '出票失败，已退款' });
    expect(failed.tickets.map((x) => x.status)).toEqual(['void', 'void']);
    expect(payments.refundsOf(o.paymentId)[0]?.reason).toBe(ISSUE_FAILED_NOTE);
  });

  it('tells garbage, a tampered, a foreign-signed and an expired QR from a genuine one', async () => {
    const d = await departure(GZ, FS, 6);
    const o = await paidOrder(d.id, 1);
    const code = (await qr(o.tickets[0]?.id as string)).json().qr as string;
    const verdict = async (x: string) => (await scan(gzClerk, x)).verdict;
    expect(await verdict(code)).toBe('valid');
    expect(await verdict('hello')).toBe('invalid-code');
    expect(await verdict('YSST1:not.a.jws')).toBe('invalid-code');
    const [h, p, s] = code.slice(6).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, tid: randomUUID() })).toString('base64url');
    expect(await verdict(`YSST1:${h}.${otherPayload}.${s}`)).toBe('invalid-code');
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expect(await verdict(`YSST1:${h}.${p}.${flipped}`)).toBe('invalid-code');
    // Signed by someone else's key under our kid.
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims)
      .setProtectedHeader(JSON.parse(Buffer.from(h, 'base64url').toString()))
      .sign(privateKey);
    expect(await verdict(`YSST1:${forged}`)).toBe('invalid-code');
    offset += 11 * 60_000;
    const expired = await scan(gzClerk, code);
    expect(expired).toMatchObject({
      verdict: 'expired-code',
      verdictName: '二维码已过期，请乘客刷新后重新出示',
      ticket: null,
    });
    // A fresh code works again; once the ticket is refunded, its code reads as refunded (and no new one is given).
    const fresh = (await qr(o.tickets[0]?.id as string)).json().qr as string;
    expect(await verdict(fresh)).toBe('valid');
    const quote = await c.call(
      'GET',
      `/api/v1/me/coach/tickets/${o.tickets[0]?.id}/refund-quote`,
      undefined,
      zhang.cookie,
    );
    const refunded = await c.call(
      'POST',
      `/api/v1/me/coach/tickets/${o.tickets[0]?.id}/refund`,
      { expectedRefundFen: quote.json().refundFen },
      zhang.cookie,
    );
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(await verdict(fresh)).toBe('refunded');
    expect((await qr(o.tickets[0]?.id as string)).json().code).toBe('COACH_TICKET_NOT_SHOWABLE');
  });
});
