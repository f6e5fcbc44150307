// @vitest-environment happy-dom
import type { MyVehiclePurchases, VehiclePurchaseView } from '@yss/contracts';
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
import { ORDER_ID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, waitFor } from '../test/render';
import PurchaseTax from './PurchaseTax';
import PurchaseTaxCertificates from './PurchaseTaxCertificates';

const routes = [
  { path: '/tax/purchase-tax', element: <PurchaseTax /> },
  { path: '/tax/purchase-tax/certificates', element: <PurchaseTaxCertificates /> },
  { path: '/tax/vehicle-tax', element: <p data-testid="vehicle-tax-page">车船税</p> },
  { path: '/pay/:id', element: <p data-testid="cashier-page">cashier</p> },
];
const path = (c: Call) => c.url.split('?')[0];

afterEach(cleanup);

function purchase(over: Partial<VehiclePurchaseView> = {}): VehiclePurchaseView {
  return {
    invoiceCode: '144002521001',
    invoiceNumber: '01937528',
    purchasedOn: '2025-12-20',
    sellerName: '广州骏达汽车销售服务有限公司',
    invoiceTotalFen: 169_800_00,
    vinMasked: 'LMGAJ1*******3527',
    model: '广汽传祺牌GAC6480J2F6',
    vehicleKind: 'fuel',
    vehicleKindName: '燃油汽车',
    taxablePriceFen: 150_265_49,
    taxFen: 15_026_55,
    reliefFen: 0,
    reliefRule: null,
    payableTaxFen: 15_026_55,
    deadline: '2026-02-18',
    overdue: false,
    overdueDays: 0,
    lateFeeFen: 0,
    totalDueFen: 15_026_55,
    status: 'unpaid',
    statusName: '未缴',
    paid: null,
    ...over,
  };
}
const PAID = purchase({
  invoiceCode: '144001921002',
  invoiceNumber: '00518263',
  model: '大众汽车牌FV7152BBDBG',
  vinMasked: 'LFV3A2*******1826',
  totalDueFen: 0,
  status: 'paid',
  statusName: '已缴',
  paid: { paidOn: '2019-06-14', amountFen: 11_486_73, lateFeeFen: 0, certificateNumber: '442019000316582047' },
});
const mine = (purchases: VehiclePurchaseView[]): MyVehiclePurchases => ({
  purchases,
  source: { department: '国家税务总局广东省税务局', updatedAt: '2026-11-27T10:00:00+08:00' },
});

function backend(list: VehiclePurchaseView[], handle?: Handler) {
  return mockFetch((call) => {
    const answer = handle?.(call);
    if (answer) return answer;
    if (path(call) === '/api/v1/me/vehicle-purchase-tax') return json(200, mine(list));
    return undefined;
  });
}

