// @vitest-environment happy-dom
import type { MyVehicleTax, VehicleTaxVehicle } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  type Call,
  findByTestId,
  type Handler,
  json,
  mockFetch,
  problem,
  renderRoute,
} from '../test/harness';
import { ORDER_ID, PAID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, typeInto, waitFor } from '../test/render';
import PayResult from './PayResult';
import VehicleTax from './VehicleTax';

const routes = [
  { path: '/tax/vehicle-tax', element: <VehicleTax /> },
  { path: '/pay/:id', element: <p data-testid="cashier-page">cashier</p> },
  { path: '/pay/:id/result', element: <PayResult /> },
];
const path = (c: Call) => c.url.split('?')[0];

afterEach(cleanup);

function vehicle(over: Partial<VehicleTaxVehicle> = {}): VehicleTaxVehicle {
  return {
    plate: '粤A8K2M6',
    vehicleType: '小型普通客车',
    energy: 'fuel',
    energyName: '燃油',
    displacementLitres: 1.5,
    registeredOn: '2019-06-18',
    ownerIdNumberMasked: '440***********031X',
    mine: true,
    years: [
      {
        year: 2025,
        amountFen: 36000,
        status: 'paid',
        statusName: '已缴',
        paidOn: '2025-06-18',
        collectedBy: '某保险公司',
      },
      { year: 2026, amountFen: 36000, status: 'unpaid', statusName: '未缴', paidOn: null, collectedBy: null },
    ],
    unpaidFen: 36000,
    updatedAt: '2025-06-18T10:00:00+08:00',
    ...over,
  };
}
const mine = (vehicles = [vehicle()]): MyVehicleTax => ({
  vehicles,
  source: { department: '国家税务总局广东省税务局', updatedAt: '2025-06-18T10:00:00+08:00' },
});
const OTHER = vehicle({ plate: '粤E5T261', ownerIdNumberMasked: '440***********0016', mine: false, unpaidFen: 42000 });

function backend(handle?: Handler) {
  return mockFetch((call) => {
    const answer = handle?.(call);
    if (answer) return answer;
    if (path(call) === '/api/v1/me/vehicle-tax') return json(200, mine());
    return undefined;
  });
}

