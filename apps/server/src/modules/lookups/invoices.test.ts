import { makeInvoiceQr } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TAX } from '../../departments/tax/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { checkedAmountFen, checkedIssueDate, checkInvoiceRequest } from './invoice-input.js';

const I = DEMO_TAX.invoices;
const VERIFY = '/api/v1/lookups/invoices/verify';
const NOW = new Date('2026-06-01T12:00:00+08:00');

describe('checking what is typed into 发票查询', () => {
  it('asks each kind for what the national platform asks', () => {
    expect(checkInvoiceRequest({ ...I.electronicOrdinary, checkCode: '036458' }, NOW)).toMatchObject({
      by: 'checkCode',
      checkCode: '036458',
      kindName: '增值税电子普通发票',
    });
    expect(checkInvoiceRequest({ ...I.lostSpecial, amount: '12,000.00' }, NOW)).toMatchObject({
      by: 'amount',
      amount: 12_000,
      kindName: '增值税专用发票',
    });
    expect(checkInvoiceRequest({ ...I.digital, amount: '¥5000' }, NOW)).toMatchObject({
      by: 'total',
      amount: 5000,
      code: null,
    });
  });

  it.each([
    [{ number: '05826317', issuedOn: '2023-09-14' }, 'INVOICE_FIELD_MISSING', 'code', '请输入发票代码'],
    [{ code: '12345', number: '05826317' }, 'INVOICE_CODE_INVALID', 'code', '发票代码应为10位或12位数字'],
    [{ code: '044002300111', number: '5826317' }, 'INVOICE_NUMBER_INVALID', 'number', '发票号码应为8位数字'],
    [
      { number: '2444200000012345678', issuedOn: '2024-11-20' },
      'INVOICE_NUMBER_INVALID',
      'number',
      '数电发票号码应为20位数字',
    ],
    [{ ...I.electronicOrdinary, issuedOn: '' }, 'INVOICE_FIELD_MISSING', 'issuedOn', '请选择开票日期'],
    [
      { ...I.electronicOrdinary, issuedOn: '2023-02-30' },
      'INVOICE_DATE_INVALID',
      'issuedOn',
      '开票日期不存在，请核对后重新输入',
    ],
    [
      { ...I.electronicOrdinary, issuedOn: '2026-06-02' },
      'INVOICE_DATE_IN_FUTURE',
      'issuedOn',
      '开票日期不能晚于今天，请核对后重新输入',
    ],
    [{ ...I.electronicOrdinary, checkCode: '' }, 'INVOICE_FIELD_MISSING', 'checkCode', '请输入校验码后6位'],
    [
      { ...I.electronicOrdinary, checkCode: '12345' },
      'INVOICE_CHECK_CODE_INVALID',
      'checkCode',
      '请输入20位校验码或其后6位',
    ],
    [{ ...I.lostSpecial, amount: undefined }, 'INVOICE_FIELD_MISSING', 'amount', '请输入开具金额（不含税）'],
    [{ ...I.lostSpecial, amount: '-100' }, 'INVOICE_AMOUNT_INVALID', 'amount', '开具金额（不含税）不能为负数'],
    [{ ...I.digital, amount: 0 }, 'INVOICE_AMOUNT_INVALID', 'amount', '价税合计金额应大于0'],
    [{ ...I.digital, amount: 'abc' }, 'INVOICE_AMOUNT_INVALID', 'amount', '价税合计金额应为数字，如5000.00'],
    [{ ...I.digital, amount: '1.005' }, 'INVOICE_AMOUNT_INVALID', 'amount', '价税合计金额最多保留两位小数'],
    [{ ...I.digital, amount: '1e5' }, 'INVOICE_AMOUNT_INVALID', 'amount', '价税合计金额应为数字，如5000.00'],
    [{ ...I.digital, amount: undefined }, 'INVOICE_FIELD_MISSING', 'amount', '请输入价税合计金额'],
    [{ qr: 'https://example.com' }, 'INVOICE_QR_UNPARSEABLE', 'qr', '该二维码不是发票二维码，请扫描发票左上角的二维码'],
  ] as const)('%j → %s', (req, code, path, message) => {
    expect(() => checkInvoiceRequest(req as never, NOW)).toThrow(
      expect.objectContaining({ code, detail: message, errors: [{ path, message }] }),
    );
  });

  it('reads amounts exactly in fen and dates in China time', () => {
    expect(checkedAmountFen('0.1', '金额')).toBe(10);
    expect(checkedAmountFen(188.68, '金额')).toBe(18_868);
    expect(checkedAmountFen('999999999999.99', '金额')).toBe(99_999_999_999_999);
    expect(() => checkedAmountFen('1000000000000', '金额')).toThrow(/超出/);
    // 2026-06-01 16:30 UTC is already 2 June in China
    expect(checkedIssueDate('20260602', new Date('2026-06-01T16:30:00Z'))).toBe('2026-06-02');
  });
});

