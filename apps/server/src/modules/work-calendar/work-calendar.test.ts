import type { WorkCalendarRange } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { seedDemoSlots } from '../appointments/demo-slots.js';
import { seedWorkCalendar, WorkCalendar } from './work-calendar.js';

const HF = 'gongjijin-qiantai-tiqu-yuyue';
const GZ = '440100';
/** Monday 2026-09-28, 10:00 in China: 国庆 (1–7 Oct) and the 调休上班 Saturday 10 Oct inside the 14-day window. */
const NOW = new Date('2026-09-28T02:00:00Z');

// One engine: the calendar's SQL is plain (docs/ARCHITECTURE.md "Tests").
describe('工作日历 (work calendar) on pglite', () => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let slots = '';
  let editor = '';
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: 'true' }, { now: () => NOW });
    slots = await staffLogin(c.call, 'gz.hf.slots');
    editor = await staffLogin(c.call, 'gd.calendar.editor');
  });
  afterAll(() => t?.close());

  const staff = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });
  const read = async (from: string, to: string) => {
    const res = await c.call('GET', `/api/v1/work-calendar?from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WorkCalendarRange;
  };
  const kindOf = (r: WorkCalendarRange, date: string) => r.days.find((d) => d.date === date);
  let places = 0;
  const publish = (dates: string[], over: object = {}) =>
    staff(slots, 'POST', '/api/v1/console/slots', {
      serviceId: HF,
      cityCode: GZ,
      place: `节假日测试网点${++places}`,
      address: '广州市天河区测试路1号',
      dates,
      times: [{ start: '09:00', end: '10:00' }],
      capacity: 2,
      ...over,
    });

  it('is seeded from the 2026 notice, and the public read gives every date of a range, anonymously', async () => {
    const r = await read('2026-09-19', '2026-10-11');
    expect(r.days).toHaveLength(23);
    expect(r.knownYears).toContain(2026);
    expect(kindOf(r, '2026-09-19')).toMatchObject({ kind: 'restday', working: false, holidayName: null });
    expect(kindOf(r, '2026-09-20')).toMatchObject({ kind: 'makeup-workday', working: true, holidayName: '国庆节' });
    expect(kindOf(r, '2026-10-01')).toMatchObject({ kind: 'holiday', statutory: true, holidayName: '国庆节' });
    expect(kindOf(r, '2026-10-05')).toMatchObject({ kind: 'holiday', statutory: false, working: false });
    expect(kindOf(r, '2026-10-08')).toMatchObject({ kind: 'workday', working: true });
    expect(kindOf(r, '2026-10-10')).toMatchObject({ kind: 'makeup-workday', working: true });
    const spring = await read('2026-02-14', '2026-02-28');
    expect(spring.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(spring.days.filter((d) => d.statutory)).toHaveLength(4);
    // every statutory day of the year: 13 (《全国年节及纪念日放假办法》)
    const year = await read('2026-01-01', '2026-12-31');
    expect(year.days.filter((d) => d.statutory)).toHaveLength(13);
    expect(year.days.filter((d) => d.kind === 'makeup-workday')).toHaveLength(6);
  });

  it('refuses a bad range with problem+json', async () => {
    for (const [query, code] of [
      ['from=2026-10-08&to=2026-10-01', 'WORK_CALENDAR_INVALID'],
      ['from=2026-01-01&to=2027-01-02', 'WORK_CALENDAR_INVALID'],
      ['from=2026-02-30&to=2026-03-01', 'VALIDATION_FAILED'],
      ['from=tomorrow&to=2026-03-01', 'VALIDATION_FAILED'],
      ['from=2026-01-01', 'VALIDATION_FAILED'],
    ] as const) {
      const res = await c.call('GET', `/api/v1/work-calendar?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, query).toBe(code);
      expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('counts working days across 国庆 and a 调休 Saturday', async () => {
    const cal = await new WorkCalendar({ db: t.database.db }).start();
    expect(cal.isWorkingDay('2026-09-30')).toBe(true);
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
    expect(cal.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    // Friday 18 Sep + 1: Sunday 20 Sep is 调休上班
    expect(cal.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    // beyond the known years: Monday to Friday
    expect(cal.addWorkingDays('2030-01-04', 1)).toBe('2030-01-07');
    expect(() => cal.addWorkingDays('2026-09-30', -1)).toThrow(RangeError);
  });

  it('the demo seed publishes nothing on 国庆 and does on the 调休上班 Saturday', async () => {
    const db = t.database.db;
    const cal = await new WorkCalendar({ db }).start();
    await seedDemoSlots(db, NOW, cal);
    const rows = await db
      .selectFrom('appointment_slots')
      .select('starts_at')
      .where('service_id', '=', HF)
      .where('place', '=', '广州住房公积金管理中心天河办事处')
      .where('starts_at', '>=', NOW)
      .where('starts_at', '<', new Date('2026-10-20T00:00:00Z'))
      .execute();
    const dates = [
      ...new Set(rows.map((r) => new Date(r.starts_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10))),
    ];
    // 14-day window (to 12 Oct): 29, 30 Sep, 8, 9, 10 (Saturday), 12 Oct
    expect(dates.sort()).toEqual(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
  });

  it('the console refuses slots on a holiday with SLOT_ON_HOLIDAY, unless the publisher overrides it (audited)', async () => {
    const refused = await publish(['2026-09-30', '2026-10-01']);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('SLOT_ON_HOLIDAY');
    expect(refused.json().detail).toContain('2026-10-01为国庆节法定节假日，不能发布号源。');
    const breakDay = await publish(['2026-10-05']);
    expect(breakDay.json().code).toBe('SLOT_ON_HOLIDAY');
    expect(breakDay.json().detail).toContain('2026-10-05为国庆节假期');
    // a 调休上班 Saturday and a plain Sunday are not holidays
    expect((await publish(['2026-10-10', '2026-10-11'])).statusCode).toBe(201);
    const opened = await publish(['2026-10-01'], { openOnHoliday: true });
    expect(opened.statusCode, opened.body).toBe(201);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'console.slot.create')
      .execute();
    expect(audit.some((a) => JSON.stringify(a.detail.openOnHoliday) === '["2026-10-01 国庆节"]')).toBe(true);
  });

  it('工作日历 in the console: list, add, change and delete a day, audited; refusals are problem+json', async () => {
    const year = await staff(editor, 'GET', '/api/v1/console/work-calendar?year=2026');
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json().entries).toHaveLength(39);
    expect(year.json().notice.title).toBe('国务院办公厅关于2026年部分节假日安排的通知');
    expect((await staff(editor, 'GET', '/api/v1/console/work-calendar?year=2031')).json().entries).toEqual([]);

    // 8 Oct made a holiday: publishing refused there at once, the public read says so
    const put = await staff(editor, 'PUT', '/api/v1/console/work-calendar/2026-10-08', {
      kind: 'holiday',
      holidayName: '国庆节',
      note: '测试：延长假期',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      source: 'operator',
      statutory: false,
      updatedBy: expect.stringContaining('黄丽萍'),
    });
    expect(kindOf(await read('2026-10-08', '2026-10-08'), '2026-10-08')?.kind).toBe('holiday');
    expect((await publish(['2026-10-08'])).json().code).toBe('SLOT_ON_HOLIDAY');

    // another server copy sees it when it next checks
    const other = await new WorkCalendar({ db: t.database.db, refreshMs: 0 }).start();
    expect(other.isWorkingDay('2026-10-08')).toBe(false);

    const del = await staff(editor, 'DELETE', '/api/v1/console/work-calendar/2026-10-08');
    expect(del.statusCode, del.body).toBe(204);
    expect(kindOf(await read('2026-10-08', '2026-10-08'), '2026-10-08')?.kind).toBe('workday');
    await other.fresh();
    expect(other.isWorkingDay('2026-10-08')).toBe(true);
    const again = await staff(editor, 'DELETE', '/api/v1/console/work-calendar/2026-10-08');
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('WORK_CALENDAR_DAY_NOT_FOUND');

    // a seeded day deleted stays deleted: each year's notice is seeded once
    expect((await staff(editor, 'DELETE', '/api/v1/console/work-calendar/2026-10-10')).statusCode).toBe(204);
    expect(await seedWorkCalendar(t.database.db)).toEqual([]);
    expect(kindOf(await read('2026-10-10', '2026-10-10'), '2026-10-10')?.kind).toBe('restday');
    const restore = await staff(editor, 'PUT', '/api/v1/console/work-calendar/2026-10-10', {
      kind: 'makeup-workday',
      holidayName: '国庆节',
    });
    expect(restore.statusCode, restore.body).toBe(200);

    const actions = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'like', 'console.work-calendar.%')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'console.work-calendar.put',
      'console.work-calendar.delete',
      'console.work-calendar.delete',
      'console.work-calendar.put',
    ]);
    expect(actions[0]?.detail).toMatchObject({ date: '2026-10-08', before: null, after: { kind: 'holiday' } });

    for (const [method, url, body, status, code] of [
      ['PUT', '2026-10-09', { kind: 'makeup-workday', holidayName: '国庆节' }, 400, 'WORK_CALENDAR_INVALID'],
      [
        'PUT',
        '2026-10-11',
        { kind: 'makeup-workday', holidayName: '国庆节', statutory: true },
        400,
        'WORK_CALENDAR_INVALID',
      ],
      ['PUT', '2026-10-09', { kind: 'holiday', holidayName: '圣诞节' }, 400, 'VALIDATION_FAILED'],
      ['PUT', '2026-10-09', { kind: 'workday', holidayName: '国庆节' }, 400, 'VALIDATION_FAILED'],
      ['PUT', '2026-13-01', { kind: 'holiday', holidayName: '国庆节' }, 400, 'VALIDATION_FAILED'],
      ['DELETE', 'today', undefined, 400, 'VALIDATION_FAILED'],
      ['DELETE', '2026-11-02', undefined, 404, 'WORK_CALENDAR_DAY_NOT_FOUND'],
    ] as const) {
      const res = await staff(editor, method, `/api/v1/console/work-calendar/${url}`, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await staff(editor, 'GET', '/api/v1/console/work-calendar?year=abc')).json().code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('only staff with catalog.edit read it, and only the operator’s province-wide 事项管理员 change it', async () => {
    expect((await c.call('GET', '/api/v1/console/work-calendar?year=2026')).statusCode).toBe(401);
    const anon = await c.call('PUT', '/api/v1/console/work-calendar/2026-10-09', {
      kind: 'holiday',
      holidayName: '国庆节',
    });
    expect(anon.statusCode).toBe(401);
    // a 号源管理员 has no catalog.edit at all
    expect((await staff(slots, 'GET', '/api/v1/console/work-calendar?year=2026')).json().code).toBe('FORBIDDEN');
    const denied = await staff(slots, 'DELETE', '/api/v1/console/work-calendar/2026-10-01');
    expect(denied.statusCode).toBe(403);
    expect(kindOf(await read('2026-10-01', '2026-10-01'), '2026-10-01')?.kind).toBe('holiday');
  });

  it('2027, its notice not yet carried: the law’s statutory days and 补假, provisionally, until the notice replaces them', async () => {
    const r = await read('2026-12-31', '2027-01-04');
    expect(r.knownYears).toContain(2027);
    expect(kindOf(r, '2027-01-01')).toMatchObject({
      kind: 'holiday',
      holidayName: '元旦',
      statutory: true,
      working: false,
    });
    expect(kindOf(r, '2027-01-04')).toMatchObject({ kind: 'workday', working: true });
    const may = await read('2027-05-01', '2027-05-05');
    expect(may.days.map((d) => [d.date, d.working, d.statutory])).toEqual([
      ['2027-05-01', false, true],
      ['2027-05-02', false, true],
      ['2027-05-03', false, false], // 补假 for the Saturday
      ['2027-05-04', false, false], // and the Sunday
      ['2027-05-05', true, false],
    ]);
    const year = await staff(editor, 'GET', '/api/v1/console/work-calendar?year=2027');
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json()).toMatchObject({ year: 2027, notice: null, provisional: true });
    expect(year.json().entries.find((e: { date: string }) => e.date === '2027-02-09')).toMatchObject({
      source: 'notice',
      statutory: false,
      note: expect.stringContaining('依法补假'),
    });
    expect((await staff(editor, 'GET', '/api/v1/console/work-calendar?year=2026')).json().provisional).toBe(false);

    // An operator corrects a day meanwhile; then the notice arrives in the contract (a made-up one: the test's own).
    const corrected = await staff(editor, 'PUT', '/api/v1/console/work-calendar/2027-02-11', {
      kind: 'holiday',
      holidayName: '春节',
      note: '按通知放假',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const testNotice = {
      year: 2027,
      title: '（测试用）2027年部分节假日安排',
      issuedOn: '2026-11-01',
      url: 'https://example.invalid/2027',
      arrangements: [
        {
          name: '春节' as const,
          from: '2027-02-05',
          to: '2027-02-12',
          statutory: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
          makeupWorkdays: ['2027-02-20'],
        },
      ],
    };
    expect(await seedWorkCalendar(t.database.db, [testNotice], [2027])).toEqual([2027]);
    expect(await seedWorkCalendar(t.database.db, [testNotice], [2027])).toEqual([]);
    const calendar = await new WorkCalendar({ db: t.database.db }).start();
    expect(calendar.isProvisional(2027)).toBe(false);
    // the notice's days in, the provisional ones gone (5 May a working day again), the operator's kept
    expect(calendar.day('2027-02-12')).toMatchObject({ kind: 'holiday', holidayName: '春节' });
    expect(calendar.day('2027-02-20')).toMatchObject({ kind: 'makeup-workday', working: true });
    expect(calendar.day('2027-05-03')).toMatchObject({ kind: 'workday', working: true });
    expect(calendar.entry('2027-02-09')).toMatchObject({ source: 'notice', note: null });
    expect(calendar.entry('2027-02-11')).toMatchObject({ source: 'operator', note: '按通知放假' });

    // A year operators have typed in already (here: 2027 again, as if never seeded) is not filled in by the law.
    await t.database.db.deleteFrom('work_calendar_seeded_years').where('year', '=', 2027).execute();
    await t.database.db.deleteFrom('work_calendar_days').where('source', '=', 'notice').execute();
    expect(await seedWorkCalendar(t.database.db, [], [2027])).toEqual([]);
    const typedIn = await new WorkCalendar({ db: t.database.db }).start();
    expect(typedIn.entriesOf(2027).map((e) => e.date)).toEqual(['2027-02-11']);
    expect(typedIn.isProvisional(2027)).toBe(false);
  });
});
