import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const URL = '/api/v1/lookups/housing-fund/account';
const DEPOSITS = '/api/v1/lookups/housing-fund/deposits';

describe.each(ENGINES)('公积金缴存信息 (B5) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('shows the verified owner the account of the chosen city, with the centre as source', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('GET', `${URL}?city=440100`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({ cityCode: '440100', status: 'normal' });
    expect(body.account.balance).toBeGreaterThan(0);
    expect(body.account.monthlyDeposit.total).toBeCloseTo(
      body.account.monthlyDeposit.employee + body.account.monthlyDeposit.employer,
      2,
    );
    expect(body.source.department).toBe(body.account.centreName);
    expect(body.account.accountNumberMasked).toMatch(/^4401\*{6}\d{4}$/);
    expect(body.account).not.toHaveProperty('accountNumber');
    expect(res.body).not.toMatch(/\d{14}/);
    expect(res.body).not.toContain(demo('张伟').idNumber);
    // his sealed account in 深圳 is where to switch to from another city
    expect(body.elsewhere).toEqual([
      expect.objectContaining({ cityCode: '440300', cityName: '深圳', status: 'sealed' }),
    ]);
    // another city where he has no account: an empty answer, not an error (A5: switch the city)
    const other = await c.call('GET', `${URL}?city=440600`, undefined, zhang.cookie);
    expect(other.statusCode).toBe(200);
    expect(other.json().account).toBeNull();
    expect(
      other
        .json()
        .elsewhere.map((a: { cityName: string }) => a.cityName)
        .sort(),
    ).toEqual(['广州', '深圳'].sort());
  });

  it('says the guide’s words in 东莞, 惠州 and 揭阳, and refuses without verification', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    for (const city of ['441900', '441300', '445200']) {
      const res = await c.call('GET', `${URL}?city=${city}`, undefined, li.cookie);
      expect(res.statusCode, city).toBe(409);
      expect(res.json().code).toBe('SERVICE_NOT_IN_CITY');
      expect(res.json().detail).toContain('暂不支持东莞、惠州、揭阳');
      expect(res.json().detail).toContain('切换为您所缴纳公积金的城市');
      const deposits = await c.call('GET', `${DEPOSITS}?city=${city}`, undefined, li.cookie);
      expect(deposits.json(), city).toMatchObject({ status: 409, code: 'SERVICE_NOT_IN_CITY' });
      expect(deposits.json().detail).toContain('切换为您所缴纳公积金的城市');
    }
    expect((await c.call('GET', `${URL}?city=440100`)).statusCode).toBe(401);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
    expect((await c.call('GET', `${URL}?city=440100`, undefined, smsOnly)).json().code).toBe('VERIFICATION_REQUIRED');
  });

  it('公积金缴存明细: month by month with the month-end balance, ending at the account balance', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const account = (await c.call('GET', `${URL}?city=440100`, undefined, zhang.cookie)).json().account;
    const res = await c.call('GET', `${DEPOSITS}?city=440100&months=36`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().statement;
    expect(s.to).toBe(account.lastDepositMonth);
    expect(s.months).toHaveLength(36);
    expect(s.months.at(-1).balance).toBe(account.balance);
    expect(s.accountNumberMasked).toBe(account.accountNumberMasked);
    for (const m of s.months) expect(m.total).toBeCloseTo(m.employeeAmount + m.employerAmount, 2);
    expect(s.totals.total).toBeCloseTo(
      s.months.reduce((sum: number, m: { total: number }) => sum + m.total, 0),
      2,
    );
    expect(res.json().source.department).toBe('广州市住房公积金管理中心');
    expect(res.body).not.toMatch(/\d{14}/);
    expect(res.body).not.toContain(demo('张伟').idNumber);
    // the default is the last 12 months up to 缴至年月; a chosen period is answered as asked
    const recent = (await c.call('GET', `${DEPOSITS}?city=440100`, undefined, zhang.cookie)).json().statement;
    expect(recent.months).toHaveLength(12);
    const chosen = (
      await c.call('GET', `${DEPOSITS}?city=440100&from=2024-01&to=2024-06`, undefined, zhang.cookie)
    ).json().statement;
    expect(chosen.months.map((m: { month: string }) => m.month)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    // no account in 佛山: an empty statement
    const none = await c.call('GET', `${DEPOSITS}?city=440600`, undefined, zhang.cookie);
    expect(none.statusCode).toBe(200);
    expect(none.json().statement).toBeNull();
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    expect(log.find((e: { action: string }) => e.action === 'lookup.gongjijin-jiaocun-mingxi')).toMatchObject({
      detail: '公积金缴存明细',
    });
  });

  it('公积金缴存明细 periods: reversed, future, longer than 36 months → their own codes', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const get = (q: string) => c.call('GET', `${DEPOSITS}?city=440100&${q}`, undefined, zhang.cookie);
    expect((await get('from=2025-06&to=2025-01')).json()).toMatchObject({ status: 400, code: 'PERIOD_REVERSED' });
    expect((await get('from=2025-01&to=2099-12')).json()).toMatchObject({ status: 400, code: 'PERIOD_IN_FUTURE' });
    const long = (await get('from=2020-01&to=2023-01')).json();
    expect(long).toMatchObject({ status: 400, code: 'PERIOD_TOO_LONG' });
    expect(long.detail).toContain('36个月');
    expect((await get('months=37')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await get('to=2025-01')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await c.call('GET', `${DEPOSITS}?city=440100`)).statusCode).toBe(401);
  });
});
