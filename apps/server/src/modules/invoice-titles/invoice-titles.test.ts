import { encodeInvoiceTitleQr, makeUscc, parseInvoiceTitleQr } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const URL = '/api/v1/me/invoice-titles';
const USCC = makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: 'MA5D1234' });

describe.each(ENGINES)('便捷开票 (F5) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, 600_000);
  afterAll(() => t?.close());

  it('saves a company’s and a person’s title, changes and deletes them; only the owner sees them', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const company = {
      kind: 'company',
      name: '广州示例科技有限公司',
      taxId: USCC.toLowerCase(),
      address: '广州市天河区天河路100号',
      phone: '020-12345678',
      bank: '中国工商银行广州天河支行',
      account: '3602000109200123456',
    };
    const created = await c.call('POST', URL, company, zhang.cookie);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...company, taxId: USCC });
    const person = await c.call('POST', URL, { kind: 'person', name: '张伟', phone: '' }, zhang.cookie);
    expect(person.json()).toMatchObject({ kind: 'person', name: '张伟', taxId: null, phone: null });

    const list = (await c.call('GET', URL, undefined, zhang.cookie)).json();
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['广州示例科技有限公司', '张伟']);
    expect(list.max).toBe(10);
    // the QR of the saved title reads back as the title
    const qr = encodeInvoiceTitleQr(list.items[0]);
    expect(parseInvoiceTitleQr(qr)).toMatchObject({ ok: true, title: { name: '广州示例科技有限公司', taxId: USCC } });

    // another citizen sees none of them and cannot change them
    const li = await c.verifiedAccount(demo('李娜'));
    expect((await c.call('GET', URL, undefined, li.cookie)).json().items).toEqual([]);
    const id = created.json().id;
    expect((await c.call('POST', `${URL}/${id}`, company, li.cookie)).json().code).toBe('INVOICE_TITLE_NOT_FOUND');
    expect((await c.call('DELETE', `${URL}/${id}`, undefined, li.cookie)).json().code).toBe('INVOICE_TITLE_NOT_FOUND');

    const changed = await c.call('POST', `${URL}/${id}`, { ...company, phone: '020-87654321' }, zhang.cookie);
    expect(changed.json()).toMatchObject({ id, phone: '020-87654321' });
    expect((await c.call('DELETE', `${URL}/${id}`, undefined, zhang.cookie)).statusCode).toBe(204);
    expect((await c.call('GET', URL, undefined, zhang.cookie)).json().items.map((i: { id: string }) => i.id)).toEqual([
      person.json().id,
    ]);
    // stored encrypted: the name is not in the table in clear text
    const rows = await t.database.db.selectFrom('invoice_titles').select('title_encrypted').execute();
    expect(rows.every((r) => !r.title_encrypted.includes('张伟'))).toBe(true);
  });

  it('checks the 税号 with the USCC validator, needs it for a company, and keeps at most 10 titles', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const wrong = `${USCC.slice(0, 17)}${USCC[17] === '0' ? '1' : '0'}`;
    const bad = await c.call('POST', URL, { kind: 'company', name: '某公司', taxId: wrong }, liu.cookie);
    expect(bad.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(bad.json().errors[0].path).toContain('taxId');
    const missing = await c.call('POST', URL, { kind: 'company', name: '某公司' }, liu.cookie);
    expect(JSON.stringify(missing.json())).toContain('单位抬头请填写税号（统一社会信用代码）');
    for (let i = 0; i < 10; i++) {
      expect((await c.call('POST', URL, { kind: 'person', name: `抬头${i}` }, liu.cookie)).statusCode).toBe(201);
    }
    const eleventh = await c.call('POST', URL, { kind: 'person', name: '第十一个' }, liu.cookie);
    expect(eleventh.json()).toMatchObject({ status: 409, code: 'INVOICE_TITLE_LIMIT' });
    expect((await c.call('GET', URL)).statusCode).toBe(401);
  });
});
