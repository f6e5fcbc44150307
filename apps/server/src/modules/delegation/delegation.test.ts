import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { SoftAuthenticator } from '../../test-support/soft-authenticator.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { AuditLog } from '../audit/index.js';
import { ageOn, fourteenthBirthday, relationLabel } from './delegation-service.js';
import { setValidUntil } from './repository.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const zhangWei = demo('张伟');
const liuFang = demo('刘芳'); // 张伟's wife
const son = demo('张梓轩'); // their son, under 14, no phone
const father = demo('张建国'); // 张伟's father, over 80, has a registered phone
const mother = demo('王秀英'); // deceased
const liNa = demo('李娜');
const chen = demo('陈志强');
const DELEGABLE = ['yanglao-zige-renzheng', 'gaoling-jintie-shenqing'];

describe('delegation rules', () => {
  it('computes ages and the end of a guardian link at midnight China time of the 14th birthday', () => {
    expect(ageOn('2017-04-15', new Date('2031-04-14T15:59:59Z'))).toBe(13);
    expect(ageOn('2017-04-15', new Date('2031-04-14T16:00:00Z'))).toBe(14);
    expect(fourteenthBirthday('2017-04-15').toISOString()).toBe('2031-04-14T16:00:00.000Z');
    expect(fourteenthBirthday('2016-02-29').toISOString()).toBe('2030-02-28T16:00:00.000Z'); // 1 March, China time
  });

  it('names the relation from each side', () => {
    expect(relationLabel('parent', 'male', 'agent')).toBe('父亲');
    expect(relationLabel('parent', 'female', 'principal')).toBe('女儿');
    expect(relationLabel('child', 'male', 'agent')).toBe('儿子');
    expect(relationLabel('spouse', 'female', 'agent')).toBe('妻子');
    expect(relationLabel(null, 'male', 'agent')).toBeNull();
  });
});

