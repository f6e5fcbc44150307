import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { createStaffAccount, DEMO_STAFF, type NewStaffGrant } from './accounts.js';

const STAFF_COOKIE = '__Host-yss_staff';
const CITIZEN_COOKIE = '__Host-yss_session';

/** The code an authenticator app shows `steps` time steps from now. */
function codeAt(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

describe.each(ENGINES)('staff accounts and console API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  // every request from its own client address, so only the per-account rules apply
  let ip = 0;
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body?: object,
    cookies: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': `10.2.${Math.floor(++ip / 250)}.${ip % 250}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(Object.keys(cookies).length
          ? {
              cookie: Object.entries(cookies)
                .map(([k, v]) => `${k}=${v}`)
                .join('; '),
            }
          : {}),
      },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const staffCall = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie?: string, body?: object) =>
    call(method, url, body, cookie ? { [STAFF_COOKIE]: cookie } : {});
  const staffCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === STAFF_COOKIE)?.value;

  async function passwordStep(username: string, password: string) {
    const res = await call('POST', '/api/v1/staff/auth/login', { username, password });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = staffCookie(res);
    if (!cookie) throw new Error('no pending staff cookie');
    return { cookie, next: res.json().next as 'totp' | 'enrol' };
  }

  async function totpStep(pending: string, code: string) {
    const res = await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = staffCookie(res);
    if (!cookie) throw new Error('no staff session cookie');
    return cookie;
  }

  let n = 0;
  /**
   * A new account as an operator makes it (CLI: one-time password), taken through its first login: TOTP
   * enrolment and the password change. Returns what a later login needs.
   */
  async function newStaff(grants: NewStaffGrant[]) {
    const created = await createStaffAccount(t.database.db, {
      username: `test.staff${++n}`,
      displayName: `测试人员${n}`,
      grants,
    });
    const { cookie: pending, next } = await passwordStep(created.username, created.password);
    expect(next).toBe('enrol');
    const enrol = await staffCall('POST', '/api/v1/staff/auth/totp/enrol', pending);
    expect(enrol.statusCode, enrol.body).toBe(200);
    const secret = enrol.json().secret as string;
    const enrolCode = codeAt(secret);
    const cookie = await totpStep(pending, enrolCode);
    const password = `new-password-${n}-long`;
    const changed = await staffCall('PUT', '/api/v1/staff/me/password', cookie, {
      currentPassword: created.password,
      newPassword: password,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    // the next login must use a later time step than the one enrolment consumed
    return { username: created.username, password, secret, cookie, enrolCode };
  }

  it('logs in with password then TOTP; the session cookie is its own, locked down, and rotated', async () => {
    const demo = DEMO_STAFF.find((a) => a.username === 'gz.hrss.kefu');
    if (!demo?.totpSecret) throw new Error('demo account missing');
    const { cookie: pending, next } = await passwordStep('GZ.HRSS.KEFU', demo.password);
    expect(next).toBe('totp');
    const res = await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code: codeAt(demo.totpSecret) });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === STAFF_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).not.toBe(pending);
    expect(res.json()).toMatchObject({ username: 'gz.hrss.kefu', passwordChangeRequired: false });
    const me = await staffCall('GET', '/api/v1/staff/me', cookie?.value);
    expect(me.statusCode).toBe(200);
    expect(me.json().grants).toEqual([
      expect.objectContaining({
        role: 'service_desk',
        roleName: '客服人员',
        departmentId: 'gd-hrss',
        departmentName: '广东省人力资源和社会保障厅',
        cityCode: '440100',
        cityName: '广州',
      }),
      expect.objectContaining({ role: 'service_desk', departmentId: 'shebao-agencies', cityCode: '440100' }),
    ]);
    expect(me.json().grants[0].permissions.map((p: { name: string }) => p.name)).toContain('查看意见反馈');
    // the pending token is spent
    expect((await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code: '123456' })).statusCode).toBe(401);
    // logout ends the session
    expect((await staffCall('POST', '/api/v1/staff/auth/logout', cookie?.value)).statusCode).toBe(204);
    expect((await staffCall('GET', '/api/v1/staff/me', cookie?.value)).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'result', 'actor_kind'])
      .where('action', 'in', ['staff.login', 'staff.logout'])
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'staff.login', result: 'success', actor_kind: 'staff' },
        { action: 'staff.logout', result: 'success', actor_kind: 'staff' },
      ]),
    );
  });

  it('enrols TOTP at the first login: QR and otpauth URI, then a valid code finishes enrolment and login', async () => {
    const created = await createStaffAccount(t.database.db, {
      username: 'test.enrol',
      displayName: '绑定测试',
      grants: [{ role: 'reviewer', departmentId: 'gd-public-security', cityCode: '440300' }],
    });
    expect(created.password).toMatch(/^[\w-]{16}$/);
    const { cookie: pending, next } = await passwordStep('test.enrol', created.password);
    expect(next).toBe('enrol');
    const early = await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code: '123456' });
    expect(early.json()).toMatchObject({ code: 'TOTP_NOT_ENROLLED', status: 409 });
    const enrol = await staffCall('POST', '/api/v1/staff/auth/totp/enrol', pending);
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { uri, qrDataUrl, secret } = enrol.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('test.enrol');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // a reload shows the same secret until it is confirmed
    expect((await staffCall('POST', '/api/v1/staff/auth/totp/enrol', pending)).json().secret).toBe(secret);
    const stored = await t.database.db
      .selectFrom('staff_accounts')
      .select(['totp_secret_encrypted', 'totp_confirmed'])
      .where('username', '=', 'test.enrol')
      .executeTakeFirstOrThrow();
    expect(stored.totp_confirmed).toBe(false);
    expect(stored.totp_secret_encrypted).toMatch(/^v2\./);
    expect(stored.totp_secret_encrypted).not.toContain(secret);
    const cookie = await totpStep(pending, codeAt(secret));
    // the one-time password must be changed before any console work
    const me = await staffCall('GET', '/api/v1/staff/me', cookie);
    expect(me.json()).toMatchObject({ username: 'test.enrol', passwordChangeRequired: true });
    const blocked = await staffCall('GET', '/api/v1/console/feedback', cookie);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', status: 403 });
    // once confirmed, the next login asks for the code and enrolment is closed
    const again = await passwordStep('test.enrol', created.password);
    expect(again.next).toBe('totp');
    expect((await staffCall('POST', '/api/v1/staff/auth/totp/enrol', again.cookie)).statusCode).toBe(403);
  });

  it('refuses a wrong TOTP code and a replayed one, and accepts the next time step', async () => {
    const s = await newStaff([{ role: 'auditor', departmentId: 'gd-tax', cityCode: null }]);
    // enrolment used the current step: the same code again is a replay, on a new login too
    const first = await passwordStep(s.username, s.password);
    const replay = await staffCall('POST', '/api/v1/staff/auth/totp', first.cookie, { code: s.enrolCode });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'TOTP_INVALID' });
    expect(replay.json().detail).toContain('已使用过');
    const wrongCode = codeAt(s.secret, 5);
    const wrong = await staffCall('POST', '/api/v1/staff/auth/totp', first.cookie, { code: wrongCode });
    expect(wrong.json()).toMatchObject({ code: 'TOTP_INVALID' });
    expect(wrong.json().detail).toContain('不正确');
    const badShape = await staffCall('POST', '/api/v1/staff/auth/totp', first.cookie, { code: '12ab' });
    expect(badShape.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    // the next step (within the ±1 window) is accepted once
    const nextCode = codeAt(s.secret, 1);
    const cookie = await totpStep(first.cookie, nextCode);
    expect((await staffCall('GET', '/api/v1/staff/me', cookie)).statusCode).toBe(200);
    const second = await passwordStep(s.username, s.password);
    const again = await staffCall('POST', '/api/v1/staff/auth/totp', second.cookie, { code: nextCode });
    expect(again.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const failures = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'staff.login.totp')
      .where('result', '=', 'failure')
      .execute();
    expect(failures.map((f) => f.detail.reason)).toEqual(expect.arrayContaining(['replay', 'wrong']));
  });

  it('accepts one code once even when two logins send it at the same time', async () => {
    const s = await newStaff([{ role: 'auditor', departmentId: 'gd-tax', cityCode: '440300' }]);
    const [a, b] = [await passwordStep(s.username, s.password), await passwordStep(s.username, s.password)];
    const code = codeAt(s.secret, 1);
    const results = await Promise.all(
      [a, b].map((p) => staffCall('POST', '/api/v1/staff/auth/totp', p.cookie, { code })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('ends sessions at the idle limit, and pending logins after 5 minutes', async () => {
    const s = await newStaff([{ role: 'auditor', departmentId: 'gd-tax', cityCode: '440100' }]);
    expect((await staffCall('GET', '/api/v1/staff/me', s.cookie)).statusCode).toBe(200);
    await t.database.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: new Date(Date.now() - 16 * 60_000) })
      .where('state', '=', 'active')
      .where('ended_at', 'is', null)
      .where('account_id', '=', (eb) => eb.selectFrom('staff_accounts').select('id').where('username', '=', s.username))
      .execute();
    const idle = await staffCall('GET', '/api/v1/staff/me', s.cookie);
    expect(idle.json()).toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });

    const { cookie: pending } = await passwordStep(s.username, s.password);
    await t.database.db
      .updateTable('staff_sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('state', '=', 'pending')
      .where('ended_at', 'is', null)
      .execute();
    const lapsed = await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code: codeAt(s.secret, 1) });
    expect(lapsed.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lapsed.json().detail).toContain('重新输入用户名和密码');
  });

  it('answers an unknown username exactly as a wrong password, and locks either after five failures', async () => {
    const s = await newStaff([{ role: 'reviewer', departmentId: 'gd-tax', cityCode: '440100' }]);
    const strip = (res: LightMyRequestResponse) => {
      const { instance, requestId, ...rest } = res.json();
      return { status: res.statusCode, cookies: res.cookies.length, ...rest };
    };
    const unknown = await call('POST', '/api/v1/staff/auth/login', {
      username: 'no.such.user',
      password: 'x'.repeat(12),
    });
    const wrong = await call('POST', '/api/v1/staff/auth/login', { username: s.username, password: 'x'.repeat(12) });
    expect(strip(unknown)).toEqual(strip(wrong));
    expect(strip(wrong)).toMatchObject({ status: 401, code: 'LOGIN_FAILED', cookies: 0 });
    for (let i = 0; i < 3; i++) {
      await call('POST', '/api/v1/staff/auth/login', { username: 'no.such.user', password: 'x'.repeat(12) });
      await call('POST', '/api/v1/staff/auth/login', { username: s.username, password: 'x'.repeat(12) });
    }
    const unknownFifth = await call('POST', '/api/v1/staff/auth/login', { username: 'no.such.user', password: 'y' });
    const wrongFifth = await call('POST', '/api/v1/staff/auth/login', { username: s.username, password: 'y' });
    expect(strip(unknownFifth)).toEqual(strip(wrongFifth));
    expect(wrongFifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423 });
    expect(wrongFifth.json().detail).toMatch(/锁定.*10分钟/);
    // now even the right password is refused, for 10 minutes
    const right = await call('POST', '/api/v1/staff/auth/login', { username: s.username, password: s.password });
    expect(right.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(right.cookies).toHaveLength(0);
  });

  it('rate-limits the login steps per client address', async () => {
    const from = { 'x-forwarded-for': '10.250.0.1', 'content-type': 'application/json' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/auth/login',
        headers: from,
        payload: JSON.stringify({ username: `rate.limit${i}`, password: 'wrong-password' }),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((code) => code === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('locks after five wrong TOTP codes too, ending the pending login', async () => {
    const s = await newStaff([{ role: 'reviewer', departmentId: 'gd-tax', cityCode: '440300' }]);
    const { cookie: pending } = await passwordStep(s.username, s.password);
    const wrong = codeAt(s.secret, 7);
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code: wrong })).json().code);
    }
    expect(statuses).toEqual(['TOTP_INVALID', 'TOTP_INVALID', 'TOTP_INVALID', 'TOTP_INVALID', 'ACCOUNT_LOCKED']);
    const right = await staffCall('POST', '/api/v1/staff/auth/totp', pending, { code: codeAt(s.secret, 1) });
    expect(right.statusCode).toBe(401);
  });

  it('a pending login (password only) opens nothing: console and profile answer 401', async () => {
    const s = await newStaff([{ role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' }]);
    const { cookie: pending } = await passwordStep(s.username, s.password);
    for (const url of ['/api/v1/console/feedback', '/api/v1/staff/me']) {
      const res = await staffCall('GET', url, pending);
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const patch = await staffCall('PATCH', `/api/v1/console/feedback/${crypto.randomUUID()}`, pending, {
      status: 'read',
    });
    expect(patch.statusCode).toBe(401);
  });

  it('keeps citizen and staff sessions apart: neither cookie authenticates the other side', async () => {
    const phone = '13700000077';
    await call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    const outbox = await call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`);
    const code = /验证码为(\d{6})/.exec(outbox.json()[0].text)?.[1] ?? '';
    const login = await call('POST', '/api/v1/auth/sms/login', { phone, code });
    const citizen = login.cookies.find((c) => c.name === CITIZEN_COOKIE)?.value ?? '';
    expect(citizen).not.toBe('');
    expect((await call('GET', '/api/v1/me', undefined, { [CITIZEN_COOKIE]: citizen })).statusCode).toBe(200);

    const s = await newStaff([{ role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' }]);
    // citizen cookie on staff routes, also when its token is put under the staff cookie's name
    const citizenCookies: Record<string, string>[] = [{ [CITIZEN_COOKIE]: citizen }, { [STAFF_COOKIE]: citizen }];
    for (const cookies of citizenCookies) {
      expect((await call('GET', '/api/v1/staff/me', undefined, cookies)).statusCode).toBe(401);
      expect((await call('GET', '/api/v1/console/feedback', undefined, cookies)).statusCode).toBe(401);
    }
    // staff cookie on citizen personal routes
    const staffCookies: Record<string, string>[] = [{ [STAFF_COOKIE]: s.cookie }, { [CITIZEN_COOKIE]: s.cookie }];
    for (const cookies of staffCookies) {
      const me = await call('GET', '/api/v1/me', undefined, cookies);
      expect(me.statusCode).toBe(401);
      expect(me.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect((await staffCall('GET', '/api/v1/staff/me', s.cookie)).statusCode).toBe(200);
  });

  describe('console 意见反馈 scoped to department and city', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const rows = [
        // gd-hrss (人社) in 广州 and in 深圳
        { key: 'hrssGz', service_id: 'zz-shebaoka', city_code: '440100', contact: '138****8000' },
        { key: 'hrssSz', service_id: 'zz-shebaoka', city_code: '440300', contact: null },
        // shebao-agencies in 广州
        { key: 'agencyGz', service_id: 'shebao-jiaofei-mingxi', city_code: '440100', contact: null },
        // gd-public-security (公安) in 广州 and in 深圳
        { key: 'policeGz', service_id: 'shenbao-juzhu-dengji', city_code: '440100', contact: null },
        { key: 'policeSz', service_id: 'shenbao-juzhu-dengji', city_code: '440300', contact: 'a***@example.com' },
        // about the platform itself, no service
        { key: 'platform', service_id: null, city_code: '440100', contact: null },
      ];
      for (const r of rows) {
        const saved = await t.database.db
          .insertInto('feedback')
          .values({
            category: 'question',
            content: `测试反馈：${r.key}`,
            contact_encrypted: r.contact ? `v1.fake.${randomBytes(4).toString('hex')}` : null,
            contact_masked: r.contact,
            service_id: r.service_id,
            city_code: r.city_code,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids[r.key] = saved.id;
      }
    });
    const keysOf = (res: LightMyRequestResponse) =>
      (res.json() as { id: string }[])
        .map((f) => Object.entries(ids).find(([, id]) => id === f.id)?.[0])
        .filter(Boolean)
        .sort();

    it('shows a 客服 only the feedback of their departments and city, contacts masked', async () => {
      const gz = await newStaff([
        { role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' },
        { role: 'service_desk', departmentId: 'shebao-agencies', cityCode: '440100' },
      ]);
      const list = await staffCall('GET', '/api/v1/console/feedback', gz.cookie);
      expect(list.statusCode, list.body).toBe(200);
      expect(keysOf(list)).toEqual(['agencyGz', 'hrssGz']);
      const hrss = list.json().find((f: { id: string }) => f.id === ids.hrssGz);
      expect(hrss).toMatchObject({
        serviceId: 'zz-shebaoka',
        departmentId: 'gd-hrss',
        departmentName: '广东省人力资源和社会保障厅',
        cityCode: '440100',
        cityName: '广州',
        contactMasked: '138****8000',
        status: 'new',
      });
      expect(JSON.stringify(list.json())).not.toContain('v1.fake');
      const filtered = await staffCall('GET', '/api/v1/console/feedback?cityCode=440100&status=closed', gz.cookie);
      expect(filtered.json()).toEqual([]);
      // a city none of the grants covers is refused, not answered with an empty list
      const otherCity = await staffCall('GET', '/api/v1/console/feedback?cityCode=440300', gz.cookie);
      expect(otherCity.statusCode).toBe(403);

      const sz = await newStaff([{ role: 'service_desk', departmentId: 'gd-public-security', cityCode: '440300' }]);
      expect(keysOf(await staffCall('GET', '/api/v1/console/feedback', sz.cookie))).toEqual(['policeSz']);
      const platform = await newStaff([
        { role: 'service_desk', departmentId: 'gd-government-services-data', cityCode: null },
      ]);
      expect(keysOf(await staffCall('GET', '/api/v1/console/feedback', platform.cookie))).toEqual(['platform']);
      const province = await newStaff([{ role: 'service_desk', departmentId: 'gd-hrss', cityCode: null }]);
      expect(keysOf(await staffCall('GET', '/api/v1/console/feedback', province.cookie))).toEqual(['hrssGz', 'hrssSz']);
    });

    it('masks phone and ID numbers in what the citizen typed; 显示 gives the text in its scope only, audited', async () => {
      const typed = '社保卡丢了，补办一直没消息，请回电 138-0013-8000，身份证440106199001011234。';
      const saved = await t.database.db
        .insertInto('feedback')
        .values({ category: 'complaint', content: typed, service_id: 'zz-shebaoka', city_code: '440100' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const gz = await newStaff([{ role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' }]);
      const list = await staffCall('GET', '/api/v1/console/feedback', gz.cookie);
      expect(list.body).not.toContain('0013');
      expect(list.body).not.toContain('440106199001011234');
      const item = list.json().find((f: { id: string }) => f.id === saved.id);
      expect(item).toMatchObject({
        content: '社保卡丢了，补办一直没消息，请回电 138****8000，身份证440***********1234。',
        contentMasked: true,
      });
      expect(list.json().find((f: { id: string }) => f.id === ids.hrssGz)).toMatchObject({
        content: '测试反馈：hrssGz',
        contentMasked: false,
      });

      const reveal = (id: string, cookie: string) =>
        staffCall('POST', `/api/v1/console/feedback/${id}/content/reveal`, cookie);
      const shown = await reveal(saved.id, gz.cookie);
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json()).toEqual({ id: saved.id, content: typed });
      expect(shown.headers['cache-control']).toBe('no-store');
      const entries = await t.database.db
        .selectFrom('audit_log')
        .select(['detail', 'result', 'actor_kind'])
        .where('action', '=', 'console.feedback.reveal')
        .execute();
      expect(entries).toContainEqual({ detail: { feedbackId: saved.id }, result: 'success', actor_kind: 'staff' });
      expect(JSON.stringify(entries)).not.toContain('8000');

      // another department's 客服, and a reviewer without feedback.read: refused; nothing masked: nothing to show
      const sz = await newStaff([{ role: 'service_desk', departmentId: 'gd-public-security', cityCode: '440300' }]);
      expect((await reveal(saved.id, sz.cookie)).statusCode).toBe(403);
      const reviewer = await newStaff([{ role: 'reviewer', departmentId: 'gd-hrss', cityCode: '440100' }]);
      expect((await reveal(saved.id, reviewer.cookie)).statusCode).toBe(403);
      const plain = await reveal(ids.hrssGz as string, gz.cookie);
      expect(plain.statusCode).toBe(400);
      expect(plain.json().code).toBe('FEEDBACK_NOT_MASKED');
      expect((await reveal(crypto.randomUUID(), gz.cookie)).statusCode).toBe(404);
      expect((await staffCall('POST', `/api/v1/console/feedback/${saved.id}/content/reveal`)).statusCode).toBe(401);
    });

    it('changes the status of own feedback, and refuses (403, audited) another department’s or city’s', async () => {
      const gz = await newStaff([{ role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' }]);
      const ok = await staffCall('PATCH', `/api/v1/console/feedback/${ids.hrssGz}`, gz.cookie, { status: 'answered' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ id: ids.hrssGz, status: 'answered' });
      const answered = await staffCall('GET', '/api/v1/console/feedback?status=answered', gz.cookie);
      expect(keysOf(answered)).toEqual(['hrssGz']);

      for (const key of ['policeGz', 'hrssSz', 'platform']) {
        const denied = await staffCall('PATCH', `/api/v1/console/feedback/${ids[key]}`, gz.cookie, {
          status: 'closed',
        });
        expect(denied.statusCode, key).toBe(403);
        expect(denied.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('您没有权限') });
      }
      const untouched = await t.database.db
        .selectFrom('feedback')
        .select('status')
        .where('id', '=', ids.policeGz as string)
        .executeTakeFirstOrThrow();
      expect(untouched.status).toBe('new');
      const denials = await t.database.db
        .selectFrom('audit_log')
        .select(['detail', 'actor_kind'])
        .where('action', '=', 'access.denied.staff')
        .execute();
      expect(denials).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actor_kind: 'staff',
            detail: expect.objectContaining({
              permission: 'feedback.answer',
              departmentId: 'gd-public-security',
              cityCode: '440100',
            }),
          }),
        ]),
      );
      const changes = await t.database.db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'console.feedback.status')
        .execute();
      expect(changes.map((c) => c.detail)).toContainEqual({ feedbackId: ids.hrssGz, from: 'new', to: 'answered' });

      const missing = await staffCall('PATCH', `/api/v1/console/feedback/${crypto.randomUUID()}`, gz.cookie, {
        status: 'read',
      });
      expect(missing.statusCode).toBe(404);
      const reviewer = await newStaff([{ role: 'reviewer', departmentId: 'gd-hrss', cityCode: '440100' }]);
      const missingForReviewer = await staffCall(
        'PATCH',
        `/api/v1/console/feedback/${crypto.randomUUID()}`,
        reviewer.cookie,
        {
          status: 'read',
        },
      );
      expect(missingForReviewer.statusCode).toBe(403);
      const badStatus = await staffCall('PATCH', `/api/v1/console/feedback/${ids.hrssGz}`, gz.cookie, {
        status: 'deleted',
      });
      expect(badStatus.statusCode).toBe(400);
    });

    it('refuses roles without the permission, and anonymous callers', async () => {
      const reviewer = await newStaff([{ role: 'reviewer', departmentId: 'gd-hrss', cityCode: '440100' }]);
      const list = await staffCall('GET', '/api/v1/console/feedback', reviewer.cookie);
      expect(list.statusCode).toBe(403);
      expect(list.json()).toMatchObject({ code: 'FORBIDDEN' });
      const patch = await staffCall('PATCH', `/api/v1/console/feedback/${ids.hrssGz}`, reviewer.cookie, {
        status: 'read',
      });
      expect(patch.statusCode).toBe(403);
      const anonymous = await call('GET', '/api/v1/console/feedback');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      const anonymousPatch = await call('PATCH', `/api/v1/console/feedback/${ids.hrssGz}`, { status: 'read' });
      expect(anonymousPatch.statusCode).toBe(401);
    });
  });

  it('creates accounts only with a known role, department and city, and a free username', async () => {
    const make = (over: Partial<NewStaffGrant> & { username?: string }) =>
      createStaffAccount(t.database.db, {
        username: over.username ?? 'test.invalid',
        displayName: '校验测试',
        grants: [
          {
            role: over.role ?? 'reviewer',
            departmentId: over.departmentId ?? 'gd-tax',
            cityCode: over.cityCode === undefined ? '440100' : over.cityCode,
          },
        ],
      });
    await expect(make({ role: 'superuser' })).rejects.toThrow(/unknown role/);
    await expect(make({ departmentId: 'no-such-department' })).rejects.toThrow(/unknown department/);
    await expect(make({ cityCode: '110000' })).rejects.toThrow(/not a Guangdong city/);
    await expect(make({ username: 'Has Spaces' })).rejects.toThrow(/username/);
    await expect(make({ username: 'gz.hrss.kefu' })).rejects.toThrow(/taken/);
    const rows = await t.database.db
      .selectFrom('staff_accounts')
      .select('username')
      .where('username', '=', 'test.invalid')
      .execute();
    expect(rows).toEqual([]);
  });

  it('serves the current code of a demo account in demo mode', async () => {
    const demo = DEMO_STAFF.find((a) => a.username === 'sz.police.reviewer');
    const res = await call('GET', '/api/v1/dev/staff-totp/sz.police.reviewer');
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe(codeAt(demo?.totpSecret ?? ''));
    expect(res.json().secondsLeft).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/dev/staff-totp/fs.edu.editor')).statusCode).toBe(404);
  });
});

describe.each(ENGINES)('staff accounts in production mode on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // The test hands buildApp its own database; production mode still insists on a DATABASE_URL setting.
    t = await createTestApp(engine, { APP_MODE: 'production', DATABASE_URL: 'postgres://unused.invalid/yss' });
  });
  afterAll(() => t?.close());

  it('has no staff account at all after prepare, and no demo code endpoint', async () => {
    const rows = await t.database.db.selectFrom('staff_accounts').select('username').execute();
    expect(rows).toEqual([]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'gz.hrss.kefu', password: 'yss-demo-2026' }),
    });
    expect(login.json()).toMatchObject({ code: 'LOGIN_FAILED' });
    expect((await t.app.inject('/api/v1/dev/staff-totp/gz.hrss.kefu')).statusCode).toBe(404);
  });
});
