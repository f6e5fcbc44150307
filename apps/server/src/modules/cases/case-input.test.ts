import { randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import type { AppError } from '../../http/app-error.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { revealFormValue } from './present.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const SERVICE = 'wufanzui-jilu-zhengming';
const FORM = { purpose: 'abroad', receivingUnit: '某国驻广州总领事馆', residenceAddress: '广州市越秀区中山五路1号' };

/**
 * Bad input to the 办件 routes: each gets its own stable code and a Chinese detail, never a 500 — uploads of the
 * wrong kind or size, other people's files and cases, forms and materials the service's form refuses.
 */
describe.each(ENGINES)('办件: bad input on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  let ip = 0;
  const upload = (cookie: string | undefined, payload: Buffer | string, headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/attachments',
      headers: {
        'x-forwarded-for': `10.8.${Math.floor(++ip / 250)}.${ip % 250}`,
        ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}),
        ...headers,
      },
      payload,
    });
  const uploaded = async (cookie: string, kind: 'jpeg' | 'png' | 'pdf' = 'jpeg') => {
    const f = caseFile(kind);
    const res = await upload(cookie, f.bytes, { 'content-type': CASE_FILE_TYPES[kind] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const submit = (cookie: string, over: Record<string, unknown>) =>
    c.call(
      'POST',
      '/api/v1/me/cases',
      { serviceId: SERVICE, city: '440100', form: FORM, attachments: {}, submissionId: randomUUID(), ...over },
      cookie,
    );
  /** A refusal: the code, its status, a problem+json body with a Chinese detail. */
  const refused = (res: Awaited<ReturnType<typeof c.call>>, code: string, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code, res.body).toBe(code);
    expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
    return res.json() as { detail: string; errors?: { path: string; message: string }[] };
  };

  it('uploads: only JPG, PNG and PDF by their first bytes, matching the declared type, at most 5 MB', async () => {
    const { cookie } = await c.verifiedAccount(demo('张伟'));
    const png = caseFile('png');
    // A PNG declared as a PDF (named .pdf) is refused; declared as what it is, its name follows its real type.
    refused(
      await upload(cookie, png.bytes, {
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('扫描件.pdf'),
      }),
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      415,
    );
    const renamed = await upload(cookie, png.bytes, {
      'content-type': 'image/png',
      'x-file-name': encodeURIComponent('../../etc/扫描件.pdf'),
    });
    expect(renamed.statusCode, renamed.body).toBe(201);
    expect(renamed.json()).toMatchObject({ name: '扫描件.png', contentType: 'image/png', slot: null });
    const gif = Buffer.concat([Buffer.from('GIF89a'), caseFile('jpeg').bytes]);
    refused(await upload(cookie, gif, { 'content-type': 'image/jpeg' }), 'ATTACHMENT_TYPE_NOT_ALLOWED', 415);
    refused(await upload(cookie, 'hello', { 'content-type': 'text/plain' }), 'ATTACHMENT_TYPE_NOT_ALLOWED', 415);
    refused(
      await upload(cookie, caseFile('jpeg').bytes, { 'content-type': 'application/octet-stream' }),
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      415,
    );
    refused(
      await upload(cookie, JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }),
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      415,
    );
    refused(await upload(cookie, '{not json', { 'content-type': 'application/json' }), 'BODY_NOT_JSON', 400);
    refused(await upload(cookie, Buffer.alloc(0), { 'content-type': 'image/jpeg' }), 'ATTACHMENT_INVALID', 400);
    const big = Buffer.concat([caseFile('jpeg').bytes, Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    refused(await upload(cookie, big, { 'content-type': 'image/jpeg' }), 'ATTACHMENT_TOO_LARGE', 413);
    // An odd file-name header is only a name: undecodable or empty gives the default.
    const odd = await upload(cookie, caseFile('pdf').bytes, {
      'content-type': 'application/pdf',
      'x-file-name': '%E0%A4%A',
    });
    expect(odd.json().name).toBe('材料.pdf');
    const long = await upload(cookie, caseFile('jpeg').bytes, {
      'content-type': 'image/jpeg; charset=binary',
      'x-file-name': encodeURIComponent(`${'长'.repeat(300)}.jpg`),
    });
    expect(long.statusCode, long.body).toBe(201);
    expect([...long.json().name].length).toBe(100);
    // Strangers are refused before the body is read.
    refused(await upload(undefined, caseFile('jpeg').bytes, { 'content-type': 'image/jpeg' }), 'UNAUTHENTICATED', 401);
  });

  it('files are their owner’s only; a file in a case stays; day-old unsubmitted uploads are swept', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const li = await c.verifiedAccount(demo('李娜'));
    const mine = await uploaded(zhang.cookie);
    refused(await c.call('GET', `/api/v1/me/attachments/${mine}`, undefined, li.cookie), 'ATTACHMENT_NOT_FOUND', 404);
    refused(
      await c.call('DELETE', `/api/v1/me/attachments/${mine}`, undefined, li.cookie),
      'ATTACHMENT_NOT_FOUND',
      404,
    );
    refused(await c.call('GET', '/api/v1/me/attachments/not-an-id', undefined, li.cookie), 'ATTACHMENT_NOT_FOUND', 404);
    refused(await submit(li.cookie, { attachments: { 'id-card': [mine] } }), 'ATTACHMENT_INVALID', 400);
    const del = await c.call('DELETE', `/api/v1/me/attachments/${mine}`, undefined, zhang.cookie);
    expect(del.statusCode).toBe(204);
    refused(
      await c.call('GET', `/api/v1/me/attachments/${mine}`, undefined, zhang.cookie),
      'ATTACHMENT_NOT_FOUND',
      404,
    );

    const old = await uploaded(zhang.cookie);
    await t.database.db
      .updateTable('case_attachments')
      .set({ uploaded_at: new Date(Date.now() - 25 * 3600_000) })
      .where('id', '=', old)
      .execute();
    await uploaded(zhang.cookie);
    const left = await t.database.db.selectFrom('case_attachments').select('id').where('id', '=', old).execute();
    expect(left).toEqual([]);
  });

  it('submission: the service, its form, the city, then the form and the materials, each with its own code', async () => {
    const { cookie } = await c.verifiedAccount(demo('张伟'));
    refused(await submit(cookie, { serviceId: 'no-such-service' }), 'SERVICE_NOT_FOUND', 404);
    refused(await submit(cookie, { serviceId: 'wufanzui-jilu-zhengming-jindu' }), 'APPLICATION_NOT_OFFERED', 404);
    const sz = refused(await submit(cookie, { city: '440300' }), 'SERVICE_NOT_IN_CITY', 409);
    expect(sz.detail).toBe('无犯罪记录证明暂不支持深圳，当前城市为深圳。');
    refused(await submit(cookie, { city: '110000' }), 'VALIDATION_FAILED', 400);
    refused(await submit(cookie, { submissionId: 'again' }), 'VALIDATION_FAILED', 400);
    refused(await submit(cookie, { extra: 1 }), 'VALIDATION_FAILED', 400);
    refused(await submit(cookie, { form: 'text' }), 'VALIDATION_FAILED', 400);
    const garbage = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/cases',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${cookie}` },
      payload: '{"serviceId":',
    });
    refused(garbage, 'BODY_NOT_JSON', 400);

    const missing = refused(
      await submit(cookie, { form: { purpose: 'employment', residenceAddress: '广州' } }),
      'APPLICATION_FORM_INVALID',
      400,
    );
    expect(missing.detail).toBe('请填写使用单位（证明提交给哪个单位）');
    expect(missing.errors).toContainEqual({
      path: 'form.receivingUnit',
      message: '请填写使用单位（证明提交给哪个单位）',
    });
    const other = refused(
      await submit(cookie, { form: { ...FORM, purpose: 'other' } }),
      'APPLICATION_FORM_INVALID',
      400,
    );
    expect(other.detail).toBe('用途选择“其他”时，请填写具体用途');
    refused(await submit(cookie, { form: { ...FORM, purpose: 'holiday' } }), 'APPLICATION_FORM_INVALID', 400);
    refused(await submit(cookie, { form: { ...FORM, nickname: 'x' } }), 'APPLICATION_FORM_INVALID', 400);

    const required = refused(await submit(cookie, {}), 'ATTACHMENT_REQUIRED', 400);
    expect(required.detail).toBe('请上传居民身份证正反面照片。');
    refused(await submit(cookie, { attachments: { 'id-card': [] } }), 'ATTACHMENT_REQUIRED', 400);
    const supportingOnly = await uploaded(cookie);
    refused(await submit(cookie, { attachments: { supporting: [supportingOnly] } }), 'ATTACHMENT_REQUIRED', 400);
    refused(await submit(cookie, { attachments: { 'id-card': [randomUUID()] } }), 'ATTACHMENT_INVALID', 400);
    refused(await submit(cookie, { attachments: { 'id-card': ['not-a-uuid'] } }), 'VALIDATION_FAILED', 400);
    const [a, b, x] = [await uploaded(cookie), await uploaded(cookie), await uploaded(cookie)];
    refused(await submit(cookie, { attachments: { 'id-card': [a, b, x] } }), 'ATTACHMENT_INVALID', 400);
    refused(await submit(cookie, { attachments: { 'id-card': [a], passport: [b] } }), 'ATTACHMENT_INVALID', 400);
    refused(await submit(cookie, { attachments: { 'id-card': [a], supporting: [a] } }), 'ATTACHMENT_INVALID', 400);
    // Used once, a file cannot go into a second case.
    const ok = await submit(cookie, { attachments: { 'id-card': [a, b] } });
    expect(ok.statusCode, ok.body).toBe(201);
    refused(await submit(cookie, { attachments: { 'id-card': [a] } }), 'ATTACHMENT_INVALID', 400);
    // Acting for someone else is refused, as on every personal route.
    const foreign = await c.call(
      'POST',
      `/api/v1/me/cases?for=${randomUUID()}`,
      { serviceId: SERVICE, city: '440100', form: FORM, attachments: { 'id-card': [x] }, submissionId: randomUUID() },
      cookie,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('cases are their applicant’s only; malformed ids read as absent; actions need their status', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const li = await c.verifiedAccount(demo('李娜'));
    const a = await uploaded(zhang.cookie);
    const created = await submit(zhang.cookie, { attachments: { 'id-card': [a] } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    refused(await c.call('GET', `/api/v1/me/cases/${id}`, undefined, li.cookie), 'CASE_NOT_FOUND', 404);
    refused(await c.call('GET', '/api/v1/me/cases/1%27%20or%201=1', undefined, li.cookie), 'CASE_NOT_FOUND', 404);
    refused(await c.call('POST', `/api/v1/me/cases/${id}/withdraw`, {}, li.cookie), 'CASE_NOT_FOUND', 404);
    refused(
      await c.call('POST', `/api/v1/me/cases/${id}/supplement`, { note: '补充' }, li.cookie),
      'VALIDATION_FAILED',
      400,
    );
    refused(
      await c.call('POST', `/api/v1/me/cases/${id}/supplement`, { note: '补充', attachments: {} }, li.cookie),
      'CASE_NOT_FOUND',
      404,
    );
    expect((await c.call('GET', '/api/v1/me/cases', undefined, li.cookie)).json()).not.toContainEqual(
      expect.objectContaining({ id }),
    );
    // 补正 while nobody asked for it.
    const b = await uploaded(zhang.cookie);
    refused(
      await c.call('POST', `/api/v1/me/cases/${id}/supplement`, { attachments: { 'id-card': [b] } }, zhang.cookie),
      'CASE_ACTION_NOT_ALLOWED',
      409,
    );
    refused(
      await c.call('POST', `/api/v1/me/cases/${id}/withdraw`, { reason: 'x'.repeat(201) }, zhang.cookie),
      'VALIDATION_FAILED',
      400,
    );
    refused(await c.call('GET', '/api/v1/me/cases?status=x', undefined, zhang.cookie), 'VALIDATION_FAILED', 400);
    // 显示: someone else's case is absent; a field shown in full, or one the form does not have, has its own code.
    const reveal = (field: string, cookie: string, caseId = id) =>
      c.call('POST', `/api/v1/me/cases/${caseId}/form/${encodeURIComponent(field)}/reveal`, undefined, cookie);
    refused(await reveal('purpose', li.cookie), 'CASE_NOT_FOUND', 404);
    refused(await reveal('purpose', zhang.cookie, 'not-a-case'), 'CASE_NOT_FOUND', 404);
    refused(await reveal('purpose', zhang.cookie), 'CASE_FORM_FIELD_NOT_MASKED', 400);
    refused(await reveal('nickname', zhang.cookie), 'CASE_FORM_FIELD_NOT_FOUND', 404);
    refused(await reveal('__proto__', zhang.cookie), 'CASE_FORM_FIELD_NOT_FOUND', 404);
    refused(await reveal('x'.repeat(101), zhang.cookie), 'VALIDATION_FAILED', 400);
  });

  it('uploads are rate-limited per account session (30 a minute)', async () => {
    const { cookie } = await c.verifiedAccount(demo('刘洋'));
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      codes.push((await upload(cookie, caseFile('png').bytes, { 'content-type': 'image/png' })).statusCode);
    }
    expect(codes.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(codes[30]).toBe(429);
  });
});

describe('办件: 显示 of a form value (revealFormValue)', () => {
  const BIRTH = 'chusheng-dengji';
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as AppError).code;
    }
    return null;
  };
  it('answers a phone or ID number in full; an empty, unknown or unmasked field is refused', () => {
    const form = { motherIdNumber: '440106199001010023', phone: '13800138000', childName: '陈思语' };
    expect(revealFormValue(BIRTH, form, 'motherIdNumber')).toBe('440106199001010023');
    expect(revealFormValue(BIRTH, form, 'phone')).toBe('13800138000');
    // 父亲身份证号码 is optional: left empty, there is nothing to show.
    expect(code(() => revealFormValue(BIRTH, form, 'fatherIdNumber'))).toBe('CASE_FORM_FIELD_NOT_FOUND');
    expect(code(() => revealFormValue(BIRTH, { ...form, fatherIdNumber: '' }, 'fatherIdNumber'))).toBe(
      'CASE_FORM_FIELD_NOT_FOUND',
    );
    expect(code(() => revealFormValue(BIRTH, form, 'childName'))).toBe('CASE_FORM_FIELD_NOT_MASKED');
    expect(code(() => revealFormValue(BIRTH, form, 'toString'))).toBe('CASE_FORM_FIELD_NOT_FOUND');
    expect(code(() => revealFormValue('no-such-service', form, 'phone'))).toBe('CASE_FORM_FIELD_NOT_FOUND');
  });
});