describe('车辆购置税 (/tax/purchase-tax)', () => {
  it('lists the unpaid purchase with its breakdown, VIN masked → 确认缴款 → the order → the cashier', async () => {
    const calls = backend([purchase(), PAID], (call) =>
      path(call) === '/api/v1/me/vehicle-purchase-tax-payments'
        ? json(201, paymentOrder({ purpose: 'vehicle-purchase-tax' }))
        : undefined,
    );
    const { router } = await renderRoute(routes, '/tax/purchase-tax');
    const card = await findByTestId('purchase');
    expect(allByTestId('purchase')).toHaveLength(1); // the paid one is under 完税证明查询
    expect(card.textContent).toContain('LMGAJ1*******3527');
    expect(card.textContent).toContain('申报期内');
    const breakdown = byTestId('purchase-breakdown', card).textContent ?? '';
    for (const text of ['¥169800.00', '¥150265.49', '价税合计 ÷ (1 + 13%)', '¥15026.55', '计税价格 × 10%']) {
      expect(breakdown).toContain(text);
    }
    expect(breakdown).not.toContain('滞纳金');
    const pay = byTestId('purchase-pay', card);
    // the accessible name starts with the visible text (axe label-content-name-mismatch), then says what is paid
    expect(pay.getAttribute('aria-label')).toBe('缴纳 ¥15026.55（广汽传祺牌GAC6480J2F6 车辆购置税）');
    expect(pay.getAttribute('aria-label')).toContain(pay.textContent?.trim() ?? '');
    await click(pay);
    const confirm = await findByTestId('pt-confirm');
    expect(byTestId('pt-confirm-amount').textContent).toBe('¥15026.55');
    expect(confirm.textContent).toContain('国家税务总局广东省税务局');
    await click(byTestId('pt-confirm-submit'));
    await findByTestId('cashier-page');
    expect(router.state.location.pathname).toBe(`/pay/${ORDER_ID}`);
    expect(calls.find((c) => path(c) === '/api/v1/me/vehicle-purchase-tax-payments')?.body).toEqual({
      invoiceCode: '144002521001',
      invoiceNumber: '01937528',
      amountFen: 15_026_55,
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('逾期: the tag, the late fee and the warning; a relief covering the tax: nothing to pay, no button', async () => {
    backend([
      purchase({ overdue: true, overdueDays: 40, lateFeeFen: 300_53, totalDueFen: 15_327_08 }),
      purchase({
        invoiceNumber: '00746195',
        model: '比亚迪牌BYD7005BEVA3',
        vehicleKind: 'new-energy',
        vehicleKindName: '新能源汽车',
        reliefFen: 21_221_24,
        reliefRule: '新能源汽车免征车辆购置税，每辆免税额不超过3万元',
        payableTaxFen: 0,
        totalDueFen: 0,
      }),
    ]);
    await renderRoute(routes, '/tax/purchase-tax');
    await findByTestId('purchase');
    const [late, free] = allByTestId('purchase');
    expect(byTestId('purchase-tag', late as HTMLElement).textContent).toBe('逾期40天');
    expect(late?.textContent).toContain('¥300.53（按日加收万分之五，逾期40天）');
    expect(free?.textContent).toContain('每辆免税额不超过3万元');
    expect(allByTestId('purchase-pay', free as HTMLElement)).toHaveLength(0);
    expect(byTestId('purchase-nothing-due', free as HTMLElement).textContent).toContain('无需缴纳');
    await click(byTestId('purchase-pay', late as HTMLElement));
    expect((await findByTestId('pt-confirm-overdue')).textContent).toContain('滞纳金按日计算');
  });

  it('a changed amount is shown above the list in the server’s words and the list reloads', async () => {
    const calls = backend([purchase()], (call) =>
      path(call) === '/api/v1/me/vehicle-purchase-tax-payments'
        ? problem(
            409,
            'BILL_AMOUNT_CHANGED',
            '金额已变',
            '该车辆的车辆购置税当前应缴¥15034.06（含滞纳金），与页面显示的¥15026.55不同，请刷新后重新缴款。',
          )
        : undefined,
    );
    await renderRoute(routes, '/tax/purchase-tax');
    await click(byTestId('purchase-pay', await findByTestId('purchase')));
    await click(await findByTestId('pt-confirm-submit'));
    await waitFor(() => expect(byTestId('pt-error').textContent).toContain('当前应缴¥15034.06'));
    expect(document.activeElement).toBe(byTestId('pt-error'));
    await waitFor(() => expect(calls.filter((c) => path(c) === '/api/v1/me/vehicle-purchase-tax').length).toBe(2));
  });

  it('empty: nothing to pay, with the links to 完税证明查询 and 车船税缴款', async () => {
    backend([PAID]);
    await renderRoute(routes, '/tax/purchase-tax');
    await waitFor(() => expect(document.body.textContent).toContain('暂无待缴的车辆购置税'));
    expect(byTestId('tax-link-certificates').getAttribute('href')).toBe('/tax/purchase-tax/certificates');
    expect(byTestId('tax-link-vehicle').getAttribute('href')).toBe('/tax/vehicle-tax');
  });

  it('a department error is shown in the server’s words', async () => {
    mockFetch(() => problem(502, 'DEPARTMENT_UNAVAILABLE', '部门系统不可用', '税务部门系统暂时无法访问，请稍后重试。'));
    await renderRoute(routes, '/tax/purchase-tax');
    await waitFor(() => expect(document.body.textContent).toContain('税务部门系统暂时无法访问，请稍后重试。'));
  });

  it('完税证明查询 lists the paid purchases with their 完税证明 number', async () => {
    backend([purchase(), PAID]);
    await renderRoute(routes, '/tax/purchase-tax/certificates');
    const cert = await findByTestId('pt-certificate');
    expect(allByTestId('pt-certificate')).toHaveLength(1);
    expect(cert.textContent).toContain('442019000316582047');
    expect(cert.textContent).toContain('LFV3A2*******1826');
    expect(cert.textContent).toContain('¥11486.73');
    expect(byTestId('tax-link-purchase').getAttribute('href')).toBe('/tax/purchase-tax');
  });
});
