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
    expect(res.body).not.toContain(demo('张伟').idNumber);
    // another city where he has no account: an empty answer, not an error (A5: switch the city)
    const other = await c.call('GET', `${URL}?city=440600`, undefined, zhang.cookie);
    expect(other.statusCode).toBe(200);
    expect(other.json().account).toBeNull();
  });

  it('says the guide’s words in 东莞, 惠州 and 揭阳, and refuses without verification', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    for (const city of ['441900', '441300', '445200']) {
      const res = await c.call('GET', `${URL}?city=${city}`, undefined, li.cookie);
      expect(res.statusCode, city).toBe(409);
      expect(res.json().code).toBe('SERVICE_NOT_IN_CITY');
      expect(res.json().detail).toContain('暂不支持');
    }
    expect((await c.call('GET', `${URL}?city=440100`)).statusCode).toBe(401);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
    expect((await c.call('GET', `${URL}?city=440100`, undefined, smsOnly)).json().code).toBe('VERIFICATION_REQUIRED');
  });
});
