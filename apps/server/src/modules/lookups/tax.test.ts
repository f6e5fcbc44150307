import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { currentChinaMonth } from '../../departments/social-insurance/shared-schemas.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { checkedPeriod } from './tax-routes.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const TAX = '/api/v1/lookups/tax/income-tax';
const FEES = '/api/v1/lookups/tax/social-insurance-fees';
const cents = (n: number) => Math.round(n * 100);

describe('checkedPeriod', () => {
  const now = new Date('2026-03-10T00:00:00+08:00');
  it('passes a period, or none', () => {
    expect(checkedPeriod({}, now)).toBeNull();
    expect(checkedPeriod({ from: '2025-01', to: '2026-03' }, now)).toEqual({ from: '2025-01', to: '2026-03' });
    expect(currentChinaMonth(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04'); // already April in China
  });
  it.each([
    [{ from: '2025-06', to: '2025-01' }, 'PERIOD_REVERSED'],
    [{ from: '2026-01', to: '2026-04' }, 'PERIOD_IN_FUTURE'],
    [{ from: '2030-01', to: '2030-02' }, 'PERIOD_IN_FUTURE'],
    [{ from: '2021-03', to: '2026-03' }, 'PERIOD_TOO_LONG'],
    [{ from: '2025-01' }, 'VALIDATION_FAILED'],
  ])('%j → %s', (q, code) => {
    expect(() => checkedPeriod(q, now)).toThrow(expect.objectContaining({ code }));
  });
  it('allows exactly 60 months', () => {
    expect(checkedPeriod({ from: '2021-04', to: '2026-03' }, now)).not.toBeNull();
  });
});

describe.each(ENGINES)('个税缴纳明细 and 社会保险费缴费明细 (F4) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('shows the verified owner their income tax month by month with totals, the source, and audits the read', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('GET', `${TAX}?from=2025-01&to=2025-12`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.subject).toEqual({ self: true, nameMasked: '张*' });
    expect(body.source.department).toBe('国家税务总局广东省税务局');
    expect(body.source.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const d = body.details;
    expect(d.from).toBe('2025-01');
    expect(d.records.length).toBeGreaterThan(0);
    expect(d.records[0]).toMatchObject({ month: '2025-01', incomeItem: '正常工资薪金所得', basicDeduction: 5000 });
    expect(d.records[0].withholdingAgent.uscc).toMatch(/^[0-9A-Z]{18}$/);
    // the totals are the sums of the months, to the cent
    expect(cents(d.totalTax)).toBe(d.records.reduce((s: number, r: { tax: number }) => s + cents(r.tax), 0));
    expect(cents(d.totalIncome)).toBe(d.records.reduce((s: number, r: { income: number }) => s + cents(r.income), 0));
    expect(res.body).not.toContain(demo('张伟').idNumber);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    expect(log.find((e: { action: string }) => e.action === 'lookup.geshui-jiaona-mingxi')).toMatchObject({
      actor: '本人',
      detail: '个税缴纳明细',
    });
  });

  it('without a period shows the last 12 months on record, totals recomputed for them', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const d = (await c.call('GET', TAX, undefined, zhang.cookie)).json().details;
    expect(d.records).toHaveLength(12);
    expect(d.to).toBe(d.records.at(-1).month);
    expect(d.from).toBe(d.records[0].month);
    expect(cents(d.totalTax)).toBe(d.records.reduce((s: number, r: { tax: number }) => s + cents(r.tax), 0));
    const fees = (await c.call('GET', FEES, undefined, zhang.cookie)).json().details;
    expect(fees.records).toHaveLength(12);
    expect(cents(fees.personalTotal)).toBe(
      fees.records.reduce((s: number, r: { personalTotal: number }) => s + cents(r.personalTotal), 0),
    );
  });

  it('shows social insurance fees with the five items, unit and personal parts', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const res = await c.call('GET', `${FEES}?city=440300&from=2025-01&to=2025-06`, undefined, li.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().details;
    expect(d.records).toHaveLength(6);
    const month = d.records[0];
    expect(month.items.map((i: { kind: string }) => i.kind)).toEqual([
      'pension',
      'medical',
      'unemployment',
      'work-injury',
      'maternity',
    ]);
    const personal = month.items.reduce((s: number, i: { personalAmount: number }) => s + cents(i.personalAmount), 0);
    expect(personal).toBe(cents(month.personalTotal));
    expect(cents(month.personalTotal)).toBe(Math.round(cents(month.contributionBase) * 0.102));
    expect(res.body).not.toContain(demo('李娜').idNumber);
  });

  it('answers a person the tax system does not hold with details null (张建国, retired in 2003)', async () => {
    const grandpa = await c.verifiedAccount(demo('张建国'));
    const res = await c.call('GET', `${TAX}?from=2024-01&to=2024-12`, undefined, grandpa.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().details).toBeNull();
    expect(res.json().source).toEqual({ department: '国家税务总局广东省税务局', updatedAt: null });
  });

  it('refuses bad periods with specific codes and Chinese messages, anonymous and unverified callers', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const get = (q: string) => c.call('GET', `${TAX}?${q}`, undefined, li.cookie);
    const reversed = await get('from=2025-06&to=2025-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'PERIOD_REVERSED', detail: expect.stringContaining('开始月份') });
    const future = await get('from=2025-01&to=2099-12');
    expect(future.json()).toMatchObject({ code: 'PERIOD_IN_FUTURE', detail: expect.stringContaining('不能晚于本月') });
    expect((await get('from=2016-01&to=2025-12')).json().code).toBe('PERIOD_TOO_LONG');
    const badMonth = await get('from=2025-13&to=2025-14');
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().errors[0].message).toBe('月份格式应为YYYY-MM，如2025-01');
    expect((await get('from=2025-01')).json().code).toBe('VALIDATION_FAILED');
    expect((await c.call('GET', `${FEES}?city=999999`, undefined, li.cookie)).statusCode).toBe(400);
    const feesReversed = await c.call('GET', `${FEES}?from=2025-06&to=2025-01`, undefined, li.cookie);
    expect(feesReversed.json().code).toBe('PERIOD_REVERSED');

    expect((await c.call('GET', `${TAX}?from=2025-01&to=2025-06`)).statusCode).toBe(401);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
    expect((await c.call('GET', FEES, undefined, smsOnly)).json().code).toBe('VERIFICATION_REQUIRED');
  });

  it('is for oneself only: a delegation does not open it, and another person’s delegation id is not found', async () => {
    const liu = await c.verifiedAccount(demo('刘芳'));
    const added = await c.call(
      'POST',
      '/api/v1/delegations',
      { name: '张梓轩', idNumber: demo('张梓轩').idNumber, serviceIds: ['canjirenzheng-chaxun'], validDays: 90 },
      liu.cookie,
    );
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id;
    const res = await c.call('GET', `${TAX}?for=${id}`, undefined, liu.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('DELEGATION_INACTIVE');
    const stranger = await c.verifiedAccount(demo('陈志强'));
    expect((await c.call('GET', `${FEES}?for=${id}`, undefined, stranger.cookie)).statusCode).toBe(404);
  });
});
