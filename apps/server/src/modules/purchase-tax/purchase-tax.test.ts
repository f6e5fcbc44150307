import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { DEMO_TAX } from '../../departments/tax/demo.js';
import { computePurchaseTax } from '../../departments/tax/purchase-tax.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const P = DEMO_TAX.purchases;
/** Today in China, as the tax sandbox counts days. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 车辆购置税 (D4) end to end over HTTP with the real payments module and the sandbox cashier: 张伟's unpaid purchase
 * with its breakdown (VIN masked) → a payment order → cashier → the tax department records it and issues the
 * 完税证明, whose number is on the receipt, in 消息 and on 完税证明查询. The refusals (someone else's invoice, a paid
 * purchase, nothing due after relief, a changed amount, a payment already processing), a fulfilment run again (no
 * second payment), an amount the department no longer agrees with (refunded in full), bad input.
 */
describe.each(['pglite'] as const)('车辆购置税 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = await c.verifiedAccount(demo('张伟'));
  }, 600_000);
  afterAll(() => t?.close());

  const call = (method: 'GET' | 'POST', url: string, body?: object, cookie = zhang.cookie) =>
    c.call(method, url, body, cookie);
  const ok = async (method: 'GET' | 'POST', url: string, body?: object, status = 200, cookie = zhang.cookie) => {
    const res = await call(method, url, body, cookie);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const problem = async (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe(code);
    expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
    return res.json() as { detail: string; errors?: { path: string; message: string }[] };
  };
  const pay = async (orderId: string, cookie = zhang.cookie) => {
    const { checkoutUrl } = await ok(
      'POST',
      `/api/v1/me/payments/${orderId}/start`,
      { channel: 'sandbox-wallet' },
      200,
      cookie,
    );
    return t.app.inject({
      method: 'POST',
      url: checkoutUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
      payload: 'password=135790',
    });
  };
  const deptPurchase = (number: string) =>
    db()
      .selectFrom('dept_tax.vehicle_purchases')
      .select(['status', 'payment_reference', 'certificate_number', 'paid_fen', 'late_fee_fen'])
      .where('invoice_number', '=', number)
      .executeTakeFirstOrThrow();

  it('张伟 sees his purchases with the breakdown, pays the unpaid one; 完税证明 on the receipt, in 消息 and on the list', async () => {
    const mine = await ok('GET', '/api/v1/me/vehicle-purchase-tax');
    expect(mine.source.department).toBe('国家税务总局广东省税务局');
    expect(mine.purchases.map((p: { invoiceNumber: string }) => p.invoiceNumber)).toEqual([
      P.zhangWeiUnpaid.number,
      P.zhangWeiPaid.number,
    ]);
    const [unpaid, paid] = mine.purchases;
    const expected = computePurchaseTax(
      { totalFen: 169_800_00, purchasedOn: '2025-12-20', kind: 'fuel' },
      chinaToday(),
    );
    expect(unpaid).toMatchObject({
      invoiceCode: P.zhangWeiUnpaid.code,
      purchasedOn: '2025-12-20',
      invoiceTotalFen: 169_800_00,
      vinMasked: 'LMGAJ1*******3527',
      vehicleKind: 'fuel',
      vehicleKindName: '燃油汽车',
      taxablePriceFen: 150_265_49,
      taxFen: 15_026_55,
      reliefFen: 0,
      payableTaxFen: 15_026_55,
      deadline: '2026-02-18',
      overdue: expected.overdueDays > 0,
      lateFeeFen: expected.lateFeeFen,
      totalDueFen: expected.totalDueFen,
      status: 'unpaid',
      statusName: '未缴',
      paid: null,
    });
    expect(JSON.stringify(mine)).not.toContain(P.zhangWeiUnpaid.vin);
    expect(paid).toMatchObject({
      status: 'paid',
      totalDueFen: 0,
      lateFeeFen: 0,
      paid: { paidOn: '2019-06-14', amountFen: 11_486_73, lateFeeFen: 0, certificateNumber: '442019000316582047' },
    });

    const submissionId = randomUUID();
    const body = {
      invoiceCode: P.zhangWeiUnpaid.code,
      invoiceNumber: P.zhangWeiUnpaid.number,
      amountFen: unpaid.totalDueFen,
      submissionId,
    };
    const o = await ok('POST', '/api/v1/me/vehicle-purchase-tax-payments', body, 201);
    expect(o).toMatchObject({
      purpose: 'vehicle-purchase-tax',
      purposeName: '车辆购置税',
      subject: '车辆购置税 广汽传祺牌GAC6480J2F6',
      payeeName: '国家税务总局广东省税务局',
      amountFen: unpaid.totalDueFen,
      returnPath: '/tax/purchase-tax',
    });
    expect(o.lines.map((l: { label: string }) => l.label)).toEqual([
      '厂牌型号',
      '车辆识别代号',
      '发票号码',
      '计税价格',
      '应纳税额',
      ...(unpaid.lateFeeFen > 0 ? ['滞纳金'] : []),
      '金额',
    ]);
    expect(o.lines[1].value).toBe('LMGAJ1*******3527');
    expect((await ok('POST', '/api/v1/me/vehicle-purchase-tax-payments', body, 200)).id).toBe(o.id);

    expect((await pay(o.id)).statusCode).toBe(303);
    const after = await ok('GET', `/api/v1/me/payments/${o.id}`);
    expect(after).toMatchObject({ status: 'paid', fulfilment: 'done', fulfilmentNote: null });
    const dept = await deptPurchase(P.zhangWeiUnpaid.number);
    expect(dept).toMatchObject({ status: 'paid', payment_reference: o.orderNumber });
    expect(Number(dept.paid_fen)).toBe(unpaid.totalDueFen);
    expect(dept.certificate_number).toMatch(/^442026\d{12}$/);
    expect(after.receipt).toEqual([
      { label: '车辆购置税完税证明号码', value: dept.certificate_number },
      { label: '入库日期', value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    const inbox = await db()
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('dedupe_key', 'in', [`payment:${o.id}:paid`, `purchase-tax:${o.id}:certificate`])
      .orderBy('created_at')
      .execute();
    expect(inbox.map((m) => m.title)).toEqual([
      '缴费成功通知：车辆购置税 广汽传祺牌GAC6480J2F6',
      '车辆购置税完税证明：LMGAJ1*******3527',
    ]);
    expect(inbox[1]?.body).toContain(`完税证明（电子版）号码：${dept.certificate_number}`);

    // 完税证明查询: the list has it now, paid
    const now = await ok('GET', '/api/v1/me/vehicle-purchase-tax');
    expect(now.purchases[0]).toMatchObject({
      status: 'paid',
      totalDueFen: 0,
      paid: { certificateNumber: dept.certificate_number, amountFen: unpaid.totalDueFen },
    });
    const again = await call('POST', '/api/v1/me/vehicle-purchase-tax-payments', {
      ...body,
      submissionId: randomUUID(),
    });
    expect((await problem(again, 409, 'BILL_ALREADY_PAID')).detail).toContain('已缴纳');

    // a fulfilment run again (a crash before we recorded the answer) pays nothing twice
    await db()
      .updateTable('purchase_tax_payments')
      .set({ certificate_number: null, department_paid_on: null })
      .where('payment_order_id', '=', o.id)
      .execute();
    await db().updateTable('payment_orders').set({ fulfilment: 'processing' }).where('id', '=', o.id).execute();
    await t.app.payments.runFulfilment(o.id);
    const rerun = await ok('GET', `/api/v1/me/payments/${o.id}`);
    expect(rerun).toMatchObject({ fulfilment: 'done', refundedFen: 0 });
    expect(rerun.receipt[0].value).toBe(dept.certificate_number);
    expect((await deptPurchase(P.zhangWeiUnpaid.number)).certificate_number).toBe(dept.certificate_number);
  });

  it('refusals: someone else’s invoice, nothing due after relief, a changed amount; a changed due at payment refunds', async () => {
    const liu = await c.verifiedAccount(demo('刘芳'));
    const li = await c.verifiedAccount(demo('李娜'));
    const post = (body: object, cookie = zhang.cookie) =>
      call('POST', '/api/v1/me/vehicle-purchase-tax-payments', { submissionId: randomUUID(), ...body }, cookie);
    // 刘芳's invoice is not 张伟's
    await problem(
      await post({ invoiceCode: P.liuFang.code, invoiceNumber: P.liuFang.number, amountFen: 10_000_00 }),
      404,
      'BILL_NOT_FOUND',
    );
    // 李娜's new-energy car: all of the tax off
    const liNa = (await ok('GET', '/api/v1/me/vehicle-purchase-tax', undefined, 200, li.cookie)).purchases[0];
    expect(liNa).toMatchObject({
      vehicleKindName: '新能源汽车',
      taxFen: 21_221_24,
      reliefFen: 21_221_24,
      totalDueFen: 0,
    });
    expect(liNa.reliefRule).toContain('3万元');
    const free = await post({ invoiceCode: P.liNa.code, invoiceNumber: P.liNa.number, amountFen: 100 }, li.cookie);
    expect((await problem(free, 404, 'BILL_NOT_FOUND')).detail).toContain('无需缴款');

    // 刘芳: 40,000 tax, 30,000 off; a stale amount is refused naming the current one
    const mine = (await ok('GET', '/api/v1/me/vehicle-purchase-tax', undefined, 200, liu.cookie)).purchases[0];
    expect(mine).toMatchObject({
      taxablePriceFen: 400_000_00,
      taxFen: 40_000_00,
      reliefFen: 30_000_00,
      payableTaxFen: 10_000_00,
    });
    const ids = { invoiceCode: P.liuFang.code, invoiceNumber: P.liuFang.number };
    const stale = await post({ ...ids, amountFen: mine.totalDueFen + 1 }, liu.cookie);
    expect((await problem(stale, 409, 'BILL_AMOUNT_CHANGED')).detail).toContain('含滞纳金');
    const o = await ok(
      'POST',
      '/api/v1/me/vehicle-purchase-tax-payments',
      { ...ids, amountFen: mine.totalDueFen, submissionId: randomUUID() },
      201,
      liu.cookie,
    );
    // the department's due changes before the payment is confirmed (a corrected invoice): refunded in full
    await db()
      .updateTable('dept_tax.vehicle_purchases')
      .set({ total_fen: 462_000_00 })
      .where('invoice_number', '=', P.liuFang.number)
      .execute();
    expect((await pay(o.id, liu.cookie)).statusCode).toBe(303);
    const refunded = await ok('GET', `/api/v1/me/payments/${o.id}`, undefined, 200, liu.cookie);
    expect(refunded).toMatchObject({
      fulfilment: 'failed',
      status: 'refunded',
      refundedFen: mine.totalDueFen,
      receipt: [],
    });
    expect(refunded.fulfilmentNote).toContain('款项已原路退回，请重新缴款');
    expect((await deptPurchase(P.liuFang.number)).status).toBe('unpaid');
    // someone else's order is not found
    await problem(await call('GET', `/api/v1/me/payments/${o.id}`), 404, 'PAYMENT_NOT_FOUND');
  });

  it('a paid order being fulfilled blocks another; bad input is refused field by field; login required', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const p = (await ok('GET', '/api/v1/me/vehicle-purchase-tax', undefined, 200, chen.cookie)).purchases[0];
    expect(p).toMatchObject({ overdue: true, deadline: '2025-11-14' });
    expect(p.lateFeeFen).toBeGreaterThan(0);
    const body = { invoiceCode: P.chenZhiqiang.code, invoiceNumber: P.chenZhiqiang.number, amountFen: p.totalDueFen };
    const first = await ok(
      'POST',
      '/api/v1/me/vehicle-purchase-tax-payments',
      { ...body, submissionId: randomUUID() },
      201,
      chen.cookie,
    );
    expect(first.lines.find((l: { label: string }) => l.label === '滞纳金')?.value).toContain(`逾期${p.overdueDays}天`);
    // paid at the cashier but the department not answered yet: processing
    await db()
      .updateTable('payment_orders')
      .set({ status: 'paid', paid_at: new Date(), provider_transaction_id: 'T-TEST-1', fulfilment: 'processing' })
      .where('id', '=', first.id)
      .execute();
    const blocked = await call(
      'POST',
      '/api/v1/me/vehicle-purchase-tax-payments',
      { ...body, submissionId: randomUUID() },
      chen.cookie,
    );
    expect((await problem(blocked, 409, 'BILL_ALREADY_PAID')).detail).toContain('正在处理');

    const bad = await problem(
      await call('POST', '/api/v1/me/vehicle-purchase-tax-payments', {
        invoiceCode: '12',
        invoiceNumber: 'abc',
        amountFen: -1,
        submissionId: 'x',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual([
      'amountFen',
      'invoiceCode',
      'invoiceNumber',
      'submissionId',
    ]);
    expect((await c.call('GET', '/api/v1/me/vehicle-purchase-tax')).statusCode).toBe(401);
  });
});
