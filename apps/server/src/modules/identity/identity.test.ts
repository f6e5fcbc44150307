import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createTestApp, SESSION_ENGINES, type TestApp } from '../../test-support/test-app.js';
import { AuditLog } from '../audit/index.js';
import { maskName } from '../privacy/index.js';
import { insertPasskey } from './repository.js';

const COOKIE = '__Host-yss_session';

describe.each(SESSION_ENGINES)('identity API on %s', (engine) => {
  let t: TestApp;
  // each test uses its own demo person, so tests do not share SMS limits or sessions
  const person = (i: number) => {
    const p = DEMO_PEOPLE[i];
    if (!p) throw new Error(`no demo person ${i}`);
    return p;
  };
  /** A demo person with a registered phone, who can log in by SMS (some, e.g. children, have none). */
  const withPhone = (i: number) => {
    const p = person(i);
    if (!p.phone) throw new Error(`demo person ${i} has no phone`);
    return { ...p, phone: p.phone };
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  let ip = 0;
  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: object,
    cookie?: string,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': `10.1.${Math.floor(++ip / 250)}.${ip % 250}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}),
        ...headers,
      },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === COOKIE)?.value;

  async function latestCode(phone: string): Promise<string> {
    const res = await call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`);
    const text = res.json()[0]?.text as string;
    const code = /验证码为(\d{6})/.exec(text)?.[1];
    if (!code) throw new Error(`no code in outbox for ${phone}`);
    return code;
  }

  async function smsLogin(phone: string): Promise<string> {
    const sent = await call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    expect(sent.statusCode, sent.body).toBe(202);
    const res = await call('POST', '/api/v1/auth/sms/login', { phone, code: await latestCode(phone) });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = cookieOf(res);
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  }

  /** A real-name account with a PIN, verified: what most tests start from. */
  async function verifiedAccount(i: number, pin = '385172') {
    const p = withPhone(i);
    const cookie = await smsLogin(p.phone);
    const bound = await call('POST', '/api/v1/me/real-name', { name: p.name, idNumber: p.idNumber }, cookie);
    expect(bound.statusCode, bound.body).toBe(200);
    const set = await call('PUT', '/api/v1/me/pin', { pin }, cookie);
    expect(set.statusCode, set.body).toBe(204);
    return { p, cookie, pin };
  }

  it('sends codes with the same answer for known and unknown phones, and limits resending', async () => {
    const known = await call('POST', '/api/v1/auth/sms/send', { phone: withPhone(0).phone });
    const unknown = await call('POST', '/api/v1/auth/sms/send', { phone: '13912345678' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(known.json())).toEqual(Object.keys(unknown.json()));
    expect(known.json().message).toContain('138****');
    const again = await call('POST', '/api/v1/auth/sms/send', { phone: '13912345678' });
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'SMS_TOO_FREQUENT' });
    const bad = await call('POST', '/api/v1/auth/sms/send', { phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('手机号码');
  });

  it('logs in by SMS code: wrong codes counted, a code works once, and the session cookie is locked down', async () => {
    const phone = '13700000001';
    await call('POST', '/api/v1/auth/sms/send', { phone });
    const code = await latestCode(phone);
    const wrong = await call('POST', '/api/v1/auth/sms/login', {
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'SMS_CODE_INVALID' });
    expect(wrong.json().detail).toContain('还可以尝试4次');
    const ok = await call('POST', '/api/v1/auth/sms/login', { phone, code });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(ok.json().account).toMatchObject({ phoneMasked: '137****0001', realName: null, verifiedUntil: null });
    const reuse = await call('POST', '/api/v1/auth/sms/login', { phone, code });
    expect(reuse.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });

  it('kills a code after five wrong tries', async () => {
    const phone = '13700000002';
    await call('POST', '/api/v1/auth/sms/send', { phone });
    const code = await latestCode(phone);
    const wrongCode = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) await call('POST', '/api/v1/auth/sms/login', { phone, code: wrongCode });
    const right = await call('POST', '/api/v1/auth/sms/login', { phone, code });
    expect(right.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' });
  });

  it('binds the real name only when name, ID and the registered phone match, with precise ID errors', async () => {
    const p = withPhone(1);
    const cookie = await smsLogin(p.phone);
    const wrongCheck = p.idNumber.slice(0, 17) + (p.idNumber.endsWith('1') ? '2' : '1');
    const r1 = await call('POST', '/api/v1/me/real-name', { name: p.name, idNumber: wrongCheck }, cookie);
    expect(r1.statusCode).toBe(400);
    expect(r1.json()).toMatchObject({ code: 'ID_NUMBER_INVALID' });
    expect(r1.json().detail).toMatch(/校验/);
    const r2 = await call('POST', '/api/v1/me/real-name', { name: '王某某', idNumber: p.idNumber }, cookie);
    expect(r2.json()).toMatchObject({ code: 'REAL_NAME_MISMATCH' });
    // somebody else's true identity, from this phone: refused with the same words
    const other = person(2);
    const r3 = await call('POST', '/api/v1/me/real-name', { name: other.name, idNumber: other.idNumber }, cookie);
    expect(r3.json()).toMatchObject({ code: 'REAL_NAME_MISMATCH' });
    expect(r3.json().detail).toBe(r2.json().detail);
    const ok = await call('POST', '/api/v1/me/real-name', { name: p.name, idNumber: p.idNumber }, cookie);
    expect(ok.statusCode).toBe(200);
    const profile = ok.json();
    expect(profile.realName.idNumberMasked).toBe(`${p.idNumber.slice(0, 3)}***********${p.idNumber.slice(-4)}`);
    expect(profile.realName.nameMasked).toMatch(/^.\*+$/u);
    expect(JSON.stringify(profile)).not.toContain(p.idNumber);
    const row = await t.database.db
      .selectFrom('identity_accounts')
      .selectAll()
      .where('id', '=', profile.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(p.idNumber);
    expect(JSON.stringify(row)).not.toContain(p.phone);
  });

  it('never shows personal data after an SMS login alone; a PIN verification unlocks it', async () => {
    const { p, cookie, pin } = await verifiedAccount(3);
    const denied = await call('POST', '/api/v1/me/reveal', undefined, cookie);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'VERIFICATION_REQUIRED' });
    const wrong = await call('POST', '/api/v1/me/verify/pin', { pin: '000001' }, cookie);
    expect(wrong.json()).toMatchObject({ code: 'PIN_INVALID' });
    const verified = await call('POST', '/api/v1/me/verify/pin', { pin }, cookie);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verifiedUntil).toBeTruthy();
    const revealed = await call('POST', '/api/v1/me/reveal', undefined, cookie);
    expect(revealed.json()).toEqual({ name: p.name, idNumber: p.idNumber, phone: p.phone });
    const log = await call('GET', '/api/v1/me/access-log', undefined, cookie);
    const labels = log.json().map((e: { actionLabel: string }) => e.actionLabel);
    expect(labels).toEqual(
      expect.arrayContaining(['查看完整个人信息', '未验证身份，拒绝查看个人信息', '密码验证', '实名认证']),
    );
    expect(log.json().every((e: { actor: string }) => e.actor === '本人' || e.actor === '未登录用户')).toBe(true);
  });

  it('refuses weak PINs, requires the current PIN to change it, and locks after five failures', async () => {
    const p = withPhone(6);
    const cookie = await smsLogin(p.phone);
    await call('POST', '/api/v1/me/real-name', { name: p.name, idNumber: p.idNumber }, cookie);
    for (const weak of [
      '123456',
      '111111',
      p.idNumber.slice(8, 14),
      p.idNumber.slice(10, 14) + p.idNumber.slice(8, 10),
    ]) {
      const res = await call('PUT', '/api/v1/me/pin', { pin: weak }, cookie);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().code, weak).toBe('PIN_WEAK');
    }
    expect((await call('PUT', '/api/v1/me/pin', { pin: '385172' }, cookie)).statusCode).toBe(204);
    const noCurrent = await call('PUT', '/api/v1/me/pin', { pin: '529384' }, cookie);
    expect(noCurrent.statusCode).toBe(403); // changing needs a fresh verification
    for (let i = 0; i < 4; i++) {
      const res = await call('POST', '/api/v1/auth/pin/login', { phone: p.phone, pin: '000001' });
      expect(res.json().code).toBe('LOGIN_FAILED');
    }
    const fifth = await call('POST', '/api/v1/auth/pin/login', { phone: p.phone, pin: '000001' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'PIN_LOCKED' });
    const right = await call('POST', '/api/v1/auth/pin/login', { phone: p.phone, pin: '385172' });
    expect(right.statusCode).toBe(423); // locked even for the right PIN
    const unknown = await call('POST', '/api/v1/auth/pin/login', { phone: '13900000099', pin: '385172' });
    expect(unknown.json()).toMatchObject({ code: 'LOGIN_FAILED' });
    // a registered phone and an unknown one get the same words, and the same lockout
    const known = await call('POST', '/api/v1/auth/pin/login', { phone: withPhone(3).phone, pin: '000001' });
    expect(known.json().detail).toBe(unknown.json().detail);
    for (let i = 0; i < 3; i++) await call('POST', '/api/v1/auth/pin/login', { phone: '13900000099', pin: '385172' });
    const unknownLocked = await call('POST', '/api/v1/auth/pin/login', { phone: '13900000099', pin: '385172' });
    expect(unknownLocked.statusCode).toBe(423);
    expect(unknownLocked.json().code).toBe('PIN_LOCKED');
  });

  it('one device at a time: a new login logs the old one out with SESSION_REPLACED', async () => {
    const { p, pin, cookie: first } = await verifiedAccount(5);
    const second = await call('POST', '/api/v1/auth/pin/login', { phone: p.phone, pin });
    expect(second.statusCode).toBe(200);
    const old = await call('GET', '/api/v1/me', undefined, first);
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ code: 'SESSION_REPLACED' });
    expect(old.json().detail).toContain('其他设备登录');
    const current = await call('GET', '/api/v1/me', undefined, cookieOf(second));
    expect(current.statusCode).toBe(200);
    const logout = await call('POST', '/api/v1/auth/logout', undefined, cookieOf(second));
    expect(logout.statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me', undefined, cookieOf(second))).json().code).toBe('UNAUTHENTICATED');
  });

  it('20 parallel logins leave exactly one live session', async () => {
    const { p, pin } = await verifiedAccount(7);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', '/api/v1/auth/pin/login', { phone: p.phone, pin })),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const accountId = results[0]?.json().account.id;
    expect(await t.sessions.countLive(accountId)).toBe(1);
    const checks = await Promise.all(results.map((r) => call('GET', '/api/v1/me', undefined, cookieOf(r))));
    expect(checks.filter((c) => c.statusCode === 200)).toHaveLength(1);
    expect(checks.filter((c) => c.json().code === 'SESSION_REPLACED')).toHaveLength(19);
  });

  it('answers anonymous and forged requests without revealing anything, never with a 500', async () => {
    expect((await call('GET', '/api/v1/me')).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call('GET', '/api/v1/me', undefined, 'forged-token')).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const forged = await call('POST', '/api/v1/auth/passkey/login', {
      response: {
        id: 'abc',
        rawId: 'abc',
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: '', signature: '' },
      },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ code: 'PASSKEY_FAILED' });
    const garbage = await call('POST', '/api/v1/auth/passkey/login', {
      response: { id: 'x', response: { clientDataJSON: '!!!' } },
    });
    expect(garbage.statusCode).toBe(400);
    const options = await call('POST', '/api/v1/auth/passkey/options');
    expect(options.json()).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
  });

  it('a personal lookup reads the identity bound now: binding again takes effect at once, not after a cache lifetime', async () => {
    // Two adults of the generated province (no demo person: the other tests use those): one with a phone
    // who opens the account, one without.
    const adult = async (withPhone: boolean) => {
      const rows = await sql<{ name: string; idNumber: string; phone: string | null }>`
        select name, id_number as "idNumber", phone from dept_gongan.people
        where status = 'normal' and birth_date < '2000-01-01' and phone is ${withPhone ? sql`not null` : sql`null`}
          and name not in (${sql.join(DEMO_PEOPLE.map((p) => p.name))})
        order by id_number limit 1`.execute(t.database.db);
      if (!rows.rows[0]) throw new Error('no such adult in the register');
      return rows.rows[0];
    };
    const holder = await adult(true);
    const other = await adult(false);
    const cookie = await smsLogin(holder.phone ?? '');
    const bound = await call('POST', '/api/v1/me/real-name', { name: holder.name, idNumber: holder.idNumber }, cookie);
    expect(bound.statusCode, bound.body).toBe(200);
    expect((await call('PUT', '/api/v1/me/pin', { pin: '385172' }, cookie)).statusCode).toBe(204);
    expect((await call('POST', '/api/v1/me/verify/pin', { pin: '385172' }, cookie)).statusCode).toBe(200);
    const whose = async () => {
      const res = await call('GET', '/api/v1/lookups/social-insurance/contributions?city=440100', undefined, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().subject.nameMasked as string;
    };
    expect(await whose()).toBe(maskName(holder.name));
    // The register passes the phone number on to the other adult, who binds this account to themself.
    await sql`update dept_gongan.people set phone = ${holder.phone} where id_number = ${other.idNumber}`.execute(
      t.database.db,
    );
    const rebound = await call('POST', '/api/v1/me/real-name', { name: other.name, idNumber: other.idNumber }, cookie);
    expect(rebound.statusCode, rebound.body).toBe(200);
    expect(await whose()).toBe(maskName(other.name));
  });

  it('access matrix: personal routes answer only their verified owner', async () => {
    const owner = await verifiedAccount(8);
    const ownerId = (await call('GET', '/api/v1/me', undefined, owner.cookie)).json().id;
    const passkey = await insertPasskey(t.database.db, {
      account_id: ownerId,
      credential_id: `cred-${ownerId}`,
      public_key: new Uint8Array([1, 2, 3]),
      counter: 0,
      transports: [],
      device_type: 'singleDevice',
      backed_up: false,
      nickname: '主人的手机',
    });
    const other = await smsLogin('13700000005'); // another citizen, SMS login only
    const routes: [method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: object][] = [
      ['GET', '/api/v1/me'],
      ['POST', '/api/v1/me/reveal'],
      ['GET', '/api/v1/me/access-log'],
      ['GET', '/api/v1/me/passkeys'],
      ['PATCH', `/api/v1/me/passkeys/${passkey.id}`, { nickname: 'x' }],
      ['DELETE', `/api/v1/me/passkeys/${passkey.id}`],
    ];
    for (const [method, url, body] of routes) {
      const anonymous = await call(method, url, body);
      expect([401, 404], `${method} ${url} anonymous`).toContain(anonymous.statusCode);
      const stranger = await call(method, url, body, other);
      // the stranger sees only their own (empty) data, or is refused; never the owner's
      expect(stranger.body, `${method} ${url} stranger`).not.toContain('主人的手机');
      expect(stranger.body).not.toContain(owner.p.idNumber);
      expect(stranger.statusCode, `${method} ${url} stranger`).not.toBe(500);
    }
    const removeOthers = await call('DELETE', `/api/v1/me/passkeys/${passkey.id}`, undefined, other);
    expect([403, 404]).toContain(removeOthers.statusCode);
    expect((await call('GET', '/api/v1/me/passkeys', undefined, owner.cookie)).json()).toHaveLength(1);
  });

  it('refuses cross-site writes (CSRF)', async () => {
    const res = await call('POST', '/api/v1/auth/sms/send', { phone: '13700000003' }, undefined, {
      origin: 'https://evil.example',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    const site = await call('POST', '/api/v1/auth/logout', undefined, undefined, { 'sec-fetch-site': 'cross-site' });
    expect(site.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    const ours = await call('POST', '/api/v1/auth/sms/send', { phone: '13700000004' }, undefined, {
      origin: 'http://localhost:3000',
    });
    expect(ours.statusCode).toBe(202);
  });

  it('keeps an append-only, hash-chained audit log', async () => {
    const audit = new AuditLog(t.database.db);
    expect(await audit.verifyChain()).toBeNull();
    await expect(sql`update audit_log set result = 'success'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
