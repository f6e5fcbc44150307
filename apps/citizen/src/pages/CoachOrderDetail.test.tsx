// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ORDER_ID, order, PAYMENT_ID, TICKET_1, TICKET_2, ticket } from '../test/coach-fixtures';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, flush, waitFor } from '../test/render';
import CoachOrderDetail from './CoachOrderDetail';
import CoachOrders from './CoachOrders';

const routes = [
  { path: '/coach/orders', element: <CoachOrders /> },
  { path: '/coach/orders/:id', element: <CoachOrderDetail /> },
  { path: '/coach/tickets/:ticketId', element: <p data-testid="ticket-page">ticket</p> },
];
const ORDER_URL = `/api/v1/me/coach/orders/${ORDER_ID}`;
const QUOTE = (id: string, fee: number) => ({
  ticketId: id,
  priceFen: 8500,
  feeFen: fee,
  refundFen: 8500 - fee,
  rule: '发车前24小时以上退票收取票价5%的退票费，发车前2至24小时收取10%，发车前2小时内收取20%；已检票或已发车的车票不能在线退票，请到客运站办理。',
});
const REFUNDED = {
  status: 'refunded',
  statusLabel: '已退票',
  canRefund: false,
  canShow: false,
  refundFeeFen: 850,
  refundedFen: 7650,
  refundedAt: '2026-11-27T05:00:00.000Z',
} as const;

afterEach(cleanup);

const dialogButton = (text: string) =>
  [...document.querySelectorAll('.adm-dialog-button')].find((b) => b.textContent === text) as Element;

