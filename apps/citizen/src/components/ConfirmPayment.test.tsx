// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { duesApi } from '../api/dues';
import { byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, waitFor } from '../test/render';
import { ConfirmPayment } from './ConfirmPayment';

afterEach(cleanup);

const URL = '/api/v1/me/vehicle-purchase-tax-payments';
const path = (c: Call) => c.url.split('?')[0];
const submissionIds = (calls: Call[]) =>
  calls.filter((c) => path(c) === URL).map((c) => (c.body as { submissionId: string }).submissionId);

async function open(answers: ReturnType<typeof json>[]) {
  const changed: string[] = [];
  const calls = mockFetch((call) => (path(call) === URL ? answers.shift() : undefined));
  const confirm = (
    <ConfirmPayment
      testId="cp"
      title="确认缴款"
      amountFen={360_00}
      submitText="确认缴款"
      creatingText="正在创建订单…"
      create={(submissionId) =>
        duesApi.createPurchaseTaxPayment({ invoiceCode: '1', invoiceNumber: '2', amountFen: 360_00, submissionId })
      }
      onCancel={() => {}}
      onChanged={(text) => changed.push(text)}
    >
      <p data-testid="cp-facts">粤A8K2M6</p>
    </ConfirmPayment>
  );
  await renderRoute(
    [
      { path: '/confirm', element: confirm },
      { path: '/pay/:id', element: <p data-testid="cashier-page">cashier</p> },
    ],
    '/confirm',
  );
  await findByTestId('cp');
  return { calls, changed };
}

describe('ConfirmPayment (the tax pages’ 确认缴款)', () => {
  it('keeps the submissionId while the outcome is unknown, shows the error in the card, then opens the cashier', async () => {
    const { calls, changed } = await open([
      problem(503, 'INTERNAL', '系统繁忙', '系统繁忙，请稍后再试'),
      json(201, paymentOrder()),
    ]);
    expect(byTestId('cp-amount').textContent).toBe('¥360.00');
    expect(byTestId('cp-facts').textContent).toBe('粤A8K2M6');
    await click(byTestId('cp-submit'));
    await waitFor(() => expect(byTestId('cp-error').textContent).toBe('系统繁忙，请稍后再试'));
    await click(byTestId('cp-submit'));
    await findByTestId('cashier-page');
    const ids = submissionIds(calls);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(changed).toEqual([]);
  });

  it('hands a changed bill back to the page in the server’s words; a new attempt gets a new submissionId', async () => {
    const { calls, changed } = await open([
      problem(409, 'BILL_AMOUNT_CHANGED', '金额已变化', '当前应缴¥380.00，请刷新后重新缴款。'),
      json(201, paymentOrder()),
    ]);
    await click(byTestId('cp-submit'));
    await waitFor(() => expect(changed).toEqual(['当前应缴¥380.00，请刷新后重新缴款。']));
    expect(document.querySelector('[data-testid="cp-error"]')).toBeNull();
    await click(byTestId('cp-submit'));
    await findByTestId('cashier-page');
    const ids = submissionIds(calls);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
  });
});
