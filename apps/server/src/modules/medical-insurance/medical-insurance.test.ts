import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { holderKeys } from '../wallet/holder.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const STATUS = '/api/v1/medical-insurance/payment';
const ACTIVATE = '/api/v1/medical-insurance/payment/activation';
const PAY_CODES = '/api/v1/medical-insurance/pay-codes';
const VERIFY = '/api/v1/medical-insurance/pay-codes/verify';
const BALANCE = '/api/v1/lookups/medical-insurance/balance';

describe.each(ENGINES)('医保 (B1 开通医保支付 and 医保扫码支付, B3 医保余额, B4) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('刘芳 (广州, not activated): status, then 开通医保支付 once (audited as an application), idempotent; then her balance', async () => {
    const liu = await c.verifiedAccount(demo('刘芳'));
    const status = await c.call('GET', `${STATUS}?city=440100`, undefined, liu.cookie);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({
      subject: { self: true, nameMasked: '刘*' },
      card: { generation: 2, status: 'normal', linkable: true, linked: false },
      account: { scheme: 'employee', schemeName: '职工基本医疗保险', insuredCityCode: '440100' },
      activation: { activated: false, activatedAt: null },
      // the guide: 关联社保卡后，点击【开通支付】
      blocker: {
        code: 'SOCIAL_SECURITY_CARD_REQUIRED',
        message: '请先在“我的证照”中关联社保卡，关联后即可开通医保支付。',
      },
      places: { hospitals: ['广东省人民医院'], pharmacies: [] },
      source: { department: '广东省医疗保障局' },
    });
    expect(status.json().card.cardNumberMasked).toMatch(/^[A-Z]\d{3}\*{4}\d$/);
    // before activation: no balance in 广州 (the guide's words) and no payment code
    const before = await c.call('GET', `${BALANCE}?city=440100`, undefined, liu.cookie);
    expect(before.statusCode).toBe(409);
    expect(before.json()).toMatchObject({ code: 'MEDICAL_PAYMENT_NOT_ACTIVATED' });
    expect(before.json().detail).toContain('目前暂支持广州（需开通医保支付）、肇庆、潮州、清远地区医保账户余额查询');
    const noCode = await c.call('POST', `${PAY_CODES}?city=440100`, undefined, liu.cookie);
    expect(noCode.json()).toMatchObject({ status: 409, code: 'MEDICAL_PAYMENT_NOT_ACTIVATED' });

    // Not linked yet: refused in the same words, and nothing activated at the department.
    const unlinked = await c.call('POST', `${ACTIVATE}?city=440100`, undefined, liu.cookie);
    expect(unlinked.json()).toMatchObject({ status: 409, code: 'SOCIAL_SECURITY_CARD_REQUIRED' });
    expect(unlinked.json().detail).toContain('请先在“我的证照”中关联社保卡');
    // 关联社保卡 in 我的证照 (the phone's keys, as the app sends them)
    const linked = await c.call(
      'POST',
      '/api/v1/me/certificates',
      { type: 'social-security-card', city: '440100', holderKeys: holderKeys(1).map((k) => k.publicJwk) },
      liu.cookie,
    );
    expect(linked.statusCode, linked.body).toBe(201);
    const ready = (await c.call('GET', `${STATUS}?city=440100`, undefined, liu.cookie)).json();
    expect(ready).toMatchObject({ card: { linked: true }, blocker: null, activation: { activated: false } });

    const first = await c.call('POST', `${ACTIVATE}?city=440100`, undefined, liu.cookie);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ activated: true, alreadyActivated: false });
    const again = await c.call('POST', `${ACTIVATE}?city=440100`, undefined, liu.cookie);
    expect(again.json()).toMatchObject({
      activated: true,
      alreadyActivated: true,
      activatedAt: first.json().activatedAt,
    });
    const after = (await c.call('GET', `${STATUS}?city=440100`, undefined, liu.cookie)).json();
    expect(after.activation).toEqual({ activated: true, activatedAt: first.json().activatedAt });

    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, liu.cookie)).json() as {
      action: string;
      actionLabel: string;
      actor: string;
      detail: string;
      result: string;
    }[];
    const applications = log.filter((e) => e.action === 'application.kaitong-yibao-zhifu');
    // newest first: the two activations, then the refusal before the card was linked
    expect(applications.map((e) => e.result)).toEqual(['success', 'success', 'failure']);
    expect(applications[0]).toMatchObject({
      actionLabel: '办理业务',
      actor: '本人',
      detail: '开通医保支付',
      result: 'success',
    });

    const balance = await c.call('GET', `${BALANCE}?city=440100`, undefined, liu.cookie);
    expect(balance.statusCode, balance.body).toBe(200);
    expect(balance.json().account.balance).toBeGreaterThanOrEqual(0);
    expect(balance.body).not.toContain(demo('刘芳').idNumber);
  });

  it('张伟 (activated): balance and 个人账户明细 of a chosen period, each balance following from the last', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('GET', `${BALANCE}?city=440100&from=2025-01&to=2025-12`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({ scheme: 'employee', insuredCityCode: '440100', insuredCityName: '广州' });
    expect(typeof body.account.balance).toBe('number');
    expect(body.statement).toMatchObject({ from: '2025-01', to: '2025-12' });
    const txs = body.statement.transactions as {
      amount: number;
      balanceAfter: number;
      kind: string;
      kindName: string;
    }[];
    expect(txs.filter((x) => x.kind === 'credit')).toHaveLength(12);
    expect(txs[0]?.kindName).toBeTruthy();
    for (let i = 1; i < txs.length; i++) {
      expect(txs[i]?.balanceAfter).toBeCloseTo((txs[i - 1]?.balanceAfter ?? 0) + (txs[i]?.amount ?? 0), 2);
    }
    expect(body.source.department).toBe('广东省医疗保障局');
    expect(res.body).not.toContain(demo('张伟').idNumber);
    // without a period: the last 12 months up to the department's data; the last balance is the account's
    const recent = (await c.call('GET', `${BALANCE}?city=440100`, undefined, zhang.cookie)).json();
    expect(recent.statement.to).toBe(recent.source.updatedAt.slice(0, 7));
    expect(recent.statement.transactions.filter((x: { kind: string }) => x.kind === 'credit')).toHaveLength(12);
    expect(recent.statement.transactions.at(-1).balanceAfter).toBe(recent.account.balance);
    const three = (await c.call('GET', `${BALANCE}?city=440100&months=3`, undefined, zhang.cookie)).json();
    expect(three.statement.transactions.filter((x: { kind: string }) => x.kind === 'credit')).toHaveLength(3);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    expect(log.find((e: { action: string }) => e.action === 'lookup.yibao-zhanghu-yue')).toMatchObject({
      actionLabel: '查询个人信息',
      detail: '医保账户余额查询',
    });
  });

  it('B3 periods: reversed, future and too long periods get their own codes; months is at most 12', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const get = (q: string) => c.call('GET', `${BALANCE}?city=440100&${q}`, undefined, zhang.cookie);
    const reversed = await get('from=2025-06&to=2025-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'PERIOD_REVERSED' });
    expect(reversed.json().detail).toContain('开始月份');
    const future = await get('from=2025-01&to=2099-01');
    expect(future.json()).toMatchObject({ status: 400, code: 'PERIOD_IN_FUTURE' });
    const long = await get('from=2024-01&to=2025-01');
    expect(long.json()).toMatchObject({ status: 400, code: 'PERIOD_TOO_LONG' });
    expect(long.json().detail).toContain('12个月');
    expect((await get('months=13')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await get('from=2025-13&to=2025-14')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await get('from=2025-01')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('B3 city rules: not in 深圳/佛山 (catalog), not for people insured elsewhere; 肇庆/潮州/清远 without activation', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    for (const city of ['440300', '440600', '441900']) {
      const res = await c.call('GET', `${BALANCE}?city=${city}`, undefined, li.cookie);
      expect(res.statusCode, city).toBe(409);
      expect(res.json()).toMatchObject({ code: 'SERVICE_NOT_IN_CITY' });
      expect(res.json().detail).toContain('暂仅支持广州、肇庆、潮州、清远');
    }
    // 李娜 is insured in 深圳 (activated there): choosing 广州 does not show a 深圳 balance
    const elsewhere = await c.call('GET', `${BALANCE}?city=440100`, undefined, li.cookie);
    expect(elsewhere.json()).toMatchObject({ status: 409, code: 'MEDICAL_BALANCE_NOT_OFFERED' });
    expect(elsewhere.json().detail).toContain('您的参保地为深圳');

    // Generated people insured in 肇庆, 潮州 or 清远 see their balance without 开通医保支付
    const { rows } = await sql<{ id_number: string; name: string; phone: string; city: string }>`
      select a.id_number, p.name, p.phone, a.insured_city_code as city
      from dept_yibao.accounts a join dept_gongan.people p on p.id_number = a.id_number
      left join dept_yibao.payment_activations x on x.id_number = a.id_number
      where a.insured_city_code in ('441200', '445100', '441800') and a.scheme = 'employee'
        and a.status = 'active' and p.phone is not null and p.status = 'normal' and x.id_number is null
      order by a.id_number limit 1`.execute(t.database.db);
    const someone = rows[0];
    expect(someone, 'a generated person insured in 肇庆/潮州/清远').toBeDefined();
    if (!someone) return;
    const acc = await c.verifiedAccount({ name: someone.name, idNumber: someone.id_number, phone: someone.phone });
    const res = await c.call('GET', `${BALANCE}?city=${someone.city}`, undefined, acc.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account).toMatchObject({ insuredCityCode: someone.city });
    expect(typeof res.json().account.balance).toBe('number');
    expect(res.body).not.toContain(someone.id_number);
    const wrongCity = await c.call('GET', `${BALANCE}?city=440100`, undefined, acc.cookie);
    expect(wrongCity.json()).toMatchObject({ code: 'MEDICAL_BALANCE_NOT_OFFERED' });
    expect(wrongCity.json().detail).toContain('请把左上角的地市切换为');
  });

  it('B1 rules: 广州/深圳 only, a second-generation 社保卡 first, Hong Kong/Macau insured persons refused (B4)', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    for (const [method, url] of [
      ['GET', STATUS],
      ['POST', ACTIVATE],
      ['POST', PAY_CODES],
    ] as const) {
      const res = await c.call(method, `${url}?city=440600`, undefined, liu.cookie);
      expect(res.statusCode, url).toBe(409);
      expect(res.json()).toMatchObject({ code: 'SERVICE_NOT_IN_CITY' });
      expect(res.json().detail).toContain('暂仅支持广州、深圳');
    }
    // 陈志强 has a first-generation card (no UnionPay logo) and is insured in 佛山
    const chen = await c.verifiedAccount(demo('陈志强'));
    const status = (await c.call('GET', `${STATUS}?city=440100`, undefined, chen.cookie)).json();
    expect(status.card).toMatchObject({ generation: 1, linkable: false });
    expect(status.blocker).toMatchObject({ code: 'SOCIAL_SECURITY_CARD_REQUIRED' });
    expect(status.places).toEqual({ hospitals: ['广东省人民医院'], pharmacies: [] });
    const refused = await c.call('POST', `${ACTIVATE}?city=440100`, undefined, chen.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'SOCIAL_SECURITY_CARD_REQUIRED' });
    expect(refused.json().detail).toContain('具有银联标识的为二代社保卡');
    const chenLog = (await c.call('GET', '/api/v1/me/access-log', undefined, chen.cookie)).json();
    expect(chenLog.find((e: { action: string }) => e.action === 'application.kaitong-yibao-zhifu')).toMatchObject({
      result: 'failure',
    });

    const hk = await c.verifiedAccount(demo('陈嘉欣'));
    for (const [method, url, city] of [
      ['GET', STATUS, '440300'],
      ['POST', ACTIVATE, '440300'],
      ['POST', PAY_CODES, '440300'],
      ['GET', BALANCE, '440100'],
    ] as const) {
      const res = await c.call(method, `${url}?city=${city}`, undefined, hk.cookie);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'SOCIAL_INSURANCE_HK_MACAU' });
      expect(res.json().detail).toContain('港澳用户的社会保障号不是香港、澳门的个人ID');
    }
  });

  it('医保扫码支付: a 60-second code that a hospital verifies (masked name, scheme); expired and forged codes refused', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('POST', `${PAY_CODES}?city=440100`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json();
    expect(issued).toMatchObject({ ttlSeconds: 60, schemeName: '职工基本医疗保险', subject: { nameMasked: '张*' } });
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.issuedAt)).toBe(60_000);
    expect(res.body).not.toContain(demo('张伟').idNumber);
    const payload = JSON.parse(Buffer.from(issued.code.split('.')[1], 'base64url').toString());
    expect(JSON.stringify(payload)).not.toContain(demo('张伟').idNumber);
    expect(JSON.stringify(payload)).not.toContain('张伟');

    const ok = await c.call('POST', VERIFY, { code: issued.code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      result: 'valid',
      holder: { nameMasked: '张*', scheme: 'employee', schemeName: '职工基本医疗保险', insuredCityName: '广州' },
      expiresAt: issued.expiresAt,
    });
    // the same person always has the same opaque reference, another person another one
    const second = (await c.call('POST', `${PAY_CODES}?city=440100`, undefined, zhang.cookie)).json();
    expect(second.code).not.toBe(issued.code);
    const ref = (await c.call('POST', VERIFY, { code: second.code })).json().holder.holderRef;
    expect(ref).toBe(ok.json().holder.holderRef);

    const [h, p, s] = issued.code.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...payload, nm: '李*' })).toString('base64url');
    for (const code of [`${h}.${forgedPayload}.${s}`, `${h}.${p}.${s.slice(0, -4)}AAAA`, 'hello', `${h}.${p}.`]) {
      const bad = await c.call('POST', VERIFY, { code });
      expect(bad.statusCode).toBe(200);
      expect(bad.json()).toMatchObject({ result: 'forged' });
      expect(bad.json().holder).toBeUndefined();
    }
    expect((await c.call('POST', VERIFY, {})).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await c.call('POST', VERIFY, { code: 'x'.repeat(5000) })).statusCode).toBe(400);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(issued.expiresAt) + 1000 });
    try {
      const expired = await c.call('POST', VERIFY, { code: issued.code });
      expect(expired.json()).toMatchObject({ result: 'expired' });
      expect(expired.json().message).toContain('已过期');
      expect(expired.json().holder).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }

    const jwks = await c.call('GET', '/api/v1/medical-insurance/pay-codes/jwks.json');
    expect(jwks.statusCode).toBe(200);
    expect(jwks.json().keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.body).not.toContain('"d"');
    const { rows } = await sql<{ private_jwk_encrypted: string }>`
      select private_jwk_encrypted from medical_pay_code_keys`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.private_jwk_encrypted).toMatch(/^v2\./);
  });

  it('limits code verifications per client address', async () => {
    let last = 0;
    for (let i = 0; i < 61; i++) {
      last = (
        await t.app.inject({
          method: 'POST',
          url: VERIFY,
          payload: { code: 'x' },
          headers: { 'x-forwarded-for': '10.9.9.9' },
        })
      ).statusCode;
    }
    expect(last).toBe(429);
  });
});