describe.each(ENGINES)('delegation API on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const { call } = c;

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  const add = (cookie: string, who: { name: string; idNumber: string }, serviceIds = DELEGABLE, validDays = 90) =>
    call('POST', '/api/v1/delegations', { name: who.name, idNumber: who.idNumber, serviceIds, validDays }, cookie);

  it('an elderly parent without an account consents by an SMS code to their registered phone', async () => {
    const agent = await c.verifiedAccount(zhangWei);
    const added = await add(agent.cookie, father);
    expect(added.statusCode, added.body).toBe(201);
    const d = added.json();
    expect(d).toMatchObject({
      role: 'agent',
      kind: 'consent',
      status: 'pending',
      statusLabel: '待对方确认',
      otherParty: { nameMasked: '张**', relationLabel: '父亲' },
      consentOptions: { account: false, smsPhoneMasked: '138****8003', pin: false, passkey: false },
    });
    expect(d.otherParty.idNumberMasked).not.toContain(father.idNumber.slice(6, 14));
    expect(d.services.map((s: { name: string }) => s.name)).toEqual(['养老资格认证', '高龄津贴申请']);

    // not yet active: acting is refused
    const early = await call('GET', `/api/v1/delegations/${d.id}/subject`, undefined, agent.cookie);
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('DELEGATION_INACTIVE');

    const sent = await call('POST', `/api/v1/delegations/${d.id}/consent/sms`, undefined, agent.cookie);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().message).toContain('138****8003');
    // the text says what the code agrees to, so a person talked into reading it out knows what it does
    expect(await c.latestSms(father.phone as string)).toMatch(/张\*申请在“粤省事”为您代办2项服务，期限90天/);
    const wrong = await call(
      'POST',
      `/api/v1/delegations/${d.id}/consent`,
      { method: 'sms', code: '000000' },
      agent.cookie,
    );
    expect(wrong.json().code).toMatch(/SMS_CODE_INVALID/);
    const code = await c.latestCode(father.phone as string);
    const ok = await call('POST', `/api/v1/delegations/${d.id}/consent`, { method: 'sms', code }, agent.cookie);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'active', consentMethod: 'principal-sms', consentOptions: null });
    const days = (Date.parse(ok.json().validUntil) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    // the code works once
    const again = await call('POST', `/api/v1/delegations/${d.id}/consent`, { method: 'sms', code }, agent.cookie);
    expect(again.json().code).toBe('DELEGATION_INACTIVE');

    const subject = await call('GET', `/api/v1/delegations/${d.id}/subject`, undefined, agent.cookie);
    expect(subject.statusCode, subject.body).toBe(200);
    expect(subject.json()).toMatchObject({ nameMasked: '张**', relationLabel: '父亲', sex: 'male' });
    expect(subject.json().age).toBeGreaterThanOrEqual(80);
    expect(subject.body).not.toContain(father.idNumber);

    // actor and subject are both recorded
    const { rows } = await sql<{
      actor_kind: string;
      actor_account_id: string;
      detail: Record<string, string>;
    }>`select actor_kind, actor_account_id, detail from audit_log where action = 'delegation.subject.read'`.execute(
      t.database.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_kind: 'agent', actor_account_id: agent.id });
    expect(rows[0]?.detail.subjectPersonId).toBe(father.personId);

    // adding the same person again while the delegation is open
    expect((await add(agent.cookie, father)).json().code).toBe('DELEGATION_EXISTS');

    // the father opens an account later and sees who acted for him
    const principal = await c.verifiedAccount(father);
    const log = await call('GET', '/api/v1/me/access-log', undefined, principal.cookie);
    expect(log.statusCode, log.body).toBe(200);
    const entry = log.json().find((e: { action: string }) => e.action === 'delegation.subject.read');
    expect(entry).toMatchObject({ actionLabel: '代办人查看基本信息', actor: '代办人' });
    // and finds the delegation in his own list, from his side
    const list = await call('GET', '/api/v1/delegations', undefined, principal.cookie);
    expect(list.json().asPrincipal[0]).toMatchObject({
      id: d.id,
      role: 'principal',
      status: 'active',
      otherParty: { nameMasked: '张*', relationLabel: '儿子' },
    });
  });

  it('a parent gets a guardian link for a child under 14 at once, until the 14th birthday', async () => {
    const agent = await c.verifiedAccount(liuFang);
    const added = await add(agent.cookie, son, ['canjirenzheng-chaxun']);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      kind: 'guardian',
      status: 'active',
      consentMethod: 'guardian',
      consentMethodLabel: '监护关系（未满14周岁子女）',
      otherParty: { relationLabel: '儿子' },
      validUntil: fourteenthBirthday(son.birthDate).toISOString(),
    });
    const subject = await call('GET', `/api/v1/delegations/${added.json().id}/subject`, undefined, agent.cookie);
    expect(subject.statusCode).toBe(200);
    expect(subject.json().age).toBeLessThan(14);

    // someone who is not the child's parent cannot add a child
    const stranger = await c.verifiedAccount(liNa);
    const refused = await add(stranger.cookie, son);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'DELEGATION_NOT_ALLOWED' });
    expect(refused.json().detail).toContain('监护人');
  });

  it('refuses wrong people, oneself, the deceased, bad ID numbers and services only the person may use', async () => {
    const agent = await c.verifiedAccount(chen);
    const wrongName = await add(agent.cookie, { name: '张建华', idNumber: father.idNumber });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().code).toBe('FAMILY_MEMBER_MISMATCH');
    expect((await add(agent.cookie, mother)).json().code).toBe('FAMILY_MEMBER_MISMATCH');
    expect((await add(agent.cookie, chen)).json().code).toBe('DELEGATION_NOT_ALLOWED');
    const badCheck = `${father.idNumber.slice(0, 17)}${father.idNumber.endsWith('1') ? '2' : '1'}`;
    const bad = await add(agent.cookie, { name: father.name, idNumber: badCheck });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ID_NUMBER_INVALID');
    const selfOnly = await add(agent.cookie, father, ['shebao-jiaofei-mingxi', 'gaoling-jintie-shenqing']);
    expect(selfOnly.statusCode).toBe(422);
    expect(selfOnly.json().code).toBe('SERVICE_NOT_DELEGABLE');
    const noServices = await add(agent.cookie, father, []);
    expect(noServices.statusCode).toBe(400);
    expect(noServices.json().errors[0].message).toBe('请至少选择一项代办的服务');
    const badDays = await call(
      'POST',
      '/api/v1/delegations',
      { name: father.name, idNumber: father.idNumber, serviceIds: DELEGABLE, validDays: 1000 },
      agent.cookie,
    );
    expect(badDays.statusCode).toBe(400);
    const badId = await call('POST', '/api/v1/delegations/not-a-uuid/revoke', undefined, agent.cookie);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('VALIDATION_FAILED');
  });

  it('a principal with an account confirms in their own account, or with their PIN on the agent’s phone; declines and revocations stop acting at once', async () => {
    const agent = await c.verifiedAccount(zhangWei);
    const wife = await c.verifiedAccount(liuFang);
    const d = (await add(agent.cookie, liuFang)).json();
    expect(d.consentOptions).toMatchObject({ account: true, pin: true, smsPhoneMasked: '138****8006' });

    // confirmed in her own account
    const incoming = (await call('GET', '/api/v1/delegations', undefined, wife.cookie)).json().asPrincipal;
    expect(incoming.find((x: { id: string }) => x.id === d.id)).toMatchObject({ status: 'pending', role: 'principal' });
    const approved = await call('POST', `/api/v1/delegations/${d.id}/approve`, undefined, wife.cookie);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'active', consentMethod: 'principal-account' });
    // the agent cannot approve on the principal's behalf
    expect((await call('POST', `/api/v1/delegations/${d.id}/approve`, undefined, agent.cookie)).statusCode).toBe(404);

    // she revokes: the agent's next access is refused and the refusal is audited against her
    const revoked = await call('POST', `/api/v1/delegations/${d.id}/revoke`, undefined, wife.cookie);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    const denied = await call('GET', `/api/v1/delegations/${d.id}/subject`, undefined, agent.cookie);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'DELEGATION_INACTIVE' });
    expect(denied.json().detail).toContain('已解除');
    const audit = await new AuditLog(t.database.db).listForSubject(wife.id);
    expect(audit.find((r) => r.action === 'delegation.act')).toMatchObject({ result: 'denied', actorKind: 'agent' });

    // a new request, confirmed with her PIN typed on his phone (wrong PIN first)
    const d2 = (await add(agent.cookie, liuFang)).json();
    const wrongPin = await call(
      'POST',
      `/api/v1/delegations/${d2.id}/consent`,
      { method: 'pin', pin: '111111' },
      agent.cookie,
    );
    expect(wrongPin.statusCode).toBe(401);
    expect(wrongPin.json().code).toBe('PIN_INVALID');
    const pinOk = await call(
      'POST',
      `/api/v1/delegations/${d2.id}/consent`,
      { method: 'pin', pin: wife.pin },
      agent.cookie,
    );
    expect(pinOk.statusCode, pinOk.body).toBe(200);
    expect(pinOk.json()).toMatchObject({ status: 'active', consentMethod: 'principal-pin' });

    // the agent revokes his own side too
    const byAgent = await call('POST', `/api/v1/delegations/${d2.id}/revoke`, undefined, agent.cookie);
    expect(byAgent.json().status).toBe('revoked');
    expect((await call('POST', `/api/v1/delegations/${d2.id}/revoke`, undefined, agent.cookie)).json().code).toBe(
      'DELEGATION_INACTIVE',
    );

    // declined requests cannot be confirmed afterwards
    const d3 = (await add(agent.cookie, liuFang)).json();
    const declined = await call('POST', `/api/v1/delegations/${d3.id}/decline`, undefined, wife.cookie);
    expect(declined.json().status).toBe('declined');
    const late = await call(
      'POST',
      `/api/v1/delegations/${d3.id}/consent`,
      { method: 'pin', pin: wife.pin },
      agent.cookie,
    );
    expect(late.json().code).toBe('DELEGATION_INACTIVE');
  });

  it('a principal confirms with their own passkey on the agent’s phone; another person’s passkey is refused', async () => {
    const principal = await c.verifiedAccount(demo('陈嘉欣'));
    const own = new SoftAuthenticator();
    const regOptions = (await call('POST', '/api/v1/me/passkeys/options', undefined, principal.cookie)).json();
    const reg = await call('POST', '/api/v1/me/passkeys', { response: own.register(regOptions) }, principal.cookie);
    expect(reg.statusCode, reg.body).toBe(201);
    const agent = await c.verifiedAccount(demo('刘洋'));
    const d = (await add(agent.cookie, demo('陈嘉欣'), ['taiwan-qianzhu'])).json();
    expect(d.consentOptions).toMatchObject({ passkey: true, pin: true, account: true });

    // the agent's own passkey (or any other) cannot stand in for the principal's
    const impostor = new SoftAuthenticator();
    const o1 = (
      await call('POST', `/api/v1/delegations/${d.id}/consent/passkey/options`, undefined, agent.cookie)
    ).json();
    expect(o1.allowCredentials.map((x: { id: string }) => x.id)).toEqual([own.id]);
    const forged = await call(
      'POST',
      `/api/v1/delegations/${d.id}/consent`,
      { method: 'passkey', response: impostor.assert(o1) },
      agent.cookie,
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('PASSKEY_FAILED');

    const o2 = (
      await call('POST', `/api/v1/delegations/${d.id}/consent/passkey/options`, undefined, agent.cookie)
    ).json();
    const ok = await call(
      'POST',
      `/api/v1/delegations/${d.id}/consent`,
      { method: 'passkey', response: own.assert(o2) },
      agent.cookie,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'active', consentMethod: 'principal-passkey' });
  });

  it('an expired delegation stops acting and reads as expired', async () => {
    const agent = await c.verifiedAccount(liNa);
    const d = (await add(agent.cookie, chen)).json(); // not related: consent still possible
    expect(d.otherParty.relationLabel).toBeNull();
    const code = await (async () => {
      await call('POST', `/api/v1/delegations/${d.id}/consent/sms`, undefined, agent.cookie);
      return c.latestCode(chen.phone as string);
    })();
    expect(
      (await call('POST', `/api/v1/delegations/${d.id}/consent`, { method: 'sms', code }, agent.cookie)).statusCode,
    ).toBe(200);
    await setValidUntil(t.database.db, d.id, new Date(Date.now() - 1000));
    const res = await call('GET', `/api/v1/delegations/${d.id}/subject`, undefined, agent.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('已过期');
    const list = (await call('GET', '/api/v1/delegations', undefined, agent.cookie)).json();
    expect(list.asAgent.find((x: { id: string }) => x.id === d.id).status).toBe('expired');
    // an expired one no longer blocks asking again, and stays in the history as expired (not as revoked)
    expect((await add(agent.cookie, chen)).statusCode).toBe(201);
    const after = (await call('GET', '/api/v1/delegations', undefined, agent.cookie)).json();
    expect(after.asAgent.find((x: { id: string }) => x.id === d.id).status).toBe('expired');
    const stored = await t.database.db
      .selectFrom('delegations')
      .select(['status', 'revoked_by'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'expired', revoked_by: null });
  });

  it('access matrix: acting routes answer only the authorised agent', async () => {
    const agent = await c.verifiedAccount(chen);
    const principal = await c.verifiedAccount(liuFang);
    const other = await c.verifiedAccount(liNa);
    const d = (await add(agent.cookie, liuFang)).json();
    const approved = await call('POST', `/api/v1/delegations/${d.id}/approve`, undefined, principal.cookie);
    expect(approved.json().status).toBe('active');
    const revokedOne = (await add(other.cookie, liuFang)).json();
    await call('POST', `/api/v1/delegations/${revokedOne.id}/approve`, undefined, principal.cookie);
    await call('POST', `/api/v1/delegations/${revokedOne.id}/revoke`, undefined, principal.cookie);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string); // logged in, never verified

    const subject = `/api/v1/delegations/${d.id}/subject`;
    expect((await call('GET', subject)).statusCode).toBe(401); // anonymous
    expect((await call('GET', subject, undefined, 'forged-token')).statusCode).toBe(401);
    expect((await call('GET', subject, undefined, agent.cookie)).statusCode).toBe(200); // authorised agent
    expect((await call('GET', subject, undefined, principal.cookie)).statusCode).toBe(404); // principal uses /me
    expect((await call('GET', subject, undefined, other.cookie)).statusCode).toBe(404); // another citizen
    const revokedAgent = await call('GET', `/api/v1/delegations/${revokedOne.id}/subject`, undefined, other.cookie);
    expect(revokedAgent.statusCode).toBe(403); // revoked agent
    expect((await call('GET', subject, undefined, smsOnly)).json().code).toBe('VERIFICATION_REQUIRED');
    // writes on someone else's delegation
    for (const action of ['revoke', 'approve', 'decline', 'consent/sms']) {
      const res = await call('POST', `/api/v1/delegations/${d.id}/${action}`, undefined, other.cookie);
      expect(res.statusCode, `${action} by another citizen`).toBe(404);
    }
    // staff of a department (here 人社 客服 of 广州, fully logged in with password + TOTP) are not citizens:
    // their session opens no citizen's personal data
    const pending = await call('POST', '/api/v1/staff/auth/login', {
      username: 'gz.hrss.kefu',
      password: 'yss-demo-2026',
    });
    const pendingCookie = pending.cookies.find((x) => x.name === '__Host-yss_staff')?.value ?? '';
    const code = (await call('GET', '/api/v1/dev/staff-totp/gz.hrss.kefu')).json().code as string;
    const done = await call('POST', '/api/v1/staff/auth/totp', { code }, undefined, {
      cookie: `__Host-yss_staff=${pendingCookie}`,
    });
    expect(done.statusCode, done.body).toBe(200);
    const staffCookie = `__Host-yss_staff=${done.cookies.find((x) => x.name === '__Host-yss_staff')?.value}`;
    for (const url of [subject, '/api/v1/delegations', '/api/v1/me', '/api/v1/me/access-log']) {
      const res = await call('GET', url, undefined, undefined, { cookie: staffCookie });
      expect(res.statusCode, `${url} as staff`).toBe(401);
    }
    // the list is personal data: verification first
    expect((await call('GET', '/api/v1/delegations', undefined, smsOnly)).json().code).toBe('VERIFICATION_REQUIRED');
    expect((await call('GET', '/api/v1/delegations')).statusCode).toBe(401);
  });
});
