import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { addDays, chinaDate } from './china-time.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const HF = 'gongjijin-qiantai-tiqu-yuyue';
// 婚姻登记预约: a civil-affairs service open to every real-named applicant (补领结婚证 asks for a marriage record,
// 公积金前台提取 for an account in the city: eligibility/records.ts), so the demo people without one can book it
const CIVIL = 'hunyin-dengji-yuyue';
const GZ = '440100';

type Slot = { id: string; date: string; start: string; end: string; remaining: number; booked: number };

describe.each(ENGINES)('预约 (appointments) on %s', (engine) => {
  let t: TestApp;
  // The app's clock: tests move it past a slot's start (identity's own freshness rules keep the real clock).
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const c = citizenClient(() => t);
  let hf = '';
  let civil = '';
  let szReviewer = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' }, { now });
    hf = await staffLogin(c.call, 'gz.hf.slots');
    civil = await staffLogin(c.call, 'gz.civil.slots');
    szReviewer = await staffLogin(c.call, 'sz.police.reviewer');
  });
  afterAll(() => t?.close());

  const staff = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });
  const day = (n: number) => addDays(chinaDate(new Date()), n);
  let places = 0;
  const publishBody = (over: Record<string, unknown> = {}) => ({
    serviceId: HF,
    cityCode: GZ,
    place: `测试网点${++places}`,
    address: '广州市天河区测试路1号',
    dates: [day(1)],
    times: [{ start: '09:00', end: '10:00' }],
    capacity: 3,
    // the suite runs on any day of the year, 国庆 included: the holiday refusal is work-calendar.test.ts's
    openOnHoliday: true,
    ...over,
  });
  const publish = async (cookie: string, over: Record<string, unknown> = {}) => {
    const res = await staff(cookie, 'POST', '/api/v1/console/slots', publishBody(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Slot[];
  };
  const book = (cookie: string, slotId: string, submissionId: string = randomUUID()) =>
    c.call('POST', '/api/v1/me/appointments', { slotId, submissionId }, cookie);
  const inbox = async (cookie: string) =>
    (await c.call('GET', '/api/v1/me/notifications', undefined, cookie)).json().items as {
      kind: string;
      title: string;
      body: string;
      link: string | null;
    }[];
  const consoleSlot = async (id: string, service = HF, cookie = hf) => {
    const list = await staff(cookie, 'GET', `/api/v1/console/slots?serviceId=${service}&cityCode=${GZ}`);
    expect(list.statusCode, list.body).toBe(200);
    return (list.json() as Slot[]).find((s) => s.id === id);
  };

  it('the whole way: staff publish, the citizen sees and books, staff see the booking masked, the citizen cancels', async () => {
    const created = await publish(hf, {
      place: '天河测试办事处',
      dates: [day(2), day(1)],
      times: [
        { start: '14:00', end: '15:00' },
        { start: '09:00', end: '10:00' },
      ],
      capacity: 2,
    });
    expect(created).toHaveLength(4);
    expect(created[0]).toMatchObject({ serviceId: HF, cityCode: GZ, booked: 0, remaining: 2, cancelled: false });
    const first = created.find((s) => s.date === day(1) && s.start === '09:00');
    if (!first) throw new Error('no 09:00 slot');
    expect(first).toMatchObject({ end: '10:00', capacity: 2 });
    expect(new Date((first as unknown as { startsAt: string }).startsAt).toISOString()).toBe(
      new Date(`${day(1)}T01:00:00Z`).toISOString(),
    );

    const open = await c.call('GET', `/api/v1/appointments/slots?serviceId=${HF}&city=${GZ}`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ serviceId: HF, serviceName: '公积金前台提取预约', cityName: '广州' });
    const mine = (open.json().slots as (Slot & { place: string; startsAt: string })[]).filter(
      (s) => s.place === '天河测试办事处',
    );
    expect(mine.map((s) => `${s.date} ${s.start}`)).toEqual([
      `${day(1)} 09:00`,
      `${day(1)} 14:00`,
      `${day(2)} 09:00`,
      `${day(2)} 14:00`,
    ]);
    const starts = (open.json().slots as { startsAt: string }[]).map((s) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect(open.body).not.toContain('booked');

    const zhang = await c.verifiedAccount(demo('张伟'));
    const submissionId = randomUUID();
    const res = await book(zhang.cookie, first.id, submissionId);
    expect(res.statusCode, res.body).toBe(201);
    const appt = res.json();
    expect(appt.appointmentNumber).toMatch(new RegExp(`^${chinaDate(new Date()).replaceAll('-', '')}440100\\d{6}$`));
    expect(appt).toMatchObject({
      serviceId: HF,
      serviceName: '公积金前台提取预约',
      cityName: '广州',
      departmentName: '各地市住房公积金管理中心',
      place: '天河测试办事处',
      date: day(1),
      start: '09:00',
      end: '10:00',
      status: 'booked',
      statusLabel: '已预约',
      canCancel: true,
      cancelledAt: null,
    });
    expect(appt.notice.length).toBeGreaterThan(0);
    expect(res.body).not.toContain(zhang.person.idNumber);
    // A retry of the same attempt: the same booking, no second place taken.
    const again = await book(zhang.cookie, first.id, submissionId);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(appt.id);
    expect((await consoleSlot(first.id))?.booked).toBe(1);

    const message = (await inbox(zhang.cookie))[0];
    expect(message).toMatchObject({
      kind: 'appointment-update',
      title: `预约成功：公积金前台提取预约 ${day(1)} 09:00–10:00 天河测试办事处`,
      link: `/appointments/${appt.id}`,
    });
    expect(message?.body).toContain(appt.appointmentNumber);

    const list = await c.call('GET', `/api/v1/me/appointments?serviceId=${HF}`, undefined, zhang.cookie);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()[0]).toMatchObject({ id: appt.id, status: 'booked' });
    const one = await c.call('GET', `/api/v1/me/appointments/${appt.id}`, undefined, zhang.cookie);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual(appt);

    const bookings = await staff(hf, 'GET', `/api/v1/console/slots/${first.id}/bookings`);
    expect(bookings.statusCode, bookings.body).toBe(200);
    expect(bookings.json()).toEqual([
      {
        appointmentNumber: appt.appointmentNumber,
        nameMasked: '张*',
        idNumberMasked: '440***********031X',
        subjectLabel: null,
        visitAddressMasked: null,
        status: 'booked',
        bookedAt: appt.bookedAt,
        checkedInAt: null,
      },
    ]);
    expect(bookings.body).not.toContain(zhang.person.idNumber);
    expect(bookings.body).not.toContain('张伟');

    const cancelled = await c.call(
      'POST',
      `/api/v1/me/appointments/${appt.id}/cancel`,
      { reason: '临时有事' },
      zhang.cookie,
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusLabel: '已取消', canCancel: false });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    expect((await consoleSlot(first.id))?.booked).toBe(0);
    const twice = await c.call('POST', `/api/v1/me/appointments/${appt.id}/cancel`, {}, zhang.cookie);
    expect(twice.json()).toMatchObject({ code: 'APPOINTMENT_NOT_CANCELLABLE', status: 409 });
    expect((await inbox(zhang.cookie))[0]?.title).toBe(
      `预约已取消：公积金前台提取预约 ${day(1)} 09:00–10:00 天河测试办事处`,
    );
    const afterCancel = (await staff(hf, 'GET', `/api/v1/console/slots/${first.id}/bookings`)).json();
    expect(afterCancel[0].status).toBe('cancelled');

    // Audited: the citizen's own steps show in 我的访问记录.
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      actionLabel: string;
    }[];
    expect(log).toContainEqual(expect.objectContaining({ action: 'appointment.book', actionLabel: '预约办理' }));
    expect(log).toContainEqual(expect.objectContaining({ action: 'appointment.cancel', actionLabel: '取消预约' }));
  });

  it('one live booking per service: a second is APPOINTMENT_EXISTS until the first is cancelled', async () => {
    const [a, b] = await publish(hf, { times: [{ start: '10:00', end: '11:00' }], dates: [day(1), day(2)] });
    const zhang = await c.verifiedAccount(demo('张伟'));
    const first = await book(zhang.cookie, (a as Slot).id);
    expect(first.statusCode, first.body).toBe(201);
    const second = await book(zhang.cookie, (b as Slot).id);
    expect(second.json()).toMatchObject({ code: 'APPOINTMENT_EXISTS', status: 409 });
    expect(second.json().detail).toContain(first.json().appointmentNumber);
    const same = await book(zhang.cookie, (a as Slot).id);
    expect(same.json().code).toBe('APPOINTMENT_EXISTS');
    await c.call('POST', `/api/v1/me/appointments/${first.json().id}/cancel`, {}, zhang.cookie);
    const third = await book(zhang.cookie, (b as Slot).id);
    expect(third.statusCode, third.body).toBe(201);
    // Another service is another queue.
    const [m] = await publish(civil, { serviceId: CIVIL, capacity: 1 });
    expect((await book(zhang.cookie, (m as Slot).id)).statusCode).toBe(201);
    const full = await book((await c.verifiedAccount(demo('刘洋'))).cookie, (m as Slot).id);
    expect(full.json()).toMatchObject({ code: 'SLOT_FULL', status: 409 });
    await c.call('POST', `/api/v1/me/appointments/${third.json().id}/cancel`, {}, zhang.cookie);
  });

  it('never overbooks: 5 accounts book a 2-place slot at once, exactly 2 succeed', async () => {
    const people = ['刘芳', '张建国', '李娜', '陈志强', '陈嘉欣'];
    const accounts = [];
    for (const name of people) accounts.push(await c.verifiedAccount(demo(name)));
    const [slot] = await publish(civil, { serviceId: CIVIL, capacity: 2, times: [{ start: '15:00', end: '16:00' }] });
    const results = await Promise.all(accounts.map((a) => book(a.cookie, (slot as Slot).id)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('SLOT_FULL');
    const row = await t.database.db
      .selectFrom('appointment_slots')
      .select(['booked', 'capacity'])
      .where('id', '=', (slot as Slot).id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ booked: 2, capacity: 2 });
    const live = await t.database.db
      .selectFrom('appointments')
      .select('id')
      .where('slot_id', '=', (slot as Slot).id)
      .where('status', '=', 'booked')
      .execute();
    expect(live).toHaveLength(2);
    // The same account double-tapping with two submission ids gets one booking (one live per service).
    const [other] = await publish(civil, { serviceId: CIVIL, capacity: 5 });
    const loser = accounts[results.findIndex((r) => r.statusCode === 409)];
    if (!loser) throw new Error('no loser');
    const taps = await Promise.all([book(loser.cookie, (other as Slot).id), book(loser.cookie, (other as Slot).id)]);
    expect(taps.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await consoleSlot((other as Slot).id, CIVIL, civil))?.booked).toBe(1);
  });

  it('stopping a slot cancels its bookings and tells each citizen the reason', async () => {
    const [slot] = await publish(civil, { serviceId: CIVIL, capacity: 4, times: [{ start: '10:00', end: '11:00' }] });
    const id = (slot as Slot).id;
    const liu = await c.verifiedAccount(demo('刘洋'));
    // 刘洋's earlier 补领 attempt was refused SLOT_FULL: he holds no live booking of this service.
    const booked = await book(liu.cookie, id);
    expect(booked.statusCode, booked.body).toBe(201);
    const bad = await staff(civil, 'POST', `/api/v1/console/slots/${id}/cancel`, { reason: '' });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const stop = await staff(civil, 'POST', `/api/v1/console/slots/${id}/cancel`, { reason: '登记处线路检修' });
    expect(stop.statusCode, stop.body).toBe(200);
    expect(stop.json()).toMatchObject({ cancelled: true, booked: 0, remaining: 0 });
    const mine = (await c.call('GET', `/api/v1/me/appointments/${booked.json().id}`, undefined, liu.cookie)).json();
    expect(mine).toMatchObject({ status: 'slot_cancelled', canCancel: false });
    const message = (await inbox(liu.cookie))[0];
    expect(message?.title).toContain('预约已取消');
    expect(message?.body).toContain('登记处线路检修');
    expect(message?.link).toBe(`/appointments/${booked.json().id}`);
    const again = await staff(civil, 'POST', `/api/v1/console/slots/${id}/cancel`, { reason: '再次停用' });
    expect(again.json()).toMatchObject({ code: 'SLOT_UNAVAILABLE', status: 409 });
    expect((await book(liu.cookie, id)).json().code).toBe('SLOT_UNAVAILABLE');
    const cancelMine = await c.call('POST', `/api/v1/me/appointments/${booked.json().id}/cancel`, {}, liu.cookie);
    expect(cancelMine.json().code).toBe('APPOINTMENT_NOT_CANCELLABLE');
    const patch = await staff(civil, 'PATCH', `/api/v1/console/slots/${id}`, { capacity: 5 });
    expect(patch.json().code).toBe('SLOT_UNAVAILABLE');
    // Not offered to citizens any more.
    const open = await c.call('GET', `/api/v1/appointments/slots?serviceId=${CIVIL}&city=${GZ}`);
    expect(open.json().slots.some((s: Slot) => s.id === id)).toBe(false);
  });

  it('预约提醒: one 消息 the day before a booked window, once; none for a cancelled booking or a far one', async () => {
    const [soon, later] = await publish(civil, {
      serviceId: CIVIL,
      dates: [day(2)],
      times: [
        { start: '09:00', end: '10:00' },
        { start: '10:00', end: '11:00' },
      ],
      capacity: 2,
    });
    const [far] = await publish(civil, {
      serviceId: CIVIL,
      dates: [day(5)],
      times: [{ start: '09:00', end: '10:00' }],
    });
    const li = await c.verifiedAccount(demo('李娜'));
    const fang = await c.verifiedAccount(demo('刘芳'));
    const chen = await c.verifiedAccount(demo('陈志强'));
    // Earlier tests may have left one of them a live booking of this service (one at a time): cancel it first.
    for (const who of [li, fang, chen]) {
      const live = (await c.call('GET', `/api/v1/me/appointments?serviceId=${CIVIL}`, undefined, who.cookie)).json();
      for (const a of live as { id: string; status: string }[]) {
        if (a.status === 'booked') await c.call('POST', `/api/v1/me/appointments/${a.id}/cancel`, {}, who.cookie);
      }
    }
    const reminded = await book(li.cookie, (soon as Slot).id);
    expect(reminded.statusCode, reminded.body).toBe(201);
    const cancelled = await book(fang.cookie, (later as Slot).id);
    expect(cancelled.statusCode, cancelled.body).toBe(201);
    expect(
      (await c.call('POST', `/api/v1/me/appointments/${cancelled.json().id}/cancel`, {}, fang.cookie)).statusCode,
    ).toBe(200);
    expect((await book(chen.cookie, (far as Slot).id)).statusCode).toBe(201);
    const reminders = async (cookie: string) => (await inbox(cookie)).filter((m) => m.title.startsWith('预约提醒'));

    // More than a day ahead: nothing yet.
    await t.app.appointmentReminders.runOnce();
    expect(await reminders(li.cookie)).toEqual([]);

    // 20 hours before 李娜's window (the app clock moved): her reminder, with the 预约号 and what to bring.
    offset = Date.parse((soon as Slot & { startsAt: string }).startsAt) - 20 * 3600_000 - Date.now();
    try {
      const report = await t.app.appointmentReminders.runOnce();
      expect(report.ran).toBe(true);
      expect(report.reminded).toBeGreaterThanOrEqual(1);
      const mine = await reminders(li.cookie);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        kind: 'appointment-update',
        title: `预约提醒：婚姻登记预约 ${day(2)} 09:00–10:00 测试网点${places - 1}`,
        link: `/appointments/${reminded.json().id}`,
      });
      expect(mine[0]?.body).toContain(reminded.json().appointmentNumber);
      expect(mine[0]?.body).toContain('请携带本人有效身份证件原件');
      // Once: the next run sends nothing more; the cancelled and the far bookings get none.
      await t.app.appointmentReminders.runOnce();
      expect(await reminders(li.cookie)).toHaveLength(1);
      expect(await reminders(fang.cookie)).toEqual([]);
      expect(await reminders(chen.cookie)).toEqual([]);
    } finally {
      offset = 0;
    }
  });

  it('after a slot starts (the app clock moved) it cannot be cancelled nor booked, and lists as past', async () => {
    const [slot] = await publish(hf, { times: [{ start: '16:00', end: '17:00' }] });
    const s = slot as Slot & { startsAt: string };
    const liu = await c.verifiedAccount(demo('刘洋'));
    const booked = await book(liu.cookie, s.id);
    expect(booked.statusCode, booked.body).toBe(201);
    offset = Date.parse(s.startsAt) - Date.now() + 60_000;
    try {
      const late = await c.call('POST', `/api/v1/me/appointments/${booked.json().id}/cancel`, {}, liu.cookie);
      expect(late.json()).toMatchObject({ code: 'APPOINTMENT_CANCEL_TOO_LATE', status: 409 });
      expect(late.json().detail).toContain('16:00');
      const other = await c.verifiedAccount(demo('张伟'));
      expect((await book(other.cookie, s.id)).json().code).toBe('SLOT_UNAVAILABLE');
      const mine = (await c.call('GET', `/api/v1/me/appointments/${booked.json().id}`, undefined, liu.cookie)).json();
      expect(mine).toMatchObject({ status: 'booked', canCancel: false });
      const open = await c.call('GET', `/api/v1/appointments/slots?serviceId=${HF}&city=${GZ}`);
      expect(open.json().slots.some((x: Slot) => x.id === s.id)).toBe(false);
      // The console still lists it (past slots included), and publishing at an hour already gone is refused.
      expect(await consoleSlot(s.id)).toBeDefined();
      const past = await staff(
        hf,
        'POST',
        '/api/v1/console/slots',
        publishBody({ times: [{ start: '08:00', end: '09:00' }] }),
      );
      expect(past.json().code).toBe('SLOT_INVALID');
    } finally {
      offset = 0;
    }
    // Back in real time the slot is ahead again: 刘洋 cancels, leaving no live 公积金 booking for later tests.
    const cancel = await c.call('POST', `/api/v1/me/appointments/${booked.json().id}/cancel`, {}, liu.cookie);
    expect(cancel.statusCode, cancel.body).toBe(200);
  });

  it('staff act only within their grants: other department or city FORBIDDEN on lists, SLOT_NOT_FOUND on slots', async () => {
    const [slot] = await publish(hf);
    const id = (slot as Slot).id;
    for (const url of [
      `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}`,
      `/api/v1/console/slots?serviceId=${HF}&cityCode=440300`,
    ]) {
      expect((await staff(civil, 'GET', url)).json(), url).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    expect((await staff(hf, 'GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=440300`)).json().code).toBe(
      'FORBIDDEN',
    );
    const other = await staff(hf, 'POST', '/api/v1/console/slots', publishBody({ cityCode: '440300' }));
    expect(other.json().code).toBe('FORBIDDEN');
    const civilHere = await staff(civil, 'POST', '/api/v1/console/slots', publishBody());
    expect(civilHere.json().code).toBe('FORBIDDEN');
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/console/slots/${id}`, { capacity: 5 }],
      ['POST', `/api/v1/console/slots/${id}/cancel`, { reason: '测试' }],
      ['GET', `/api/v1/console/slots/${id}/bookings`, undefined],
    ] as const) {
      const res = await staff(civil, method, url, body);
      expect(res.json(), `${method} ${url}`).toMatchObject({ code: 'SLOT_NOT_FOUND', status: 404 });
      const none = await staff(szReviewer, method, url, body);
      expect(none.json(), `${method} ${url}`).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    expect((await staff(szReviewer, 'GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}`)).json().code).toBe(
      'FORBIDDEN',
    );
    expect((await staff(szReviewer, 'POST', '/api/v1/console/slots', publishBody())).json().code).toBe('FORBIDDEN');
    for (const url of [`/api/v1/console/slots/${randomUUID()}`, '/api/v1/console/slots/not-a-uuid']) {
      expect((await staff(hf, 'PATCH', url, { capacity: 4 })).json().code).toBe('SLOT_NOT_FOUND');
    }
    // A citizen session opens no console route; a staff session no citizen route.
    const zhang = await c.verifiedAccount(demo('张伟'));
    expect(
      (await c.call('GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}`, undefined, zhang.cookie)).statusCode,
    ).toBe(401);
    expect((await staff(hf, 'GET', '/api/v1/me/appointments')).statusCode).toBe(401);
  });

  it('bad input is refused with a stable code, never a 500', async () => {
    const checks: [string, number, string][] = [];
    const expectCode = async (res: { statusCode: number; json(): { code: string } }, code: string, label: string) => {
      checks.push([label, res.statusCode, res.json().code]);
      expect(res.json().code, label).toBe(code);
      expect(res.statusCode, label).toBeLessThan(500);
    };
    // Publishing.
    const bodies: [Record<string, unknown>, string][] = [
      [{ serviceId: '' }, 'VALIDATION_FAILED'],
      [{ capacity: 0 }, 'VALIDATION_FAILED'],
      [{ capacity: 501 }, 'VALIDATION_FAILED'],
      [{ capacity: 2.5 }, 'VALIDATION_FAILED'],
      [{ times: [{ start: '10:00', end: '10:00' }] }, 'VALIDATION_FAILED'],
      [{ times: [{ start: '11:00', end: '10:00' }] }, 'VALIDATION_FAILED'],
      [{ times: [{ start: '25:00', end: '26:00' }] }, 'VALIDATION_FAILED'],
      [{ dates: ['2026-13-01'] }, 'VALIDATION_FAILED'],
      [{ dates: [] }, 'VALIDATION_FAILED'],
      [{ place: '   ' }, 'VALIDATION_FAILED'],
      [{ extra: 1 }, 'VALIDATION_FAILED'],
      [{ cityCode: '999999' }, 'VALIDATION_FAILED'],
      [{ dates: [day(-1)] }, 'SLOT_INVALID'],
      [{ dates: [day(15)] }, 'SLOT_INVALID'],
      [{ dates: [day(0)], times: [{ start: '00:00', end: '00:01' }] }, 'SLOT_INVALID'],
      [{ dates: [day(1), day(1)] }, 'SLOT_INVALID'],
      [
        {
          times: [
            { start: '09:00', end: '10:30' },
            { start: '10:00', end: '11:00' },
          ],
        },
        'SLOT_OVERLAP',
      ],
      [{ serviceId: 'no-such-service' }, 'SERVICE_NOT_FOUND'],
      [{ serviceId: 'wufanzui-jilu-zhengming' }, 'APPOINTMENT_NOT_OFFERED'],
    ];
    for (const [over, code] of bodies) {
      await expectCode(await staff(hf, 'POST', '/api/v1/console/slots', publishBody(over)), code, JSON.stringify(over));
    }
    const outside = await staff(hf, 'POST', '/api/v1/console/slots', publishBody({ dates: [day(15)] }));
    expect(outside.json().detail).toContain(day(15));
    for (const payload of ['not json', '[]', 'null']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/console/slots',
        headers: { cookie: hf, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
    }
    // Overlap with a published slot at the same place (a stopped one does not count).
    const place = '重叠测试网点';
    const [published] = await publish(hf, { place, times: [{ start: '09:00', end: '10:00' }] });
    const overlap = await staff(
      hf,
      'POST',
      '/api/v1/console/slots',
      publishBody({ place, times: [{ start: '09:30', end: '10:30' }] }),
    );
    await expectCode(overlap, 'SLOT_OVERLAP', 'overlap with published');
    expect(overlap.json().detail).toContain(day(1));
    expect(overlap.json().detail).toContain('09:00–10:00');
    await publish(hf, { place, times: [{ start: '10:00', end: '11:00' }] });
    await publish(hf, { place: `${place}二`, times: [{ start: '09:30', end: '10:30' }] });
    await staff(hf, 'POST', `/api/v1/console/slots/${(published as Slot).id}/cancel`, { reason: '改时间' });
    await publish(hf, { place, times: [{ start: '09:15', end: '09:45' }] });

    // Capacity below the bookings.
    const [small] = await publish(hf, { capacity: 2 });
    const zhang = await c.verifiedAccount(demo('张伟'));
    const mine = await book(zhang.cookie, (small as Slot).id);
    expect(mine.statusCode, mine.body).toBe(201);
    await expectCode(
      await staff(hf, 'PATCH', `/api/v1/console/slots/${(small as Slot).id}`, { capacity: 0 }),
      'VALIDATION_FAILED',
      'capacity 0',
    );
    const below = await staff(hf, 'PATCH', `/api/v1/console/slots/${(small as Slot).id}`, { capacity: 1 });
    expect(below.statusCode, below.body).toBe(200);
    await c.call('POST', `/api/v1/me/appointments/${mine.json().id}/cancel`, {}, zhang.cookie);
    const [busy] = await publish(hf, { capacity: 3 });
    const liu = await c.verifiedAccount(demo('刘洋'));
    const b1 = await book(zhang.cookie, (busy as Slot).id);
    expect(b1.statusCode, b1.body).toBe(201);
    const b2 = await book(liu.cookie, (busy as Slot).id);
    expect(b2.statusCode, b2.body).toBe(201);
    const tooSmall = await staff(hf, 'PATCH', `/api/v1/console/slots/${(busy as Slot).id}`, { capacity: 1 });
    await expectCode(tooSmall, 'SLOT_CAPACITY_BELOW_BOOKED', 'capacity below booked');
    const resized = await staff(hf, 'PATCH', `/api/v1/console/slots/${(busy as Slot).id}`, { capacity: 2 });
    expect(resized.json()).toMatchObject({ capacity: 2, booked: 2, remaining: 0 });
    await expectCode(
      await staff(hf, 'PATCH', `/api/v1/console/slots/${(busy as Slot).id}`, { capacity: 'ten' }),
      'VALIDATION_FAILED',
      'capacity string',
    );

    // Console lists.
    await expectCode(
      await staff(hf, 'GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}&from=${day(0)}&to=${day(63)}`),
      'SLOT_INVALID',
      'range 63 days',
    );
    await expectCode(
      await staff(hf, 'GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}&from=${day(3)}&to=${day(1)}`),
      'SLOT_INVALID',
      'to before from',
    );
    await expectCode(
      await staff(hf, 'GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}&from=yesterday`),
      'VALIDATION_FAILED',
      'bad from',
    );
    const ok = await staff(
      hf,
      'GET',
      `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}&from=${day(0)}&to=${day(62)}`,
    );
    expect(ok.statusCode).toBe(200);

    // Public slots.
    const dg = await c.call('GET', `/api/v1/appointments/slots?serviceId=${HF}&city=441900`);
    await expectCode(dg, 'SERVICE_NOT_IN_CITY', '东莞 公积金');
    expect(dg.json().detail).toContain('东莞');
    expect(dg.statusCode).toBe(409);
    await expectCode(
      await c.call('GET', `/api/v1/appointments/slots?serviceId=nope&city=${GZ}`),
      'SERVICE_NOT_FOUND',
      'unknown service',
    );
    await expectCode(
      await c.call('GET', `/api/v1/appointments/slots?serviceId=wufanzui-jilu-zhengming&city=${GZ}`),
      'APPOINTMENT_NOT_OFFERED',
      'not offered',
    );
    await expectCode(
      await c.call('GET', `/api/v1/appointments/slots?serviceId=${HF}&city=123`),
      'VALIDATION_FAILED',
      'bad city',
    );
    await expectCode(await c.call('GET', `/api/v1/appointments/slots?city=${GZ}`), 'VALIDATION_FAILED', 'no service');

    // Booking and the citizen's routes.
    const chen = await c.verifiedAccount(demo('陈嘉欣'));
    await expectCode(await book(chen.cookie, randomUUID()), 'SLOT_NOT_FOUND', 'unknown slot');
    await expectCode(await book(chen.cookie, 'not-a-uuid'), 'VALIDATION_FAILED', 'malformed slot id');
    await expectCode(
      await c.call('POST', '/api/v1/me/appointments', { slotId: randomUUID() }, chen.cookie),
      'VALIDATION_FAILED',
      'no submission id',
    );
    await expectCode(
      await c.call(
        'POST',
        '/api/v1/me/appointments',
        { slotId: (busy as Slot).id, submissionId: randomUUID(), x: 1 },
        chen.cookie,
      ),
      'VALIDATION_FAILED',
      'extra field',
    );
    // 陈嘉欣 has no fund account in 广州: the service's rule answers before the slot's places are looked at
    await expectCode(await book(chen.cookie, (busy as Slot).id), 'APPOINTMENT_NOT_ELIGIBLE', 'no account in 广州');
    const fang = await c.verifiedAccount(demo('刘芳'));
    await expectCode(await book(fang.cookie, (busy as Slot).id), 'SLOT_FULL', 'full slot');
    for (const id of [randomUUID(), 'nope', b1.json().id]) {
      await expectCode(
        await c.call('GET', `/api/v1/me/appointments/${id}`, undefined, chen.cookie),
        'APPOINTMENT_NOT_FOUND',
        `read ${id}`,
      );
      await expectCode(
        await c.call('POST', `/api/v1/me/appointments/${id}/cancel`, {}, chen.cookie),
        'APPOINTMENT_NOT_FOUND',
        `cancel ${id}`,
      );
    }
    await expectCode(
      await c.call('POST', `/api/v1/me/appointments/${b1.json().id}/cancel`, { reason: 'x'.repeat(201) }, zhang.cookie),
      'VALIDATION_FAILED',
      'long reason',
    );
    await expectCode(
      await c.call('GET', '/api/v1/me/appointments?serviceId=x&y=1', undefined, chen.cookie),
      'VALIDATION_FAILED',
      'list extra',
    );
    await expectCode(
      await c.call('GET', `/api/v1/me/appointments?for=${randomUUID()}`, undefined, chen.cookie),
      'NOT_FOUND',
      'for someone',
    );
    expect(checks.every(([, status]) => status < 500)).toBe(true);
  });

  it('keeps the applicant encrypted at rest: masked copies only, no plain name or ID number in the table', async () => {
    const [slot] = await publish(civil, { serviceId: CIVIL, capacity: 2, times: [{ start: '11:00', end: '12:00' }] });
    // 刘洋's earlier 补领 booking was on the stopped slot: none is live.
    const liu = await c.verifiedAccount(demo('刘洋'));
    const res = await book(liu.cookie, (slot as Slot).id);
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.database.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    expect(text).not.toContain(liu.person.idNumber);
    expect(text).not.toContain('刘洋');
    expect(row.applicant_id_number_encrypted).toMatch(/^v2\./);
    expect(row.applicant_name_masked).toBe('刘*');
    expect(row.applicant_id_number_masked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const listed = await staff(civil, 'GET', `/api/v1/console/slots/${(slot as Slot).id}/bookings`);
    expect(listed.json()[0]).toMatchObject({ nameMasked: '刘*', idNumberMasked: row.applicant_id_number_masked });
    expect(listed.body).not.toContain(liu.person.idNumber);
  });
});
