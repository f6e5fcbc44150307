import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../departments/framework/client.js';
import { inProcessTransport } from '../../departments/framework/in-process.js';
import { makeBankCard } from '../../departments/housing-fund/bank-card.js';
import { DECISION_DELAY_MS, housingFundSpec } from '../../departments/housing-fund/contract.js';
import { housingFundSandbox } from '../../departments/housing-fund/sandbox.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments } from '../../departments/registry.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const CONDITIONS = '/api/v1/me/housing-fund/withdrawal-conditions';
const WITHDRAWALS = '/api/v1/me/housing-fund/withdrawals';
const CARD = makeBankCard('622848');

describe.each(ENGINES)('公积金再次提取 (B6) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  // The centre's clock: moved forward to let its back office decide.
  let offset = 0;
  const centreClock = () => new Date(Date.now() + offset);
  const apply = (cookie: string, body: Record<string, unknown> = {}) =>
    c.call(
      'POST',
      WITHDRAWALS,
      {
        submissionId: randomUUID(),
        city: '440100',
        reason: 'rent',
        amount: '1000.10',
        bankName: '中国农业银行',
        cardNumber: CARD,
        ...body,
      },
      cookie,
    );

  beforeAll(async () => {
    t = await createTestApp(
      engine,
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        departments: (db) => ({
          ...createDepartments({ departments: { url: undefined, keyId: 'k', key: undefined, timeoutMs: 5000 } }, db),
          housingFund: createConnector(
            housingFundSpec,
            inProcessTransport(housingFundSpec, housingFundSandbox(db, centreClock)),
          ),
        }),
      },
    );
  }, 600_000);
  afterAll(() => t?.close());

  it('张伟 applies within the conditions; the centre pays out to the cent; 消息 at each step; a retry is the same', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const account = (
      await c.call('GET', '/api/v1/lookups/housing-fund/account?city=440100', undefined, zhang.cookie)
    ).json().account;
    const cond = await c.call('GET', `${CONDITIONS}?city=440100`, undefined, zhang.cookie);
    expect(cond.statusCode, cond.body).toBe(200);
    expect(cond.json()).toMatchObject({
      conditions: {
        accountStatus: 'normal',
        maxAmount: account.balance,
        refusal: null,
        reasons: [
          { code: 'rent', name: '租房提取' },
          { code: 'loan-repayment', name: '偿还住房贷款提取' },
        ],
      },
      counterServiceId: 'gongjijin-qiantai-tiqu-yuyue',
      source: { department: '广州市住房公积金管理中心' },
    });

    // more than the balance: the centre's condition, in its words
    const over = await apply(zhang.cookie, { amount: (account.balance + 0.01).toFixed(2) });
    expect(over.json()).toMatchObject({ status: 409, code: 'HOUSING_FUND_WITHDRAWAL_REFUSED' });
    expect(over.json().detail).toContain('提取金额超过账户可提取金额');

    const submissionId = randomUUID();
    const first = await apply(zhang.cookie, { submissionId, amount: '1000.10' });
    expect(first.statusCode, first.body).toBe(201);
    const w = first.json();
    expect(w).toMatchObject({
      status: 'in-progress',
      amount: 1000.1,
      reasonName: '租房提取',
      bankName: '中国农业银行',
      bankCardMasked: `${'*'.repeat(15)}${CARD.slice(-4)}`,
    });
    expect(w.applicationNumber).toMatch(/^4401\d{14}$/);
    expect(first.body).not.toContain(CARD);
    // the same submission again: the same application, nothing new at the centre
    const again = await apply(zhang.cookie, { submissionId, amount: '1000.10' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(w);
    // another application while this one is 办理中: the centre's words
    const second = await apply(zhang.cookie, { amount: '10' });
    expect(second.json()).toMatchObject({ status: 409, code: 'HOUSING_FUND_UNFINISHED' });
    expect(second.json().detail).toMatch(/^存在未办结服务不能提取。/);

    // the centre decides after its delay: 已办结, the balance down by exactly 1000.10
    offset = DECISION_DELAY_MS + 1_000;
    const detail = await c.call('GET', `${WITHDRAWALS}/${w.id}`, undefined, zhang.cookie);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ id: w.id, status: 'completed', applicationNumber: w.applicationNumber });
    expect(detail.json().completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const after = (
      await c.call('GET', '/api/v1/lookups/housing-fund/account?city=440100', undefined, zhang.cookie)
    ).json().account;
    expect(Math.round(after.balance * 100)).toBe(Math.round(account.balance * 100) - 100_010);
    const list = (await c.call('GET', WITHDRAWALS, undefined, zhang.cookie)).json();
    expect(list.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[w.id, 'completed']]);

    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, zhang.cookie)).json();
    const mine = inbox.items.filter((m: { link: string }) => m.link === `/housing-fund/withdrawals/${w.id}`);
    expect(mine.map((m: { title: string }) => m.title).sort()).toEqual(
      ['您的公积金提取已办结', '您的公积金提取申请已提交'].sort(),
    );
    expect(mine.find((m: { title: string }) => m.title === '您的公积金提取已办结').body).toContain(
      `1000.10元已转入您尾号${CARD.slice(-4)}`,
    );
    // audited: the application and the reads, in 我的访问记录
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    const actions = (log.items ?? log).map((e: { action: string }) => e.action);
    expect(actions).toContain('application.gongjijin-zaici-tiqu');
    expect(actions).toContain('lookup.gongjijin-zaici-tiqu');
    offset = 0;
  });

  it('刘芳: 手机号码不正确 means the phone bound to the fund account, not the profile phone', async () => {
    const liu = await c.verifiedAccount(demo('刘芳'));
    const cond = (await c.call('GET', `${CONDITIONS}?city=440100`, undefined, liu.cookie)).json();
    expect(cond.conditions.refusal.code).toBe('HOUSING_FUND_PHONE_MISMATCH');
    expect(cond.conditions.boundPhoneMasked).toBe('138****8096');
    const res = await apply(liu.cookie);
    expect(res.json()).toMatchObject({ status: 409, code: 'HOUSING_FUND_PHONE_MISMATCH', title: '手机号码不正确' });
    expect(res.json().detail).toMatch(/^手机号码不正确，请修改您的手机号。/);
    expect(res.json().detail).toContain('要修改您绑定公积金账户的手机号');
    expect(res.json().detail).toContain('138****8096');
    // nothing was applied for
    expect((await c.call('GET', WITHDRAWALS, undefined, liu.cookie)).json().items).toEqual([]);
  });

  it('李娜 (深圳): 存在未办结服务不能提取 for a withdrawal started at the counter', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const res = await apply(li.cookie, { city: '440300' });
    expect(res.json()).toMatchObject({ status: 409, code: 'HOUSING_FUND_UNFINISHED' });
    expect(res.json().detail).toContain('可能由于您以前通过其他渠道办理过提取服务仍未提取成功的');
  });

  it('刘洋 (first withdrawal) goes to the counter; 东莞 is not offered; bad input is refused in Chinese', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const cond = (await c.call('GET', `${CONDITIONS}?city=440100`, undefined, liu.cookie)).json();
    expect(cond.conditions.refusal).toMatchObject({ code: 'HOUSING_FUND_COUNTER_REQUIRED' });
    const res = await apply(liu.cookie);
    expect(res.json()).toMatchObject({ status: 409, code: 'HOUSING_FUND_COUNTER_REQUIRED' });
    expect(res.json().detail).toContain('首次提取需进行前台提取预约');
    const dg = await apply(liu.cookie, { city: '441900' });
    expect(dg.json()).toMatchObject({ status: 409, code: 'SERVICE_NOT_IN_CITY' });
    expect(dg.json().detail).toContain('暂不支持东莞、惠州、揭阳');

    const badCard = await apply(liu.cookie, { cardNumber: `${CARD.slice(0, -1)}${(Number(CARD.at(-1)) + 1) % 10}` });
    expect(badCard.json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: '银行卡号有误，请核对后重新输入',
    });
    const badAmount = await apply(liu.cookie, { amount: '1.001' });
    expect(badAmount.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(badAmount.json().errors)).toContain('最多两位小数');
    expect((await c.call('GET', `${WITHDRAWALS}/not-a-uuid`, undefined, liu.cookie)).json().code).toBe(
      'HOUSING_FUND_WITHDRAWAL_NOT_FOUND',
    );
    expect((await c.call('GET', `${CONDITIONS}?city=440100`)).statusCode).toBe(401);
  });

  it('公积金贷款查询: 张伟’s loan in 广州, masked contract number, the centre as source; none for 刘洋', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('GET', '/api/v1/lookups/housing-fund/loan?city=440100', undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.loan).toMatchObject({
      principal: 600_000,
      termMonths: 360,
      annualRate: 2.85,
      repaymentMethodName: '等额本息',
      statusName: '还款中',
      lendingBank: '中国建设银行广州天河支行',
      contractNumberMasked: '4401********0123',
    });
    expect(body.loan.repaidPeriods + body.loan.remainingPeriods).toBe(360);
    expect(res.body).not.toContain('4401202108000123');
    expect(body.source.department).toBe('广州市住房公积金管理中心');
    const liu = await c.verifiedAccount(demo('刘洋'));
    expect(
      (await c.call('GET', '/api/v1/lookups/housing-fund/loan?city=440100', undefined, liu.cookie)).json().loan,
    ).toBeNull();
    const dg = await c.call('GET', '/api/v1/lookups/housing-fund/loan?city=441900', undefined, liu.cookie);
    expect(dg.json()).toMatchObject({ status: 409, code: 'SERVICE_NOT_IN_CITY' });
  });
});
