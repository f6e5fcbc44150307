import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaymentProvider, PaymentProviderUnavailable } from '../../connectors/payments/contract.js';
import { SandboxPayKeys, SandboxPaymentAdapter, SandboxPayProvider } from '../../connectors/payments/sandbox/index.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { AuditLog } from '../audit/index.js';
import { NotificationService } from '../notifications/index.js';
import { FieldCipher } from '../privacy/index.js';
import { PaymentService } from './payment-service.js';
import type { FulfilmentOutcome, PaymentOrderRecord } from './port.js';

const ZHANG = DEMO_PEOPLE.find((p) => p.name === '张伟') as (typeof DEMO_PEOPLE)[number];

/**
 * The payments core through its port (what 长途车 and 燃气缴费 use), on a PaymentService of its own over the test
 * app's database, with a fulfiller of the test's making: the `closed` hook, fulfilments that throw and are retried,
 * concurrent notifications and queries, refunds capped and idempotent (also when asked at once), a payment taken
 * after the order closed, a provider that does not answer.
 */
describe.each(ENGINES)('payments core on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let accountId: string;
  let clock = Date.now();
  const now = () => new Date(clock);
  let payments: PaymentService;
  let sandbox: SandboxPayProvider;
  let unavailable = false;
  /** The platform's notify URL does not answer (the provider retries by its schedule). */
  let notifyDown = false;
  const calls = { fulfil: [] as string[], closed: [] as string[] };
  let next: (order: PaymentOrderRecord) => Promise<FulfilmentOutcome> = async () => ({ outcome: 'done' });

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    accountId = (await c.verifiedAccount(ZHANG)).id;
    const db = t.database.db;
    const cipher = new FieldCipher(t.config.dataEncryptionKey as Buffer);
    // The provider posts its notifications straight to this service (the HTTP route is utility-payments' test).
    sandbox = new SandboxPayProvider({
      db,
      keys: new SandboxPayKeys(db, cipher),
      now,
      deliver: async (_url, body) => {
        if (notifyDown) return { status: 503, body: '{"code":"NOT_READY"}' };
        const ack = await payments.handleNotification({ body: JSON.parse(body), headers: {} }, 'test');
        return { status: 200, body: JSON.stringify(ack) };
      },
    });
    const adapter = new SandboxPaymentAdapter(sandbox, now);
    // A provider that can be switched off (PAYMENT_PROVIDER_UNAVAILABLE).
    const provider: PaymentProvider = {
      name: adapter.name,
      notificationAcknowledgement: adapter.notificationAcknowledgement,
      verifyNotification: (n) => adapter.verifyNotification(n),
      createPayment: (r) =>
        unavailable ? Promise.reject(new PaymentProviderUnavailable('off')) : adapter.createPayment(r),
      queryPayment: (id) =>
        unavailable ? Promise.reject(new PaymentProviderUnavailable('off')) : adapter.queryPayment(id),
      closePayment: (id) =>
        unavailable ? Promise.reject(new PaymentProviderUnavailable('off')) : adapter.closePayment(id),
      refund: (r) => (unavailable ? Promise.reject(new PaymentProviderUnavailable('off')) : adapter.refund(r)),
    };
    payments = new PaymentService({
      db,
      cipher,
      provider,
      notifications: new NotificationService(db),
      audit: new AuditLog(db),
      log: t.app.log,
      publicOrigin: 'http://localhost:3000',
      now,
    });
    payments.registerFulfiller('coach-tickets', {
      fulfil: async (order) => {
        calls.fulfil.push(order.id);
        return next(order);
      },
      closed: async (order) => {
        calls.closed.push(order.id);
      },
    });
  });
  afterAll(() => t?.close());

  const newOrder = (amountFen = 1000, expiresAt?: Date) =>
    payments.createOrder({
      accountId,
      purpose: 'coach-tickets',
      purposeRef: randomUUID(),
      cityCode: '440100',
      subject: '广州 → 深圳 长途车票 2张',
      payeeName: '广州市客运站',
      amountFen,
      lines: [{ label: '乘车人', value: '张*' }],
      returnPath: '/coach/orders/x',
      ...(expiresAt ? { expiresAt } : {}),
    });

  /** Started and paid at the sandbox cashier; `lost`: the notification is never sent. */
  async function paidOrder(amountFen = 1000, lost = true) {
    const order = await newOrder(amountFen);
    const { checkoutUrl } = await payments.start(accountId, order.id, 'sandbox-card');
    const paid = await sandbox.pay(checkoutUrl.split('/').at(-1) as string, lost ? '999999' : '123456');
    expect(paid.kind).toBe('paid');
    return { order, providerPaymentId: checkoutUrl.split('/').at(-1) as string };
  }

  const row = (id: string) =>
    t.database.db.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const count = (id: string, kind: string) =>
    t.database.db
      .selectFrom('payment_events')
      .select('id')
      .where('order_id', '=', id)
      .where('kind', '=', kind as never)
      .execute()
      .then((r) => r.length);

  it('makes an order with a number P + day + city + 6 digits; the same purpose + ref answers the same order', async () => {
    const ref = randomUUID();
    const input = {
      accountId,
      purpose: 'coach-tickets' as const,
      purposeRef: ref,
      cityCode: '440100',
      subject: '广州 → 深圳 长途车票 1张',
      payeeName: '广州市客运站',
      amountFen: 6000,
      lines: [],
      returnPath: '/coach/orders/y',
    };
    const first = await payments.createOrder(input);
    expect(first).toMatchObject({
      status: 'pending',
      fulfilment: 'waiting',
      amountFen: 6000,
      refundedFen: 0,
      paidAt: null,
    });
    expect(first.orderNumber).toMatch(/^P\d{8}440100\d{6}$/);
    expect(first.expiresAt.getTime() - clock).toBe(15 * 60_000);
    expect((await payments.createOrder(input)).id).toBe(first.id);
    expect(await payments.getOrder(first.id)).toMatchObject({ id: first.id, purposeRef: ref });
    expect(await payments.getOrder('nope')).toBeUndefined();
  });

  it('a notification and queries racing for one payment record it once and fulfil once', async () => {
    const { order, providerPaymentId } = await paidOrder(2500);
    const jws = (
      await t.database.db
        .selectFrom('sandbox_pay_notifications')
        .select('jws')
        .where('payment_id', '=', providerPaymentId)
        .executeTakeFirstOrThrow()
    ).jws;
    const before = calls.fulfil.length;
    await Promise.all([
      ...Array.from({ length: 6 }, () =>
        payments.handleNotification({ body: { notification: jws }, headers: {} }, 't'),
      ),
      ...Array.from({ length: 4 }, () => payments.queryAndApply(order.id, 'query')),
      payments.sweepOnce({ queryAfterMs: 0 }),
    ]);
    await payments.drain();
    expect(calls.fulfil.length - before).toBe(1);
    expect(await count(order.id, 'paid')).toBe(1);
    expect(await count(order.id, 'fulfilled')).toBe(1);
    const messages = await t.database.db
      .selectFrom('notifications')
      .select('id')
      .where('dedupe_key', '=', `payment:${order.id}:paid`)
      .execute();
    expect(messages).toHaveLength(1);
    expect(await payments.getOrder(order.id)).toMatchObject({ status: 'paid', fulfilment: 'done' });
  });

  it('a notification the platform did not take is sent again by the provider’s schedule (15 s, 15 s, 30 s …)', async () => {
    notifyDown = true;
    let order: PaymentOrderRecord;
    let providerPaymentId: string;
    try {
      ({ order, providerPaymentId } = await paidOrder(1500, false));
      clock += 16_000;
      expect(await sandbox.deliverDue()).toBe(0);
    } finally {
      notifyDown = false;
    }
    const n = () =>
      t.database.db
        .selectFrom('sandbox_pay_notifications')
        .select(['status', 'attempts', 'next_attempt_at'])
        .where('payment_id', '=', providerPaymentId)
        .executeTakeFirstOrThrow();
    expect(await n()).toMatchObject({ status: 'pending', attempts: 2 });
    expect((await n()).next_attempt_at?.getTime()).toBe(clock + 15_000);
    expect((await payments.getOrder(order.id))?.status).toBe('pending');
    expect(await sandbox.deliverDue()).toBe(0); // not due yet
    clock += 15_000;
    expect(await sandbox.deliverDue()).toBe(1);
    expect(await n()).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(await payments.getOrder(order.id)).toMatchObject({ status: 'paid', fulfilment: 'done' });
  });

  it('a fulfiller that throws is tried again later (with backoff), and then answers', async () => {
    let attempts = 0;
    next = async () => {
      attempts++;
      if (attempts === 1) throw new Error('department down');
      return { outcome: 'done' };
    };
    try {
      const { order } = await paidOrder(1200, false);
      const after = await row(order.id);
      expect(after).toMatchObject({ status: 'paid', fulfilment: 'processing', fulfilment_attempts: 1 });
      expect(after.fulfilment_next_at?.getTime()).toBeGreaterThan(clock);
      // not due yet: the sweep leaves it
      await payments.sweepOnce();
      expect(attempts).toBe(1);
      clock += 31_000;
      await payments.sweepOnce();
      expect(attempts).toBe(2);
      expect(await payments.getOrder(order.id)).toMatchObject({ fulfilment: 'done', status: 'paid' });
      expect(await count(order.id, 'fulfilment_error')).toBe(1);
    } finally {
      next = async () => ({ outcome: 'done' });
    }
  });

  it('a failed fulfilment refunds the whole amount by itself, once', async () => {
    next = async () => ({ outcome: 'failed', note: '余票不足，款项已原路退回。' });
    try {
      const { order } = await paidOrder(3300, false);
      expect(await payments.getOrder(order.id)).toMatchObject({
        status: 'refunded',
        fulfilment: 'failed',
        refundedFen: 3300,
      });
      const r = await row(order.id);
      expect(r.fulfilment_note).toBe('余票不足，款项已原路退回。');
      await payments.sweepOnce();
      expect(await count(order.id, 'refunded')).toBe(1);
    } finally {
      next = async () => ({ outcome: 'done' });
    }
  });

  it('refunds: never more than paid minus earlier refunds, the same key once, also when asked at once', async () => {
    const { order } = await paidOrder(1000);
    await payments.queryAndApply(order.id, 'query');
    await payments.drain();
    expect((await payments.getOrder(order.id))?.fulfilment).toBe('done');

    const a = await payments.refund(order.id, {
      amountFen: 300,
      reason: '退票 票号1 退票费¥2.00',
      refundKey: 'ticket:1',
    });
    expect(a).toMatchObject({ amountFen: 300, reason: '退票 票号1 退票费¥2.00' });
    expect(a.refundNumber).toMatch(/^R\d{20}$/);
    const again = await payments.refund(order.id, { amountFen: 300, reason: '退票 票号1', refundKey: 'ticket:1' });
    expect(again.refundNumber).toBe(a.refundNumber);
    expect(await payments.getOrder(order.id)).toMatchObject({ status: 'partially_refunded', refundedFen: 300 });

    await expect(
      payments.refund(order.id, { amountFen: 701, reason: '超额', refundKey: 'ticket:2' }),
    ).rejects.toMatchObject({ code: 'PAYMENT_NOT_PAYABLE' });
    await expect(payments.refund(order.id, { amountFen: 0, reason: 'x', refundKey: 'ticket:0' })).rejects.toMatchObject(
      {
        code: 'VALIDATION_FAILED',
      },
    );

    // five refunds of 300 at once: only two fit in the 700 left
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        payments.refund(order.id, { amountFen: 300, reason: `退票 票号${i + 3}`, refundKey: `ticket:${i + 3}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const after = await payments.getOrder(order.id);
    expect(after).toMatchObject({ status: 'partially_refunded', refundedFen: 900 });
    const last = await payments.refund(order.id, { amountFen: 100, reason: '退票 票号9', refundKey: 'ticket:9' });
    expect(last.amountFen).toBe(100);
    expect(await payments.getOrder(order.id)).toMatchObject({ status: 'refunded', refundedFen: 1000 });
    await expect(
      payments.refund(order.id, { amountFen: 1, reason: 'x', refundKey: 'ticket:10' }),
    ).rejects.toMatchObject({ code: 'PAYMENT_NOT_PAYABLE' });
    // the provider refunded exactly as much
    const provider = await t.database.db
      .selectFrom('sandbox_pay_refunds as r')
      .innerJoin('sandbox_pay_payments as p', 'p.id', 'r.payment_id')
      .select('r.amount_fen')
      .where('p.merchant_order_number', '=', order.orderNumber)
      .execute();
    expect(provider.reduce((s, r) => s + r.amount_fen, 0)).toBe(1000);
    const refundMessages = await t.database.db
      .selectFrom('notifications')
      .select('id')
      .where('dedupe_key', 'like', `payment:${order.id}:refund:%`)
      .execute();
    expect(refundMessages).toHaveLength(4);
  });

  it('an unpaid order refuses refunds; the owner closes it and the `closed` hook runs once', async () => {
    const order = await newOrder(800);
    await expect(payments.refund(order.id, { amountFen: 1, reason: 'x', refundKey: 'k' })).rejects.toMatchObject({
      code: 'PAYMENT_NOT_PAYABLE',
    });
    await payments.start(accountId, order.id, 'sandbox-wallet');
    const [a, b] = await Promise.all([
      payments.close(order.id, '乘客取消订单'),
      payments.close(order.id, '乘客取消订单'),
    ]);
    expect(a.status).toBe('closed');
    expect(b.status).toBe('closed');
    await payments.sweepOnce();
    expect(calls.closed.filter((id) => id === order.id)).toHaveLength(1);
    expect((await row(order.id)).closed_hook_done).toBe(true);
  });

  it('expiry: the sweep closes unpaid orders past their time (at the provider too) and runs `closed` once', async () => {
    const order = await newOrder(900, new Date(clock + 60_000));
    const { checkoutUrl } = await payments.start(accountId, order.id, 'sandbox-wallet');
    await payments.sweepOnce();
    expect((await payments.getOrder(order.id))?.status).toBe('pending');
    clock += 61_000;
    await Promise.all([payments.sweepOnce(), payments.sweepOnce()]);
    expect(await payments.getOrder(order.id)).toMatchObject({ status: 'closed', fulfilment: 'waiting' });
    expect(calls.closed.filter((id) => id === order.id)).toHaveLength(1);
    expect(await count(order.id, 'closed')).toBe(1);
    const paid = await sandbox.pay(checkoutUrl.split('/').at(-1) as string, '123456');
    expect(paid.kind).toBe('closed');
    await expect(payments.start(accountId, order.id, 'sandbox-wallet')).rejects.toMatchObject({
      code: 'PAYMENT_NOT_PAYABLE',
    });
  });

  it('closing an order the payer just paid keeps the payment (the provider says paid)', async () => {
    const { order } = await paidOrder(700);
    await expect(payments.close(order.id, '乘客取消订单')).rejects.toMatchObject({ code: 'PAYMENT_NOT_PAYABLE' });
    await payments.drain();
    expect(await payments.getOrder(order.id)).toMatchObject({ status: 'paid', fulfilment: 'done' });
    expect(calls.closed).not.toContain(order.id);
  });

  it('a payment the provider took after the order closed here is recorded, never fulfilled, and refunded in full', async () => {
    const order = await newOrder(650);
    const { checkoutUrl } = await payments.start(accountId, order.id, 'sandbox-wallet');
    const id = checkoutUrl.split('/').at(-1) as string;
    await payments.close(order.id, '乘客取消订单');
    // a provider that let the payer pay anyway (the race a real one can have)
    await t.database.db
      .updateTable('sandbox_pay_payments')
      .set({ status: 'pending', closed_at: null })
      .where('id', '=', id)
      .execute();
    const before = calls.fulfil.length;
    expect((await sandbox.pay(id, '123456')).kind).toBe('paid');
    expect(calls.fulfil.length).toBe(before);
    const r = await row(order.id);
    expect(r).toMatchObject({ status: 'refunded', fulfilment: 'failed', refunded_fen: 650 });
    expect(r.fulfilment_note).toContain('原路退回');
  });

  it('a provider that does not answer: 去支付 and closing say PAYMENT_PROVIDER_UNAVAILABLE and change nothing; a refund waits and is retried', async () => {
    const order = await newOrder(400);
    unavailable = true;
    try {
      await expect(payments.start(accountId, order.id, 'sandbox-wallet')).rejects.toMatchObject({
        code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      });
      expect(await row(order.id)).toMatchObject({ status: 'pending', provider_payment_id: null });
    } finally {
      unavailable = false;
    }
    await payments.start(accountId, order.id, 'sandbox-wallet');
    unavailable = true;
    try {
      await expect(payments.close(order.id, 'x')).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
      expect((await row(order.id)).status).toBe('pending');
    } finally {
      unavailable = false;
    }

    const { order: paid } = await paidOrder(500);
    await payments.queryAndApply(paid.id, 'query');
    await payments.drain();
    unavailable = true;
    try {
      await expect(payments.refund(paid.id, { amountFen: 200, reason: '退票', refundKey: 'r1' })).rejects.toMatchObject(
        { code: 'PAYMENT_PROVIDER_UNAVAILABLE' },
      );
    } finally {
      unavailable = false;
    }
    // reserved meanwhile: 301 more would exceed what is left
    await expect(payments.refund(paid.id, { amountFen: 301, reason: '退票', refundKey: 'r2' })).rejects.toMatchObject({
      code: 'PAYMENT_NOT_PAYABLE',
    });
    clock += 11_000;
    await payments.sweepOnce();
    expect(await payments.getOrder(paid.id)).toMatchObject({ status: 'partially_refunded', refundedFen: 200 });
  });
});
