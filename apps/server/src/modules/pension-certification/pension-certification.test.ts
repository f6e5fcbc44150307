import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { addMonthsToDay } from '../../departments/social-insurance/sql-time.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { chinaDate } from '../appointments/china-time.js';
import type { OpenedLookup } from '../lookups/personal-gate.js';
import { holderKeys } from '../wallet/holder.js';
import { certificationStatus, PensionCertificationService } from './service.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const zhangWei = demo('张伟');
const father = demo('张建国'); // 张伟's father: draws an enterprise pension, his certification has lapsed
const URL = '/api/v1/pension-certification';
/** Loading the seeded template takes long on a busy machine. */
const SLOW_START = 240_000;

describe('养老资格认证 rules', () => {
  it('says valid, due soon (30 days), expired or never from the last day of validity', () => {
    expect(certificationStatus(null, '2026-11-27')).toBe('never');
    expect(certificationStatus('2026-11-26', '2026-11-27')).toBe('expired');
    expect(certificationStatus('2026-11-27', '2026-11-27')).toBe('due-soon');
    expect(certificationStatus('2026-12-27', '2026-11-27')).toBe('due-soon');
    expect(certificationStatus('2026-12-28', '2026-11-27')).toBe('valid');
  });

  it('refuses a 认证 whose verification is older than two minutes, before asking the department', async () => {
    const audited: { action: string; result: string; detail?: Record<string, unknown> }[] = [];
    const untouched = () => {
      throw new Error('the department must not be asked');
    };
    const service = new PensionCertificationService({
      db: {} as never,
      departments: { socialInsurance: { client: new Proxy({}, { get: untouched }) } } as never,
      identity: { lookupIdentity: untouched },
      notifications: { deliver: untouched },
      audit: { record: async (e: (typeof audited)[number]) => void audited.push(e) } as never,
      socialSecurityCardLinked: untouched,
      now: () => new Date(),
    });
    const opened = {
      ctx: { accountId: 'a', requestId: 'r', verifiedAt: new Date(Date.now() - 180_000) },
      subject: { self: true, nameMasked: '张*', personId: 'p', idNumber: 'x', accountId: 'a', delegationId: null },
    } as unknown as OpenedLookup;
    await expect(service.certify(opened, '440100', 'enterprise')).rejects.toMatchObject({
      code: 'VERIFICATION_REQUIRED',
      detail: expect.stringContaining('现场刷脸'),
    });
    expect(audited).toEqual([
      expect.objectContaining({ action: 'application.yanglao-zige-renzheng', result: 'denied' }),
    ]);
  });
});