describe.each(ENGINES)('票据助手 (F5) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());
  const verify = (body: object) => c.call('POST', VERIFY, body);

  it('verifies an ordinary e-invoice by its check code, masking a private buyer', async () => {
    const res = await verify({ ...I.electronicOrdinary, checkCode: I.electronicOrdinary.checkCode.slice(-6) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.result).toBe('consistent');
    expect(body.checked).toMatchObject({ kindName: '增值税电子普通发票', by: 'checkCode', fromQr: false });
    expect(body.invoice).toMatchObject({ code: I.electronicOrdinary.code, status: 'normal', statusName: '正常' });
    expect(body.invoice.buyer).toEqual({ name: '张*', taxId: null });
    expect(res.body).not.toContain('张伟');
    expect(Math.round(body.invoice.total * 100)).toBe(
      Math.round(body.invoice.amount * 100) + Math.round(body.invoice.tax * 100),
    );
    expect(body.source.department).toBe('国家税务总局广东省税务局');
  });

  it('answers 不一致 and 查无此票, and shows 红冲 and 作废', async () => {
    expect((await verify({ ...I.electronicOrdinary, checkCode: '000000' })).json().result).toBe('inconsistent');
    expect((await verify({ ...I.electronicOrdinary, number: '05826318', checkCode: '036458' })).json()).toMatchObject({
      result: 'not-found',
      invoice: null,
    });
    const red = await verify({ ...I.redReversed, checkCode: I.redReversed.checkCode });
    expect(red.json().invoice.statusName).toBe('红冲');
    const voided = await verify({ ...I.voided, checkCode: I.voided.checkCode.slice(-6) });
    expect(voided.json().invoice.statusName).toBe('作废');
  });

  it('verifies a 数电票 by its total, and a special invoice by its amount without tax', async () => {
    const digital = await verify({ number: I.digital.number, issuedOn: I.digital.issuedOn, amount: '5000.00' });
    expect(digital.json()).toMatchObject({ result: 'consistent', checked: { by: 'total', code: null } });
    expect(digital.json().invoice.total).toBe(5000);
    expect((await verify({ ...I.digital, amount: 4999.99 })).json().result).toBe('inconsistent');
    const special = await verify({ ...I.lostSpecial, amount: 12_000 });
    expect(special.json()).toMatchObject({ result: 'consistent', checked: { by: 'amount' } });
    expect(special.json().invoice.buyer.taxId).toMatch(/^[0-9A-Z]{18}$/); // an enterprise buyer is not masked
  });

  it('verifies straight from the text of the invoice QR code', async () => {
    const typed = (await verify({ ...I.electronicOrdinary })).json().invoice;
    const qr = makeInvoiceQr({
      typeCode: '10',
      code: typed.code,
      number: typed.number,
      amount: typed.amount.toFixed(2),
      issuedOn: typed.issuedOn,
      checkCode: typed.checkCode,
    });
    const res = await verify({ qr });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ result: 'consistent', checked: { fromQr: true, number: '05826317' } });
    const digitalQr = makeInvoiceQr({
      typeCode: '32',
      code: null,
      number: I.digital.number,
      amount: '5000.00',
      issuedOn: I.digital.issuedOn,
    });
    expect((await verify({ qr: digitalQr })).json().result).toBe('consistent');
    // a delivery link carries no total: it is asked for, and accepted beside the link
    const link = `https://dppt.guangdong.chinatax.gov.cn:8443/v/2_${I.digital.number}_20241120101010008XK9`;
    const noTotal = await verify({ qr: link });
    expect(noTotal.json()).toMatchObject({ code: 'INVOICE_FIELD_MISSING', detail: '请输入价税合计金额' });
    expect((await verify({ qr: link, amount: '5000' })).json().result).toBe('consistent');
  });

  it('refuses bad input with specific problem+json codes, never a 500', async () => {
    const cases: [object, string][] = [
      [{ qr: '01,10,garbage' }, 'INVOICE_QR_UNPARSEABLE'],
      [{ qr: '01,32,,24442000000123456789,-5000.00,20241120,,A6A1' }, 'INVOICE_AMOUNT_INVALID'],
      [{ code: '9999999999', number: '05826317', issuedOn: '2023-09-14', checkCode: '036458' }, 'INVOICE_CODE_INVALID'],
      [
        { code: '044002300111', number: 'abcdefgh', issuedOn: '2023-09-14', checkCode: '036458' },
        'INVOICE_NUMBER_INVALID',
      ],
      [{ ...I.electronicOrdinary, issuedOn: '2099-01-01' }, 'INVOICE_DATE_IN_FUTURE'],
      [{ ...I.electronicOrdinary, issuedOn: 'yesterday' }, 'INVOICE_DATE_INVALID'],
      [{ ...I.digital, amount: -5 }, 'INVOICE_AMOUNT_INVALID'],
      [{}, 'INVOICE_FIELD_MISSING'],
      [{ number: 5 }, 'VALIDATION_FAILED'],
      [{ qr: 'x'.repeat(600) }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await verify(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, JSON.stringify(body)).toBe(code);
      expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
    }
    const notJson = await c.call('POST', VERIFY, undefined, undefined, { 'content-type': 'application/json' });
    expect(notJson.statusCode).toBe(400);
  });

  it('丢失被盗发票查询: the lost special invoice is reported, another one is not, bad input has codes', async () => {
    const lost = await c.call(
      'GET',
      `/api/v1/lookups/invoices/lost?code=${I.lostSpecial.code}&number=${I.lostSpecial.number}`,
    );
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json()).toMatchObject({
      reported: true,
      kindName: '增值税专用发票',
      report: { reportedOn: '2019-01-07', seller: { uscc: expect.stringMatching(/^[0-9A-Z]{18}$/) } },
    });
    const fine = await c.call('GET', `/api/v1/lookups/invoices/lost?code=${I.voided.code}&number=${I.voided.number}`);
    expect(fine.json()).toMatchObject({ reported: false, report: null, kindName: '增值税普通发票' });
    const bad = await c.call('GET', '/api/v1/lookups/invoices/lost?code=12&number=00881234');
    expect(bad.json()).toMatchObject({ code: 'INVOICE_CODE_INVALID', detail: '发票代码应为10位或12位数字' });
    expect((await c.call('GET', `/api/v1/lookups/invoices/lost?code=${I.lostSpecial.code}&number=1`)).json().code).toBe(
      'INVOICE_NUMBER_INVALID',
    );
    expect((await c.call('GET', '/api/v1/lookups/invoices/lost')).json().code).toBe('INVOICE_FIELD_MISSING');
  });

  it('电子税票查验: a certificate verifies with the taxpayer masked; a bad number has its code', async () => {
    const res = await c.call('GET', `/api/v1/lookups/tax-certificates?number=${DEMO_TAX.zhangWeiCertificate}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().certificate).toMatchObject({ taxpayerName: '张*', kind: 'income-tax' });
    expect(res.body).not.toContain('44010619880512031X');
    expect(
      (await c.call('GET', '/api/v1/lookups/tax-certificates?number=344011907310000189')).json().certificate,
    ).toBeNull();
    const bad = await c.call('GET', '/api/v1/lookups/tax-certificates?number=12345');
    expect(bad.json()).toMatchObject({ code: 'TAX_CERTIFICATE_NUMBER_INVALID', detail: '电子税票号码应为18位数字' });
    expect((await c.call('GET', '/api/v1/lookups/tax-certificates')).json().detail).toBe('请输入电子税票号码');
  });

  it('is rate-limited per client', async () => {
    const ip = { 'x-forwarded-for': '10.9.9.9' };
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (
        await c.call('GET', '/api/v1/lookups/invoices/lost?code=4400181130&number=00881234', undefined, undefined, ip)
      ).statusCode;
    }
    expect(last).toBe(429);
  });
});
