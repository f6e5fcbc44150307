import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const URL = '/api/v1/me/tax-certificates';
const OUTBOX = '/api/v1/dev/email-outbox';

describe.each(ENGINES)('开具电子税票 (F4) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, 600_000);
  afterAll(() => t?.close());

  it('张伟 has his 2018 完税证明 e-mailed: the tax bureau’s certificate and 纳税清单, once per submission', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const email = `zhangwei.${randomUUID().slice(0, 8)}@example.com`;
    const submissionId = randomUUID();
    const body = { submissionId, kind: 'income-tax', year: 2018, delivery: { method: 'email', email } };
    const res = await c.call('POST', URL, body, zhang.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      kind: 'income-tax',
      kindName: '个人所得税完税证明',
      year: 2018,
      delivery: { method: 'email', to: 'z***@example.com' },
      certificate: { from: '2018-01', to: '2018-12' },
    });
    expect(r.certificate.number).toMatch(/^\d{18}$/);
    expect(res.body).not.toContain(email);
    // the total is the tax of the year as the bureau reports it month by month
    const details = (
      await c.call('GET', '/api/v1/lookups/tax/income-tax?from=2018-01&to=2018-12', undefined, zhang.cookie)
    ).json();
    expect(r.certificate.total).toBe(details.details.totalTax);
    // the bureau knows the certificate (电子税票查验)
    const verified = (await c.call('GET', `/api/v1/lookups/tax-certificates?number=${r.certificate.number}`)).json();
    expect(verified.certificate ?? verified).toMatchObject({
      number: r.certificate.number,
      total: r.certificate.total,
    });

    // the sandbox outbox holds the e-mail: the certificate and one line per month
    const mails = (await c.call('GET', `${OUTBOX}?address=${encodeURIComponent(email)}`)).json();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      addressMasked: 'z***@example.com',
      subject: '【国家税务总局广东省税务局】个人所得税完税证明（2018年度）',
    });
    expect(mails[0].text).toContain(`税票号码：${r.certificate.number}`);
    expect(mails[0].text).toContain(`实缴（退）金额合计：${r.certificate.total.toFixed(2)}元`);
    expect(mails[0].text.match(/^2018-\d{2}　正常工资薪金所得/gm)).toHaveLength(details.details.records.length);
    expect(mails[0].text).not.toContain(demo('张伟').idNumber);

    // the same submission again: the same certificate, no second e-mail
    const again = await c.call('POST', URL, body, zhang.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(r);
    expect((await c.call('GET', `${OUTBOX}?address=${encodeURIComponent(email)}`)).json()).toHaveLength(1);

    const list = (await c.call('GET', URL, undefined, zhang.cookie)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(r.id);
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, zhang.cookie)).json();
    expect(
      inbox.items.some(
        (m: { body: string }) => m.body.includes(r.certificate.number) && m.body.includes('z***@example.com'),
      ),
    ).toBe(true);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json();
    expect(log.map((e: { action: string }) => e.action)).toContain('application.geshui-kaiju-dianzi-shuipiao');
  });

  it('个税缴纳清单查验: the 纳税清单 of an issued certificate by its number and the taxpayer’s ID-number tail', async () => {
    const person = demo('张伟');
    const zhang = await c.verifiedAccount(person);
    const issued = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'income-tax',
        year: 2017,
        delivery: { method: 'email', email: 'zw@example.com' },
      },
      zhang.cookie,
    );
    expect(issued.statusCode, issued.body).toBe(201);
    const number = issued.json().certificate.number as string;
    const tail = person.idNumber.slice(-6);
    const lists = (q: string) => c.call('GET', `/api/v1/lookups/tax-lists?${q}`);

    // Anyone may check it (no login): the months the certificate covers, as the bureau reports them.
    const res = await lists(`number=${number}&idNumberTail=${tail.toLowerCase()}`);
    expect(res.statusCode, res.body).toBe(200);
    const { list } = res.json();
    expect(list.certificate).toMatchObject({ number, kind: 'income-tax', from: '2017-01', to: '2017-12' });
    const details = (
      await c.call('GET', '/api/v1/lookups/tax/income-tax?from=2017-01&to=2017-12', undefined, zhang.cookie)
    ).json().details;
    expect(list.records).toEqual(
      details.records.map((r: { month: string; withholdingAgent: { name: string }; income: number; tax: number }) => ({
        month: r.month,
        incomeItem: '正常工资薪金所得',
        withholdingAgentName: r.withholdingAgent.name,
        income: r.income,
        tax: r.tax,
      })),
    );
    expect(list.records.reduce((s: number, r: { tax: number }) => s + r.tax, 0)).toBeCloseTo(list.certificate.total, 2);
    // the taxpayer stays masked
    expect(res.body).not.toContain(person.idNumber);
    expect(res.body).not.toContain(person.name);

    // A wrong tail and a 社保费 certificate answer alike: nothing found, nothing learned.
    const wrongTail = `${String((Number(tail.slice(0, 5)) + 1) % 100_000).padStart(5, '0')}${tail.slice(5)}`;
    expect((await lists(`number=${number}&idNumberTail=${wrongTail}`)).json()).toMatchObject({ list: null });
    const si = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'social-insurance-fee',
        year: 2024,
        delivery: { method: 'email', email: 'zw@example.com' },
      },
      zhang.cookie,
    );
    const siNumber = si.json().certificate.number as string;
    expect((await lists(`number=${siNumber}&idNumberTail=${tail}`)).json()).toMatchObject({ list: null });
    // …while the 电子税票 check knows that certificate
    expect(
      (await c.call('GET', `/api/v1/lookups/tax-certificates?number=${siNumber}`)).json().certificate,
    ).toMatchObject({ kind: 'social-insurance-fee' });

    // Bad input: both fields named, in Chinese, never a 500.
    const bad = await lists('number=12345&idNumberTail=');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({
      code: 'TAX_LIST_QUERY_INVALID',
      detail: '电子税票号码应为18位数字；请输入纳税人身份证件号码后6位',
      errors: [
        { path: 'number', message: '电子税票号码应为18位数字' },
        { path: 'idNumberTail', message: '请输入纳税人身份证件号码后6位' },
      ],
    });
    const badTail = await lists(`number=${number}&idNumberTail=12X456`);
    expect(badTail.json().errors).toEqual([
      { path: 'idNumberTail', message: '身份证件号码后6位应为6位数字（最后一位可为X）' },
    ]);
  });

  it('by post for income tax; 社保费 by e-mail only; 2019 and later refused in the guide’s words', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const post = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'income-tax',
        year: 2017,
        delivery: { method: 'post', recipient: '张伟', phone: '13800138000', address: '广州市天河区天河路100号' },
      },
      zhang.cookie,
    );
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().delivery).toEqual({ method: 'post', to: '张* 138****8000 广州市天河区******' });

    const late = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'income-tax',
        year: 2019,
        delivery: { method: 'email', email: 'a@example.com' },
      },
      zhang.cookie,
    );
    expect(late.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(late.json())).toContain('可开具2019年以前的完税证明及纳税清单');
    const siPost = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'social-insurance-fee',
        year: 2024,
        delivery: { method: 'post', recipient: '张伟', phone: '13800138000', address: '广州市天河区天河路100号' },
      },
      zhang.cookie,
    );
    expect(JSON.stringify(siPost.json())).toContain('社会保险费完税证明仅支持发送至指定邮箱');

    const si = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'social-insurance-fee',
        year: 2024,
        delivery: { method: 'email', email: 'zw@example.com' },
      },
      zhang.cookie,
    );
    expect(si.statusCode, si.body).toBe(201);
    expect(si.json()).toMatchObject({ kindName: '社会保险费完税证明', delivery: { to: 'z***@example.com' } });
    const none = await c.call(
      'POST',
      URL,
      {
        submissionId: randomUUID(),
        kind: 'income-tax',
        year: 2001,
        delivery: { method: 'email', email: 'zw@example.com' },
      },
      zhang.cookie,
    );
    expect(none.json()).toMatchObject({ status: 409, code: 'TAX_CERTIFICATE_NO_RECORDS' });
    expect(none.json().detail).toBe('未查询到您2001年度的个人所得税缴纳记录，无法开具完税证明。');
    const anonymous = await c.call('POST', URL, {
      submissionId: randomUUID(),
      kind: 'income-tax',
      year: 2018,
      delivery: { method: 'email', email: 'zw@example.com' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