describe('养老资格认证 API on pglite', () => {
  let app: TestApp | undefined;
  const t = () => app as TestApp;
  beforeAll(async () => {
    app = await createTestApp('pglite', { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, SLOW_START);
  afterAll(() => app?.close());
  const c = citizenClient(t);
  const { call } = c;

  it('即将到期: a 消息 to the pensioner’s own account within 30 days of the end, once per validity period', async () => {
    const self = await c.verifiedAccount(father);
    // his certification ended on 2025-12-04: on 2025-11-20 (China) 14 days were left
    const report = await t().app.pensionReminders.runAt(new Date('2025-11-20T02:00:00Z'));
    expect(report).toMatchObject({ ran: true, reminded: 1 });
    expect(report.checked).toBeGreaterThanOrEqual(1);
    expect((await t().app.pensionReminders.runAt(new Date('2025-11-21T02:00:00Z'))).reminded).toBe(0);
    // more than 30 days before, or after the end: nothing
    expect((await t().app.pensionReminders.runAt(new Date('2025-10-01T02:00:00Z'))).reminded).toBe(0);
    const inbox = (await call('GET', '/api/v1/me/notifications', undefined, self.cookie)).json();
    const due = inbox.items.filter((m: { kind: string }) => m.kind === 'pension-update');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ title: '养老资格认证即将到期', link: '/pension-certification' });
    expect(due[0].body).toContain('企业职工基本养老保险养老资格认证将于2025-12-04到期（还有14天）');
  });

  it('本人 without a pension, then 为他人办理 for a father through an active delegation, once, with a 消息', async () => {
    const agent = await c.verifiedAccount(zhangWei);

    // 本人: 张伟 draws no pension: the status says so and the 认证 is refused in Chinese
    const own = await call('GET', `${URL}?city=440100`, undefined, agent.cookie);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      subject: { self: true },
      pension: null,
      certification: null,
      blocker: { code: 'PENSION_NOT_PENSIONER' },
      source: { department: '广东省人力资源和社会保障厅' },
    });
    expect(own.json().schemes.map((s: { scheme: string }) => s.scheme)).toEqual([
      'enterprise',
      'institution',
      'resident',
    ]);
    const refused = await call('POST', `${URL}?city=440100`, { scheme: 'enterprise' }, agent.cookie);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'PENSION_NOT_PENSIONER' });
    expect(refused.json().detail).toContain('未查询到您的养老待遇领取记录');
    // a city without online certification of 机关事业单位 lists the two other types only
    const shaoguan = (await call('GET', `${URL}?city=440200`, undefined, agent.cookie)).json();
    expect(shaoguan.schemes.map((s: { name: string }) => s.name)).toEqual([
      '企业职工基本养老保险',
      '城乡居民基本养老保险',
    ]);

    // 家人与授权: 张伟 adds his father for 养老资格认证, who consents by an SMS code
    const added = await call(
      'POST',
      '/api/v1/delegations',
      { name: father.name, idNumber: father.idNumber, serviceIds: ['yanglao-zige-renzheng'], validDays: 30 },
      agent.cookie,
    );
    expect(added.statusCode, added.body).toBe(201);
    const delegationId = added.json().id as string;
    const pending = await call('GET', `${URL}?city=440100&for=${delegationId}`, undefined, agent.cookie);
    expect(pending.statusCode).toBe(403);
    expect(pending.json().code).toBe('DELEGATION_INACTIVE');
    // the father logged in (an SMS) when the suite started: consentBySms waits out the resend interval if need be
    await c.consentBySms(delegationId, agent.cookie, father.phone as string);

    // 关联社保卡后，选择养老资格认证: 张伟 has not linked his own 社保卡 yet, so neither path is open, and nothing reaches
    // the department
    const forFather = `${URL}?city=440100&for=${delegationId}`;
    const unlinked = await call('GET', forFather, undefined, agent.cookie);
    expect(unlinked.json()).toMatchObject({
      pension: { scheme: 'enterprise' },
      blocker: { code: 'SOCIAL_SECURITY_CARD_REQUIRED', message: expect.stringContaining('关联您本人的社保卡') },
    });
    const notYet = await call('POST', forFather, { scheme: 'enterprise' }, agent.cookie);
    expect(notYet.statusCode, notYet.body).toBe(409);
    expect(notYet.json()).toMatchObject({ code: 'SOCIAL_SECURITY_CARD_REQUIRED', title: '请先关联社保卡' });
    const linkedCard = await call(
      'POST',
      '/api/v1/me/certificates',
      { type: 'social-security-card', city: '440100', holderKeys: holderKeys(1).map((k) => k.publicJwk) },
      agent.cookie,
    );
    expect(linkedCard.statusCode, linkedCard.body).toBe(201);

    // his status: an enterprise pension from 广州, the last 认证 in December 2024 lapsed
    const before = await call('GET', forFather, undefined, agent.cookie);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      subject: { self: false, nameMasked: '张**' },
      pension: { scheme: 'enterprise', schemeName: '企业职工基本养老保险', insuredCityName: '广州' },
      certification: {
        lastCertifiedOn: '2024-12-05',
        lastCertifiedBy: 'self',
        validUntil: '2025-12-04',
        status: 'expired',
        statusName: '已过期（养老金暂停发放）',
      },
      blocker: null,
    });
    expect(before.body).not.toContain(father.idNumber);

    // the wrong 社保类型, and another city than the one paying the pension, are refused
    const wrongScheme = await call('POST', forFather, { scheme: 'resident' }, agent.cookie);
    expect(wrongScheme.statusCode).toBe(409);
    expect(wrongScheme.json()).toMatchObject({ code: 'PENSION_SCHEME_MISMATCH' });
    expect(wrongScheme.json().detail).toContain('企业职工基本养老保险');
    const elsewhere = await call(
      'POST',
      `${URL}?city=440300&for=${delegationId}`,
      { scheme: 'enterprise' },
      agent.cookie,
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'PENSION_CITY_MISMATCH' });
    expect(elsewhere.json().detail).toContain('切换为广州');
    const bad = await call('POST', forFather, { scheme: 'pension' }, agent.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toBe('请选择社保类型');

    // two taps at once: one certification at the department, the same answer twice
    const [a, b] = await Promise.all([
      call('POST', forFather, { scheme: 'enterprise' }, agent.cookie),
      call('POST', forFather, { scheme: 'enterprise' }, agent.cookie),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    const today = chinaDate(new Date());
    const validUntil = addMonthsToDay(today, 12, 1); // the 12 months a certification lasts
    for (const r of [a, b]) {
      expect(r.json()).toMatchObject({
        subject: { self: false, nameMasked: '张**' },
        schemeName: '企业职工基本养老保险',
        certifiedOn: today,
        validUntil,
      });
    }
    expect([a.json().alreadyCertified, b.json().alreadyCertified].sort()).toEqual([false, true]);
    const rows = await sql<{ agent_id_number: string | null }>`
      select agent_id_number from dept_shebao.pension_certifications
      where id_number = ${father.idNumber} and certified_at > now() - interval '1 hour'`.execute(t().database.db);
    expect(rows.rows).toEqual([{ agent_id_number: zhangWei.idNumber }]);
    // a later tap the same day changes nothing either
    const again = await call('POST', forFather, { scheme: 'enterprise' }, agent.cookie);
    expect(again.json()).toMatchObject({ alreadyCertified: true, validUntil });

    const after = (await call('GET', forFather, undefined, agent.cookie)).json();
    expect(after.certification).toMatchObject({
      lastCertifiedOn: today,
      lastCertifiedBy: 'agent',
      validUntil,
      status: 'valid',
      statusName: '认证有效',
    });

    // the 消息 with the next due date, once
    const inbox = (await call('GET', '/api/v1/me/notifications', undefined, agent.cookie)).json();
    const messages = inbox.items.filter((m: { kind: string }) => m.kind === 'pension-update');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ title: '已为张**完成养老资格认证', link: '/pension-certification' });
    expect(messages[0].body).toContain(`认证有效期至${validUntil}`);
    // and the father, who has an account of his own, is told too
    const fatherLogin = await c.verifiedAccount(father);
    const his = (await call('GET', '/api/v1/me/notifications', undefined, fatherLogin.cookie)).json();
    expect(his.items.map((m: { title: string }) => m.title)).toContain('家人已为您完成养老资格认证');

    // audited as the agent, with the delegation and the relation
    const audit = await sql<{ actor_kind: string; result: string; detail: Record<string, string> }>`
      select actor_kind, result, detail from audit_log
      where action = 'application.yanglao-zige-renzheng' and actor_account_id = ${agent.id} order by seq`.execute(
      t().database.db,
    );
    const outcomes = audit.rows.map((r) => [r.actor_kind, r.result, r.detail.outcome]);
    expect(outcomes).toEqual([
      ['citizen', 'failure', 'PENSION_NOT_PENSIONER'],
      ['agent', 'failure', 'SOCIAL_SECURITY_CARD_REQUIRED'],
      ['agent', 'failure', 'PENSION_SCHEME_MISMATCH'],
      ['agent', 'failure', 'PENSION_CITY_MISMATCH'],
      ['agent', 'success', 'certified'],
      ['agent', 'success', 'already-certified'],
      ['agent', 'success', 'already-certified'],
    ]);
    expect(audit.rows[4]?.detail).toMatchObject({ delegationId, relation: '父母', validUntil });

    // once the father withdraws his consent, acting is refused in Chinese
    await sql`update delegations set status = 'revoked' where id = ${delegationId}`.execute(t().database.db);
    const revoked = await call('POST', forFather, { scheme: 'enterprise' }, agent.cookie);
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json()).toMatchObject({ code: 'DELEGATION_INACTIVE' });
    expect(revoked.json().detail).toMatch(/该授权.*不能再为对方办理/);
  }, 120_000);
});
