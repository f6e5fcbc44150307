import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../departments/population-register/generator.js';
import { citizenClient } from '../../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../../test-support/test-app.js';
import { MAX_FAILURES } from './routes.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const BASE = '/api/v1/lookups/utilities';
/** What a problem says to a person and to a program, without the request's own ids. */
const problemOf = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const { code, title, detail, status, type } = res.json();
  return { statusCode: res.statusCode, code, title, detail, status, type };
};

describe.each(ENGINES)('生活缴费 (G1) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  /** A demo household's account of a company (seed 1), read from the sandbox company's own table. */
  const accountOf = async (companyId: 'guangzhou-gas' | 'csg-guangdong-power' | 'yangjiang-water', holder?: string) => {
    let q = t.database.db
      .selectFrom('dept_gongyong.accounts')
      .select(['account_number', 'holder_name', 'address'])
      .where('company_id', '=', companyId);
    if (holder) q = q.where('holder_name', '=', holder);
    const row = await q.orderBy('account_number').executeTakeFirst();
    if (!row) throw new Error(`no ${companyId} account ${holder ?? ''}`);
    return row;
  };
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('我的户号 in 广州: the gas account in one’s own name, masked, with the company as source', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const own = await accountOf('guangzhou-gas', '张伟');
    const res = await c.call('GET', `${BASE}/gas/accounts?city=440100`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.company).toMatchObject({ id: 'guangzhou-gas', name: '广州燃气集团有限公司', unit: 'm³' });
    expect(body.company.accountFormat).toContain('10位数字');
    expect(body.accounts).toEqual([
      expect.objectContaining({
        accountNumber: own.account_number,
        origin: 'own',
        bindingId: null,
        holderNameMasked: '张*',
      }),
    ]);
    expect(body.accounts[0].addressMasked).toMatch(/^广东省广州市.+区\*{4}$/);
    expect(body.source.department).toBe('广州燃气集团有限公司');
    expect(res.body).not.toContain(demo('张伟').idNumber);
    expect(res.body).not.toContain(own.address);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'lookup.ranqi-huhao-bangding')).toBe(true);
  });

  it('账单查询: newest first, the chosen number of months, the amount due = the unpaid bills', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const own = await accountOf('guangzhou-gas', '张伟');
    const res = await c.call(
      'GET',
      `${BASE}/gas/bills?city=440100&account=${own.account_number}`,
      undefined,
      zhang.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.bills).toHaveLength(12);
    const periods = body.bills.map((b: { period: string }) => b.period);
    expect(periods).toEqual([...periods].sort().reverse());
    expect(body.account).toMatchObject({ accountNumber: own.account_number, origin: 'own', holderNameMasked: '张*' });
    // the demo household's open bill is unpaid, every older one paid (docs/departments/utilities.md)
    expect(body.bills[0].status).toBe('unpaid');
    expect(body.unpaidCount).toBe(1);
    expect(body.amountDue).toBe(body.bills[0].amount);
    expect(body.bills[0].unit).toBe('m³');
    expect(body.source.department).toBe('广州燃气集团有限公司');
    expect(res.body).not.toContain(demo('张伟').idNumber);
    const all = await c.call(
      'GET',
      `${BASE}/gas/bills?city=440100&account=${own.account_number}&months=24`,
      undefined,
      zhang.cookie,
    );
    expect(all.json().bills).toHaveLength(24);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'lookup.ranqi-zhangdan-chaxun')).toBe(true);
  });

  it('户号绑定: a wrong name and a wrong number get one identical answer; the right pair binds, then unbinds', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const father = await accountOf('guangzhou-gas', '张建国');
    const bind = (body: object) => c.call('POST', `${BASE}/gas/bindings?city=440100`, body, zhang.cookie);
    const bills = (account: string) =>
      c.call('GET', `${BASE}/gas/bills?city=440100&account=${account}`, undefined, zhang.cookie);

    // before binding, the father's bills are not his to read: the same answer as for a number nobody has
    const before = await bills(father.account_number);
    const nobody = await bills('2000000001');
    expect(before.statusCode).toBe(404);
    expect(problemOf(before)).toEqual(problemOf(nobody));
    expect(before.json().code).toBe('UTILITY_ACCOUNT_NOT_FOUND');

    const wrongName = await bind({ accountNumber: father.account_number, holderName: '张建' });
    const wrongNumber = await bind({ accountNumber: '2000000001', holderName: '张建国' });
    expect(wrongName.statusCode).toBe(404);
    expect(problemOf(wrongName)).toEqual(problemOf(wrongNumber));
    expect(wrongName.json().code).toBe('UTILITY_ACCOUNT_NOT_FOUND');
    expect(wrongName.json().detail).toContain('户号或户主姓名有误');
    expect(wrongName.body).not.toContain(father.address);

    const ok = await bind({ accountNumber: ` ${father.account_number} `, holderName: ' 张建国 ' });
    expect(ok.statusCode, ok.body).toBe(201);
    const binding = ok.json();
    expect(binding).toMatchObject({ accountNumber: father.account_number, origin: 'bound', holderNameMasked: '张**' });
    expect(binding.addressMasked).toMatch(/\*{4}$/);
    expect(ok.body).not.toContain(father.address);
    // stored encrypted: the number is nowhere in the row in clear
    const row = await t.database.db
      .selectFrom('utility_bindings')
      .selectAll()
      .where('id', '=', binding.bindingId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(father.account_number);

    const again = await bind({ accountNumber: father.account_number, holderName: '张建国' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('UTILITY_ACCOUNT_ALREADY_BOUND');
    const ownNumber = (await accountOf('guangzhou-gas', '张伟')).account_number;
    const own = await bind({ accountNumber: ownNumber, holderName: '张伟' });
    expect(own.json().code).toBe('UTILITY_ACCOUNT_ALREADY_BOUND');

    const list = (await c.call('GET', `${BASE}/gas/accounts?city=440100`, undefined, zhang.cookie)).json();
    expect(list.accounts.map((a: { origin: string }) => a.origin)).toEqual(['own', 'bound']);
    const read = await bills(father.account_number);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().account.origin).toBe('bound');
    expect(read.json().bills.length).toBeGreaterThan(0);

    // someone else cannot remove 张伟's binding; he can, once
    const liu = await c.verifiedAccount(demo('刘洋'));
    const stranger = await c.call('DELETE', `${BASE}/gas/bindings/${binding.bindingId}`, undefined, liu.cookie);
    expect(stranger.statusCode).toBe(404);
    const gone = await c.call('DELETE', `${BASE}/gas/bindings/${binding.bindingId}`, undefined, zhang.cookie);
    expect(gone.statusCode, gone.body).toBe(204);
    const twice = await c.call('DELETE', `${BASE}/gas/bindings/${binding.bindingId}`, undefined, zhang.cookie);
    expect(twice.json().code).toBe('UTILITY_BINDING_NOT_FOUND');
    expect(problemOf(await bills(father.account_number))).toEqual(problemOf(nobody));
  });

  it('pauses binding after repeated wrong pairs, even for the right pair', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const father = await accountOf('guangzhou-gas', '张建国');
    const bind = (holderName: string) =>
      c.call(
        'POST',
        `${BASE}/gas/bindings?city=440100`,
        { accountNumber: father.account_number, holderName },
        liu.cookie,
      );
    for (let i = 0; i < MAX_FAILURES; i++) expect((await bind(`王${i}`)).statusCode).toBe(404);
    const locked = await bind('张建国');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('UTILITY_BIND_LOCKED');
    expect(locked.json().detail).toContain('1小时后再试');
  });

  it('each city’s rule in the guide’s words: gas 广州 only, power not 广州/深圳, water 阳江 only', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const refused = async (url: string, words: string) => {
      const res = await c.call('GET', url, undefined, li.cookie);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().code).toBe('SERVICE_NOT_IN_CITY');
      expect(res.json().detail, url).toContain(words);
    };
    await refused(`${BASE}/gas/accounts?city=440300`, '暂仅支持广州');
    await refused(`${BASE}/gas/bills?city=440600&account=2135766836`, '暂仅支持广州');
    await refused(`${BASE}/power/accounts?city=440100`, '暂不支持广州、深圳');
    await refused(`${BASE}/power/accounts?city=440300`, '暂不支持广州、深圳');
    await refused(`${BASE}/water/accounts?city=440100`, '暂仅支持阳江');
    await refused(`${BASE}/water/amount-due?city=441300`, '暂仅支持阳江');
    const bindGz = await c.call(
      'POST',
      `${BASE}/power/bindings?city=440100`,
      { accountNumber: '0504129368638', holderName: '陈志强' },
      li.cookie,
    );
    expect(bindGz.json().code).toBe('SERVICE_NOT_IN_CITY');
    // 深圳: no connected company, so 李娜 has nothing to see anywhere she lives
    const none = await c.call('GET', `${BASE}/power/accounts?city=441700`, undefined, li.cookie);
    expect(none.statusCode).toBe(200);
    expect(none.json().accounts).toEqual([]);
    expect(none.json().company.name).toBe('广东电网有限责任公司');
  });

  it('电力 in 佛山: 陈志强’s own account and its monthly bills with payment status', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const own = await accountOf('csg-guangdong-power', '陈志强');
    const list = (await c.call('GET', `${BASE}/power/accounts?city=440600`, undefined, chen.cookie)).json();
    expect(list.accounts.map((a: { accountNumber: string }) => a.accountNumber)).toEqual([own.account_number]);
    const res = await c.call(
      'GET',
      `${BASE}/power/bills?city=440600&account=${own.account_number}&months=6`,
      undefined,
      chen.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().bills).toHaveLength(6);
    expect(res.json().bills[0]).toMatchObject({ unit: 'kWh', statusName: '待缴费' });
    expect(res.json().bills[1].statusName).toBe('已缴费');
    expect(res.json().source.department).toBe('广东电网有限责任公司');
  });

  it('水务 in 阳江: bind a water account, then 水费应缴 and its bills', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const water = await accountOf('yangjiang-water');
    const empty = await c.call('GET', `${BASE}/water/amount-due?city=441700`, undefined, li.cookie);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ accounts: [], total: 0 });
    const bound = await c.call(
      'POST',
      `${BASE}/water/bindings?city=441700`,
      { accountNumber: water.account_number, holderName: water.holder_name },
      li.cookie,
    );
    expect(bound.statusCode, bound.body).toBe(201);
    const due = await c.call('GET', `${BASE}/water/amount-due?city=441700`, undefined, li.cookie);
    expect(due.statusCode, due.body).toBe(200);
    const body = due.json();
    expect(body.accounts).toHaveLength(1);
    const [first] = body.accounts;
    expect(first.account.accountNumber).toBe(water.account_number);
    const unpaidSum = first.unpaid.reduce((s: number, b: { amount: number }) => s + Math.round(b.amount * 100), 0);
    expect(Math.round(first.amountDue * 100)).toBe(unpaidSum);
    expect(body.total).toBe(first.amountDue);
    expect(body.source.department).toBe('阳江市供水企业');
    expect(due.body).not.toContain(water.holder_name);
    expect(due.body).not.toContain(water.address);
    const bills = await c.call(
      'GET',
      `${BASE}/water/bills?city=441700&account=${water.account_number}`,
      undefined,
      li.cookie,
    );
    expect(bills.statusCode, bills.body).toBe(200);
    expect(bills.json().bills[0].unit).toBe('m³');
    // a water binding is not a gas one
    const gas = await c.call('GET', `${BASE}/gas/accounts?city=440100`, undefined, li.cookie);
    expect(gas.json().accounts).toEqual([]);
  });

  it('bad input: specific codes and Chinese messages, never a 500', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const cases: [string, string, object | undefined, number, string][] = [
      ['GET', `${BASE}/oil/accounts?city=440100`, undefined, 400, '缴费类型'],
      ['GET', `${BASE}/gas/accounts?city=999999`, undefined, 400, '请选择广东省的地级市'],
      ['GET', `${BASE}/gas/accounts`, undefined, 400, '请选择广东省的地级市'],
      ['GET', `${BASE}/gas/bills?city=440100&account=abc`, undefined, 400, '户号格式有误'],
      ['GET', `${BASE}/gas/bills?city=440100`, undefined, 400, '户号'],
      ['GET', `${BASE}/gas/bills?city=440100&account=2135766836&months=0`, undefined, 400, '至少查询1个月'],
      ['GET', `${BASE}/gas/bills?city=440100&account=2135766836&months=99`, undefined, 400, '最多查询24个月'],
      [
        'POST',
        `${BASE}/gas/bindings?city=440100`,
        { accountNumber: '0504129368638', holderName: '张伟' },
        400,
        '10位数字',
      ],
      [
        'POST',
        `${BASE}/gas/bindings?city=440100`,
        { accountNumber: '2135766836', holderName: '  ' },
        400,
        '请输入户主姓名',
      ],
      ['POST', `${BASE}/gas/bindings?city=440100`, { accountNumber: '2135766836' }, 400, '请输入户主姓名'],
      ['POST', `${BASE}/gas/bindings?city=440100`, { accountNumber: '12', holderName: '张伟' }, 400, '8至13位数字'],
      ['DELETE', `${BASE}/gas/bindings/not-a-uuid`, undefined, 400, '绑定编号格式有误'],
    ];
    for (const [method, url, body, status, words] of cases) {
      const res = await c.call(method as 'GET', url, body, zhang.cookie);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json()), url).toContain(words);
    }
  });
});