describe('车船税缴款 (/tax/vehicle-tax)', () => {
  it('本人清缴: the own vehicle’s unpaid year → 确认缴款 → the order (no owner sent) → the cashier', async () => {
    const calls = backend((call) =>
      path(call) === '/api/v1/me/vehicle-tax-payments'
        ? json(201, paymentOrder({ purpose: 'vehicle-tax' }))
        : undefined,
    );
    const { router } = await renderRoute(routes, '/tax/vehicle-tax');
    const card = await findByTestId('vehicle');
    expect(card.textContent).toContain('粤A8K2M6');
    expect(card.textContent).toContain('440***********031X');
    expect(card.textContent).toContain('1.5升');
    const pays = allByTestId('vehicle-pay', card);
    expect(pays).toHaveLength(1);
    expect(pays[0]?.getAttribute('aria-label')).toBe('缴款：粤A8K2M6 2026年度车船税 ¥360.00');
    await click(pays[0] as Element);
    const confirm = await findByTestId('vt-confirm');
    expect(byTestId('vt-confirm-amount').textContent).toBe('¥360.00');
    expect(confirm.textContent).toContain('国家税务总局广东省税务局');
    expect(confirm.textContent).not.toContain('您正在为他人的车辆缴款');
    await click(byTestId('vt-confirm-submit'));
    await findByTestId('cashier-page');
    expect(router.state.location.pathname).toBe(`/pay/${ORDER_ID}`);
    const sent = calls.find((c) => path(c) === '/api/v1/me/vehicle-tax-payments');
    expect(sent?.body).toEqual({
      plate: '粤A8K2M6',
      year: 2026,
      amountFen: 36000,
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('他人清缴: asks for both fields, shows the owner masked, and sends the owner’s ID number with the order', async () => {
    const calls = backend((call) => {
      if (path(call) === '/api/v1/vehicle-tax/lookup') return json(200, OTHER);
      if (path(call) === '/api/v1/me/vehicle-tax-payments') return json(201, paymentOrder({ purpose: 'vehicle-tax' }));
      return undefined;
    });
    await renderRoute(routes, '/tax/vehicle-tax');
    await findByTestId('vehicle');
    await click(byTestId('vt-lookup'));
    expect(byTestId('vt-plate-error').textContent).toBe('请填写车牌号码');
    expect(byTestId('vt-owner-error').textContent).toBe('请填写车主身份证号码');
    expect(byTestId('vt-plate').getAttribute('aria-describedby')).toContain(byTestId('vt-plate-error').id);
    await typeInto(byTestId('vt-plate'), '粤e5t261');
    await typeInto(byTestId('vt-owner'), '44060419791103001x');
    await click(byTestId('vt-lookup'));
    const found = await findByTestId('vt-found');
    expect(found.textContent).toContain('440***********0016');
    expect(found.textContent).not.toContain('44060419791103001X');
    expect(calls.find((c) => path(c) === '/api/v1/vehicle-tax/lookup')?.body).toEqual({
      plate: '粤E5T261',
      ownerIdNumber: '44060419791103001X',
    });
    await click(allByTestId('vehicle-pay', found)[0] as Element);
    expect((await findByTestId('vt-confirm')).textContent).toContain('您正在为他人的车辆缴款');
    await click(byTestId('vt-confirm-submit'));
    await findByTestId('cashier-page');
    expect(calls.find((c) => path(c) === '/api/v1/me/vehicle-tax-payments')?.body).toMatchObject({
      plate: '粤E5T261',
      ownerIdNumber: '44060419791103001X',
      year: 2026,
      amountFen: 36000,
    });
  });

  it('shows the server’s words: field errors under the fields, a year paid meanwhile above the list (reloaded)', async () => {
    const calls = backend((call) => {
      if (path(call) === '/api/v1/vehicle-tax/lookup')
        return problem(400, 'VALIDATION_FAILED', '输入有误', '输入有误', [
          { path: 'plate', message: '车牌号码的发牌机关代号不正确' },
        ]);
      if (path(call) === '/api/v1/me/vehicle-tax-payments')
        return problem(409, 'BILL_ALREADY_PAID', '该账单已缴费', '该车辆2026年度车船税已缴清，无需重复缴款。');
      return undefined;
    });
    await renderRoute(routes, '/tax/vehicle-tax');
    await findByTestId('vehicle');
    await typeInto(byTestId('vt-plate'), '粤I12345');
    await typeInto(byTestId('vt-owner'), '440106198805120311');
    await click(byTestId('vt-lookup'));
    await waitFor(() => expect(byTestId('vt-plate-error').textContent).toBe('车牌号码的发牌机关代号不正确'));

    await click(allByTestId('vehicle-pay')[0] as Element);
    await click(await findByTestId('vt-confirm-submit'));
    await waitFor(() => expect(byTestId('vt-error').textContent).toBe('该车辆2026年度车船税已缴清，无需重复缴款。'));
    expect(document.activeElement).toBe(byTestId('vt-error'));
    await waitFor(() => expect(calls.filter((c) => path(c) === '/api/v1/me/vehicle-tax').length).toBe(2));
  });

  it('the result page shows the 完税凭证 number the tax department gave', async () => {
    mockFetch((call) =>
      call.url === `/api/v1/me/payments/${ORDER_ID}`
        ? json(
            200,
            paymentOrder({
              ...PAID,
              purpose: 'vehicle-tax',
              subject: '车船税 粤A8K2M6 2026年度',
              receipt: [
                { label: '完税凭证号码', value: '344000261127000123' },
                { label: '入库日期', value: '2026-11-27' },
              ],
            }),
          )
        : undefined,
    );
    await renderRoute(routes, `/pay/${ORDER_ID}/result`);
    const receipt = await findByTestId('pay-receipt');
    expect(receipt.textContent).toContain('缴费成功通知');
    expect(allByTestId('receipt-line').map((l) => l.textContent)).toEqual(['344000261127000123', '2026-11-27']);
    expect(receipt.textContent).toContain('完税凭证号码');
  });
});