describe('长途车 我的车票 and 订单详情', () => {
  it('lists the orders newest first with their status', async () => {
    mockFetch((call) =>
      call.url === '/api/v1/me/coach/orders'
        ? json(200, [
            order({ id: '00000000-0000-4000-8000-000000000001', createdAt: '2026-11-20T02:00:00.000Z' }),
            order({
              id: '00000000-0000-4000-8000-000000000002',
              createdAt: '2026-11-27T02:00:00.000Z',
              status: 'awaiting_payment',
              statusLabel: '待支付',
            }),
          ])
        : undefined,
    );
    await renderRoute(routes, '/coach/orders');
    const cards = await waitFor(() => {
      const c = allByTestId('coach-order-card');
      expect(c).toHaveLength(2);
      return c;
    });
    expect(cards[0]?.getAttribute('href')).toBe('/coach/orders/00000000-0000-4000-8000-000000000002');
    expect(cards[0]?.textContent).toContain('待支付');
    expect(cards[0]?.textContent).toContain('请在');
    expect(cards[1]?.textContent).toContain('已出票');
    expect(cards[1]?.textContent).toContain('广州 → 深圳');
    expect(cards[1]?.textContent).toContain('1张 · ¥85.00');
  });

  it('shows the tickets masked, 出示车票, and refunds one after the quote is confirmed', async () => {
    const two = [
      ticket(),
      ticket({ id: TICKET_2, seat: '06', passengerNameMasked: '李*', passengerIdMasked: '440***********2468' }),
    ];
    const calls = mockFetch((call) => {
      if (call.url === ORDER_URL) return json(200, order({ tickets: two }));
      if (call.url.endsWith(`/tickets/${TICKET_2}/refund-quote`)) return json(200, QUOTE(TICKET_2, 850));
      if (call.url.endsWith(`/tickets/${TICKET_2}/refund`))
        return json(200, order({ tickets: [two[0] as never, ticket({ ...two[1], ...REFUNDED })] }));
      return undefined;
    });
    const { router } = await renderRoute(routes, `/coach/orders/${ORDER_ID}`);
    const head = await findByTestId('coach-order-head');
    expect(byTestId('coach-order-status').textContent).toBe('已出票');
    expect(byTestId('coach-order-number').textContent).toBe('CT2026112800001');
    expect(head.textContent).toContain('广州天河客运站');
    const tickets = allByTestId('coach-ticket');
    expect(tickets).toHaveLength(2);
    expect(tickets[1]?.textContent).toContain('李*');
    expect(tickets[1]?.textContent).toContain('440***********2468');
    expect(tickets[1]?.textContent).toContain('06号');
    expect(tickets[0]?.querySelector('[data-testid="coach-ticket-status"]')?.textContent).toBe('待检票');
    expect(tickets[0]?.querySelector('[data-testid="coach-ticket-show"]')?.getAttribute('href')).toBe(
      `/coach/tickets/${TICKET_1}?order=${ORDER_ID}`,
    );
    expect(allByTestId('coach-pay')).toHaveLength(0);
    expect(allByTestId('coach-order-cancel')).toHaveLength(0);

    await click(tickets[1]?.querySelector('[data-testid="coach-ticket-refund"]') as Element);
    await findByTestId('refund-quote');
    expect(byTestId('refund-price').textContent).toBe('¥85.00');
    expect(byTestId('refund-fee').textContent).toBe('¥8.50');
    expect(byTestId('refund-amount').textContent).toBe('¥76.50');
    expect(byTestId('refund-rule').textContent).toContain('发车前24小时以上退票收取票价5%的退票费');
    await click(byTestId('refund-confirm'));
    await waitFor(() =>
      expect(allByTestId('coach-ticket')[1]?.querySelector('[data-testid="coach-ticket-status"]')?.textContent).toBe(
        '已退票',
      ),
    );
    const sent = calls.find((c) => c.url.endsWith(`/tickets/${TICKET_2}/refund`));
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toEqual({ expectedRefundFen: 7650 });
    expect(byTestId('coach-ticket-refunded').textContent).toBe('¥76.50');
    await flush();
    expect(allByTestId('refund-quote')).toHaveLength(0);

    await click(byTestId('coach-ticket-show'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/coach/tickets/${TICKET_1}`));
  });

  it('asks again when the refund amount changed (COACH_REFUND_CHANGED) and refunds the new amount once confirmed', async () => {
    let quotes = 0;
    const calls = mockFetch((call) => {
      if (call.url === ORDER_URL) return json(200, order());
      if (call.url.endsWith('/refund-quote')) return json(200, QUOTE(TICKET_1, ++quotes === 1 ? 425 : 850));
      if (call.url.endsWith('/refund')) {
        const expected = (call.body as { expectedRefundFen: number }).expectedRefundFen;
        return expected === 8075
          ? problem(409, 'COACH_REFUND_CHANGED', '退票金额已变化，请重新确认')
          : json(200, order({ tickets: [ticket(REFUNDED)] }));
      }
      return undefined;
    });
    await renderRoute(routes, `/coach/orders/${ORDER_ID}`);
    await click(await findByTestId('coach-ticket-refund'));
    await waitFor(() => expect(byTestId('refund-amount').textContent).toBe('¥80.75'));
    await click(byTestId('refund-confirm'));
    await waitFor(() => expect(byTestId('refund-amount').textContent).toBe('¥76.50'));
    expect(byTestId('refund-note').textContent).toBe('退票金额已变化，请重新确认');
    await click(byTestId('refund-confirm'));
    await waitFor(() => expect(byTestId('coach-ticket-status').textContent).toBe('已退票'));
    const refunds = calls.filter((c) => c.url.endsWith('/refund')).map((c) => c.body);
    expect(refunds).toEqual([{ expectedRefundFen: 8075 }, { expectedRefundFen: 7650 }]);
  });

  it('offers 去支付 with the time left and 取消订单 while awaiting payment; cancels after confirming', async () => {
    const unpaid = order({
      status: 'awaiting_payment',
      statusLabel: '待支付',
      paymentStatus: 'pending',
      canCancel: true,
      tickets: [
        ticket({ status: 'unpaid', statusLabel: '待支付', canRefund: false, canShow: false, ticketNumber: null }),
      ],
      expiresAt: new Date(Date.now() + 14 * 60_000 + 30_000).toISOString(),
    });
    const calls = mockFetch((call) => {
      if (call.url === ORDER_URL) return json(200, unpaid);
      if (call.url === `${ORDER_URL}/cancel`)
        return json(200, {
          ...unpaid,
          status: 'closed',
          statusLabel: '已关闭',
          canCancel: false,
          paymentStatus: 'closed',
          tickets: [ticket({ status: 'void', statusLabel: '已失效', canRefund: false, canShow: false })],
        });
      return undefined;
    });
    await renderRoute(routes, `/coach/orders/${ORDER_ID}`);
    expect((await findByTestId('coach-pay-link')).getAttribute('href')).toBe(`/pay/${PAYMENT_ID}`);
    expect(byTestId('coach-pay-countdown').textContent).toMatch(/^14:(29|30)，超时未支付订单将自动关闭$/);
    expect(allByTestId('coach-ticket-show')).toHaveLength(0);
    expect(allByTestId('coach-ticket-refund')).toHaveLength(0);

    await click(byTestId('coach-order-cancel'));
    await findByTestId('coach-cancel-dialog');
    await click(dialogButton('确认取消'));
    await waitFor(() => expect(byTestId('coach-order-status').textContent).toBe('已关闭'));
    expect(calls.find((c) => c.url === `${ORDER_URL}/cancel`)?.method).toBe('POST');
    expect(allByTestId('coach-pay')).toHaveLength(0);
    expect(allByTestId('coach-order-cancel')).toHaveLength(0);
    expect(byTestId('coach-ticket-status').textContent).toBe('已失效');
  });

  it('shows COACH_ORDER_NOT_CANCELLABLE in the server’s words', async () => {
    mockFetch((call) => {
      if (call.url === ORDER_URL)
        return json(200, order({ status: 'awaiting_payment', statusLabel: '待支付', canCancel: true }));
      if (call.url.endsWith('/cancel'))
        return problem(409, 'COACH_ORDER_NOT_CANCELLABLE', '该订单已支付或已关闭，不能取消');
      return undefined;
    });
    await renderRoute(routes, `/coach/orders/${ORDER_ID}`);
    await click(await findByTestId('coach-order-cancel'));
    await findByTestId('coach-cancel-dialog');
    await click(dialogButton('确认取消'));
    await waitFor(() => expect(byTestId('coach-cancel-error').textContent).toBe('该订单已支付或已关闭，不能取消'));
  });

  it('says when the order is not found, with a way back to 我的车票', async () => {
    mockFetch(() => problem(404, 'COACH_ORDER_NOT_FOUND', '找不到该订单'));
    await renderRoute(routes, `/coach/orders/${ORDER_ID}`);
    await waitFor(() => expect(document.body.textContent).toContain('找不到该订单'));
    expect(document.querySelector('a[href="/coach/orders"]')).not.toBeNull();
  });
});
