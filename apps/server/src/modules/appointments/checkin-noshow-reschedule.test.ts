import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { addDays, chinaDate } from './china-time.js';
import { bookingMessages } from './messages.js';

/**
 * 预约码 and 现场签到, the 未到 job and its rule, 改约 (docs/appointments.md). One engine: the SQL is the module's
 * ordinary SQL (appointments.test.ts runs the booking's concurrency on both). The app clock moves; every test puts
 * it back.
 */
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

type Slot = { id: string; date: string; start: string; end: string; startsAt: string; endsAt: string; booked: number };

describe('预约签到、未到、改约 on pglite', () => {
  let t: TestApp;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const c = citizenClient(() => t);
  let hf = '';
  let civil = '';
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' }, { now });
    hf = await staffLogin(c.call, 'gz.hf.slots');
    civil = await staffLogin(c.call, 'gz.civil.slots');
  });
  afterAll(() => t?.close());

  /**
   * The n-th adult of the generated province with a phone and a fund account in 广州: someone 公积金前台提取预约
   * (eligibility/records.ts) accepts, and whom no other test of this file books.
   */
  const gzFundHolder = async (n: number) => {
    const found = await sql<{ name: string; id_number: string; phone: string }>`
      select p.name, p.id_number, p.phone from dept_gongan.people p
      where p.phone is not null and p.status = 'normal' and p.birth_date < date '2000-01-01'
        and exists (select 1 from dept_gjj.accounts a where a.id_number = p.id_number and a.city_code = '440100')
      order by p.id_number offset ${n} limit 1`.execute(t.database.db);
    const row = found.rows[0];
    if (!row) throw new Error('no 广州 fund holder with a phone in the generated province');
    return c.verifiedAccount({ name: row.name, idNumber: row.id_number, phone: row.phone });
  };

  /** The app's clock at a moment relative to a slot's start (minutes). */
  const at = (slot: Slot, minutes: number) => {
    offset = Date.parse(slot.startsAt) + minutes * 60_000 - Date.now();
  };
  const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });
  const day = (n: number) => addDays(chinaDate(new Date()), n);
  let places = 0;
  const publish = async (cookie: string, over: Record<string, unknown> = {}) => {
    const res = await staff(cookie, 'POST', '/api/v1/console/slots', {
      serviceId: HF,
      cityCode: GZ,
      place: `签到测试网点${++places}`,
      address: '广州市天河区测试路2号',
      dates: [day(1)],
      times: [{ start: '14:00', end: '15:00' }],
      capacity: 3,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Slot[];
  };
  const book = (cookie: string, slotId: string) =>
    c.call('POST', '/api/v1/me/appointments', { slotId, submissionId: randomUUID() }, cookie);
  const get = async (cookie: string, id: string) =>
    (await c.call('GET', `/api/v1/me/appointments/${id}`, undefined, cookie)).json();
  const pass = (cookie: string, id: string) => c.call('GET', `/api/v1/me/appointments/${id}/pass`, undefined, cookie);
  const checkIn = (cookie: string, code: string) =>
    staff(cookie, 'POST', '/api/v1/console/appointments/check-in', { code });
  const move = (cookie: string, id: string, slotId: string, submissionId: string = randomUUID()) =>
    c.call('POST', `/api/v1/me/appointments/${id}/reschedule`, { slotId, submissionId }, cookie);
  const inbox = async (cookie: string) =>
    (await c.call('GET', '/api/v1/me/notifications', undefined, cookie)).json().items as {
      title: string;
      body: string;
      link: string | null;
    }[];
  const slotBooked = async (id: string) => {
    const list = await staff(hf, 'GET', `/api/v1/console/slots?serviceId=${HF}&cityCode=${GZ}`);
    return (list.json() as Slot[]).find((s) => s.id === id)?.booked;
  };

  it('预约码 and 现场签到: the QR checks in within the hour before the window, once; scope, garbage and time refused', async () => {
    const [slot] = (await publish(hf)) as [Slot];
    const zhang = await c.verifiedAccount(demo('张伟'));
    const liu = await c.verifiedAccount(demo('刘洋'));
    const mine = await book(zhang.cookie, slot.id);
    expect(mine.statusCode, mine.body).toBe(201);
    const appt = mine.json();
    expect(appt).toMatchObject({ canShowPass: true, canReschedule: true, checkedInAt: null, noShowAt: null });
    const theirs = (await book(liu.cookie, slot.id)).json();

    // The 预约码: signed, short-lived, no personal data in it.
    const first = await pass(zhang.cookie, appt.id);
    expect(first.statusCode, first.body).toBe(200);
    const code = first.json();
    expect(code.qr).toMatch(/^YSSA1:[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(code.appointmentNumber).toBe(appt.appointmentNumber);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const claims = JSON.parse(Buffer.from(code.qr.split('.')[1], 'base64url').toString());
    expect(Object.keys(claims).sort()).toEqual(['aid', 'exp', 'iat', 'iss']);
    expect(claims.aid).toBe(appt.id);
    // Another's booking: 404, as everywhere.
    expect((await pass(liu.cookie, appt.id)).json().code).toBe('APPOINTMENT_NOT_FOUND');

    // The day before: too early, saying from when.
    const early = await checkIn(hf, code.qr);
    expect(early.json()).toMatchObject({ status: 409, code: 'APPOINTMENT_CHECK_IN_TOO_EARLY' });
    expect(early.json().detail).toContain('13:00');
    // Garbage, a tampered code, another department's clerk, an unknown number: never a 500, never a hint.
    expect((await checkIn(hf, 'hello')).json()).toMatchObject({ status: 400, code: 'APPOINTMENT_CODE_INVALID' });
    const tampered = `${code.qr.slice(0, -4)}AAAA`;
    expect((await checkIn(hf, tampered)).json().code).toBe('APPOINTMENT_CODE_INVALID');
    expect((await checkIn(hf, '')).json().code).toBe('VALIDATION_FAILED');
    expect((await checkIn(civil, code.qr)).json()).toMatchObject({ status: 404, code: 'APPOINTMENT_NOT_FOUND' });
    expect((await checkIn(civil, appt.appointmentNumber)).json().code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await checkIn(hf, '0'.repeat(20))).json().code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await c.call('POST', '/api/v1/console/appointments/check-in', { code: 'x' })).statusCode).toBe(401);

    // 30 minutes before the window: the code fetched yesterday has expired; a fresh one checks in.
    at(slot, -30);
    try {
      expect((await checkIn(hf, code.qr)).json()).toMatchObject({ status: 409, code: 'APPOINTMENT_CODE_EXPIRED' });
      const fresh = (await pass(zhang.cookie, appt.id)).json();
      const ok = await checkIn(hf, fresh.qr);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        appointmentNumber: appt.appointmentNumber,
        serviceName: '公积金前台提取预约',
        date: day(1),
        start: '14:00',
        nameMasked: '张*',
        idNumberLast4: demo('张伟').idNumber.slice(-4),
        status: 'checked_in',
        alreadyCheckedIn: false,
      });
      expect(ok.json().message).toContain('签到成功');
      expect(ok.body).not.toContain(demo('张伟').idNumber);
      // Twice (typed this time): the first check-in's time, nothing changed.
      const again = await checkIn(hf, `  ${appt.appointmentNumber} `);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ alreadyCheckedIn: true, checkedInAt: ok.json().checkedInAt });
      expect(again.json().message).toMatch(/^该预约已于13:30签到/);
      const after = await get(zhang.cookie, appt.id);
      expect(after).toMatchObject({
        status: 'checked_in',
        statusLabel: '已签到',
        canCancel: false,
        canShowPass: false,
      });
      expect(after.checkedInAt).toBe(ok.json().checkedInAt);
      expect((await pass(zhang.cookie, appt.id)).json().code).toBe('APPOINTMENT_PASS_NOT_SHOWABLE');
      expect((await c.call('POST', `/api/v1/me/appointments/${appt.id}/cancel`, {}, zhang.cookie)).json().code).toBe(
        'APPOINTMENT_NOT_CANCELLABLE',
      );
      const list = await staff(hf, 'GET', `/api/v1/console/slots/${slot.id}/bookings`);
      const row = (list.json() as { appointmentNumber: string; status: string; checkedInAt: string | null }[]).find(
        (b) => b.appointmentNumber === appt.appointmentNumber,
      );
      expect(row).toMatchObject({ status: 'checked_in', checkedInAt: ok.json().checkedInAt });

      // After the window: too late for 刘洋; the 未到 job marks him, not 张伟.
      at(slot, 61);
      const late = await checkIn(hf, theirs.appointmentNumber);
      expect(late.json()).toMatchObject({ status: 409, code: 'APPOINTMENT_CHECK_IN_TOO_LATE' });
      expect((await pass(liu.cookie, theirs.id)).json().code).toBe('APPOINTMENT_PASS_NOT_SHOWABLE');
      const report = await t.app.appointmentNoShows.runOnce();
      expect(report.ran).toBe(true);
      expect(report.marked).toBeGreaterThanOrEqual(1);
      expect(await get(liu.cookie, theirs.id)).toMatchObject({ status: 'no_show', statusLabel: '未到' });
      expect((await get(zhang.cookie, appt.id)).status).toBe('checked_in');
      const told = (await inbox(liu.cookie)).filter((m) => m.title.startsWith('预约未到'));
      expect(told).toHaveLength(1);
      expect(told[0]?.body).toContain('90天内在同一部门累计3次未到的，30天内不能在线预约该部门的事项');
      expect(told[0]?.link).toBe(`/appointments/${theirs.id}`);
      expect((await t.app.appointmentNoShows.runOnce()).marked).toBe(0);
      expect((await inbox(liu.cookie)).filter((m) => m.title.startsWith('预约未到'))).toHaveLength(1);
      expect((await checkIn(hf, theirs.appointmentNumber)).json().code).toBe('APPOINTMENT_NOT_CHECKABLE');
    } finally {
      offset = 0;
    }

    // The citizen's 我的访问记录 names the check-in.
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    const entries = (log.items ?? log) as { actionLabel: string; actor: string; detail: string | null }[];
    expect(entries.find((e) => e.actionLabel === '窗口预约签到')).toMatchObject({ actor: '工作人员' });
  });

  it('年审预约 at the station: its 号源管理员 publishes, sees which car each booking is for, and checks the car in', async () => {
    const traffic = await staffLogin(c.call, 'gz.traffic.slots');
    const [slot] = (await publish(traffic, {
      serviceId: 'nianshen-yuyue',
      place: '测试机动车检验站',
      times: [{ start: '10:00', end: '11:00' }],
    })) as [Slot];
    const zhang = await c.verifiedAccount(demo('张伟'));
    const booked = await c.call(
      'POST',
      '/api/v1/me/appointments',
      { slotId: slot.id, submissionId: randomUUID(), subjectId: '粤A8K2M6' },
      zhang.cookie,
    );
    expect(booked.statusCode, booked.body).toBe(201);
    const car = booked.json().subjectLabel as string;
    expect(car).toMatch(/^粤A8\*\*\*6（.+）$/);
    // the station's list names the car, masked
    const list = await staff(traffic, 'GET', `/api/v1/console/slots/${slot.id}/bookings`);
    expect(list.json()).toEqual([expect.objectContaining({ nameMasked: '张*', subjectLabel: car })]);
    expect(list.body).not.toContain('8K2M6');
    // another department's clerk cannot see it
    expect((await staff(hf, 'GET', `/api/v1/console/slots/${slot.id}/bookings`)).statusCode).toBe(404);
    at(slot, -30);
    try {
      const code = (await pass(zhang.cookie, booked.json().id)).json().qr as string;
      const ok = await checkIn(traffic, code);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ serviceName: '年审预约', nameMasked: '张*', subjectLabel: car });
    } finally {
      offset = 0;
    }
  });

  it('未到 three times at one department within 90 days: that department’s bookings paused 30 days, others not', async () => {
    const times = [
      { start: '09:00', end: '09:30' },
      { start: '10:00', end: '10:30' },
      { start: '11:00', end: '11:30' },
      { start: '15:00', end: '15:30' },
    ];
    const slots = (await publish(hf, { dates: [day(2)], times })) as Slot[];
    const [civilSlot] = (await publish(civil, { serviceId: CIVIL, dates: [day(2)] })) as [Slot];
    const chen = await gzFundHolder(0);
    try {
      for (const s of slots.slice(0, 3)) {
        const b = await book(chen.cookie, s.id);
        expect(b.statusCode, b.body).toBe(201);
        at(s, 45);
        await t.app.appointmentNoShows.runOnce();
        expect((await get(chen.cookie, b.json().id)).status).toBe('no_show');
      }
      const refused = await book(chen.cookie, (slots[3] as Slot).id);
      expect(refused.json()).toMatchObject({ status: 409, code: 'APPOINTMENT_NO_SHOW_LIMIT' });
      expect(refused.json().detail).toBe(
        `您在90天内已有3次预约未到（最近一次${day(2)}），暂停在线预约各地市住房公积金管理中心的事项至` +
          `${addDays(day(2), 29)}，${addDays(day(2), 30)}起可重新预约。`,
      );
      // Another department is not affected.
      expect((await book(chen.cookie, civilSlot.id)).statusCode).toBe(201);
    } finally {
      offset = 0;
    }
  });

  it('改约: one transaction, same 预约号, places moved; retry harmless; full, same, other service, late refused; a race', async () => {
    const [p, q, r] = (await publish(hf, {
      dates: [day(3)],
      times: [
        { start: '09:00', end: '10:00' },
        { start: '10:00', end: '11:00' },
        { start: '11:00', end: '12:00' },
      ],
      capacity: 1,
    })) as [Slot, Slot, Slot];
    const [p2] = (await publish(hf, { dates: [day(3)], times: [{ start: '09:00', end: '10:00' }] })) as [Slot];
    const [other] = (await publish(civil, { serviceId: CIVIL, dates: [day(3)] })) as [Slot];
    const li = await gzFundHolder(1);
    const fang = await c.verifiedAccount(demo('刘芳'));
    const a = (await book(li.cookie, p.id)).json();
    const b = (await book(fang.cookie, p2.id)).json();

    const submissionId = randomUUID();
    const moved = await move(li.cookie, a.id, q.id, submissionId);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      id: a.id,
      appointmentNumber: a.appointmentNumber,
      start: '10:00',
      status: 'booked',
      canReschedule: true,
    });
    expect(moved.json().rescheduledAt).not.toBeNull();
    expect([await slotBooked(p.id), await slotBooked(q.id)]).toEqual([0, 1]);
    // The same attempt again: the booking as it is, nothing moved, one 消息.
    const again = await move(li.cookie, a.id, q.id, submissionId);
    expect(again.statusCode, again.body).toBe(200);
    expect([await slotBooked(p.id), await slotBooked(q.id)]).toEqual([0, 1]);
    const told = (await inbox(li.cookie)).filter((m) => m.title.startsWith('预约已改约'));
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(`由${day(3)} 09:00–10:00`);
    expect(told[0]?.body).toContain(`改为${day(3)} 10:00–11:00`);
    expect(told[0]?.body).toContain(`预约号不变：${a.appointmentNumber}`);

    // Full, the same slot, another service's slot, an unknown one, a malformed body, another's booking.
    expect((await move(fang.cookie, b.id, q.id)).json()).toMatchObject({ status: 409, code: 'SLOT_FULL' });
    expect((await get(fang.cookie, b.id)).start).toBe('09:00');
    expect((await move(li.cookie, a.id, q.id)).json().code).toBe('APPOINTMENT_NOT_RESCHEDULABLE');
    expect((await move(li.cookie, a.id, other.id)).json().code).toBe('SLOT_NOT_FOUND');
    expect((await move(li.cookie, a.id, randomUUID())).json().code).toBe('SLOT_NOT_FOUND');
    const bad = await c.call('POST', `/api/v1/me/appointments/${a.id}/reschedule`, { slotId: 'x' }, li.cookie);
    expect(bad.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await move(fang.cookie, a.id, r.id)).json().code).toBe('APPOINTMENT_NOT_FOUND');

    // Both want the last place of r at once: one moves, the other is told it is full; nothing overbooked.
    const race = await Promise.all([move(li.cookie, a.id, r.id), move(fang.cookie, b.id, r.id)]);
    expect(race.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(race.find((x) => x.statusCode === 409)?.json().code).toBe('SLOT_FULL');
    expect(await slotBooked(r.id)).toBe(1);
    const onR = race.findIndex((x) => x.statusCode === 200) === 0 ? a.id : b.id;
    expect(((await slotBooked(q.id)) ?? 0) + ((await slotBooked(p2.id)) ?? 0)).toBe(1);

    // Once the window has started: too late; cancelled: not reschedulable.
    at(r, 5);
    try {
      const late = await move(onR === a.id ? li.cookie : fang.cookie, onR, p.id);
      expect(late.json().code).toBe('APPOINTMENT_RESCHEDULE_TOO_LATE');
    } finally {
      offset = 0;
    }
    const stay = onR === a.id ? { cookie: fang.cookie, id: b.id } : { cookie: li.cookie, id: a.id };
    expect((await c.call('POST', `/api/v1/me/appointments/${stay.id}/cancel`, {}, stay.cookie)).statusCode).toBe(200);
    const gone = await move(stay.cookie, stay.id, p.id);
    expect(gone.json()).toMatchObject({ status: 409, code: 'APPOINTMENT_NOT_RESCHEDULABLE' });
  });

  it('a moved booking is reminded again for its new window (预约提醒 once per window)', async () => {
    const [first] = (await publish(hf, { dates: [day(4)], times: [{ start: '09:00', end: '10:00' }] })) as [Slot];
    const [second] = (await publish(hf, { dates: [day(5)], times: [{ start: '09:00', end: '10:00' }] })) as [Slot];
    const jia = await gzFundHolder(2);
    const booked = (await book(jia.cookie, first.id)).json();
    const reminders = async () => (await inbox(jia.cookie)).filter((m) => m.title.startsWith('预约提醒'));
    try {
      at(first, -20 * 60);
      await t.app.appointmentReminders.runOnce();
      expect(await reminders()).toHaveLength(1);
      expect((await move(jia.cookie, booked.id, second.id)).statusCode).toBe(200);
      at(second, -20 * 60);
      await t.app.appointmentReminders.runOnce();
      await t.app.appointmentReminders.runOnce();
      const both = await reminders();
      expect(both).toHaveLength(2);
      expect(both[0]?.title).toContain(`${day(5)} 09:00–10:00`);
    } finally {
      offset = 0;
    }
  });
});

