import { randomUUID } from 'node:crypto';
import { CompactSign, generateKeyPair } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const BANNER = '沙箱支付（测试模式，不产生真实扣款）';
const yuanOf = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * 燃气缴费 (G1) end to end over HTTP: amount due → payment order → 去支付 → the sandbox cashier's form → the provider's
 * signed notification through the real notify route → paid → the bill paid at the gas company → 消息. And what goes
 * wrong: a declined password, a lost notification (主动查单), forged and altered notifications, the same
 * notification many times at once, expiry, a bill paid by someone else meanwhile (automatic refund), a retried
 * fulfilment after a crash, someone else's order, bad input.
 */
describe.each(ENGINES)('燃气缴费 and the sandbox provider on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  const used = new Set<string>();
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = await c.verifiedAccount(demo('张伟'));
  });
  afterAll(() => t?.close());

  /** A 广州燃气 bill no other test used, made unpaid (as a fresh bill would be). */
  async function openBill() {
    const bill = await db()
      .selectFrom('dept_gongyong.bills as b')
      .innerJoin('dept_gongyong.accounts as a', 'a.account_number', 'b.account_number')
      .select(['b.account_number', 'b.period', 'b.amount_fen'])
      .where('a.company_id', '=', 'guangzhou-gas')
      .where('b.amount_fen', '>', 0)
      .where(sql<string>`b.account_number || ':' || b.period`, 'not in', ['-', ...used])
      .orderBy('b.period', 'desc')
      .orderBy('b.account_number')
      .executeTakeFirstOrThrow();
    used.add(`${bill.account_number}:${bill.period}`);
    await db()
      .updateTable('dept_gongyong.bills')
      .set({ status: 'unpaid', paid_at: null, payment_reference: null })
      .where('account_number', '=', bill.account_number)
      .where('period', '=', bill.period)
      .execute();
    return { account: bill.account_number, period: bill.period, amountFen: bill.amount_fen };
  }

  const departmentBill = (bill: { account: string; period: string }) =>
    db()
      .selectFrom('dept_gongyong.bills')
      .select(['status', 'payment_reference'])
      .where('account_number', '=', bill.account)
      .where('period', '=', bill.period)
      .executeTakeFirstOrThrow();

  async function createOrder(bill: { account: string; period: string; amountFen: number }, cookie = zhang.cookie) {
    const res = await c.call(
      'POST',
      '/api/v1/me/utility-payments',
      { city: GZ, account: bill.account, period: bill.period, amountFen: bill.amountFen, submissionId: randomUUID() },
      cookie,
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function start(orderId: string, cookie = zhang.cookie, channel = 'sandbox-wallet') {
    const res = await c.call('POST', `/api/v1/me/payments/${orderId}/start`, { channel }, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().checkoutUrl as string;
  }

  /** The cashier's form as a browser posts it (the app's no-referrer policy makes its Origin `null`). */
  const cashierPost = (checkoutUrl: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: checkoutUrl,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'null',
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      payload: `password=${password}`,
    });

  const order = async (id: string, cookie = zhang.cookie) => {
    const res = await c.call('GET', `/api/v1/me/payments/${id}`, undefined, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  const events = async (orderId: string) =>
    (
      await db().selectFrom('payment_events').select('kind').where('order_id', '=', orderId).orderBy('id').execute()
    ).map((e) => e.kind);

  const messages = async (orderId: string) =>
    db()
      .selectFrom('notifications')
      .select(['title', 'body', 'link', 'dedupe_key'])
      .where('link', '=', `/pay/${orderId}/result`)
      .orderBy('created_at')
      .execute();

  /** The notification the sandbox signed for a payment (lost ones are never sent: the test posts them itself). */
  const notificationOf = async (checkoutUrl: string) => {
    const id = checkoutUrl.split('/').at(-1) as string;
    return db()
      .selectFrom('sandbox_pay_notifications')
      .select(['jws', 'status', 'attempts'])
      .where('payment_id', '=', id)
      .executeTakeFirstOrThrow();
  };

  const notify = (payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify/sandbox',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it('pays a gas bill: amount due → order → cashier → signed notification → paid → bill paid → 缴费成功通知', async () => {
    const bill = await openBill();
    const due = await c.call(
      'GET',
      `/api/v1/utilities/gas/amount-due?city=${GZ}&account=${bill.account}`,
      undefined,
      zhang.cookie,
    );
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json()).toMatchObject({
      companyName: '广州燃气集团有限公司',
      accountNumber: bill.account,
      unpaid: expect.arrayContaining([{ period: bill.period, amountFen: bill.amountFen, dueOn: expect.any(String) }]),
    });
    expect(due.json().holderNameMasked).toMatch(/^\*+.$/u);
    expect(due.json().addressMasked).toMatch(/\*{4}$/);

    const submissionId = randomUUID();
    const body = { city: GZ, account: bill.account, period: bill.period, amountFen: bill.amountFen, submissionId };
    const created = await c.call('POST', '/api/v1/me/utility-payments', body, zhang.cookie);
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json();
    const month = `${bill.period.slice(0, 4)}年${Number(bill.period.slice(5))}月`;
    expect(o).toMatchObject({
      purpose: 'utility-bill',
      purposeName: '生活缴费',
      subject: `广州燃气 ${month}燃气费`,
      payeeName: '广州燃气集团有限公司',
      cityCode: GZ,
      amountFen: bill.amountFen,
      status: 'pending',
      statusLabel: '待支付',
      fulfilment: 'waiting',
      canPay: true,
      channel: null,
      refunds: [],
      refundedFen: 0,
      returnPath: `/utilities/gas/pay?account=${bill.account}`,
    });
    expect(o.orderNumber).toMatch(/^P\d{8}440100\d{6}$/);
    expect(o.lines.map((l: { label: string }) => l.label)).toEqual(['户号', '户主', '账期', '金额']);
    expect(o.lines[3].value).toBe(yuanOf(bill.amountFen));
    // a retry of the same submission: the same order, nothing new
    const again = await c.call('POST', '/api/v1/me/utility-payments', body, zhang.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(o.id);

    const checkoutUrl = await start(o.id);
    expect(checkoutUrl).toMatch(/^\/sandbox-pay\/checkout\/sbp_[0-9a-f]{32}$/);
    expect(await start(o.id)).toBe(checkoutUrl); // the provider payment is made once

    const page = await t.app.inject({ method: 'GET', url: checkoutUrl });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain(BANNER);
    expect(page.body).toContain(yuanOf(bill.amountFen));
    expect(page.body).toContain('广州燃气集团有限公司');
    expect(page.body).toContain(`广州燃气 ${month}燃气费`);
    expect(page.body).toContain('<label for="password">支付密码');
    expect(page.body).toContain('000000');
    expect(page.body).toContain('999999');
    expect(page.body).toContain('确认支付');
    expect(page.body).toContain(`href="/pay/${o.id}"`);
    expect(page.body).not.toMatch(/<script/i);

    const paid = await cashierPost(checkoutUrl, '135790');
    expect(paid.statusCode, paid.body).toBe(303);
    expect(paid.headers.location).toBe(`/pay/${o.id}/result`);
    expect((await notificationOf(checkoutUrl)).status).toBe('delivered');

    const after = await order(o.id);
    expect(after).toMatchObject({
      status: 'paid',
      statusLabel: '已支付',
      fulfilment: 'done',
      fulfilmentLabel: '已完成',
      fulfilmentNote: null,
      channel: 'sandbox-wallet',
      canPay: false,
    });
    expect(after.providerTransactionId).toMatch(/^SBX\d{24}$/);
    expect(after.paidAt).toEqual(expect.any(String));
    expect(await departmentBill(bill)).toMatchObject({
      status: 'paid',
      payment_reference: expect.stringMatching(/^P/),
    });
    const dueAfter = await c.call(
      'GET',
      `/api/v1/utilities/gas/amount-due?city=${GZ}&account=${bill.account}`,
      undefined,
      zhang.cookie,
    );
    expect(dueAfter.json().unpaid.map((u: { period: string }) => u.period)).not.toContain(bill.period);

    // 缴费成功通知: the proof of payment, once
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, zhang.cookie)).json();
    const message = inbox.items.find((m: { link: string }) => m.link === `/pay/${o.id}/result`);
    expect(message.kind).toBe('payment-update');
    expect(message.title).toBe(`缴费成功通知：广州燃气 ${month}燃气费`);
    for (const part of [
      o.orderNumber,
      yuanOf(bill.amountFen),
      '广州燃气集团有限公司',
      after.providerTransactionId,
      '支付时间',
    ]) {
      expect(message.body).toContain(part);
    }
    expect(await messages(o.id)).toHaveLength(1);
    expect(await events(o.id)).toEqual(['created', 'started', 'paid', 'fulfilled']);

    // paid: no second payment, no cancelling; the cashier says so; the list shows it
    const restart = await c.call(
      'POST',
      `/api/v1/me/payments/${o.id}/start`,
      { channel: 'sandbox-card' },
      zhang.cookie,
    );
    expect(restart.json().code).toBe('PAYMENT_NOT_PAYABLE');
    const close = await c.call('POST', `/api/v1/me/payments/${o.id}/close`, undefined, zhang.cookie);
    expect(close.json().code).toBe('PAYMENT_NOT_PAYABLE');
    expect((await t.app.inject({ method: 'GET', url: checkoutUrl })).body).toContain('该订单已支付');
    const list = (await c.call('GET', '/api/v1/me/payments?purpose=utility-bill', undefined, zhang.cookie)).json();
    expect(list[0].id).toBe(o.id);
    // the same bill again: already paid at the company
    const twice = await c.call(
      'POST',
      '/api/v1/me/utility-payments',
      { ...body, submissionId: randomUUID() },
      zhang.cookie,
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('BILL_ALREADY_PAID');

    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    for (const action of [
      'utility-payment.amount-due',
      'payment.create',
      'payment.start',
      'payment.paid',
      'payment.fulfilment',
    ]) {
      expect(
        log.some((e) => e.action === action),
        action,
      ).toBe(true);
    }
  });

  it('000000 is declined (余额不足) and the page lets the payer try again; a malformed password is asked again', async () => {
    const bill = await openBill();
    const o = await createOrder(bill);
    const checkoutUrl = await start(o.id, zhang.cookie, 'sandbox-card');
    const declined = await cashierPost(checkoutUrl, '000000');
    expect(declined.statusCode).toBe(200);
    expect(declined.body).toContain('余额不足');
    expect(declined.body).toContain('role="alert"');
    expect(declined.body).toContain('aria-invalid="true"');
    expect(declined.body).toContain('确认支付');
    const malformed = await cashierPost(checkoutUrl, '12ab');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('请输入6位数字支付密码');
    // a form posted from another site pays nothing
    expect((await cashierPost(checkoutUrl, '246810', { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    const foreign = await cashierPost(checkoutUrl, '246810', { origin: 'https://evil.example', 'sec-fetch-site': '' });
    expect(foreign.statusCode).toBe(403);
    expect((await order(o.id)).status).toBe('pending');
    expect(await departmentBill(bill)).toMatchObject({ status: 'unpaid' });

    expect((await cashierPost(checkoutUrl, '246810')).statusCode).toBe(303);
    expect(await order(o.id)).toMatchObject({ status: 'paid', fulfilment: 'done', channel: 'sandbox-card' });
  });

  it('999999 pays but loses the notification: the app’s next look asks the provider (主动查单) and the order ends paid', async () => {
    const bill = await openBill();
    const o = await createOrder(bill);
    const checkoutUrl = await start(o.id);
    const res = await cashierPost(checkoutUrl, '999999');
    expect(res.statusCode).toBe(303);
    expect((await notificationOf(checkoutUrl)).status).toBe('lost');
    const before = await db()
      .selectFrom('payment_orders')
      .select('status')
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(before.status).toBe('pending');
    expect(await order(o.id)).toMatchObject({ status: 'paid', fulfilment: 'done' });
    expect(await departmentBill(bill)).toMatchObject({ status: 'paid' });
    const paid = await db()
      .selectFrom('payment_events')
      .select('detail')
      .where('order_id', '=', o.id)
      .where('kind', '=', 'paid')
      .execute();
    expect(paid).toHaveLength(1);
    expect(paid[0]?.detail).toMatchObject({ source: 'query' });
  });

  it('refuses a forged or altered notification and changes nothing; the genuine one, sent many times at once, pays and fulfils once', async () => {
    const bill = await openBill();
    const o = await createOrder(bill);
    const checkoutUrl = await start(o.id);
    await cashierPost(checkoutUrl, '999999');
    const { jws } = await notificationOf(checkoutUrl);
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());

    // signed by someone else's key, with the provider's kid
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader(JSON.parse(Buffer.from(header, 'base64url').toString()))
      .sign(privateKey);
    // the provider's signature over another amount
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, payment: { ...claims.payment, amountFen: 1 } })).toString('base64url')}.${signature}`;
    for (const bad of [
      { notification: forged },
      { notification: altered },
      { notification: 'not.a.jws' },
      { notification: `${header}.${payload}.` },
    ]) {
      const res = await notify(bad);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'PAYMENT_NOTIFICATION_INVALID', detail: expect.stringMatching(/验签/) });
    }
    const untouched = await db()
      .selectFrom('payment_orders')
      .select(['status', 'fulfilment'])
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ status: 'pending', fulfilment: 'waiting' });
    expect(await events(o.id)).toEqual(['created', 'started']);
    expect(await messages(o.id)).toHaveLength(0);

    // the genuine notification five times at once, racing three looks of the citizen (主动查单)
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => notify({ notification: jws })),
      ...Array.from({ length: 3 }, () => c.call('GET', `/api/v1/me/payments/${o.id}`, undefined, zhang.cookie)),
    ]);
    for (const a of answers.slice(0, 5)) {
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toEqual({ code: 'SUCCESS', message: '成功' });
    }
    for (const a of answers.slice(5)) expect(a.statusCode, a.body).toBe(200);
    expect(await order(o.id)).toMatchObject({ status: 'paid', fulfilment: 'done', refundedFen: 0 });
    expect(await events(o.id)).toEqual(['created', 'started', 'paid', 'fulfilled']);
    expect(await messages(o.id)).toHaveLength(1);
    expect(await departmentBill(bill)).toMatchObject({ status: 'paid' });
    // and once more later: still SUCCESS, still nothing new
    expect((await notify({ notification: jws })).json().code).toBe('SUCCESS');
    expect(await events(o.id)).toHaveLength(4);
  });

  it('an expired unpaid order is closed (at the provider first): the cashier says so and nothing can be paid', async () => {
    const bill = await openBill();
    const o = await createOrder(bill);
    const checkoutUrl = await start(o.id);
    const past = new Date(Date.now() - 60_000);
    await db().updateTable('payment_orders').set({ expires_at: past }).where('id', '=', o.id).execute();
    const report = await t.app.payments.sweepOnce();
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const closed = await order(o.id);
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已关闭', canPay: false, fulfilment: 'waiting' });
    const page = await t.app.inject({ method: 'GET', url: checkoutUrl });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('订单已关闭');
    const late = await cashierPost(checkoutUrl, '135790');
    expect(late.statusCode).toBe(410);
    expect(await departmentBill(bill)).toMatchObject({ status: 'unpaid' });
    const restart = await c.call(
      'POST',
      `/api/v1/me/payments/${o.id}/start`,
      { channel: 'sandbox-wallet' },
      zhang.cookie,
    );
    expect(restart.json().code).toBe('PAYMENT_NOT_PAYABLE');

    // expired but not yet swept: 去支付 says PAYMENT_EXPIRED and closes it
    const other = await createOrder(await openBill());
    await db().updateTable('payment_orders').set({ expires_at: past }).where('id', '=', other.id).execute();
    const expired = await c.call(
      'POST',
      `/api/v1/me/payments/${other.id}/start`,
      { channel: 'sandbox-wallet' },
      zhang.cookie,
    );
    expect(expired.statusCode).toBe(409);
    expect(expired.json().code).toBe('PAYMENT_EXPIRED');
    expect((await order(other.id)).status).toBe('closed');
  });

  it('the citizen cancels an unpaid order: closed here and at the provider', async () => {
    const o = await createOrder(await openBill());
    const checkoutUrl = await start(o.id);
    const res = await c.call('POST', `/api/v1/me/payments/${o.id}/close`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', canPay: false });
    expect((await cashierPost(checkoutUrl, '135790')).statusCode).toBe(410);
    // closing again answers the closed order
    expect((await c.call('POST', `/api/v1/me/payments/${o.id}/close`, undefined, zhang.cookie)).statusCode).toBe(200);
  });

  it('a bill someone else paid meanwhile: the fulfilment fails and the whole amount goes back by itself', async () => {
    const bill = await openBill();
    const o = await createOrder(bill);
    const checkoutUrl = await start(o.id);
    // paid at the company's own counter while the citizen was at the cashier
    await db()
      .updateTable('dept_gongyong.bills')
      .set({ status: 'paid', paid_at: '2025-12-01T10:00:00+08:00', payment_reference: `PCOUNTER${bill.account}` })
      .where('account_number', '=', bill.account)
      .where('period', '=', bill.period)
      .execute();
    expect((await cashierPost(checkoutUrl, '135790')).statusCode).toBe(303);
    const after = await order(o.id);
    expect(after).toMatchObject({
      status: 'refunded',
      statusLabel: '已退款',
      fulfilment: 'failed',
      fulfilmentLabel: '办理失败，已原路退款',
      refundedFen: bill.amountFen,
    });
    expect(after.fulfilmentNote).toContain('已缴清');
    expect(after.fulfilmentNote).toContain('原路退回');
    expect(after.refunds).toEqual([
      {
        refundNumber: expect.stringMatching(/^R\d{20}$/),
        amountFen: bill.amountFen,
        reason: after.fulfilmentNote,
        refundedAt: expect.any(String),
      },
    ]);
    const titles = (await messages(o.id)).map((m) => m.title);
    expect(titles).toHaveLength(2);
    expect(titles[1]).toMatch(/^退款成功：/);
    expect(await events(o.id)).toEqual([
      'created',
      'started',
      'paid',
      'fulfilment_failed',
      'refund_requested',
      'refunded',
    ]);
    const providerRefunds = await db()
      .selectFrom('sandbox_pay_refunds')
      .select('amount_fen')
      .where('payment_id', '=', checkoutUrl.split('/').at(-1) as string)
      .execute();
    expect(providerRefunds).toEqual([{ amount_fen: bill.amountFen }]);
  });

  it('a fulfilment retried after a crash (the company paid, we never recorded it) does not pay twice nor refund', async () => {
    const bill = await openBill();
    const o = await createOrder(bill);
    await cashierPost(await start(o.id), '135790');
    expect((await order(o.id)).fulfilment).toBe('done');
    // as if the process died after payBill answered and before anything was recorded
    await db()
      .updateTable('utility_payments')
      .set({ department_reference: null, department_paid_at: null })
      .where('payment_order_id', '=', o.id)
      .execute();
    await db().updateTable('payment_orders').set({ fulfilment: 'processing' }).where('id', '=', o.id).execute();
    const report = await t.app.payments.sweepOnce();
    expect(report.fulfilments).toBeGreaterThanOrEqual(1);
    expect(await order(o.id)).toMatchObject({ status: 'paid', fulfilment: 'done', refundedFen: 0 });
    const bills = await db()
      .selectFrom('dept_gongyong.bills')
      .select('status')
      .where('account_number', '=', bill.account)
      .where('period', '=', bill.period)
      .execute();
    expect(bills).toEqual([{ status: 'paid' }]);
  });

  it('another citizen sees none of it: 404 for read, 去支付 and cancel, and the list is their own', async () => {
    const o = await createOrder(await openBill());
    const liu = await c.verifiedAccount(demo('刘洋'));
    for (const [method, url, body] of [
      ['GET', `/api/v1/me/payments/${o.id}`, undefined],
      ['POST', `/api/v1/me/payments/${o.id}/start`, { channel: 'sandbox-wallet' }],
      ['POST', `/api/v1/me/payments/${o.id}/close`, undefined],
    ] as const) {
      const res = await c.call(method, url, body, liu.cookie);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().code).toBe('PAYMENT_NOT_FOUND');
    }
    const list = (await c.call('GET', '/api/v1/me/payments', undefined, liu.cookie)).json() as { id: string }[];
    expect(list.some((x) => x.id === o.id)).toBe(false);
    expect((await order(o.id)).status).toBe('pending');
  });

  it('says what is wrong with a payment, in Chinese problem+json', async () => {
    // another payer (rate limits are per session): 替他人缴费 needs only the account number
    const li = await c.verifiedAccount(demo('李娜'));
    const bill = await openBill();
    const base = { city: GZ, account: bill.account, period: bill.period, amountFen: bill.amountFen };
    const post = (body: object) =>
      c.call('POST', '/api/v1/me/utility-payments', { ...base, submissionId: randomUUID(), ...body }, li.cookie);
    const expectProblem = async (resPromise: ReturnType<typeof post>, status: number, code: string) => {
      const res = await resPromise;
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe(code);
      expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
      return res.json();
    };
    const changed = await expectProblem(post({ amountFen: bill.amountFen + 1 }), 409, 'BILL_AMOUNT_CHANGED');
    expect(changed.detail).toContain(yuanOf(bill.amountFen));
    await expectProblem(post({ period: '2019-01' }), 404, 'BILL_NOT_FOUND');
    await expectProblem(post({ account: '2999999999' }), 404, 'BILL_NOT_FOUND');
    await expectProblem(post({ account: '12345678' }), 400, 'VALIDATION_FAILED');
    await expectProblem(post({ amountFen: -5 }), 400, 'VALIDATION_FAILED');
    await expectProblem(post({ period: '2025-13' }), 400, 'VALIDATION_FAILED');
    await expectProblem(post({ submissionId: 'x' }), 400, 'VALIDATION_FAILED');
    const shenzhen = await expectProblem(post({ city: '440300' }), 409, 'SERVICE_NOT_IN_CITY');
    expect(shenzhen.detail).toContain('暂仅支持广州');
    const dueSz = await c.call(
      'GET',
      `/api/v1/utilities/gas/amount-due?city=440300&account=${bill.account}`,
      undefined,
      li.cookie,
    );
    expect(dueSz.json().code).toBe('SERVICE_NOT_IN_CITY');
    const dueUnknown = await c.call(
      'GET',
      `/api/v1/utilities/gas/amount-due?city=${GZ}&account=2999999999`,
      undefined,
      li.cookie,
    );
    expect(dueUnknown.json().code).toBe('UTILITY_ACCOUNT_NOT_FOUND');

    const o = await createOrder(bill, li.cookie);
    const badChannel = await c.call('POST', `/api/v1/me/payments/${o.id}/start`, { channel: 'cash' }, li.cookie);
    expect(badChannel.statusCode).toBe(400);
    expect(badChannel.json().code).toBe('VALIDATION_FAILED');
    const unknown = await c.call('GET', '/api/v1/me/payments/not-an-id', undefined, li.cookie);
    expect(unknown.json().code).toBe('PAYMENT_NOT_FOUND');
    const anonymous = await c.call('GET', `/api/v1/me/payments/${o.id}`);
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/sandbox-pay/checkout/sbp_nothing' })).statusCode).toBe(404);
  });
});
