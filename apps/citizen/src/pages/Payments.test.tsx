// @vitest-environment happy-dom
import type { Notification } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, findByTestId, json, mockFetch, renderRoute } from '../test/harness';
import { ORDER_ID, PAID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, waitFor } from '../test/render';
import Inbox from './Inbox';
import Payments from './Payments';

afterEach(cleanup);

const COACH_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const CLOSED_ID = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

describe('我的订单 (/me/payments)', () => {
  it('lists the orders with subject, amount, status and time; each opens its cashier or its result', async () => {
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/me/payments')
        ? json(200, [
            paymentOrder(),
            paymentOrder({
              ...PAID,
              id: COACH_ID,
              purpose: 'coach-tickets',
              purposeName: '长途车票',
              subject: '广州 → 深圳 长途车票 2张',
              payeeName: '广东省汽车客运站',
              amountFen: 12000,
            }),
            paymentOrder({ id: CLOSED_ID, status: 'closed', statusLabel: '已关闭', canPay: false }),
          ])
        : undefined,
    );
    await renderRoute([{ path: '/me/payments', element: <Payments /> }], '/me/payments');
    await findByTestId('payments-list');
    const cards = allByTestId('payment-card');
    expect(cards).toHaveLength(3);
    expect(cards[0]?.textContent).toContain('广州燃气 2026年10月燃气费');
    expect(cards[0]?.textContent).toContain('¥86.45');
    expect(cards[0]?.textContent).toContain('待支付');
    expect(cards[0]?.textContent).toContain('下单时间 2026年11月27日');
    expect(cards[0]?.getAttribute('href')).toBe(`/pay/${ORDER_ID}`);
    expect(byTestId('payment-pay-before', cards[0])).toBeTruthy();
    expect(cards[1]?.textContent).toContain('广州 → 深圳 长途车票 2张');
    expect(cards[1]?.textContent).toContain('¥120.00');
    expect(cards[1]?.textContent).toContain('已支付');
    expect(cards[1]?.getAttribute('href')).toBe(`/pay/${COACH_ID}/result`);
    expect(cards[2]?.textContent).toContain('已关闭');
    expect(cards[2]?.getAttribute('href')).toBe(`/pay/${CLOSED_ID}/result`);
    expect(calls.find((c) => c.url.startsWith('/api/v1/me/payments'))?.url).toBe('/api/v1/me/payments');

    await click(byTestId('payments-filter-utility-bill'));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/me/payments?purpose=utility-bill')).toBe(true));
  });

  it('says so when there are no orders yet', async () => {
    mockFetch((call) => (call.url.startsWith('/api/v1/me/payments') ? json(200, []) : undefined));
    await renderRoute([{ path: '/me/payments', element: <Payments /> }], '/me/payments');
    await waitFor(() => expect(document.body.textContent).toContain('暂无订单'));
    expect(byTestId('payments-gas').getAttribute('href')).toBe('/utilities/gas/pay');
  });
});

describe('消息: payment and coach messages', () => {
  const message = (over: Partial<Notification>): Notification => ({
    id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    kind: 'payment-update',
    title: '缴费成功通知',
    body: '您已成功缴纳广州燃气 2026年10月燃气费 ¥86.45',
    link: `/pay/${ORDER_ID}/result`,
    occurredAt: null,
    createdAt: '2026-11-27T02:03:00.000Z',
    read: true,
    ...over,
  });

  for (const [lang, payment, coach] of [
    ['zh-CN', '查看支付结果', '查看订单'],
    ['en', 'See payment result', 'View the order'],
  ] as const) {
    it(`labels their links (${lang})`, async () => {
      mockFetch((call) =>
        call.url.startsWith('/api/v1/me/notifications')
          ? json(200, {
              items: [
                message({}),
                message({
                  id: '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a',
                  kind: 'coach-update',
                  title: '购票成功',
                  link: `/coach/orders/${COACH_ID}`,
                }),
              ],
              unread: 0,
              hasMore: false,
            })
          : undefined,
      );
      await renderRoute([{ path: '/inbox', element: <Inbox /> }], '/inbox', { lang });
      await findByTestId('inbox-list');
      const links = allByTestId('inbox-link');
      expect(links.map((l) => l.textContent)).toEqual([payment, coach]);
      expect(links[0]?.getAttribute('href')).toBe(`/pay/${ORDER_ID}/result`);
    });
  }
});

describe('消息 with none yet', () => {
  it('says what will arrive there: every kind of message, not only credit and certificates', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/me/notifications') ? json(200, { items: [], unread: 0, hasMore: false }) : undefined,
    );
    await renderRoute([{ path: '/inbox', element: <Inbox /> }], '/inbox');
    await waitFor(() => expect(document.body.textContent).toContain('暂无消息'));
    for (const words of ['办件进度', '预约提醒', '缴费结果', '航班值机', '养老资格认证', '证照注销', '信用信息变更']) {
      expect(document.body.textContent).toContain(words);
    }
  });
});
