import { CREDIT_SUBSCRIPTION_LIMIT, makeUscc, USCC_ALPHABET } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDIT } from '../../departments/credit/demo.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const SEARCH = '/api/v1/lookups/credit/search';
const DETAIL = '/api/v1/lookups/credit/subjects';
const SUBS = '/api/v1/lookups/credit/subscriptions';
/** The demo entity's code with another (valid-alphabet) check character. */
const wrongCheck = (code: string) => `${code.slice(0, 17)}${code[17] === 'A' ? 'B' : 'A'}`;
/** Valid codes that no entity has (the pool's and the demo's organisation codes never start with QQ). */
const unknownCode = (i: number) =>
  makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: `QQ${String(i).padStart(6, '0')}` });

describe.each(ENGINES)('信用查询 (F3, anyone) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1', CREDIT_POLL_SECONDS: '0' });
  });
  afterAll(() => t?.close());

  it('searches by name (contained, paged) without logging in, with 信用广东 as source', async () => {
    const res = await c.call('GET', `${SEARCH}?q=${encodeURIComponent('示范')}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ by: 'name', q: '示范', page: 1, pageSize: 10 });
    expect(body.items.map((i: { uscc: string }) => i.uscc)).toEqual(expect.arrayContaining(Object.values(DEMO_CREDIT)));
    expect(body.source).toEqual({ department: '信用广东', updatedAt: null });
    const one = body.items.find((i: { uscc: string }) => i.uscc === DEMO_CREDIT.penalised);
    expect(one).toMatchObject({ name: '广州粤信示范科技有限公司', status: '存续', legalRepresentative: '黄志明' });

    const common = (await c.call('GET', `${SEARCH}?q=${encodeURIComponent('科技')}&pageSize=5`)).json();
    expect(common.total).toBeGreaterThan(10);
    expect(common.items).toHaveLength(5);
    const page2 = (await c.call('GET', `${SEARCH}?q=${encodeURIComponent('科技')}&pageSize=5&page=2`)).json();
    expect(page2.total).toBe(common.total);
    const first = new Set(common.items.map((i: { uscc: string }) => i.uscc));
    expect(page2.items.some((i: { uscc: string }) => first.has(i.uscc))).toBe(false);

    const none = (await c.call('GET', `${SEARCH}?q=${encodeURIComponent('不存在的公司名称甲乙')}`)).json();
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('searches by 统一社会信用代码 (lower case and spaces accepted); an unknown valid code is an empty list', async () => {
    const res = await c.call('GET', `${SEARCH}?q=${encodeURIComponent(` ${DEMO_CREDIT.revoked.toLowerCase()} `)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ by: 'uscc', q: DEMO_CREDIT.revoked, total: 1 });
    expect(res.json().items[0]).toMatchObject({ name: '深圳前海示范贸易有限公司', status: '吊销' });
    const unknown = await c.call('GET', `${SEARCH}?q=${unknownCode(1)}`);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toMatchObject({ by: 'uscc', total: 0, items: [] });
  });

  it('refuses bad codes and short keywords with specific codes and the guide’s Chinese, never a 500', async () => {
    const check = await c.call('GET', `${SEARCH}?q=${wrongCheck(DEMO_CREDIT.penalised)}`);
    expect(check.statusCode).toBe(400);
    expect(check.headers['content-type']).toContain('application/problem+json');
    expect(check.json()).toMatchObject({
      code: 'USCC_CHECK_CHARACTER_WRONG',
      title: '统一社会信用代码校验位不正确',
      detail: '统一社会信用代码校验位不正确，请核对后重新输入。',
    });
    // 17 characters: read as a code (not searched as a name) and refused for its format
    const short = await c.call('GET', `${SEARCH}?q=${DEMO_CREDIT.penalised.slice(0, 17)}`);
    expect(short.json()).toMatchObject({ code: 'USCC_INVALID' });
    expect(short.json().detail).toContain('请输入18位统一社会信用代码');
    // the organisation code's own check character
    const org = DEMO_CREDIT.penalised.split('');
    org[16] = USCC_ALPHABET[(USCC_ALPHABET.indexOf(org[16] as string) + 1) % 10] as string;
    const orgRes = await c.call('GET', `${SEARCH}?q=${org.join('')}`);
    expect(orgRes.json().code).toBe('USCC_INVALID');
    expect(orgRes.json().detail).toContain('组织机构代码');
    // a keyword of one character
    const one = await c.call('GET', `${SEARCH}?q=${encodeURIComponent('科')}`);
    expect(one.statusCode).toBe(400);
    expect(one.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(one.json().errors[0].message).toContain('至少2个字');
    expect((await c.call('GET', SEARCH)).statusCode).toBe(400);
    expect((await c.call('GET', `${SEARCH}?q=${encodeURIComponent('科技')}&pageSize=21`)).statusCode).toBe(400);
    expect((await c.call('GET', `${SEARCH}?q=${encodeURIComponent('科技')}&page=0`)).statusCode).toBe(400);
    expect((await c.call('GET', `${SEARCH}?q=${encodeURIComponent('科技')}&page=abc`)).statusCode).toBe(400);
    // LIKE wildcards are literal
    const wild = (await c.call('GET', `${SEARCH}?q=${encodeURIComponent('%%')}`)).json();
    expect(wild.total).toBe(0);
  });

  it('shows the detail: registration, 行政处罚 and 司法信息, dated by the department', async () => {
    const res = await c.call('GET', `${DETAIL}/${DEMO_CREDIT.penalised}`);
    expect(res.statusCode, res.body).toBe(200);
    const { enterprise, source } = res.json();
    expect(enterprise).toMatchObject({
      uscc: DEMO_CREDIT.penalised,
      name: '广州粤信示范科技有限公司',
      status: '存续',
      statusSince: null,
      version: 4,
    });
    expect(enterprise.registrationAuthority).toContain('市场监督管理局');
    expect(enterprise.penalties.map((p: { decisionNumber: string }) => p.decisionNumber)).toEqual([
      '穗税罚〔2024〕88号',
      '穗市监罚〔2023〕1001号',
    ]);
    expect(enterprise.penalties[1]).toMatchObject({ violation: expect.stringContaining('虚假广告'), fine: 50000 });
    expect(enterprise.judicialRecords[0]).toMatchObject({
      caseNumber: '(2024)粤0106执5678号',
      kindName: '被执行人',
      amount: 120000,
      status: '执行中',
    });
    expect(source.department).toBe('信用广东');
    expect(source.updatedAt).toMatch(/^2024-10-09T/);

    const revoked = (await c.call('GET', `${DETAIL}/${DEMO_CREDIT.revoked.toLowerCase()}`)).json().enterprise;
    expect(revoked).toMatchObject({ status: '吊销', statusSince: '2022-03-15' });
    expect(revoked.judicialRecords.map((j: { kindName: string }) => j.kindName)).toContain('失信被执行人');
    const clean = (await c.call('GET', `${DETAIL}/${DEMO_CREDIT.clean}`)).json().enterprise;
    expect(clean).toMatchObject({ penalties: [], judicialRecords: [], version: 1 });
  });

  it('answers a bad code and an unknown entity with specific problems', async () => {
    const bad = await c.call('GET', `${DETAIL}/${wrongCheck(DEMO_CREDIT.clean)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('USCC_CHECK_CHARACTER_WRONG');
    const format = await c.call('GET', `${DETAIL}/1234`);
    expect(format.statusCode).toBe(400);
    expect(format.json().code).toBe('USCC_INVALID');
    const unknown = await c.call('GET', `${DETAIL}/${unknownCode(2)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'CREDIT_SUBJECT_NOT_FOUND', title: '未找到该信用主体' });
  });

  it('rate-limits the anonymous search per client address', async () => {
    const from = { 'x-forwarded-for': '10.99.0.1' };
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({ url: `${SEARCH}?q=${DEMO_CREDIT.clean}`, headers: from });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(codes[30]).toBe(429);
  });
});

