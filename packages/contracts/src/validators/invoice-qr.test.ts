import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVOICE_QR_MESSAGES, makeInvoiceQr, parseInvoiceQr } from './invoice-qr.js';

const NOW = { now: new Date('2026-06-01T00:00:00Z') };
// Layouts as printed on invoices (field values built from the documented structure, not real invoices).

describe('parseInvoiceQr: the invoice QR', () => {
  it('reads a 增值税电子普通发票 with its check code and digest', () => {
    expect(parseInvoiceQr('01,10,044002300111,05826317,188.68,20230914,59316028477192036458,8A3F,', NOW)).toEqual({
      ok: true,
      source: 'invoice',
      typeCode: '10',
      typeName: '增值税电子普通发票',
      digital: false,
      code: '044002300111',
      number: '05826317',
      amount: '188.68',
      negative: false,
      issuedOn: '2023-09-14',
      checkCode: '59316028477192036458',
    });
  });

  it('reads a special invoice (no check code), without the trailing comma and without a digest', () => {
    const special = parseInvoiceQr('01,01,4400181130,00881234,12000.00,20181120,,9335', NOW);
    expect(special).toMatchObject({ ok: true, typeName: '增值税专用发票', code: '4400181130', checkCode: null });
    expect(parseInvoiceQr('01,04,4400191320,00371942,100.5,20190808,71029384756610293847', NOW)).toMatchObject({
      ok: true,
      typeName: '增值税普通发票',
      amount: '100.5',
    });
  });

  it('reads a 数电票 (type 32, no code, 20-digit number)', () => {
    expect(parseInvoiceQr('01,32,,24442000000123456789,5000.00,20241120,,A6A1', NOW)).toMatchObject({
      ok: true,
      digital: true,
      code: null,
      number: '24442000000123456789',
      amount: '5000.00',
      issuedOn: '2024-11-20',
      typeName: '电子发票（普通发票）',
    });
  });

  it('marks a negative (红字) amount and tolerates a BOM, spaces and full-width commas', () => {
    expect(parseInvoiceQr('\uFEFF 01，32，，24442000000123456789，-35.50，20241120，，A6A1 \n', NOW)).toMatchObject({
      ok: true,
      amount: '-35.50',
      negative: true,
    });
  });

  it('reads the number and date of a 数电票 delivery link, without an amount', () => {
    expect(
      parseInvoiceQr('https://dppt.guangdong.chinatax.gov.cn:8443/v/2_24442000000123456789_20241120093525008XK9', NOW),
    ).toMatchObject({ ok: true, source: 'delivery-link', digital: true, number: '24442000000123456789', amount: null });
  });

  it('round-trips makeInvoiceQr', () => {
    const qr = makeInvoiceQr({
      typeCode: '10',
      code: '044002300111',
      number: '05826317',
      amount: '188.68',
      issuedOn: '2023-09-14',
      checkCode: '59316028477192036458',
    });
    expect(qr).toMatch(/^01,10,044002300111,05826317,188\.68,20230914,59316028477192036458,[0-9A-F]{4},$/);
    expect(parseInvoiceQr(qr, NOW)).toMatchObject({ ok: true, number: '05826317', issuedOn: '2023-09-14' });
  });
});

describe('parseInvoiceQr: garbage is refused with a Chinese message', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://example.com/pay?id=1', 'not-invoice'],
    ['6901234567892', 'not-invoice'],
    ['hello,world', 'not-invoice'],
    ['01,10,044002300111,05826317', 'not-invoice'],
    ['01,10,044002300111,05826317,188.68,20230914,59316028477192036458,8A3F,x,y', 'not-invoice'],
    ['02,10,044002300111,05826317,188.68,20230914,59316028477192036458,8A3F', 'version'],
    ['01,99,044002300111,05826317,188.68,20230914,59316028477192036458,8A3F', 'type'],
    ['01,1X,044002300111,05826317,188.68,20230914,59316028477192036458,8A3F', 'type'],
    ['01,10,04400230011,05826317,188.68,20230914,59316028477192036458,8A3F', 'code'],
    ['01,10,994002300111,05826317,188.68,20230914,59316028477192036458,8A3F', 'code'],
    ['01,32,044002300111,24442000000123456789,5000.00,20241120,,A6A1', 'code'],
    ['01,10,044002300111,0582631,188.68,20230914,59316028477192036458,8A3F', 'number'],
    ['01,10,044002300111,00000000,188.68,20230914,59316028477192036458,8A3F', 'number'],
    ['01,32,,2444200000012345678,5000.00,20241120,,A6A1', 'number'],
    ['01,32,,99442000000123456789,5000.00,20241120,,A6A1', 'number'],
    ['01,10,044002300111,05826317,abc,20230914,59316028477192036458,8A3F', 'amount'],
    ['01,10,044002300111,05826317,1.234,20230914,59316028477192036458,8A3F', 'amount'],
    ['01,10,044002300111,05826317,,20230914,59316028477192036458,8A3F', 'amount'],
    ['01,10,044002300111,05826317,188.68,20230231,59316028477192036458,8A3F', 'date'],
    ['01,10,044002300111,05826317,188.68,2023-09-14,59316028477192036458,8A3F', 'date'],
    ['01,10,044002300111,05826317,188.68,20230914,12345,8A3F', 'not-invoice'],
    ['01,10,044002300111,05826317,188.68,20230914,59316028477192036458,<script>', 'not-invoice'],
    ['https://dppt.guangdong.chinatax.gov.cn:8443/v/2_24442000000123456789_20241340', 'date'],
  ])('%j → %s', (text, reason) => {
    const r = parseInvoiceQr(text, NOW);
    expect(r).toEqual({ ok: false, reason, message: INVOICE_QR_MESSAGES[reason as keyof typeof INVOICE_QR_MESSAGES] });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses non-strings and very long text', () => {
    expect(parseInvoiceQr(undefined).ok).toBe(false);
    expect(parseInvoiceQr(42).ok).toBe(false);
    expect(parseInvoiceQr(`01,${'1,'.repeat(400)}`).ok).toBe(false);
  });

  it('never throws on arbitrary text, and what it accepts is well-formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.string(), { maxLength: 10 }).map((a) => a.join(',')),
        ),
        (s) => {
          const r = parseInvoiceQr(s, NOW);
          if (r.ok) {
            expect(r.number).toMatch(/^(\d{8}|\d{20})$/);
            expect(r.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          } else {
            expect(r.message.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
