// @vitest-environment happy-dom
import type { PaymentOrder } from '@yss/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { ORDER_ID, PAID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, flush, waitFor } from '../test/render';
import Pay, { safeCheckoutUrl } from './Pay';

const routes = [
  { path: '/pay/:id', element: <Pay /> },
  { path: '/pay/:id/result', element: <p data-testid="result-page">result</p> },
];
const URL_ORDER = `/api/v1/me/payments/${ORDER_ID}`;
let assign: ReturnType<typeof vi.fn>;

beforeEach(() => {
  assign = vi.fn();
  vi.spyOn(window.location, 'assign').mockImplementation(assign as never);
});
afterEach(async () => {
  await cleanup();
  vi.restoreAllMocks();
});

function backend(order: PaymentOrder, handle?: Parameters<typeof mockFetch>[0]) {
  return mockFetch((call) => {
    const own = handle?.(call);
    if (own) return own;
    if (call.url === URL_ORDER && call.method === 'GET') return json(200, order);
    return undefined;
  });
}

/** The button of the dialog open now (a closed one may linger while it fades out). */
const dialogButton = (text: string) =>
  [...document.querySelectorAll('.adm-dialog-button')].filter((b) => b.textContent === text).at(-1) as Element;

describe('收银台 (/pay/:id)', () => {
  it('shows the order, the countdown and the sandbox methods; 立即支付 goes to the provider’s checkout', async () => {
    const calls = backend(paymentOrder(), (call) =>
      call.url === `${URL_ORDER}/start` ? json(200, { checkoutUrl: `/sandbox-pay/checkout/${ORDER_ID}` }) : undefined,
    );
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    const summary = await findByTestId('pay-summary');
    expect(byTestId('pay-subject').textContent).toBe('广州燃气 2026年10月燃气费');
    expect(byTestId('pay-amount').textContent).toBe('¥86.45');
    expect(byTestId('pay-payee').textContent).toBe('广州燃气集团有限公司');
    expect(byTestId('pay-lines').textContent).toContain('*伟');
    expect(summary.textContent).toContain('P20261127440100123456');
    expect(byTestId('pay-countdown').textContent).toMatch(/剩余支付时间\s*1[45]:\d\d/);
    const methods = byTestId('pay-channels').textContent ?? '';
    expect(methods).toContain('沙箱钱包（测试模式，不产生真实扣款）');
    expect(methods).toContain('沙箱银行卡（测试模式，不产生真实扣款）');
    expect(byTestId<HTMLInputElement>('pay-channel-sandbox-wallet').checked).toBe(true);

    await click(byTestId('pay-channel-sandbox-card'));
    await click(byTestId('pay-submit'));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(`/sandbox-pay/checkout/${ORDER_ID}`));
    const start = calls.find((c) => c.url === `${URL_ORDER}/start`);
    expect(start?.method).toBe('POST');
    expect(start?.body).toEqual({ channel: 'sandbox-card' });
    // the button stays busy while the browser leaves for the cashier
    expect(byTestId<HTMLButtonElement>('pay-submit').disabled).toBe(true);
  });

  it('refuses a checkout address that is not http(s) or a path of this site', () => {
    expect(safeCheckoutUrl('/sandbox-pay/checkout/x')).toBe('/sandbox-pay/checkout/x');
    expect(safeCheckoutUrl('https://pay.example/c/1')).toBe('https://pay.example/c/1');
    expect(safeCheckoutUrl('javascript:alert(1)')).toBeNull();
    expect(safeCheckoutUrl('//evil.example/x')).toBeNull();
  });

  it('shows the expired state with a way back once the time is up', async () => {
    backend(paymentOrder({ expiresAt: new Date(Date.now() - 1000).toISOString(), canPay: false }));
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    const expired = await findByTestId('pay-expired');
    expect(expired.textContent).toContain('订单已超时关闭');
    expect(byTestId('pay-back').getAttribute('href')).toBe('/utilities/gas/pay');
    expect(allByTestId('pay-submit')).toHaveLength(0);
    expect(document.activeElement).toBe(expired);
  });

  it('shows PAYMENT_EXPIRED from the server as the expired state', async () => {
    let closed = false;
    backend(paymentOrder(), (call) => {
      if (call.url === `${URL_ORDER}/start`) {
        closed = true;
        return problem(409, 'PAYMENT_EXPIRED', '订单已超时关闭，请重新下单');
      }
      if (call.url === URL_ORDER && closed)
        return json(200, paymentOrder({ status: 'closed', statusLabel: '已关闭', canPay: false }));
      return undefined;
    });
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    await click(await findByTestId('pay-submit'));
    await findByTestId('pay-expired');
    await flush();
    expect(byTestId('pay-expired').textContent).toContain('请重新下单');
    expect(assign).not.toHaveBeenCalled();
  });

  it('shows PAYMENT_NOT_PAYABLE in the server’s words', async () => {
    backend(paymentOrder(), (call) =>
      call.url === `${URL_ORDER}/start`
        ? problem(409, 'PAYMENT_NOT_PAYABLE', '该订单已支付或已关闭', '该订单正在支付中，请稍后再试')
        : undefined,
    );
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    await click(await findByTestId('pay-submit'));
    await waitFor(() => expect(byTestId('pay-error').textContent).toBe('该订单正在支付中，请稍后再试'));
    expect(byTestId<HTMLButtonElement>('pay-submit').disabled).toBe(false);
  });

  it('取消订单 asks first, then closes the order and says so', async () => {
    const calls = backend(paymentOrder(), (call) =>
      call.url === `${URL_ORDER}/close`
        ? json(200, paymentOrder({ status: 'closed', statusLabel: '已关闭', canPay: false }))
        : undefined,
    );
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    await click(await findByTestId('pay-cancel'));
    await waitFor(() => expect(document.querySelector('.adm-dialog')?.textContent).toContain('确定取消该订单吗'));
    await click(dialogButton('暂不取消'));
    await flush();
    expect(calls.some((c) => c.url.endsWith('/close'))).toBe(false);

    await click(byTestId('pay-cancel'));
    await waitFor(() => expect(dialogButton('确认取消')).toBeTruthy());
    await click(dialogButton('确认取消'));
    const closed = await findByTestId('pay-closed');
    expect(closed.textContent).toContain('订单已关闭');
    expect(calls.find((c) => c.url === `${URL_ORDER}/close`)?.method).toBe('POST');
    expect(byTestId('pay-back').getAttribute('href')).toBe('/utilities/gas/pay');
  });

  it('an order already paid links to its result instead of offering to pay again', async () => {
    backend(paymentOrder(PAID));
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    const paid = await findByTestId('pay-already-paid');
    expect(paid.textContent).toContain('该订单已支付');
    expect(byTestId('pay-view-result').getAttribute('href')).toBe(`/pay/${ORDER_ID}/result`);
    expect(allByTestId('pay-submit')).toHaveLength(0);
  });

  it('reads in English', async () => {
    backend(paymentOrder());
    await renderRoute(routes, `/pay/${ORDER_ID}`, { lang: 'en' });
    await findByTestId('pay-summary');
    expect(byTestId('pay-channels').textContent).toContain('Sandbox wallet (test mode, no real charge)');
    expect(byTestId('pay-submit').textContent).toContain('Pay now ¥86.45');
  });
});

describe('收银台 countdown', () => {
  it('asks the server when the time is up and shows the expired state once it closed the order', async () => {
    let closed = false;
    const calls = backend(paymentOrder({ expiresAt: new Date(Date.now() + 1200).toISOString() }), (call) =>
      call.url === URL_ORDER && closed
        ? json(200, paymentOrder({ status: 'closed', statusLabel: '已关闭', canPay: false }))
        : undefined,
    );
    await renderRoute(routes, `/pay/${ORDER_ID}`);
    await findByTestId('pay-countdown');
    expect(byTestId('pay-countdown').textContent).toMatch(/00:0[12]/);
    closed = true;
    const expired = await waitFor(() => byTestId('pay-expired'), 4000);
    expect(expired.textContent).toContain('订单已超时关闭');
    expect(calls.filter((c) => c.url === URL_ORDER)).toHaveLength(2);
  });
});
