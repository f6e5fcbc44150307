import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const URL = '/api/v1/lookups/social-insurance/contributions';
const q = (extra = '') => `${URL}?city=440100&from=2025-01&to=2025-12${extra}`;

describe.each(ENGINES)('社保缴费明细 (B2) behind the personal lookup gate on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('shows the verified owner their months, masked, with the providing department, and audits the read', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('GET', q(), undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.subject).toEqual({ self: true, nameMasked: '张*' });
    expect(body.statement.months.length).toBe(12);
    expect(body.statement.months[0].items.map((i: { type: string }) => i.type)).toContain('pension');
    expect(body.source.department).toBe('广东省人力资源和社会保障厅');
    expect(body.statement.socialSecurityNumberMasked).toMatch(/^440\*+/);
    expect(res.body).not.toContain(demo('张伟').idNumber);
    // without a period: the last 12 months up to the last contribution
    const recent = (await c.call('GET', `${URL}?city=440100`, undefined, zhang.cookie)).json();
    expect(recent.statement.months).toHaveLength(12);
    expect(recent.statement.to).toBe(recent.statement.months.at(-1).month);
    const six = (await c.call('GET', `${URL}?city=440100&months=6`, undefined, zhang.cookie)).json();
    expect(six.statement.months).toHaveLength(6);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    expect(log.find((e: { action: string }) => e.action === 'lookup.shebao-jiaofei-mingxi')).toMatchObject({
      actionLabel: '查询个人信息',
      actor: '本人',
      detail: '社保缴费明细',
    });
  });

  it('refuses without a fresh verification, anonymously, and for bad periods or cities', async () => {
    expect((await c.call('GET', q())).statusCode).toBe(401);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
    expect((await c.call('GET', q(), undefined, smsOnly)).json().code).toBe('VERIFICATION_REQUIRED');
    const li = await c.verifiedAccount(demo('李娜'));
    const reversed = await c.call('GET', `${URL}?city=440300&from=2025-06&to=2025-01`, undefined, li.cookie);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('PERIOD_REVERSED');
    const future = await c.call('GET', `${URL}?city=440300&from=2025-01&to=2099-12`, undefined, li.cookie);
    expect(future.json().code).toBe('PERIOD_IN_FUTURE');
    const tooLong = await c.call('GET', `${URL}?city=440300&from=2020-01&to=2025-12`, undefined, li.cookie);
    expect(tooLong.json().code).toBe('PERIOD_TOO_LONG');
    const badCity = await c.call('GET', `${URL}?city=999999&from=2025-01&to=2025-02`, undefined, li.cookie);
    expect(badCity.statusCode).toBe(400);
  });

  it('answers people insured as Hong Kong or Macau residents in the guide’s words (B4)', async () => {
    const chen = await c.verifiedAccount(demo('陈嘉欣'));
    const res = await c.call('GET', `${URL}?city=440300&from=2025-01&to=2025-03`, undefined, chen.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'SOCIAL_INSURANCE_HK_MACAU' });
    expect(res.json().detail).toContain('港澳用户的社会保障号不是香港、澳门的个人ID');
  });

  it('does not act for someone on a service only the person may use, nor on another agent’s delegation', async () => {
    const father = await c.verifiedAccount(demo('刘芳'));
    const added = await c.call(
      'POST',
      '/api/v1/delegations',
      { name: '张梓轩', idNumber: demo('张梓轩').idNumber, serviceIds: ['canjirenzheng-chaxun'], validDays: 90 },
      father.cookie,
    );
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id;
    const res = await c.call('GET', q(`&for=${id}`), undefined, father.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'DELEGATION_INACTIVE' });
    const stranger = await c.verifiedAccount(demo('陈志强'));
    expect((await c.call('GET', q(`&for=${id}`), undefined, stranger.cookie)).statusCode).toBe(404);
    expect((await c.call('GET', q('&for=not-a-uuid'), undefined, stranger.cookie)).statusCode).toBe(400);
  });
});
