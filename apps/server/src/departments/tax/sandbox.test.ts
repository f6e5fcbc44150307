import { makeResidentId } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../http/app-error.js';
import { type ConnectedDepartment, connectDepartment, TRANSPORTS } from '../../test-support/department-transports.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { DEMO_BATCH } from '../population-register/generator.js';
import { lifeOf } from '../province/life.js';
import { seedContext } from '../province/seed-context.js';
import { type TaxSpec, taxSpec } from './contract.js';
import { DEMO_TAX } from './demo.js';
import { taxSandbox } from './sandbox.js';

const person = (name: string) => {
  const found = DEMO_BATCH.people.find((p) => p.name === name);
  if (!found) throw new Error(name);
  return found;
};
const ZHANG_WEI = person('张伟');
const LIU_FANG = person('刘芳');
const UNKNOWN = makeResidentId('440106', '19880512', 999);

/** The AppError a call throws (the test fails when it does not throw). */
async function failure(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

async function expectInputError(call: Promise<unknown>, message: string) {
  const error = await failure(call);
  expect(error.code).toBe('DEPARTMENT_INPUT_INVALID');
  expect(error.detail).toBe(message);
}

describe.each(TRANSPORTS)('tax department over %s', (transport) => {
  let t: TestApp;
  let tax: ConnectedDepartment<TaxSpec>;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    tax = await connectDepartment(taxSpec, taxSandbox(t.database.db), transport);
  });
  afterAll(async () => {
    await tax?.close();
    await t?.close();
  });

  describe('incomeTaxDetails', () => {
    it('lists 张伟’s 2025 wages and the tax withheld by cumulative withholding', async () => {
      const { details } = await tax.client.incomeTaxDetails({
        idNumber: ZHANG_WEI.idNumber,
        from: '2025-01',
        to: '2025-12',
      });
      const job = lifeOf(ZHANG_WEI, seedContext(1)).jobs.at(-1);
      expect(job?.monthlyWage).toBe(6_650);
      // Declared up to 2025-11 by the province's date (2026-01-01): December is declared in January.
      expect(details?.records.map((r) => r.month)).toEqual(
        Array.from({ length: 11 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      );
      const january = details?.records[0];
      expect(january).toMatchObject({
        incomeItem: '正常工资薪金所得',
        withholdingAgent: { name: job?.employer.name, uscc: job?.employer.uscc },
        income: 6_650,
        basicDeduction: 5_000,
        socialInsurance: 678.3, // 532 + 133 + 13.30
        tax: 29.15, // (6,650 − 5,000 − 678.30) × 3 %
      });
      expect(january?.taxAuthority).toMatch(/^国家税务总局广州市.+税务局$/);
      expect(details?.totalIncome).toBe(6_650 * 11);
      expect(details?.totalTax).toBe(320.66); // 10,688.70 × 3 %, withheld month by month
      expect(details?.records.reduce((s, r) => s + Math.round(r.tax * 100), 0)).toBe(320_66);
      expect(details?.updatedAt).toMatch(/^2025-12-\d{2}T09:30:00\+08:00$/);
    });

    it('answers null for someone the tax system does not know, and an empty list outside their records', async () => {
      for (const idNumber of [person('张梓轩').idNumber, UNKNOWN]) {
        expect(await tax.client.incomeTaxDetails({ idNumber, from: '2025-01', to: '2025-06' })).toEqual({
          details: null,
        });
      }
      const early = await tax.client.incomeTaxDetails({ idNumber: ZHANG_WEI.idNumber, from: '2010-01', to: '2014-12' });
      expect(early.details?.records).toEqual([]);
      expect(early.details?.totalTax).toBe(0);
    });

    it('refuses malformed input with the Chinese message', async () => {
      await expectInputError(
        tax.client.incomeTaxDetails({ idNumber: '12345', from: '2025-01', to: '2025-02' }),
        '请输入18位居民身份证号码（前17位为数字，末位为数字或X）',
      );
      await expectInputError(
        tax.client.incomeTaxDetails({
          idNumber: `${ZHANG_WEI.idNumber.slice(0, 17)}0`,
          from: '2025-01',
          to: '2025-02',
        }),
        '身份证号码校验位不正确，请核对后重新输入',
      );
      await expectInputError(
        tax.client.incomeTaxDetails({ idNumber: ZHANG_WEI.idNumber, from: '2025-05', to: '2025-02' }),
        '起始月份不能晚于结束月份',
      );
      await expectInputError(
        tax.client.incomeTaxDetails({ idNumber: ZHANG_WEI.idNumber, from: '2020-01', to: '2025-01' }),
        '查询区间不能超过60个月',
      );
      await expectInputError(
        tax.client.incomeTaxDetails({ idNumber: ZHANG_WEI.idNumber, from: '2025-13', to: '2025-12' }),
        '月份格式应为YYYY-MM，如2025-01',
      );
    });
  });

  describe('socialInsuranceFeeDetails', () => {
    it('lists the five insurances on the contribution base, unit and personal shares', async () => {
      const { details } = await tax.client.socialInsuranceFeeDetails({
        idNumber: ZHANG_WEI.idNumber,
        from: '2025-03',
        to: '2025-03',
      });
      expect(details?.records).toHaveLength(1);
      const march = details?.records[0];
      expect(march?.contributionBase).toBe(6_650);
      expect(march?.items.map((i) => [i.name, i.unitAmount, i.personalAmount])).toEqual([
        ['基本养老保险费', 931, 532],
        ['基本医疗保险费', 365.75, 133],
        ['失业保险费', 21.28, 13.3],
        ['工伤保险费', 13.3, 0],
        ['生育保险费', 56.53, 0],
      ]);
      expect(march?.personalTotal).toBe(678.3);
      expect(details?.personalTotal).toBe(678.3);
      // The same personal amount is the 专项扣除 of the income-tax record of the month.
      const tax2025 = await tax.client.incomeTaxDetails({
        idNumber: ZHANG_WEI.idNumber,
        from: '2025-03',
        to: '2025-03',
      });
      expect(tax2025.details?.records[0]?.socialInsurance).toBe(march?.personalTotal);
    });

    it('answers null for an unknown person', async () => {
      expect(await tax.client.socialInsuranceFeeDetails({ idNumber: UNKNOWN, from: '2025-01', to: '2025-02' })).toEqual(
        {
          details: null,
        },
      );
    });
  });

  describe('e-tax certificates', () => {
    it('verifies 张伟’s certificate for 2018, masked, with the year’s tax', async () => {
      const { certificate } = await tax.client.verifyTaxCertificate({ number: DEMO_TAX.zhangWeiCertificate });
      const details = await tax.client.incomeTaxDetails({
        idNumber: ZHANG_WEI.idNumber,
        from: '2018-01',
        to: '2018-12',
      });
      expect(certificate).toMatchObject({
        number: DEMO_TAX.zhangWeiCertificate,
        kind: 'income-tax',
        kindName: '个人所得税完税证明',
        taxpayerName: '张*',
        idNumberMasked: `440106**********${ZHANG_WEI.idNumber.slice(16)}`,
        from: '2018-01',
        to: '2018-12',
        total: details.details?.totalTax,
        issuedOn: '2019-07-31',
      });
      expect(certificate?.total).toBeGreaterThan(0);
      expect(JSON.stringify(certificate)).not.toContain(ZHANG_WEI.idNumber);
    });

    it('issues a certificate that can then be verified, and refuses what 粤省事 does not issue', async () => {
      const issued = await tax.client.issueTaxCertificate({
        idNumber: ZHANG_WEI.idNumber,
        kind: 'income-tax',
        from: '2017-01',
        to: '2017-12',
        delivery: { method: 'email', email: 'zhangwei@example.com' },
      });
      expect(issued.issued).toBe(true);
      if (!issued.issued) return;
      // 2017's employer is in Shenzhen (life of seed 1): city digits 03, then the issue year.
      expect(issued.certificate.number).toMatch(/^34403\d{13}$/);
      const details = await tax.client.incomeTaxDetails({
        idNumber: ZHANG_WEI.idNumber,
        from: '2017-01',
        to: '2017-12',
      });
      expect(issued.certificate.total).toBe(details.details?.totalTax);
      expect((await tax.client.verifyTaxCertificate({ number: issued.certificate.number })).certificate).toEqual(
        issued.certificate,
      );

      const fees = await tax.client.issueTaxCertificate({
        idNumber: ZHANG_WEI.idNumber,
        kind: 'social-insurance-fee',
        from: '2024-01',
        to: '2024-12',
        delivery: { method: 'email', email: 'zhangwei@example.com' },
      });
      const feeDetails = await tax.client.socialInsuranceFeeDetails({
        idNumber: ZHANG_WEI.idNumber,
        from: '2024-01',
        to: '2024-12',
      });
      expect(fees.issued && fees.certificate.total).toBe(feeDetails.details?.personalTotal);

      expect(
        await tax.client.issueTaxCertificate({
          idNumber: person('张梓轩').idNumber,
          kind: 'income-tax',
          from: '2017-01',
          to: '2017-12',
          delivery: { method: 'email', email: 'a@example.com' },
        }),
      ).toEqual({ issued: false, reason: 'no-records' });
      await expectInputError(
        tax.client.issueTaxCertificate({
          idNumber: ZHANG_WEI.idNumber,
          kind: 'income-tax',
          from: '2019-01',
          to: '2019-12',
          delivery: { method: 'email', email: 'a@example.com' },
        }),
        '仅可开具2019年以前的个人所得税完税证明',
      );
      await expectInputError(
        tax.client.issueTaxCertificate({
          idNumber: ZHANG_WEI.idNumber,
          kind: 'social-insurance-fee',
          from: '2024-01',
          to: '2024-12',
          delivery: { method: 'post', recipient: '张伟', phone: '13800138000', address: '广州市天河区天河路385号' },
        }),
        '社会保险费完税证明仅支持发送至邮箱',
      );
      await expectInputError(
        tax.client.issueTaxCertificate({
          idNumber: ZHANG_WEI.idNumber,
          kind: 'income-tax',
          from: '2017-01',
          to: '2018-12',
          delivery: { method: 'email', email: 'a@example.com' },
        }),
        '完税证明按年度开具，起止月份须在同一年度',
      );
    });

    it('answers null for an unknown number and refuses a malformed one', async () => {
      expect(await tax.client.verifyTaxCertificate({ number: '344011900000000000' })).toEqual({ certificate: null });
      await expectInputError(tax.client.verifyTaxCertificate({ number: '3440119' }), '电子税票号码应为18位数字');
    });
  });

  describe('车船税', () => {
    it('shows each demo car’s years: current year due, exempt, overdue', async () => {
      const zhang = (await tax.client.vehicleTaxOf({ idNumber: ZHANG_WEI.idNumber })).vehicles;
      expect(zhang.map((v) => v.plate)).toEqual([DEMO_TAX.zhangWeiCar]);
      expect(zhang[0]?.displacementLitres).toBe(1.5);
      expect(zhang[0]?.years.map((y) => [y.year, y.amount, y.status])).toEqual([
        [2019, 210, 'paid'],
        ...[2020, 2021, 2022, 2023, 2024, 2025].map((y) => [y, 360, 'paid']),
        [2026, 360, 'unpaid'],
      ]);
      expect(zhang[0]?.years[0]?.paidOn).toBe('2019-06-18');
      expect(zhang[0]?.amountDue).toBe(360);

      const li = (await tax.client.vehicleTaxOf({ idNumber: person('李娜').idNumber })).vehicles;
      expect(li[0]).toMatchObject({
        plate: DEMO_TAX.liNaCar,
        energy: 'electric',
        displacementLitres: null,
        amountDue: 0,
      });
      expect(new Set(li[0]?.years.map((y) => y.status))).toEqual(new Set(['exempt']));

      const chen = (await tax.client.vehicleTaxOf({ idNumber: person('陈志强').idNumber })).vehicles;
      expect(chen[0]?.years.filter((y) => y.status === 'unpaid').map((y) => y.year)).toEqual([2024, 2026]);
      expect(chen[0]?.amountDue).toBe(840);

      expect(await tax.client.vehicleTaxOf({ idNumber: LIU_FANG.idNumber })).toEqual({ vehicles: [] });
      expect(await tax.client.vehicleTaxOf({ idNumber: UNKNOWN })).toEqual({ vehicles: [] });
    });

    it('finds a car by plate only with its owner’s ID number', async () => {
      const found = await tax.client.vehicleTaxByPlate({ plate: '粤a·8k2m6', ownerIdNumber: ZHANG_WEI.idNumber });
      expect(found.vehicle?.plate).toBe(DEMO_TAX.zhangWeiCar);
      expect(
        await tax.client.vehicleTaxByPlate({ plate: DEMO_TAX.zhangWeiCar, ownerIdNumber: LIU_FANG.idNumber }),
      ).toEqual({
        vehicle: null,
      });
      await expectInputError(
        tax.client.vehicleTaxByPlate({ plate: '粤I12345', ownerIdNumber: ZHANG_WEI.idNumber }),
        '车牌号码的发牌机关代号不正确',
      );
    });

    it('takes a payment for another person once, whatever the retries', async () => {
      const pay = (paymentReference: string, ownerIdNumber = person('陈志强').idNumber) =>
        tax.client.payVehicleTax({
          plate: DEMO_TAX.chenZhiqiangCar,
          ownerIdNumber,
          payerIdNumber: ZHANG_WEI.idNumber,
          years: [2024, 2026],
          paymentReference,
        });
      expect(await pay('PAY-TEST-0001', ZHANG_WEI.idNumber)).toEqual({ paid: false, reason: 'vehicle-not-found' });
      const first = await pay('PAY-TEST-0002');
      expect(first.paid && [first.receipt.years, first.receipt.amount]).toEqual([[2024, 2026], 840]);
      expect(await pay('PAY-TEST-0002')).toEqual(first);
      expect(await pay('PAY-TEST-0003')).toEqual({ paid: false, reason: 'nothing-due' });
      const after = (await tax.client.vehicleTaxOf({ idNumber: person('陈志强').idNumber })).vehicles[0];
      expect(after?.amountDue).toBe(0);
      expect(after?.years.at(-1)).toMatchObject({ year: 2026, status: 'paid', collectedBy: '粤省事' });
    });
  });

  describe('车辆购置税', () => {
    it('computes each demo purchase’s tax and takes one payment of the amount due today, whatever the retries', async () => {
      const liu = (await tax.client.vehiclePurchasesOf({ idNumber: LIU_FANG.idNumber })).purchases;
      expect(liu).toHaveLength(1);
      const p = liu[0] as NonNullable<(typeof liu)[number]>;
      expect(p).toMatchObject({
        invoice: { code: DEMO_TAX.purchases.liuFang.code, number: DEMO_TAX.purchases.liuFang.number, total: 452_000 },
        vin: DEMO_TAX.purchases.liuFang.vin,
        vehicleKind: 'new-energy',
        taxablePrice: 400_000,
        tax: 40_000,
        relief: 30_000,
        payableTax: 10_000,
        deadline: '2026-01-27',
        status: 'unpaid',
        paid: null,
      });
      expect(p.totalDue).toBe(Math.round((10_000 + p.lateFee) * 100) / 100);
      expect((await tax.client.vehiclePurchasesOf({ idNumber: UNKNOWN })).purchases).toEqual([]);
      const zhang = (await tax.client.vehiclePurchasesOf({ idNumber: ZHANG_WEI.idNumber })).purchases;
      expect(zhang.map((z) => [z.invoice.issuedOn, z.status, z.paid?.certificateNumber ?? null])).toEqual([
        ['2025-12-20', 'unpaid', null],
        ['2019-06-10', 'paid', '442019000316582047'],
      ]);

      const ids = { invoiceCode: p.invoice.code, invoiceNumber: p.invoice.number, idNumber: LIU_FANG.idNumber };
      const pay = (paymentReference: string, amount = p.totalDue, idNumber = LIU_FANG.idNumber) =>
        tax.client.payPurchaseTax({ ...ids, idNumber, amount, paymentReference });
      expect(await pay('PT-TEST-0001', p.totalDue, ZHANG_WEI.idNumber)).toEqual({ paid: false, reason: 'not-found' });
      expect(await pay('PT-TEST-0002', p.totalDue + 1)).toEqual({
        paid: false,
        reason: 'amount-mismatch',
        amountDue: p.totalDue,
      });
      const first = await pay('PT-TEST-0003');
      expect(first.paid && [first.receipt.amount, first.receipt.vin]).toEqual([p.totalDue, p.vin]);
      expect(await pay('PT-TEST-0003')).toEqual(first);
      expect(await pay('PT-TEST-0004')).toEqual({ paid: false, reason: 'already-paid' });
      const after = (await tax.client.vehiclePurchasesOf({ idNumber: LIU_FANG.idNumber })).purchases[0];
      expect(after).toMatchObject({ status: 'paid', totalDue: 0 });
      expect(after?.paid?.certificateNumber).toBe(first.paid ? first.receipt.certificateNumber : null);
      await expectInputError(
        tax.client.payPurchaseTax({ ...ids, invoiceNumber: '123', amount: 1, paymentReference: 'PT-TEST-0005' }),
        '发票号码应为8位数字',
      );
    });
  });

  describe('invoices', () => {
    const inv = DEMO_TAX.invoices;

    it('verifies the demo invoices: 正常, 红冲, 作废, 数电票', async () => {
      const ordinary = await tax.client.verifyInvoice({
        code: inv.electronicOrdinary.code,
        number: inv.electronicOrdinary.number,
        issuedOn: inv.electronicOrdinary.issuedOn,
        checkCode: '036458',
      });
      expect(ordinary).toMatchObject({
        result: 'consistent',
        invoice: {
          kind: '增值税电子普通发票',
          total: 200,
          status: 'normal',
          statusName: '正常',
          buyer: { name: '张伟' },
        },
      });
      const red = await tax.client.verifyInvoice({ ...inv.redReversed, checkCode: inv.redReversed.checkCode });
      expect(red.result === 'consistent' && red.invoice.statusName).toBe('红冲');
      const voided = await tax.client.verifyInvoice({ ...inv.voided, checkCode: '610293847'.slice(-6) });
      expect(voided.result === 'consistent' && voided.invoice.statusName).toBe('作废');
      const digital = await tax.client.verifyInvoice({
        number: inv.digital.number,
        issuedOn: inv.digital.issuedOn,
        amount: 5000,
      });
      expect(digital).toMatchObject({
        result: 'consistent',
        invoice: { code: null, kind: '电子发票（普通发票）', tax: 575.22 },
      });
      const special = await tax.client.verifyInvoice({
        code: inv.lostSpecial.code,
        number: inv.lostSpecial.number,
        issuedOn: inv.lostSpecial.issuedOn,
        amount: inv.lostSpecial.amount,
      });
      expect(special).toMatchObject({ result: 'consistent', invoice: { kind: '增值税专用发票', tax: 1_920 } });
    });

    it('says 不一致 for a wrong detail and 查无此票 for an unknown invoice', async () => {
      const base = { code: inv.electronicOrdinary.code, number: inv.electronicOrdinary.number };
      expect(await tax.client.verifyInvoice({ ...base, issuedOn: '2023-09-15', checkCode: '036458' })).toEqual({
        result: 'inconsistent',
      });
      expect(
        await tax.client.verifyInvoice({ ...base, issuedOn: inv.electronicOrdinary.issuedOn, checkCode: '036459' }),
      ).toEqual({
        result: 'inconsistent',
      });
      expect(
        await tax.client.verifyInvoice({ number: inv.digital.number, issuedOn: inv.digital.issuedOn, amount: 4424.78 }),
      ).toEqual({
        result: 'inconsistent',
      });
      expect(
        await tax.client.verifyInvoice({
          ...base,
          number: '05826318',
          issuedOn: inv.electronicOrdinary.issuedOn,
          checkCode: '036458',
        }),
      ).toEqual({ result: 'not-found' });
    });

    it('asks for what the kind of invoice needs', async () => {
      await expectInputError(
        tax.client.verifyInvoice({ number: '05826317', issuedOn: '2023-09-14' }),
        '请输入发票代码',
      );
      await expectInputError(
        tax.client.verifyInvoice({
          code: inv.lostSpecial.code,
          number: inv.lostSpecial.number,
          issuedOn: '2018-11-20',
        }),
        '请输入开具金额（不含税）',
      );
      await expectInputError(
        tax.client.verifyInvoice({ code: inv.electronicOrdinary.code, number: '05826317', issuedOn: '2023-09-14' }),
        '请输入校验码后6位',
      );
      await expectInputError(
        tax.client.verifyInvoice({ number: inv.digital.number, issuedOn: inv.digital.issuedOn }),
        '请输入价税合计金额',
      );
      await expectInputError(
        tax.client.verifyInvoice({
          code: '4400181930',
          number: '05826317',
          issuedOn: '2023-09-14',
          checkCode: '123456',
        }),
        '无法识别的发票代码，请核对后重新输入',
      );
      await expectInputError(
        tax.client.verifyInvoice({ ...inv.electronicOrdinary, issuedOn: '2023-02-30' }),
        '日期不存在，请核对后重新输入',
      );
    });

    it('tells whether an invoice was reported lost or stolen', async () => {
      expect(
        await tax.client.lostInvoiceCheck({ code: inv.lostSpecial.code, number: inv.lostSpecial.number }),
      ).toMatchObject({
        reported: true,
        kind: '增值税专用发票',
        reportedOn: '2019-01-07',
        taxAuthority: expect.stringMatching(/^国家税务总局佛山市.+税务局$/),
      });
      expect(await tax.client.lostInvoiceCheck({ code: inv.voided.code, number: inv.voided.number })).toEqual({
        reported: false,
      });
      await expectInputError(
        tax.client.lostInvoiceCheck({ code: '44001811', number: '00881234' }),
        '发票代码应为10位或12位数字',
      );
      await expectInputError(
        tax.client.lostInvoiceCheck({ code: inv.lostSpecial.code, number: '0088123' }),
        '发票号码应为8位数字',
      );
    });
  });
});

describe.each(ENGINES)('tax sandbox on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it('verifies every generated invoice with what is printed on it, and finds every generated lost invoice', async () => {
    const tax = taxSandbox(t.database.db);
    const rows = await t.database.db
      .selectFrom('dept_tax.invoices')
      .select(['code', 'number', 'amount_fen', 'tax_fen', 'check_code', 'kind'])
      .select((eb) => eb.fn<string>('to_char', [eb.ref('issued_on'), eb.val('YYYY-MM-DD')]).as('issued_on'))
      .execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const input = {
        ...(r.code ? { code: r.code } : {}),
        number: r.number,
        issuedOn: r.issued_on,
        amount: (Number(r.amount_fen) + (r.code ? 0 : Number(r.tax_fen))) / 100,
        ...(r.check_code ? { checkCode: r.check_code.slice(-6) } : {}),
      };
      const answer = await tax.verifyInvoice(taxSpec.operations.verifyInvoice.input.parse(input));
      expect(answer.result, JSON.stringify(input)).toBe('consistent');
    }
    const lost = await t.database.db.selectFrom('dept_tax.lost_invoices').select(['code', 'number']).execute();
    for (const l of lost) expect((await tax.lostInvoiceCheck(l)).reported).toBe(true);
  });

  it('never answers with another person’s records', async () => {
    const tax = taxSandbox(t.database.db);
    const people = await t.database.db.selectFrom('dept_tax.taxpayers').select('id_number').limit(40).execute();
    for (const { id_number } of people) {
      const vehicles = await tax.vehicleTaxOf({ idNumber: id_number });
      const owners = await t.database.db
        .selectFrom('dept_tax.vehicles')
        .select('plate')
        .where('owner_id_number', '=', id_number)
        .execute();
      expect(vehicles.vehicles.map((v) => v.plate).sort()).toEqual(owners.map((o) => o.plate).sort());
      const details = await tax.incomeTaxDetails({ idNumber: id_number, from: '2021-01', to: '2025-12' });
      const agents = await t.database.db
        .selectFrom('dept_tax.wage_periods')
        .select('agent_uscc')
        .where('id_number', '=', id_number)
        .execute();
      const own = new Set(agents.map((a) => a.agent_uscc));
      for (const r of details.details?.records ?? []) expect(own.has(r.withholdingAgent.uscc)).toBe(true);
    }
  });
});
