import { randomUUID } from 'node:crypto';
import { makeResidentId } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../departments/coach/timetable.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

/**
 * 长途车 paid through the platform's own payments module and the sandbox provider (coach.test.ts drives payment
 * outcomes with an in-memory fake of the port; this file proves the two modules fit): order → 去支付 → the sandbox
 * cashier's form → signed notification → tickets issued → 消息; a refund goes back through the provider; an
 * unpaid order cancelled closes its payment order.
 */
const ZHANG = DEMO_PEOPLE.find((p) => p.name === '张伟');
if (!ZHANG) throw new Error('no demo person 张伟');
const GZ = '440100';
const SZ = '440300';

describe.each(ENGINES)('长途车 with the real payments module on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = await c.verifiedAccount(ZHANG);
  });
  afterAll(() => t?.close());

  const ok = async (method: 'GET' | 'POST', url: string, body?: object, status = 200) => {
    const res = await c.call(method, url, body, zhang.cookie);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  /** A departure from 广州 to 深圳 two days on, from the morning (far enough from departure for a 5 % fee). */
  const departure = async (pick: number) => {
    const date = addDays(chinaDate(new Date()), 2);
    const found = await ok('GET', `/api/v1/coach/departures?from=${GZ}&to=${SZ}&date=${date}`);
    const d = found.departures.filter((x: { onSale: boolean }) => x.onSale)[pick];
    if (!d) throw new Error('no departure on sale');
    return d as { id: string; priceFen: number };
  };
  const placeOrder = async (departureId: string, n: number) =>
    ok(
      'POST',
      '/api/v1/me/coach/orders',
      {
        departureId,
        passengers: Array.from({ length: n }, (_, i) => ({
          name: ['王小明', '李华'][i],
          idNumber: makeResidentId('440104', '19850315', 300 + i),
        })),
        submissionId: randomUUID(),
      },
      201,
    );
  const payAtCashier = async (paymentId: string, password: string) => {
    const { checkoutUrl } = await ok('POST', `/api/v1/me/payments/${paymentId}/start`, { channel: 'sandbox-wallet' });
    return t.app.inject({
      method: 'POST',
      url: checkoutUrl,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'null',
        'sec-fetch-site': 'same-origin',
      },
      payload: `password=${password}`,
    });
  };
  const messages = (link: string) =>
    t.database.db.selectFrom('notifications').select(['kind', 'title']).where('link', '=', link).execute();

  it('pays at the sandbox cashier, the tickets are issued, and a refund goes back through the provider', async () => {
    const d = await departure(0);
    const placed = await placeOrder(d.id, 2);
    expect(placed).toMatchObject({ status: 'awaiting_payment', paymentStatus: 'pending', totalFen: 2 * d.priceFen });
    const payment = await ok('GET', `/api/v1/me/payments/${placed.paymentId}`);
    expect(payment).toMatchObject({
      purpose: 'coach-tickets',
      amountFen: 2 * d.priceFen,
      returnPath: `/coach/orders/${placed.id}`,
      canPay: true,
    });

    const declined = await payAtCashier(placed.paymentId, '000000');
    expect(declined.statusCode).toBe(200);
    expect(declined.body).toContain('余额不足');
    expect((await ok('GET', `/api/v1/me/coach/orders/${placed.id}`)).status).toBe('awaiting_payment');

    const paid = await payAtCashier(placed.paymentId, '135790');
    expect(paid.statusCode, paid.body).toBe(303);
    expect(paid.headers.location).toBe(`/pay/${placed.paymentId}/result`);

    const order = await ok('GET', `/api/v1/me/coach/orders/${placed.id}`);
    expect(order).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
    expect(order.tickets).toHaveLength(2);
    for (const ticket of order.tickets) {
      expect(ticket).toMatchObject({ status: 'issued', canShow: true, canRefund: true });
      expect(ticket.ticketNumber).toMatch(/^T\d+/);
    }
    expect(await ok('GET', `/api/v1/me/payments/${placed.paymentId}`)).toMatchObject({
      status: 'paid',
      fulfilment: 'done',
    });
    expect((await messages(`/coach/orders/${placed.id}`)).map((m) => m.kind)).toContain('coach-update');
    expect((await messages(`/pay/${placed.paymentId}/result`)).map((m) => m.kind)).toContain('payment-update');

    const ticket = order.tickets[0];
    const quote = await ok('GET', `/api/v1/me/coach/tickets/${ticket.id}/refund-quote`);
    expect(quote.feeFen + quote.refundFen).toBe(d.priceFen);
    const refunded = await ok('POST', `/api/v1/me/coach/tickets/${ticket.id}/refund`, {
      expectedRefundFen: quote.refundFen,
    });
    expect(refunded.tickets.find((x: { id: string }) => x.id === ticket.id)).toMatchObject({
      status: 'refunded',
      refundedFen: quote.refundFen,
    });
    const afterRefund = await ok('GET', `/api/v1/me/payments/${placed.paymentId}`);
    expect(afterRefund).toMatchObject({ status: 'partially_refunded', refundedFen: quote.refundFen });
    expect(afterRefund.refunds).toHaveLength(1);
  });

  it('cancelling an unpaid order closes its payment order, and the cashier no longer takes it', async () => {
    const d = await departure(1);
    const placed = await placeOrder(d.id, 1);
    const cancelled = await ok('POST', `/api/v1/me/coach/orders/${placed.id}/cancel`, {});
    expect(cancelled).toMatchObject({ status: 'closed' });
    expect(cancelled.tickets[0].status).toBe('void');
    expect(await ok('GET', `/api/v1/me/payments/${placed.paymentId}`)).toMatchObject({
      status: 'closed',
      canPay: false,
    });
    const again = await c.call(
      'POST',
      `/api/v1/me/payments/${placed.paymentId}/start`,
      { channel: 'sandbox-wallet' },
      zhang.cookie,
    );
    expect(again.statusCode).toBe(409);
  });
});
