// @vitest-environment happy-dom
import type { PaymentOrder } from '@yss/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_POLL } from '../lib/payments';
import { allByTestId, byTestId, findByTestId, json, mockFetch, renderRoute } from '../test/harness';
import { ORDER_ID, PAID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, waitFor } from '../test/render';
import PayResult from './PayResult';

const routes = [{ path: '/pay/:id/result', element: <PayResult /> }];
const URL_ORDER = `/api/v1/me/payments/${ORDER_ID}`;
const saved = { ...PAYMENT_POLL };

// the real schedule waits seconds; the same logic on a shorter clock
beforeEach(() => {
  PAYMENT_POLL.delaysMs = [20, 40];
  PAYMENT_POLL.giveUpMs = 400;
});
afterEach(async () => {
  await cleanup();
  Object.assign(PAYMENT_POLL, saved);
});

/** Answers the order in turn: each GET the next of `answers`, the last one from then on. */
function sequence(answers: PaymentOrder[]) {
  let n = 0;
  const calls = mockFetch((call) => {
    if (call.url !== URL_ORDER || call.method !== 'GET') return undefined;
    const answer = answers[Math.min(n, answers.length - 1)];
    n++;
    return json(200, answer);
  });
  return { calls, count: () => n };
}

describe('支付结果 (/pay/:id/result)', () => {
  it('polls while pending and processing, then shows 支付成功 with the 缴费成功通知', async () => {
    const { count } = sequence([
      paymentOrder(),
      paymentOrder({ ...PAID, fulfilment: 'processing', fulfilmentLabel: '处理中' }),
      paymentOrder(PAID),
    ]);
    await renderRoute(routes, `/pay/${ORDER_ID}/result`);
    await findByTestId('pay-checking');
    expect(byTestId('pay-live').textContent).toBe('正在确认支付结果…');
    expect(byTestId('pay-live').getAttribute('aria-live')).toBe('polite');

    const paid = await findByTestId('pay-result-paid');
    expect(count()).toBe(3);
    expect(paid.textContent).toContain('支付成功');
    expect(paid.textContent).toContain('办理状态：已完成');
    const receipt = byTestId('pay-receipt');
    expect(receipt.textContent).toContain('缴费成功通知');
    expect(byTestId('order-number').textContent).toBe('P20261127440100123456');
    expect(byTestId('receipt-transaction').textContent).toBe('SBX202611270203001');
    expect(byTestId('receipt-amount').textContent).toBe('¥86.45');
    expect(byTestId('receipt-payee').textContent).toBe('广州燃气集团有限公司');
    expect(byTestId('receipt-paid-at').textContent).toContain('2026年11月27日');
    expect(byTestId('receipt-channel').textContent).toBe('沙箱钱包（测试模式，不产生真实扣款）');
    expect(receipt.textContent).toContain('缴费凭证');
    expect(byTestId('pay-done').getAttribute('href')).toBe('/utilities/gas/pay');
    expect(byTestId('pay-live').textContent).toBe('');
    expect(document.activeElement).toBe(paid);
    // settled: no more asking
    const settled = count();
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(settled);
  });

  it('explains a failed fulfilment: 办理失败，已原路退款, the note and the refund', async () => {
    sequence([
      paymentOrder({
        ...PAID,
        status: 'refunded',
        statusLabel: '已退款',
        fulfilment: 'failed',
        fulfilmentLabel: '办理失败，已原路退款',
        fulfilmentNote: '账单已由他人缴纳，款项已原路退回',
        refundedFen: 8645,
        refunds: [
          {
            refundNumber: 'R20261127000001',
            amountFen: 8645,
            reason: '燃气账单销账失败，全额退款',
            refundedAt: '2026-11-27T02:04:00.000Z',
          },
        ],
      }),
    ]);
    await renderRoute(routes, `/pay/${ORDER_ID}/result`);
    const result = await findByTestId('pay-result-paid');
    expect(result.textContent).toContain('办理失败，已原路退款');
    expect(byTestId('fulfilment-note').textContent).toBe('账单已由他人缴纳，款项已原路退回');
    expect(byTestId('pay-receipt').textContent).toContain('支付及退款记录');
    expect(byTestId('pay-receipt').textContent).not.toContain('缴费成功通知');
    const refunds = allByTestId('pay-refund');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.textContent).toContain('¥86.45');
    expect(refunds[0]?.textContent).toContain('R20261127000001');
    expect(byTestId('pay-refunds').textContent).toContain('共退款 ¥86.45');
  });

  it('gives up after the wait with 支付结果确认中 and a retry that asks again', async () => {
    const answers = [paymentOrder()];
    const { count } = sequence(answers);
    await renderRoute(routes, `/pay/${ORDER_ID}/result`);
    const timeout = await findByTestId('pay-timeout');
    expect(timeout.textContent).toContain('支付结果确认中，请稍后在“我的订单”查看');
    expect(byTestId('pay-live').textContent).toBe('支付结果确认中，请稍后在“我的订单”查看');
    expect(count()).toBeGreaterThan(2);
    expect(document.activeElement).toBe(timeout);
    // still payable: the way back to the cashier
    expect(byTestId('pay-continue').getAttribute('href')).toBe(`/pay/${ORDER_ID}`);
    expect(byTestId('pay-my-orders').getAttribute('href')).toBe('/me/payments');
    const before = count();
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(before);

    answers.push(paymentOrder(PAID));
    await click(byTestId('pay-retry'));
    await waitFor(() => expect(byTestId('pay-result-paid').textContent).toContain('支付成功'));
    expect(count()).toBeGreaterThan(before);
  });

  it('an order closed without payment says nothing was charged', async () => {
    sequence([paymentOrder({ status: 'closed', statusLabel: '已关闭', canPay: false })]);
    await renderRoute(routes, `/pay/${ORDER_ID}/result`);
    const closed = await findByTestId('pay-result-closed');
    expect(closed.textContent).toContain('订单已关闭，未支付');
    expect(byTestId('pay-back').getAttribute('href')).toBe('/utilities/gas/pay');
  });

  it('reads in English', async () => {
    sequence([paymentOrder(PAID)]);
    await renderRoute(routes, `/pay/${ORDER_ID}/result`, { lang: 'en' });
    const paid = await findByTestId('pay-result-paid');
    expect(paid.textContent).toContain('Payment successful');
    expect(paid.textContent).toContain('Status: Completed');
    expect(byTestId('receipt-channel').textContent).toBe('Sandbox wallet (test mode, no real charge)');
  });
});
