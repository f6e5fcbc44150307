import type {
  ConsoleVerifierOrganisation,
  ConsoleVerifierOrganisationPage,
  TicketingStationChoices,
} from '@yss/contracts';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson as demo } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { STAFF_COOKIE, staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { type HeldCertificate, issueToNewKeys, presentCredential } from '../../test-support/wallet.js';

const ORGS = '/api/v1/console/verifier-organisations';

/**
 * 核验单位管理 over HTTP: a 核验单位管理员 of 广州 registers hotels and the rest of 广州's verifier organisations, keeps a
 * hotel's star rating (which decides whether the e-ID checks guests in there), stops and restarts an organisation,
 * opens a verifier's account with a one-time password (whose first login enrols the authenticator) and removes it;
 * another city's organisations are neither listed nor changed; every change is audited.
 */
describe.each(ENGINES)('核验单位管理 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const staff = new Map<string, string>();
  let eId: HeldCertificate;
  let passport: HeldCertificate;
  let shown = 0;

  const as = (username: string) => ({ cookie: staff.get(username) as string });
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: object) =>
    c.call(method, url, body, undefined, as('gz.verifier.admin'));
  const listed = async (query = '') =>
    ((await admin('GET', `${ORGS}${query}`)).json() as ConsoleVerifierOrganisationPage).items;
  const byName = async (name: string) =>
    (await listed(`?q=${encodeURIComponent(name)}`)).find((o) => o.name === name) as ConsoleVerifierOrganisation;
  const lastAudit = (action: string) =>
    t.database.db
      .selectFrom('audit_log')
      .select(['action', 'result', 'detail'])
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    for (const u of ['gz.verifier.admin', 'gz.inn.clerk', 'gz.hotel.clerk', 'gd.platform.ops', 'gz.coach.clerk']) {
      staff.set(u, await staffLogin(c.call, u));
    }
    eId = await issueToNewKeys(t.app.wallet, 'resident-id', demo('张伟').idNumber, 8);
    passport = await issueToNewKeys(t.app.wallet, 'passport', demo('张伟').idNumber, 4);
  });
  afterAll(() => t?.close());

  it('lists 广州’s organisations with their verifiers to its 核验单位管理员 only; others get 401 or 403', async () => {
    const res = await admin('GET', ORGS);
    expect(res.statusCode, res.body).toBe(200);
    const { items: orgs, total, page, pageSize } = res.json() as ConsoleVerifierOrganisationPage;
    expect({ total, page, pageSize }).toEqual({ total: orgs.length, page: 1, pageSize: 20 });
    expect(orgs.every((o) => o.cityCode === '440100')).toBe(true);
    expect(orgs.map((o) => o.name)).toEqual(
      expect.arrayContaining(['广州白云宾馆', '广州东风宾馆', '广州粤信科技有限公司', '广州市汽车客运站']),
    );
    expect(orgs.some((o) => o.name === '深圳市公安局福田分局')).toBe(false);
    const inn = orgs.find((o) => o.name === '广州东风宾馆');
    expect(inn).toMatchObject({ kind: 'hotel', kindName: '酒店', starRating: 2, active: true });
    expect(inn?.members).toEqual([
      expect.objectContaining({ username: 'gz.inn.clerk', displayName: '何静（广州东风宾馆前台）', state: 'active' }),
    ]);
    // filters; another city's filter answers nothing rather than its organisations
    expect((await listed('?kind=hotel')).every((o) => o.kind === 'hotel')).toBe(true);
    expect(await listed('?city=440300')).toEqual([]);
    expect((await admin('GET', `${ORGS}?city=999999`)).statusCode).toBe(400);
    // part of the name, case-insensitive; LIKE's own characters are plain text
    expect((await listed(`?q=${encodeURIComponent('东风')}`)).map((o) => o.name)).toEqual(['广州东风宾馆']);
    expect(await listed('?q=%25')).toEqual([]);
    expect(await listed('?q=_')).toEqual([]);
    for (const bad of ['?page=0', '?page=x', `?q=${'长'.repeat(81)}`])
      expect((await admin('GET', `${ORGS}${bad}`)).statusCode, bad).toBe(400);

    expect((await c.call('GET', ORGS)).statusCode).toBe(401);
    for (const u of ['gz.inn.clerk', 'gd.platform.ops']) {
      const refused = await c.call('GET', ORGS, undefined, undefined, as(u));
      expect(refused.statusCode, u).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
    }
  });

  it('registers a hotel with its star rating; refuses a duplicate, a star rating for a non-hotel and another city', async () => {
    const created = await admin('POST', ORGS, {
      name: ' 广州花园酒店 ',
      kind: 'hotel',
      cityCode: '440100',
      starRating: 5,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: '广州花园酒店',
      kind: 'hotel',
      cityName: '广州',
      starRating: 5,
      purpose: { id: 'hotel' },
      active: true,
      members: [],
      checkInsLast30Days: 0,
    });
    expect((await lastAudit('console.verifier-organisation.create'))?.detail).toMatchObject({
      name: '广州花园酒店',
      starRating: 5,
    });
    // an unrated hotel is allowed (the e-ID is then not for its check-ins)
    const unrated = await admin('POST', ORGS, { name: '广州越秀青年旅舍', kind: 'hotel', cityCode: '440100' });
    expect(unrated.json()).toMatchObject({ starRating: null });

    const again = await admin('POST', ORGS, { name: '广州花园酒店', kind: 'hotel', cityCode: '440100', starRating: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({
      code: 'VERIFIER_ORGANISATION_EXISTS',
      errors: [{ path: 'name', message: '本市已有同名的核验单位' }],
    });
    expect((await byName('广州花园酒店')).starRating).toBe(5);

    const starredPolice = await admin('POST', ORGS, {
      name: '广州市公安局天河区分局',
      kind: 'police',
      cityCode: '440100',
      starRating: 3,
    });
    expect(starredPolice.statusCode).toBe(400);
    expect(starredPolice.json().errors).toEqual([
      expect.objectContaining({ path: 'starRating', message: '只有酒店评定星级，其他单位请不要选择星级' }),
    ]);
    for (const bad of [
      { name: '某', kind: 'hotel', cityCode: '440100' },
      { name: '广州某酒店', kind: 'shop', cityCode: '440100' },
      { name: '广州某酒店', kind: 'hotel', cityCode: '440100', starRating: 6 },
      { name: '广州某酒店', kind: 'hotel', cityCode: '110000' },
    ]) {
      const r = await admin('POST', ORGS, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
    }

    const shenzhen = await admin('POST', ORGS, {
      name: '深圳某酒店',
      kind: 'hotel',
      cityCode: '440300',
      starRating: 4,
    });
    expect(shenzhen.statusCode).toBe(403);
    expect((await lastAudit('access.denied.staff'))?.detail).toMatchObject({
      permission: 'verifier.manage',
      cityCode: '440300',
    });
    const sz = await t.database.db
      .selectFrom('verifier_organisations')
      .select('id')
      .where('name', '=', '深圳某酒店')
      .executeTakeFirst();
    expect(sz).toBeUndefined();
  });

  it('a hotel rated three stars checks guests in with the e-ID from then on; a non-hotel’s rating is refused', async () => {
    const qr = () => presentCredential(eId, shown++, 'hotel');
    const before = await c.call('POST', '/api/v1/verifier/check-ins', { payload: qr() }, undefined, as('gz.inn.clerk'));
    expect(before.json().code).toBe('CHECK_IN_VENUE_NOT_ACCEPTED');

    const inn = await byName('广州东风宾馆');
    const rated = await admin('PATCH', `${ORGS}/${inn.id}`, { starRating: 3 });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ starRating: 3, active: true });
    expect((await lastAudit('console.verifier-organisation.update'))?.detail).toMatchObject({
      before: { starRating: 2 },
      after: { starRating: 3 },
    });
    const after = await c.call('POST', '/api/v1/verifier/check-ins', { payload: qr() }, undefined, as('gz.inn.clerk'));
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().result.verdict).toBe('valid');
    expect((await byName('广州东风宾馆')).checkInsLast30Days).toBe(1);

    const employer = await byName('广州粤信科技有限公司');
    const r = await admin('PATCH', `${ORGS}/${employer.id}`, { starRating: 4 });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ path: 'starRating' });
    expect((await admin('PATCH', `${ORGS}/${employer.id}`, {})).statusCode).toBe(400);
    expect(
      (await admin('PATCH', `${ORGS}/00000000-0000-4000-8000-000000000000`, { active: false })).json(),
    ).toMatchObject({ code: 'VERIFIER_ORGANISATION_NOT_FOUND' });
    expect((await admin('PATCH', `${ORGS}/not-a-uuid`, { active: false })).statusCode).toBe(400);
    // back to two stars for the other tests of this file
    await admin('PATCH', `${ORGS}/${inn.id}`, { starRating: 2 });
  });

  it('a stopped organisation’s verifiers record nothing, and are told why; restarted, they record again', async () => {
    const hotel = await byName('广州白云宾馆');
    const stop = await admin('PATCH', `${ORGS}/${hotel.id}`, { active: false });
    expect(stop.json()).toMatchObject({ active: false });
    const refused = await c.call(
      'POST',
      '/api/v1/verifier/check-ins',
      { payload: presentCredential(passport, 0, 'hotel') },
      undefined,
      as('gz.hotel.clerk'),
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe(
      '广州白云宾馆已停用证照核验登记，不能登记核验记录。如有疑问，请联系当地的核验单位管理员。',
    );
    const noMember = await admin('POST', `${ORGS}/${hotel.id}/members`, {
      username: 'gz.baiyun.li',
      displayName: '李雪',
    });
    expect(noMember.json()).toMatchObject({ code: 'VERIFIER_ORGANISATION_STOPPED' });

    expect((await admin('PATCH', `${ORGS}/${hotel.id}`, { active: true })).json()).toMatchObject({ active: true });
    const again = await c.call(
      'POST',
      '/api/v1/verifier/check-ins',
      { payload: presentCredential(passport, 1, 'hotel') },
      undefined,
      as('gz.hotel.clerk'),
    );
    expect(again.statusCode, again.body).toBe(200);
  });

  it('opens a verifier’s account with a one-time password; its first login enrols the authenticator; removed, it is closed', async () => {
    const hotel = await byName('广州花园酒店');
    const opened = await admin('POST', `${ORGS}/${hotel.id}/members`, {
      username: 'GZ.Garden.Wu',
      displayName: '吴婷（广州花园酒店前台）',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.headers['cache-control']).toBe('no-store');
    const { member, oneTimePassword } = opened.json();
    expect(member).toMatchObject({ username: 'gz.garden.wu', state: 'first-login', stateName: '待首次登录' });
    expect(oneTimePassword).toMatch(/^[\w-]{16}$/);
    // stored only as a hash, and not in the audit entry
    const audit = await lastAudit('console.verifier-member.add');
    expect(JSON.stringify(audit)).not.toContain(oneTimePassword);
    const row = await t.database.db
      .selectFrom('staff_accounts')
      .select(['password_hash', 'password_change_required'])
      .where('username', '=', 'gz.garden.wu')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(oneTimePassword);
    expect(row.password_change_required).toBe(true);
    // no department grant: the console shows it nothing
    const taken = await admin('POST', `${ORGS}/${hotel.id}/members`, { username: 'gz.inn.clerk', displayName: '重名' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'STAFF_USERNAME_TAKEN', errors: [{ path: 'username' }] });
    const badName = await admin('POST', `${ORGS}/${hotel.id}/members`, { username: '吴婷', displayName: '吴婷' });
    expect(badName.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'username' }] });

    // the first login: password, enrol the authenticator, change the password; then it checks guests in
    const pending = await c.call('POST', '/api/v1/staff/auth/login', {
      username: 'gz.garden.wu',
      password: oneTimePassword,
    });
    expect(pending.json().next).toBe('enrol');
    const pendingCookie = `${STAFF_COOKIE}=${pending.cookies.find((x) => x.name === STAFF_COOKIE)?.value}`;
    const enrol = await c.call('POST', '/api/v1/staff/auth/totp/enrol', undefined, undefined, {
      cookie: pendingCookie,
    });
    const code = new TOTP({ secret: Secret.fromBase32(enrol.json().secret) }).generate();
    const done = await c.call('POST', '/api/v1/staff/auth/totp', { code }, undefined, { cookie: pendingCookie });
    expect(done.statusCode, done.body).toBe(200);
    const session = `${STAFF_COOKIE}=${done.cookies.find((x) => x.name === STAFF_COOKIE)?.value}`;
    const early = await c.call(
      'POST',
      '/api/v1/verifier/check-ins',
      { payload: presentCredential(eId, shown++, 'hotel') },
      undefined,
      { cookie: session },
    );
    expect(early.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await c.call(
      'PUT',
      '/api/v1/staff/me/password',
      { currentPassword: oneTimePassword, newPassword: 'garden-hotel-desk-2026' },
      undefined,
      { cookie: session },
    );
    expect(changed.statusCode, changed.body).toBe(204);
    const checkIn = await c.call(
      'POST',
      '/api/v1/verifier/check-ins',
      { payload: presentCredential(eId, shown++, 'hotel') },
      undefined,
      { cookie: session },
    );
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    expect(checkIn.json().checkIn.organisation).toMatchObject({ name: '广州花园酒店', starRating: 5 });
    expect((await byName('广州花园酒店')).members[0]).toMatchObject({ username: 'gz.garden.wu', state: 'active' });

    // removed: the account is disabled and its session ends at once
    const removed = await admin('DELETE', `${ORGS}/${hotel.id}/members/${member.accountId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await c.call('GET', '/api/v1/verifier/me', undefined, undefined, { cookie: session })).statusCode).toBe(
      401,
    );
    const relogin = await c.call('POST', '/api/v1/staff/auth/login', {
      username: 'gz.garden.wu',
      password: 'garden-hotel-desk-2026',
    });
    expect(relogin.statusCode).toBe(401);
    expect((await byName('广州花园酒店')).members).toEqual([]);
    expect((await lastAudit('console.verifier-member.remove'))?.detail).toMatchObject({ username: 'gz.garden.wu' });
    // its check-in stays in the citizen's record
    expect((await byName('广州花园酒店')).checkInsLast30Days).toBe(1);
    const twice = await admin('DELETE', `${ORGS}/${hotel.id}/members/${member.accountId}`);
    expect(twice.json()).toMatchObject({ code: 'VERIFIER_MEMBER_NOT_FOUND' });
  });

  it('pages a long register by 20, in a stable order, with the total on every page', async () => {
    for (let i = 1; i <= 22; i++) {
      const name = `广州翠园酒店第${String(i).padStart(2, '0')}分店`;
      expect((await admin('POST', ORGS, { name, kind: 'hotel', cityCode: '440100', starRating: 3 })).statusCode).toBe(
        201,
      );
    }
    const page = async (n: number) =>
      (
        await admin('GET', `${ORGS}?q=${encodeURIComponent('翠园酒店')}&page=${n}`)
      ).json() as ConsoleVerifierOrganisationPage;
    const [one, two, three] = [await page(1), await page(2), await page(3)];
    expect([one.items.length, two.items.length, three.items.length]).toEqual([20, 2, 0]);
    expect([one.total, two.total, three.total]).toEqual([22, 22, 22]);
    const names = [...one.items, ...two.items].map((o) => o.name);
    expect(new Set(names).size).toBe(22);
    expect(names).toEqual([...names].sort());
  });

  it('does not change another city’s organisation, and audits the attempt', async () => {
    const sz = await t.database.db
      .selectFrom('verifier_organisations')
      .select(['id', 'active'])
      .where('name', '=', '深圳市公安局福田分局')
      .executeTakeFirstOrThrow();
    for (const [method, url, body] of [
      ['PATCH', `${ORGS}/${sz.id}`, { active: false }],
      ['POST', `${ORGS}/${sz.id}/members`, { username: 'sz.futian.new', displayName: '新民警' }],
    ] as const) {
      const r = await admin(method, url, body);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().detail).toContain('不在您管理的城市');
    }
    expect((await lastAudit('access.denied.staff'))?.detail).toMatchObject({ reason: 'no-grant', cityCode: '440300' });
    const still = await t.database.db
      .selectFrom('verifier_organisations')
      .select('active')
      .where('id', '=', sz.id)
      .executeTakeFirstOrThrow();
    expect(still.active).toBe(true);
    expect(
      await t.database.db
        .selectFrom('staff_accounts')
        .select('id')
        .where('username', '=', 'sz.futian.new')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('links a coach station to its station of the ticketing system, where its clerks then check tickets; one station, one organisation', async () => {
    const main = await byName('广州市汽车客运站');
    expect(main.ticketingStation).toEqual({ id: 'GZ01', name: '广州市汽车客运站' });
    expect((await byName('广州白云宾馆')).ticketingStation).toBeNull();
    const created = await admin('POST', ORGS, { name: '天河客运站', kind: 'coach-station', cityCode: '440100' });
    expect(created.statusCode, created.body).toBe(201);
    const tianhe = created.json() as ConsoleVerifierOrganisation;
    expect(tianhe.ticketingStation).toBeNull();

    // the choices: 广州's stations as the ticketing system lists them, with who holds each
    const choices = await admin('GET', `${ORGS}/${tianhe.id}/ticketing-stations`);
    expect(choices.statusCode, choices.body).toBe(200);
    const { current, stations } = choices.json() as TicketingStationChoices;
    expect(current).toBeNull();
    expect(stations.map((s) => s.id)).toEqual(['GZ01', 'GZ02', 'GZ03', 'GZ04']);
    expect(stations.find((s) => s.id === 'GZ01')?.linkedTo).toEqual({ id: main.id, name: '广州市汽车客运站' });
    expect(stations.find((s) => s.id === 'GZ03')).toMatchObject({ name: '天河客运站', linkedTo: null });

    const link = (id: string, body: object) => admin('PUT', `${ORGS}/${id}/ticketing-station`, body);
    const taken = await link(tianhe.id, { stationId: 'GZ01' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'COACH_STATION_TAKEN', errors: [{ path: 'stationId' }] });
    expect(taken.json().detail).toContain('已由“广州市汽车客运站”接入');
    const elsewhere = await link(tianhe.id, { stationId: 'SZ01' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'stationId' }] });
    for (const bad of [{}, { stationId: 'gz01' }, { stationId: 'GZ01', extra: 1 }])
      expect((await link(tianhe.id, bad)).statusCode, JSON.stringify(bad)).toBe(400);

    const linked = await link(tianhe.id, { stationId: 'GZ03' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as ConsoleVerifierOrganisation).ticketingStation).toEqual({ id: 'GZ03', name: '天河客运站' });
    expect((await lastAudit('console.verifier-organisation.ticketing-station'))?.detail).toMatchObject({
      organisationId: tianhe.id,
      before: null,
      after: { id: 'GZ03', name: '天河客运站' },
    });
    expect((await byName('天河客运站')).ticketingStation).toEqual({ id: 'GZ03', name: '天河客运站' });

    // only coach stations; only the admin's own city
    const hotel = await byName('广州白云宾馆');
    const notStation = await admin('GET', `${ORGS}/${hotel.id}/ticketing-stations`);
    expect(notStation.statusCode).toBe(409);
    expect(notStation.json().code).toBe('VERIFIER_NOT_A_COACH_STATION');
    const foshan = await t.database.db
      .selectFrom('verifier_organisations')
      .select('id')
      .where('name', '=', '佛山汽车站')
      .executeTakeFirstOrThrow();
    expect((await admin('DELETE', `${ORGS}/${foshan.id}/ticketing-station`)).statusCode).toBe(403);

    // 断开接入: the main station's clerk is told the station is not connected; linked again, scans are answered
    const scan = () =>
      c.call('POST', '/api/v1/verifier/coach/scan', { qr: 'YSST1:garbage' }, undefined, as('gz.coach.clerk'));
    const unlinked = await admin('DELETE', `${ORGS}/${main.id}/ticketing-station`);
    expect((unlinked.json() as ConsoleVerifierOrganisation).ticketingStation).toBeNull();
    expect((await lastAudit('console.verifier-organisation.ticketing-station'))?.detail).toMatchObject({
      before: { id: 'GZ01' },
      after: null,
    });
    const refused = await scan();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'COACH_STATION_ONLY',
      detail: '该客运站尚未接入联网售票系统，不能在线验票。请联系本市核验单位管理员在工作台“核验单位管理”中接入。',
    });
    expect((await link(main.id, { stationId: 'GZ01' })).statusCode).toBe(200);
    const answered = await scan();
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ verdict: 'invalid-code' });
  });
});
