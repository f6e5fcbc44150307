import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { DEMO_TAX } from '../../departments/tax/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const ZHANG = demo('张伟');
const CHEN = demo('陈志强');

/**
 * 车船税缴款 (D4) end to end over HTTP with the real payments module and the sandbox cashier: 本人清缴 (张伟's
 * 粤A8K2M6, 2026 due) and 他人清缴 (陈志强's 粤E5T261 by plate and owner's ID number, masked) → a payment order per
 * vehicle and year → cashier → notification → the year paid at the tax department, the 完税凭证 number on the
 * order's receipt and in 消息. And the refusals (wrong owner, a year paid, exempt or absent, a changed amount, a
 * payment already processing), a year paid by someone else meanwhile (refunded), a fulfilment run again (no second
 * payment), someone else's order, bad input.
 */
describe.each(ENGINES)('车船税缴款 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = await c.verifiedAccount(ZHANG);
  }, 600_000); // the first run after a code change seeds the demo province's template
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
  const pay = async (orderId: string, password = '135790', cookie = zhang.cookie) => {
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
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'null',
        'sec-fetch-site': 'same-origin',
      },
      payload: `password=${password}`,
    });
  };
  const deptYear = (plate: string, year: number) =>
    db()
      .selectFrom('dept_tax.vehicle_tax_years')
      .select(['status', 'collected_by'])
      .where('plate', '=', plate)
      .where('tax_year', '=', year)
      .executeTakeFirstOrThrow();
  const deptPayments = (plate: string) =>
    db()
      .selectFrom('dept_tax.vehicle_tax_payments')
      .select(['payment_reference', 'certificate_number', 'years'])
      .where('plate', '=', plate)
      .execute();
  const messages = (orderId: string) =>
    db()
      .selectFrom('notifications')
      .select(['title', 'body', 'dedupe_key'])
      .where('link', '=', `/pay/${orderId}/result`)
      .orderBy('created_at')
      .execute();

  it('本人清缴: 张伟 pays 粤A8K2M6’s 2026 tax at the cashier; the tax department records it; 完税凭证 on the receipt and in 消息', async () => {
    const mine = await ok('GET', '/api/v1/me/vehicle-tax');
    expect(mine.source.department).toBe('国家税务总局广东省税务局');
    expect(mine.vehicles).toHaveLength(1);
    const car = mine.vehicles[0];
    expect(car).toMatchObject({
      plate: DEMO_TAX.zhangWeiCar,
      mine: true,
      energyName: '燃油',
      displacementLitres: 1.5,
      unpaidFen: 360_00,
      ownerIdNumberMasked: `440***********${ZHANG.idNumber.slice(-4)}`,
    });
    expect(car.years.at(-1)).toMatchObject({ year: 2026, amountFen: 360_00, status: 'unpaid', statusName: '未缴' });
    expect(car.years[0]).toMatchObject({ year: 2019, amountFen: 210_00, status: 'paid', statusName: '已缴' });

    const submissionId = randomUUID();
    const body = { plate: '粤a8k2m6', year: 2026, amountFen: 360_00, submissionId };
    const o = await ok('POST', '/api/v1/me/vehicle-tax-payments', body, 201);
    expect(o).toMatchObject({
      purpose: 'vehicle-tax',
      purposeName: '车船税',
      subject: '车船税 粤A8K2M6 2026年度',
      payeeName: '国家税务总局广东省税务局',
      amountFen: 360_00,
      status: 'pending',
      returnPath: '/tax/vehicle-tax',
      receipt: [],
    });
    expect(o.lines).toEqual([
      { label: '车牌号码', value: '粤A8K2M6' },
      { label: '车主证件号码', value: car.ownerIdNumberMasked },
      { label: '缴款方式', value: '本人清缴' },
      { label: '税款所属年度', value: '2026年度' },
      { label: '金额', value: '¥360.00' },
    ]);
    // the same submission again: the same order
    expect((await ok('POST', '/api/v1/me/vehicle-tax-payments', body, 200)).id).toBe(o.id);

    const declined = await pay(o.id, '000000');
    expect(declined.body).toContain('余额不足');
    expect((await deptYear(DEMO_TAX.zhangWeiCar, 2026)).status).toBe('unpaid');

    const paid = await pay(o.id);
    expect(paid.statusCode, paid.body).toBe(303);
    const after = await ok('GET', `/api/v1/me/payments/${o.id}`);
    expect(after).toMatchObject({ status: 'paid', fulfilment: 'done', fulfilmentNote: null });
    const [deptPayment] = await deptPayments(DEMO_TAX.zhangWeiCar);
    expect(deptPayment).toMatchObject({ payment_reference: o.orderNumber });
    expect(after.receipt[0]).toEqual({ label: '完税凭证号码', value: deptPayment?.certificate_number });
    expect(after.receipt.map((l: { label: string }) => l.label)).toEqual(['完税凭证号码', '入库日期', '税款所属年度']);
    expect(await deptYear(DEMO_TAX.zhangWeiCar, 2026)).toEqual({ status: 'paid', collected_by: '粤省事' });

    const inbox = await messages(o.id);
    expect(inbox.map((m) => m.title)).toEqual([
      '缴费成功通知：车船税 粤A8K2M6 2026年度',
      '车船税完税凭证：粤A8K2M6 2026年度',
    ]);
    expect(inbox[0]?.body).toContain('本通知可作为缴费凭证');
    expect(inbox[1]?.body).toContain(`完税凭证号码：${deptPayment?.certificate_number}`);

    // the year is paid now: the page shows it, and a new order for it is refused
    const now = await ok('GET', '/api/v1/me/vehicle-tax');
    expect(now.vehicles[0].unpaidFen).toBe(0);
    const again = await call('POST', '/api/v1/me/vehicle-tax-payments', { ...body, submissionId: randomUUID() });
    expect((await problem(again, 409, 'BILL_ALREADY_PAID')).detail).toBe('该车辆2026年度车船税已缴清，无需重复缴款。');

    // a fulfilment run again (a crash after the department answered, before we recorded it) pays nothing twice
    await db()
      .updateTable('tax_payments')
      .set({ certificate_number: null, department_paid_on: null })
      .where('payment_order_id', '=', o.id)
      .execute();
    await db().updateTable('payment_orders').set({ fulfilment: 'processing' }).where('id', '=', o.id).execute();
    await t.app.payments.runFulfilment(o.id);
    const rerun = await ok('GET', `/api/v1/me/payments/${o.id}`);
    expect(rerun).toMatchObject({ status: 'paid', fulfilment: 'done', refundedFen: 0 });
    expect(rerun.receipt[0].value).toBe(deptPayment?.certificate_number);
    expect(await deptPayments(DEMO_TAX.zhangWeiCar)).toHaveLength(1);
    expect((await messages(o.id)).filter((m) => m.title.startsWith('车船税完税凭证'))).toHaveLength(1);
  });

  it('他人清缴: 陈志强’s car by plate and his ID number, masked; each year its own order; refusals in Chinese', async () => {
    const found = await ok('POST', '/api/v1/vehicle-tax/lookup', {
      plate: DEMO_TAX.chenZhiqiangCar,
      ownerIdNumber: CHEN.idNumber,
    });
    expect(found).toMatchObject({ plate: DEMO_TAX.chenZhiqiangCar, mine: false, unpaidFen: 840_00 });
    expect(found.ownerIdNumberMasked).toBe(`440***********${CHEN.idNumber.slice(-4)}`);
    expect(JSON.stringify(found)).not.toContain(CHEN.idNumber);
    expect(
      found.years.filter((y: { status: string }) => y.status === 'unpaid').map((y: { year: number }) => y.year),
    ).toEqual([2024, 2026]);

    const wrongOwner = await call('POST', '/api/v1/vehicle-tax/lookup', {
      plate: DEMO_TAX.chenZhiqiangCar,
      ownerIdNumber: ZHANG.idNumber,
    });
    expect((await problem(wrongOwner, 404, 'VEHICLE_TAX_NOT_FOUND')).detail).toContain(
      '请核对车牌号码和车主身份证号码',
    );

    const base = { plate: DEMO_TAX.chenZhiqiangCar, ownerIdNumber: CHEN.idNumber };
    const post = (body: object) =>
      call('POST', '/api/v1/me/vehicle-tax-payments', { ...base, submissionId: randomUUID(), ...body });
    const changed = await problem(await post({ year: 2024, amountFen: 420_01 }), 409, 'BILL_AMOUNT_CHANGED');
    expect(changed.detail).toContain('¥420.00');
    await problem(await post({ year: 2025, amountFen: 420_00 }), 409, 'BILL_ALREADY_PAID');
    await problem(await post({ year: 2015, amountFen: 420_00 }), 404, 'BILL_NOT_FOUND');
    // 李娜's electric car: exempt
    const exempt = await call('POST', '/api/v1/me/vehicle-tax-payments', {
      plate: DEMO_TAX.liNaCar,
      ownerIdNumber: demo('李娜').idNumber,
      year: 2025,
      amountFen: 100,
      submissionId: randomUUID(),
    });
    expect((await problem(exempt, 404, 'BILL_NOT_FOUND')).detail).toContain('免征车船税');
    // without the owner's ID number it is the payer's own vehicle: 张伟 has no such car
    await problem(
      await call('POST', '/api/v1/me/vehicle-tax-payments', {
        plate: DEMO_TAX.chenZhiqiangCar,
        year: 2024,
        amountFen: 420_00,
        submissionId: randomUUID(),
      }),
      404,
      'VEHICLE_TAX_NOT_FOUND',
    );

    const y2024 = await ok(
      'POST',
      '/api/v1/me/vehicle-tax-payments',
      { ...base, year: 2024, amountFen: 420_00, submissionId: randomUUID() },
      201,
    );
    const y2026 = await ok(
      'POST',
      '/api/v1/me/vehicle-tax-payments',
      { ...base, year: 2026, amountFen: 420_00, submissionId: randomUUID() },
      201,
    );
    expect(y2024.id).not.toBe(y2026.id);
    expect(y2024.lines[2]).toEqual({ label: '缴款方式', value: '他人清缴' });
    expect(JSON.stringify(y2024)).not.toContain(CHEN.idNumber);
    // the order of ours being paid for a year blocks another order for it only once paid
    expect((await pay(y2024.id)).statusCode).toBe(303);
    expect(await ok('GET', `/api/v1/me/payments/${y2024.id}`)).toMatchObject({ fulfilment: 'done' });
    expect((await deptYear(DEMO_TAX.chenZhiqiangCar, 2024)).status).toBe('paid');
    expect((await deptYear(DEMO_TAX.chenZhiqiangCar, 2026)).status).toBe('unpaid');

    // 2026 paid by someone else (at a tax office) after our order was made: refunded in full, with the reason
    await db()
      .updateTable('dept_tax.vehicle_tax_years')
      .set({ status: 'paid', paid_on: '2026-03-01', collected_by: '办税服务厅' })
      .where('plate', '=', DEMO_TAX.chenZhiqiangCar)
      .where('tax_year', '=', 2026)
      .execute();
    expect((await pay(y2026.id)).statusCode).toBe(303);
    const refunded = await ok('GET', `/api/v1/me/payments/${y2026.id}`);
    expect(refunded).toMatchObject({ fulfilment: 'failed', status: 'refunded', refundedFen: 420_00, receipt: [] });
    expect(refunded.fulfilmentNote).toBe('该车辆2026年度车船税已缴清（可能已由他人缴纳），款项已原路退回。');
  });

  it('someone else’s order is not found; bad input is refused field by field', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const mine = await ok('GET', '/api/v1/me/vehicle-tax', undefined, 200, liu.cookie);
    expect(mine.vehicles).toEqual([]);
    // 陈志强's 2026 due again (the test above had it paid at a tax office)
    await db()
      .updateTable('dept_tax.vehicle_tax_years')
      .set({ status: 'unpaid', paid_on: null, collected_by: null })
      .where('plate', '=', DEMO_TAX.chenZhiqiangCar)
      .where('tax_year', '=', 2026)
      .execute();
    const o = await ok(
      'POST',
      '/api/v1/me/vehicle-tax-payments',
      {
        plate: DEMO_TAX.chenZhiqiangCar,
        ownerIdNumber: CHEN.idNumber,
        year: 2026,
        amountFen: 420_00,
        submissionId: randomUUID(),
      },
      201,
      liu.cookie,
    );
    await problem(await call('GET', `/api/v1/me/payments/${o.id}`), 404, 'PAYMENT_NOT_FOUND');

    const bad = await problem(
      await call('POST', '/api/v1/vehicle-tax/lookup', { plate: '粤I12345', ownerIdNumber: '440106198805120310' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['ownerIdNumber', 'plate']);
    await problem(
      await call('POST', '/api/v1/me/vehicle-tax-payments', {
        plate: '粤A8K2M6',
        year: 2026,
        amountFen: -1,
        submissionId: 'x',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await c.call('GET', '/api/v1/me/vehicle-tax')).statusCode).toBe(401);
  });
});
