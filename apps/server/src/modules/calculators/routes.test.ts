import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

// The calculators touch no database: one engine is enough.
describe('calculators API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  let client = 0;
  const post = (path: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/calculators/${path}`,
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.1.${(++client >> 8) & 255}.${client & 255}`,
        ...headers,
      },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('wages: the tax authority’s example month by month (555, 625, 1,850 …)', async () => {
    const res = await post('income-tax/wages', {
      monthlyGross: 30000,
      socialInsurance: '4500',
      specialDeductions: { childEducation: { children: 1, sharePercent: 100 } },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.months).toHaveLength(12);
    expect(body.months.slice(0, 3).map((m: { tax: string }) => m.tax)).toEqual(['555.00', '625.00', '1850.00']);
    expect(body.months[1]).toMatchObject({
      month: 2,
      cumulativeIncome: '60000.00',
      cumulativeBasicDeduction: '10000.00',
      cumulativeSocialInsurance: '9000.00',
      cumulativeSpecialDeductions: '4000.00',
      cumulativeTaxable: '37000.00',
      ratePercent: 10,
      quickDeduction: '2520.00',
      cumulativeTax: '1180.00',
      tax: '625.00',
      net: '24875.00',
    });
    expect(body.totals.tax).toBe('27480.00');
  });

  it('wages: month by month with varying wages (decimal strings), starting in July', async () => {
    const res = await post('income-tax/wages', {
      months: [
        { month: 7, gross: '12000.50', socialInsurance: '1200' },
        { month: 8, gross: 15000, socialInsurance: 1200 },
      ],
      specialDeductions: { housing: 'rent-tier1', elderlySupport: 'shared', elderlySharedMonthly: 1500 },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // July: 12,000.50 − 5,000 − 1,200 − 3,000 = 2,800.50 × 3 % = 84.015 → 84.02
    expect(body.months.map((m: { tax: string }) => m.tax)).toEqual(['84.02', '174.00']);
  });

  it('annual bonus, labour remuneration, royalties, annual settlement, overtime pay', async () => {
    const bonus = await post('income-tax/annual-bonus', {
      bonus: 36001,
      annualWages: 100000,
      annualSocialInsurance: 12000,
    });
    expect(bonus.statusCode).toBe(200);
    expect(bonus.json().separate).toMatchObject({ ratePercent: 10, quickDeduction: '210.00', bonusTax: '3390.10' });
    expect(['separate', 'merged', 'same']).toContain(bonus.json().better);

    const labour = await post('income-tax/labour-remuneration', { amount: 2000 });
    expect(labour.json()).toMatchObject({ taxable: '1200.00', tax: '240.00', net: '1760.00' });
    const royalties = await post('income-tax/royalties', { amount: '40000' });
    expect(royalties.json()).toMatchObject({ taxable: '22400.00', tax: '4480.00' });

    const settlement = await post('income-tax/annual-settlement', {
      wages: 120000,
      labour: 10000,
      royalties: 5000,
      socialInsurance: 24000,
      specialDeductions: 24000,
      prepaid: 2000,
    });
    expect(settlement.json()).toMatchObject({ tax: '684.00', balance: '-1316.00', outcome: 'refund' });

    const overtime = await post('overtime-pay', {
      monthlyBase: 5000,
      workdayHours: 10,
      restDays: '2',
      holidayDays: 1,
      city: '440100',
    });
    expect(overtime.statusCode).toBe(200);
    expect(overtime.json()).toMatchObject({
      dailyWage: '229.89',
      hourlyWage: '28.74',
      total: '2040.23',
      minimumWage: '2500.00',
      warnings: [],
    });
    expect(overtime.json().items.map((i: { amount: string }) => i.amount)).toEqual(['431.03', '919.54', '689.66']);
  });

  const bad: [string, unknown, string, string | RegExp][] = [
    ['income-tax/wages', { monthlyGross: -100 }, 'monthlyGross', '月工资不能为负数'],
    ['income-tax/wages', { monthlyGross: 'abc' }, 'monthlyGross', /月工资必须是数字金额/],
    ['income-tax/wages', { monthlyGross: true }, 'monthlyGross', '月工资必须是数字金额'],
    ['income-tax/wages', { monthlyGross: 200000000 }, 'monthlyGross', '月工资不能超过100,000,000元'],
    ['income-tax/wages', { monthlyGross: 1e300 }, 'monthlyGross', /不能超过/],
    ['income-tax/wages', { monthlyGross: '1.001' }, 'monthlyGross', /两位小数/],
    ['income-tax/wages', {}, 'monthlyGross', '请填写月工资'],
    ['income-tax/wages', { monthlyGross: 8000, monthCount: 13 }, 'monthCount', '一年最多12个月'],
    ['income-tax/wages', { monthlyGross: 8000, startMonth: 12, monthCount: 2 }, 'monthCount', /超出了12月/],
    ['income-tax/wages', { monthlyGross: 8000, socialInsurance: 9000 }, 'socialInsurance', /不能超过月工资/],
    [
      'income-tax/wages',
      { months: Array.from({ length: 13 }, (_, i) => ({ month: (i % 12) + 1, gross: 8000 })) },
      'months',
      /第13个月/,
    ],
    ['income-tax/wages', { months: [{ month: 13, gross: 8000 }] }, 'months.0.month', /一年只有12个月/],
    [
      'income-tax/wages',
      {
        months: [
          { month: 1, gross: 8000 },
          { month: 3, gross: 8000 },
        ],
      },
      'months.1.month',
      /逐月连续/,
    ],
    ['income-tax/wages', { months: [{ month: 1, gross: -5 }] }, 'months.0.gross', '第1个月：月工资不能为负数'],
    [
      'income-tax/wages',
      { monthlyGross: 8000, specialDeductions: { elderlySupport: 'shared', elderlySharedMonthly: 2000 } },
      'specialDeductions.elderlySharedMonthly',
      /不能超过1,500元/,
    ],
    [
      'income-tax/wages',
      { monthlyGross: 8000, specialDeductions: { housing: 'loan-and-rent' } },
      'specialDeductions.housing',
      /不能同时扣除/,
    ],
    [
      'income-tax/wages',
      { monthlyGross: 8000, specialDeductions: { childEducation: { children: -1 } } },
      'specialDeductions.childEducation.children',
      '子女人数不能为负数',
    ],
    [
      'income-tax/wages',
      { monthlyGross: 8000, specialDeductions: { childEducation: { children: 1, sharePercent: 70 } } },
      'specialDeductions.childEducation.sharePercent',
      /100/,
    ],
    ['income-tax/annual-bonus', { bonus: '-1' }, 'bonus', '全年一次性奖金不能为负数'],
    ['income-tax/labour-remuneration', { amount: 'lots' }, 'amount', /必须是数字金额/],
    ['income-tax/royalties', {}, 'amount', /请填写稿酬/],
    ['income-tax/annual-settlement', { wages: 2e12 }, 'wages', /不能超过1,200,000,000元/],
    ['overtime-pay', { monthlyBase: 5000, workdayHours: -3 }, 'workdayHours', '工作日延长工作时间不能为负数'],
    ['overtime-pay', { monthlyBase: 5000, holidayDays: 20 }, 'holidayDays', '法定节假日加班天数不能超过13天'],
    ['overtime-pay', { monthlyBase: 5000, restDays: 'two' }, 'restDays', /必须是数字/],
    ['overtime-pay', { monthlyBase: 5000, city: '999999' }, 'city', /广东省/],
  ];

  it.each(bad)('%s %j → 400 CALCULATOR_INPUT_INVALID on %s', async (path, body, field, message) => {
    const res = await post(path, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe('CALCULATOR_INPUT_INVALID');
    expect(problem.title).toBe('计算参数有误');
    expect(problem.detail).toMatch(/\p{Script=Han}/u);
    expect(problem.detail).toMatch(message);
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('unknown fields are refused too; broken JSON and other content types keep the platform’s codes', async () => {
    const extra = await post('income-tax/labour-remuneration', { amount: 1, times: 3 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('CALCULATOR_INPUT_INVALID');
    const broken = await post('income-tax/royalties', '{"amount": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('BODY_NOT_JSON');
    const text = await post('overtime-pay', 'monthlyBase=5000', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    const huge = await post('income-tax/wages', { monthlyGross: 1, pad: 'x'.repeat(40_000) });
    expect(huge.statusCode).toBe(413);
  });

  it('never answers 500, whatever the body (fuzzed)', async () => {
    const paths = [
      'income-tax/wages',
      'income-tax/annual-bonus',
      'income-tax/labour-remuneration',
      'income-tax/royalties',
      'income-tax/annual-settlement',
      'overtime-pay',
    ];
    const value = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('1e400', '-0', '０', '1.', '.5', '00012', '9'.repeat(40), 'NaN', 'Infinity'),
    );
    const field = fc.constantFrom(
      'monthlyGross',
      'socialInsurance',
      'months',
      'monthCount',
      'startMonth',
      'specialDeductions',
      'bonus',
      'amount',
      'wages',
      'prepaid',
      'monthlyBase',
      'workdayHours',
      'restDays',
      'holidayDays',
      'city',
    );
    const body = fc.oneof(
      fc.dictionary(field, fc.oneof(value, fc.array(fc.record({ month: value, gross: value }), { maxLength: 14 }))),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async (path, payload) => {
        const res = await post(path, JSON.stringify(payload) ?? 'null');
        expect([200, 400], `${path} ${JSON.stringify(payload)} → ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 400) expect(res.json().detail).toMatch(/\p{Script=Han}/u);
      }),
      { numRuns: 300 },
    );
  });

  it('is documented in OpenAPI under the calculators tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/calculators/'));
    expect(paths.sort()).toEqual([
      '/api/v1/calculators/income-tax/annual-bonus',
      '/api/v1/calculators/income-tax/annual-settlement',
      '/api/v1/calculators/income-tax/labour-remuneration',
      '/api/v1/calculators/income-tax/royalties',
      '/api/v1/calculators/income-tax/wages',
      '/api/v1/calculators/overtime-pay',
    ]);
    for (const p of paths) expect(doc.paths[p].post.tags).toEqual(['calculators']);
    expect(doc.tags.map((x: { name: string }) => x.name)).toContain('calculators');
    expect(JSON.stringify(doc.paths['/api/v1/calculators/income-tax/wages'].post.requestBody)).toMatch(/WageTaxInput/);
    // Money is a number or a decimal string; the input schema (not the transformed output) is documented.
    const wages = doc.components.schemas.WageTaxInputInput;
    expect(wages.properties.monthlyGross.type).toEqual(['number', 'string']);
    expect(wages.properties.months.maxItems).toBe(12);
    expect(doc.components.schemas.WageTaxResult.properties.months.type).toBe('array');
  });

  it('is rate-limited per client (429 problem+json)', async () => {
    const headers = { 'x-forwarded-for': '10.200.0.1' };
    let limited = null;
    for (let i = 0; i < 130 && !limited; i++) {
      const res = await post('income-tax/labour-remuneration', { amount: 100 }, headers);
      if (res.statusCode === 429) limited = { i, res };
    }
    expect(limited?.i).toBe(120);
    expect(limited?.res.json().code).toBe('RATE_LIMITED');
  });
});
