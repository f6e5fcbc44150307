import { describe, expect, it } from 'vitest';
import { encodeInvoiceTitleQr, InvoiceTitleInput, parseInvoiceTitleQr } from './invoice-titles.js';
import { makeUscc } from './validators/uscc.js';

describe('便捷开票 抬头 and its QR payload', () => {
  const uscc = makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: '12345678' });

  it('takes a company title with a valid 统一社会信用代码 and round-trips it through the QR text', () => {
    const parsed = InvoiceTitleInput.parse({
      kind: 'company',
      name: ' 广州示例科技有限公司 ',
      taxId: uscc.toLowerCase(),
      address: '广州市天河区天河路100号',
      phone: '020-12345678',
      bank: '中国工商银行广州天河支行',
      account: '3602000109200123456',
    });
    expect(parsed).toMatchObject({ name: '广州示例科技有限公司', taxId: uscc });
    const text = encodeInvoiceTitleQr({
      ...parsed,
      taxId: parsed.taxId ?? null,
      address: parsed.address ?? null,
      phone: parsed.phone ?? null,
      bank: parsed.bank ?? null,
      account: parsed.account ?? null,
    });
    expect(JSON.parse(text)).toEqual({
      v: 'YSS-FPTT-1',
      t: 'company',
      n: '广州示例科技有限公司',
      s: uscc,
      a: '广州市天河区天河路100号',
      p: '020-12345678',
      b: '中国工商银行广州天河支行',
      k: '3602000109200123456',
    });
    expect(parseInvoiceTitleQr(text)).toEqual({
      ok: true,
      title: {
        kind: 'company',
        name: '广州示例科技有限公司',
        taxId: uscc,
        address: '广州市天河区天河路100号',
        phone: '020-12345678',
        bank: '中国工商银行广州天河支行',
        account: '3602000109200123456',
      },
    });
  });

  it('refuses a company without 税号, a wrong check character, and other QR texts', () => {
    const noTax = InvoiceTitleInput.safeParse({ kind: 'company', name: '某公司' });
    expect(noTax.success).toBe(false);
    expect(noTax.error?.issues[0]?.message).toBe('单位抬头请填写税号（统一社会信用代码）');
    const wrong = `${uscc.slice(0, 17)}${uscc[17] === '0' ? '1' : '0'}`;
    const bad = InvoiceTitleInput.safeParse({ kind: 'company', name: '某公司', taxId: wrong });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['taxId']);
    // a person's title: the name is enough, empty fields are left out of the QR
    const person = InvoiceTitleInput.parse({ kind: 'person', name: '张伟', address: '' });
    expect(person.address).toBeUndefined();
    expect(
      JSON.parse(
        encodeInvoiceTitleQr({
          kind: 'person',
          name: '张伟',
          taxId: null,
          address: null,
          phone: null,
          bank: null,
          account: null,
        }),
      ),
    ).toEqual({ v: 'YSS-FPTT-1', t: 'person', n: '张伟' });
    expect(parseInvoiceTitleQr('01,10,044002300111,05826317,100.00,20230914,59316028477192036458,ABCD')).toEqual({
      ok: false,
      message: '该二维码不是发票抬头二维码',
    });
    expect(parseInvoiceTitleQr('{"v":"YSS-FPTT-1","t":"company"}')).toEqual({
      ok: false,
      message: '发票抬头二维码内容不完整',
    });
  });
});