describe('未到 消息 of a booking made for someone else', () => {
  it('the agent’s copy names the principal, the principal’s names the agent; both carry the rule', () => {
    const at = new Date('2026-12-01T02:00:00Z');
    const [agent, principal] = bookingMessages(
      {
        event: 'no_show',
        appointmentId: 'a1',
        appointmentNumber: '20261128440100123456',
        serviceName: '护照申领预约',
        departmentName: '广东省公安厅出入境管理局',
        slot: { place: '办证大厅', address: '解放南路', starts_at: at, ends_at: new Date(at.getTime() + 3600_000) },
        reason: null,
        rule: '90天内在同一部门累计3次未到的，30天内不能在线预约该部门的事项。',
        at,
      },
      { account_id: 'agent', principal_person_id: 'p1', applicant_name_masked: '张**', agent_name_masked: '张*' },
      'father',
    );
    expect(agent).toMatchObject({ accountId: 'agent', dedupeKey: 'appointment:a1:no_show' });
    expect(agent?.title).toBe('代办：预约未到：护照申领预约 2026-12-01 10:00–11:00 办证大厅');
    expect(agent?.body).toContain('您为张**代办的护照申领预约');
    expect(agent?.body).toContain('30天内不能在线预约该部门的事项');
    expect(principal).toMatchObject({ accountId: 'father', dedupeKey: 'appointment:a1:no_show' });
    expect(principal?.body).toContain('已记为未到');
    expect(principal?.body).toContain('（由张*代办）');
  });
});
