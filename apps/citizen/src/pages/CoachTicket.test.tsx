// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ORDER_ID, order, TICKET_1, ticket } from '../test/coach-fixtures';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import CoachTicketPage, { nextRefreshDelay } from './CoachTicket';

const routes = [
  { path: '/coach/tickets/:ticketId', element: <CoachTicketPage /> },
  { path: '/coach/orders/:id', element: <p data-testid="order-page">order</p> },
];
const PATH = `/coach/tickets/${TICKET_1}?order=${ORDER_ID}`;
const QR_URL = `/api/v1/me/coach/tickets/${TICKET_1}/qr`;

afterEach(cleanup);

const qrPath = () => byTestId('coach-qr').querySelector('path')?.getAttribute('d');

describe('长途车 电子车票 (/coach/tickets/:ticketId)', () => {
  it('refreshes a minute after each code, or sooner before it expires', () => {
    const now = Date.parse('2026-11-28T02:00:00.000Z');
    expect(nextRefreshDelay('2026-11-28T02:02:00.000Z', now)).toBe(60_000);
    expect(nextRefreshDelay('2026-11-28T02:00:40.000Z', now)).toBe(30_000);
    expect(nextRefreshDelay('2026-11-28T02:00:05.000Z', now)).toBe(1_000);
  });

  it('shows the QR with the ticket, and fetches a new code before the current one expires', async () => {
    let n = 0;
    const calls = mockFetch((call) => {
      if (call.url === `/api/v1/me/coach/orders/${ORDER_ID}`) return json(200, order());
      if (call.url === QR_URL) {
        n++;
        // the first code expires in 11.2 s: the page asks again 10 s before (after ~1.2 s)
        return json(200, { qr: `YSST1:code-${n}`, expiresAt: new Date(Date.now() + 11_200).toISOString() });
      }
      return undefined;
    });
    await renderRoute(routes, PATH);
    await findByTestId('coach-qr');
    expect(byTestId('coach-qr').getAttribute('aria-label')).toBe('电子车票二维码，乘客张*，座位05');
    expect(byTestId('coach-ticket-card').textContent).toContain('请调高屏幕亮度');
    expect(byTestId('coach-ticket-seat').textContent).toBe('05号');
    expect(byTestId('coach-ticket-when').textContent).toContain('10:30');
    expect(byTestId('coach-qr-updated').textContent).toMatch(/^车票二维码已更新 \d{2}:\d{2}:\d{2}$/);
    const first = qrPath();
    await waitFor(() => expect(calls.filter((c) => c.url === QR_URL)).toHaveLength(2), 4000);
    await waitFor(() => expect(qrPath()).not.toBe(first));
    expect(byTestId('coach-back-to-order').getAttribute('href')).toBe(`/coach/orders/${ORDER_ID}`);

    await click(byTestId('coach-qr-refresh'));
    await waitFor(() => expect(calls.filter((c) => c.url === QR_URL).length).toBeGreaterThanOrEqual(3));
  });

  it('says when the ticket cannot be shown (by the order, or by the server)', async () => {
    mockFetch((call) =>
      call.url === `/api/v1/me/coach/orders/${ORDER_ID}`
        ? json(
            200,
            order({
              tickets: [ticket({ status: 'refunded', statusLabel: '已退票', canShow: false, canRefund: false })],
            }),
          )
        : undefined,
    );
    await renderRoute(routes, PATH);
    const state = await findByTestId('coach-ticket-not-showable');
    expect(state.textContent).toContain('该车票当前不能出示');
    expect(state.textContent).toContain('已退票');
    expect(allByTestId('coach-qr')).toHaveLength(0);
    await cleanup();

    mockFetch((call) => {
      if (call.url === `/api/v1/me/coach/orders/${ORDER_ID}`) return json(200, order());
      if (call.url === QR_URL)
        return problem(409, 'COACH_TICKET_NOT_SHOWABLE', '该车票当前不能出示', '该班次已发车超过2小时，车票不能出示');
      return undefined;
    });
    await renderRoute(routes, PATH);
    const refused = await findByTestId('coach-ticket-not-showable');
    expect(refused.textContent).toContain('该班次已发车超过2小时，车票不能出示');
    expect(byTestId('coach-back-to-order').getAttribute('href')).toBe(`/coach/orders/${ORDER_ID}`);
  });
});