describe.each(ENGINES)('信用信息订阅 (F3, verified citizen) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1', CREDIT_POLL_SECONDS: '0' });
  });
  afterAll(() => t?.close());

  it('subscribes idempotently, lists newest first, unsubscribes idempotently, all audited', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const first = await c.call('POST', SUBS, { uscc: DEMO_CREDIT.clean.toLowerCase() }, zhang.cookie);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      created: true,
      subscription: { uscc: DEMO_CREDIT.clean, name: '佛山示范餐饮管理有限公司', lastChange: null },
    });
    const again = await c.call('POST', SUBS, { uscc: DEMO_CREDIT.clean }, zhang.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(false);
    expect(again.json().subscription.subscribedAt).toBe(first.json().subscription.subscribedAt);
    await c.call('POST', SUBS, { uscc: DEMO_CREDIT.penalised }, zhang.cookie);

    const list = await c.call('GET', SUBS, undefined, zhang.cookie);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ subject: { self: true }, limit: CREDIT_SUBSCRIPTION_LIMIT });
    expect(list.json().items.map((s: { uscc: string }) => s.uscc)).toEqual([DEMO_CREDIT.penalised, DEMO_CREDIT.clean]);
    expect(list.body).not.toContain(demo('张伟').idNumber);

    expect((await c.call('DELETE', `${SUBS}/${DEMO_CREDIT.penalised}`, undefined, zhang.cookie)).statusCode).toBe(204);
    expect((await c.call('DELETE', `${SUBS}/${DEMO_CREDIT.penalised}`, undefined, zhang.cookie)).statusCode).toBe(204);
    const after = (await c.call('GET', SUBS, undefined, zhang.cookie)).json();
    expect(after.items.map((s: { uscc: string }) => s.uscc)).toEqual([DEMO_CREDIT.clean]);

    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      actionLabel: string;
      detail: string | null;
    }[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'credit.subscribe', actionLabel: '订阅信用信息' }),
        expect.objectContaining({ action: 'credit.unsubscribe', actionLabel: '取消订阅信用信息' }),
        expect.objectContaining({ action: 'lookup.xinyong-dingyue', detail: '信用信息订阅' }),
      ]),
    );
  });

  it('checks the code before asking the department, and refuses unknown entities', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const bad = await c.call('POST', SUBS, { uscc: wrongCheck(DEMO_CREDIT.clean) }, li.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('USCC_CHECK_CHARACTER_WRONG');
    expect((await c.call('POST', SUBS, { uscc: 'abc' }, li.cookie)).json().code).toBe('USCC_INVALID');
    expect((await c.call('POST', SUBS, {}, li.cookie)).json().code).toBe('VALIDATION_FAILED');
    const unknown = await c.call('POST', SUBS, { uscc: unknownCode(3) }, li.cookie);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CREDIT_SUBJECT_NOT_FOUND');
    expect((await c.call('DELETE', `${SUBS}/not-a-code`, undefined, li.cookie)).json().code).toBe('USCC_INVALID');
    expect((await c.call('GET', SUBS, undefined, li.cookie)).json().items).toEqual([]);
  });

  it(`allows at most ${CREDIT_SUBSCRIPTION_LIMIT} subscriptions, also under concurrent requests`, async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    // 48 followed entities (written directly: the rule is about the count, not about which entities)
    await t.database.db
      .insertInto('credit_subscriptions')
      .values(
        Array.from({ length: CREDIT_SUBSCRIPTION_LIMIT - 2 }, (_, i) => ({
          account_id: chen.id,
          uscc: unknownCode(100 + i),
          entity_name: `测试主体${i}`,
          base_version: 1,
          seen_version: 1,
        })),
      )
      .execute();
    const three = [DEMO_CREDIT.clean, DEMO_CREDIT.penalised, DEMO_CREDIT.revoked];
    const results = await Promise.all(three.map((uscc) => c.call('POST', SUBS, { uscc }, chen.cookie)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 409]);
    const refused = results.find((r) => r.statusCode === 409);
    expect(refused?.json()).toMatchObject({ code: 'SUBSCRIPTION_LIMIT_REACHED' });
    expect(refused?.json().detail).toContain(`最多可订阅${CREDIT_SUBSCRIPTION_LIMIT}个信用主体`);
    const list = (await c.call('GET', SUBS, undefined, chen.cookie)).json();
    expect(list.items).toHaveLength(CREDIT_SUBSCRIPTION_LIMIT);
    // at the limit, subscribing again to a followed entity is still a no-op success
    const held = list.items.find((s: { uscc: string }) => three.includes(s.uscc)).uscc;
    expect((await c.call('POST', SUBS, { uscc: held }, chen.cookie)).statusCode).toBe(200);
    // one cancelled: room for one more
    await c.call('DELETE', `${SUBS}/${unknownCode(100)}`, undefined, chen.cookie);
    const missing = three.find((u) => !list.items.some((s: { uscc: string }) => s.uscc === u)) as string;
    expect((await c.call('POST', SUBS, { uscc: missing }, chen.cookie)).statusCode).toBe(201);
  });

  it('needs a session and a fresh verification; one citizen never sees another’s subscriptions', async () => {
    expect((await c.call('GET', SUBS)).statusCode).toBe(401);
    expect((await c.call('POST', SUBS, { uscc: DEMO_CREDIT.clean })).statusCode).toBe(401);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
    const unverified = await c.call('POST', SUBS, { uscc: DEMO_CREDIT.clean }, smsOnly);
    expect(unverified.json().code).toBe('VERIFICATION_REQUIRED');
    const liu = await c.verifiedAccount(demo('刘芳'));
    expect((await c.call('GET', SUBS, undefined, liu.cookie)).json().items).toEqual([]);
  });
});

describe.each(ENGINES)('信用信息 in OpenAPI and in production mode on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // The test hands buildApp its own database; production mode still insists on a DATABASE_URL setting.
    t = await createTestApp(engine, {
      APP_MODE: 'production',
      DATABASE_URL: 'postgres://unused.invalid/yss',
      CREDIT_POLL_SECONDS: '0',
    });
  });
  afterAll(() => t?.close());

  it('documents the routes, and serves no sandbox endpoint outside demo mode', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/lookups/credit/search'].get.tags).toEqual(['lookups']);
    expect(doc.paths['/api/v1/lookups/credit/subjects/{uscc}'].get).toBeDefined();
    expect(doc.paths['/api/v1/lookups/credit/subscriptions'].post.tags).toEqual(['lookups', 'personal']);
    expect(doc.paths['/api/v1/me/notifications'].get.tags).toEqual(['inbox']);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CreditSearchResult', 'CreditSubjectDetail', 'NotificationList']),
    );
    expect(doc.paths['/api/v1/dev/credit/penalties']).toBeUndefined();
    const penalty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dev/credit/penalties',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ uscc: DEMO_CREDIT.clean }),
    });
    expect(penalty.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/dev/credit/poll' })).statusCode).toBe(404);
  });
});
