import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const SERVICE = 'wufanzui-jilu-zhengming';
const GZ = '440100';
const FORM = {
  purpose: 'employment',
  receivingUnit: '广州某某科技有限公司',
  residenceAddress: '广州市天河区天河路385号3栋1201房',
};
const COLLECTION = {
  place: '广州市公安局天河区分局户政窗口（天河路100号）',
  hours: '工作日 9:00–17:00，自通知之日起30日内',
};

describe.each(ENGINES)('办件 (cases) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let gzReviewer = '';
  let szReviewer = '';
  let gzKefu = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    gzReviewer = await staffLogin(c.call, 'gz.police.reviewer');
    szReviewer = await staffLogin(c.call, 'sz.police.reviewer');
    gzKefu = await staffLogin(c.call, 'gz.hrss.kefu');
  });
  afterAll(() => t?.close());

  let ip = 0;
  const upload = (cookie: string, bytes: Buffer, type: string, name?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/attachments',
      headers: {
        'x-forwarded-for': `10.9.${Math.floor(++ip / 250)}.${ip % 250}`,
        cookie: `${SESSION_COOKIE}=${cookie}`,
        'content-type': type,
        ...(name ? { 'x-file-name': encodeURIComponent(name) } : {}),
      },
      payload: bytes,
    });
  const uploaded = async (cookie: string, kind: 'jpeg' | 'png' | 'pdf' = 'jpeg', name?: string) => {
    const f = caseFile(kind);
    const res = await upload(cookie, f.bytes, CASE_FILE_TYPES[kind], name);
    expect(res.statusCode, res.body).toBe(201);
    return { ...f, id: res.json().id as string, body: res.json() };
  };
  const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });
  const submitBody = (files: Record<string, string[]>, over: Record<string, unknown> = {}) => ({
    serviceId: SERVICE,
    city: GZ,
    form: FORM,
    attachments: files,
    submissionId: randomUUID(),
    ...over,
  });
  const submitted = async (cookie: string) => {
    const a = await uploaded(cookie, 'jpeg');
    const b = await uploaded(cookie, 'png');
    const res = await c.call('POST', '/api/v1/me/cases', submitBody({ 'id-card': [a.id, b.id] }), cookie);
    expect(res.statusCode, res.body).toBe(201);
    return { detail: res.json(), files: [a, b] };
  };
  const act = (cookie: string, id: string, body: object) =>
    staff(cookie, 'POST', `/api/v1/console/cases/${id}/actions`, body);
  const inbox = async (cookie: string) =>
    (await c.call('GET', '/api/v1/me/notifications', undefined, cookie)).json().items as {
      kind: string;
      title: string;
      body: string;
      link: string | null;
    }[];

  it('the whole way: upload, submit, staff accept and approve, the citizen sees it, then 办结', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const front = await uploaded(zhang.cookie, 'jpeg', '身份证正面.jpg');
    expect(front.body).toMatchObject({ name: '身份证正面.jpg', contentType: 'image/jpeg', slot: null });
    const back = await uploaded(zhang.cookie, 'png');
    expect(back.body.name).toBe('材料.png');
    const res = await c.call('POST', '/api/v1/me/cases', submitBody({ 'id-card': [front.id, back.id] }), zhang.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.caseNumber).toMatch(/^\d{8}440100\d{6}$/);
    expect(created).toMatchObject({
      serviceId: SERVICE,
      serviceName: '无犯罪记录证明',
      cityCode: GZ,
      cityName: '广州',
      status: 'submitted',
      statusLabel: '已提交，待受理',
      summary: '开具用途：就业入职',
      applicantNameMasked: '张*',
      applicantIdMasked: '440***********031X',
      allowedActions: ['withdraw'],
      collection: null,
      supplementReason: null,
      version: 1,
    });
    expect(created.attachments.map((a: { slot: string }) => a.slot)).toEqual(['id-card', 'id-card']);
    expect(created.form).toContainEqual({
      name: 'purpose',
      label: '开具用途',
      labelEn: 'Purpose',
      value: '就业入职',
      masked: false,
    });
    expect(created.events).toEqual([expect.objectContaining({ action: 'submit', actor: 'citizen', note: null })]);
    expect(res.body).not.toContain(zhang.person.idNumber);
    expect((await inbox(zhang.cookie))[0]).toMatchObject({
      kind: 'case-update',
      title: '无犯罪记录证明申请已提交',
      link: `/cases/${created.id}`,
    });
    expect((await inbox(zhang.cookie))[0]?.body).toContain(created.caseNumber);

    // My cases, and the own file back as it was uploaded.
    const mine = await c.call('GET', `/api/v1/me/cases?serviceId=${SERVICE}`, undefined, zhang.cookie);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()[0]).toMatchObject({ id: created.id, status: 'submitted' });
    const file = await c.call('GET', `/api/v1/me/attachments/${front.id}`, undefined, zhang.cookie);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(front.bytes)).toBe(true);
    expect(file.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(file.headers['content-disposition']).toMatch(/^inline; /);

    // The console: queue, detail, a file, then 受理 and 审核通过.
    const queue = await staff(gzReviewer, 'GET', '/api/v1/console/cases?status=submitted');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toContainEqual(
      expect.objectContaining({ id: created.id, applicantNameMasked: '张*', caseNumber: created.caseNumber }),
    );
    const opened = await staff(gzReviewer, 'GET', `/api/v1/console/cases/${created.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      applicantName: '张伟',
      applicantIdMasked: '440***********031X',
      staffAllowedActions: ['accept', 'request_supplement', 'reject'],
      version: 1,
    });
    expect(opened.body).not.toContain(zhang.person.idNumber);
    const seen = await staff(gzReviewer, 'GET', `/api/v1/console/cases/${created.id}/attachments/${back.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
    expect(seen.rawPayload.equals(back.bytes)).toBe(true);

    const accepted = await act(gzReviewer, created.id, { action: 'accept', version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 });
    expect(accepted.json().events[1]).toMatchObject({
      action: 'accept',
      actor: 'staff',
      staffName: '郑伟明（广州公安审核）',
    });
    // 无犯罪记录证明 is collected in person: approving without the place and hours is refused, nothing recorded.
    const bare = await act(gzReviewer, created.id, { action: 'approve', version: 2 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: '请填写领取地点和时间' });
    const approved = await act(gzReviewer, created.id, { action: 'approve', version: 2, collection: COLLECTION });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      collection: COLLECTION,
      staffAllowedActions: ['complete'],
    });

    const mineNow = await c.call('GET', `/api/v1/me/cases/${created.id}`, undefined, zhang.cookie);
    expect(mineNow.statusCode, mineNow.body).toBe(200);
    const detail = mineNow.json();
    expect(detail).toMatchObject({ status: 'approved', statusLabel: '审核通过，待领取', collection: COLLECTION });
    expect(detail.allowedActions).toEqual([]);
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'approve']);
    // The citizen reads the department, never the reviewer's name.
    expect(detail.events[1].actorName).toBe('广东省公安厅（户政、治安）');
    expect(mineNow.body).not.toContain('郑伟明');
    const messages = await inbox(zhang.cookie);
    expect(messages.map((m) => m.title)).toEqual(
      expect.arrayContaining(['您的无犯罪记录证明申请已受理', '您的无犯罪记录证明申请已审核通过']),
    );
    const approval = messages.find((m) => m.title === '您的无犯罪记录证明申请已审核通过');
    expect(approval?.body).toContain(COLLECTION.place);
    expect(approval?.body).toContain(COLLECTION.hours);
    expect(approval?.body).toContain('请携带身份证原件');

    const done = await act(gzReviewer, created.id, { action: 'complete', version: 3 });
    expect(done.json()).toMatchObject({ status: 'completed', staffAllowedActions: [] });
    expect((await inbox(zhang.cookie))[0]?.title).toBe('您的无犯罪记录证明申请已办结');

    // Audited: the applicant's own steps and the staff's reads of their case both show in 我的访问记录.
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      actionLabel: string;
      actor: string;
      detail: string | null;
    }[];
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining([`application.${SERVICE}`, 'case.read', 'case.attachment.read', 'console.case.read']),
    );
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'console.case.read',
        actionLabel: '工作人员查看办件',
        actor: '工作人员',
        detail: '无犯罪记录证明',
      }),
    );
    expect(log).toContainEqual(
      expect.objectContaining({ action: `application.${SERVICE}`, actionLabel: '办理业务', actor: '本人' }),
    );
  });

  it('补正: staff ask for more, the applicant adds a file and a note, the case is back in the queue', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const { detail } = await submitted(li.cookie);
    const asked = await act(gzReviewer, detail.id, {
      action: 'request_supplement',
      version: 1,
      note: '身份证反面照片不清晰，请重新拍摄',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const mine = (await c.call('GET', `/api/v1/me/cases/${detail.id}`, undefined, li.cookie)).json();
    expect(mine).toMatchObject({
      status: 'supplement_requested',
      supplementReason: '身份证反面照片不清晰，请重新拍摄',
      allowedActions: ['supplement', 'withdraw'],
    });
    const message = (await inbox(li.cookie))[0];
    expect(message?.title).toBe('您的无犯罪记录证明申请需要补正材料');
    expect(message?.body).toContain('身份证反面照片不清晰');

    // Nothing at all is not a supplement.
    const empty = await c.call('POST', `/api/v1/me/cases/${detail.id}/supplement`, { attachments: {} }, li.cookie);
    expect(empty.json().code).toBe('ATTACHMENT_REQUIRED');
    const extra = await uploaded(li.cookie, 'pdf', '单位证明函.pdf');
    const res = await c.call(
      'POST',
      `/api/v1/me/cases/${detail.id}/supplement`,
      { note: '已重新拍摄', attachments: { 'id-card': [extra.id] } },
      li.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', supplementReason: null, version: 3 });
    expect(res.json().attachments).toHaveLength(3);
    expect(res.json().events[2]).toMatchObject({ action: 'supplement', note: '已重新拍摄' });
    const again = await c.call(
      'POST',
      `/api/v1/me/cases/${detail.id}/supplement`,
      { note: '再补一次', attachments: {} },
      li.cookie,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CASE_ACTION_NOT_ALLOWED');
    // The file now belongs to the case: it cannot be deleted.
    const del = await c.call('DELETE', `/api/v1/me/attachments/${extra.id}`, undefined, li.cookie);
    expect(del.json().code).toBe('ATTACHMENT_INVALID');
    const accepted = await act(gzReviewer, detail.id, { action: 'accept', version: 3 });
    expect(accepted.json().status).toBe('accepted');
  });

  it('撤回: the applicant withdraws; nothing more can happen to the case', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const { detail } = await submitted(liu.cookie);
    const res = await c.call('POST', `/api/v1/me/cases/${detail.id}/withdraw`, { reason: '不需要了' }, liu.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    expect(res.json().events[1]).toMatchObject({ action: 'withdraw', note: '不需要了' });
    const twice = await c.call('POST', `/api/v1/me/cases/${detail.id}/withdraw`, {}, liu.cookie);
    expect(twice.json()).toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED', status: 409 });
    const accept = await act(gzReviewer, detail.id, { action: 'accept', version: 2 });
    expect(accept.json().code).toBe('CASE_ACTION_NOT_ALLOWED');
  });

  it('a repeated submission (same submissionId) returns the first case and creates nothing', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const a = await uploaded(zhang.cookie);
    const body = submitBody({ 'id-card': [a.id] });
    const first = await c.call('POST', '/api/v1/me/cases', body, zhang.cookie);
    expect(first.statusCode, first.body).toBe(201);
    const second = await c.call('POST', '/api/v1/me/cases', body, zhang.cookie);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const rows = await t.database.db
      .selectFrom('cases')
      .select('id')
      .where('submission_id', '=', body.submissionId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('two reviewers acting on the same version at once: exactly one succeeds, the other is told CASE_CHANGED', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const { detail } = await submitted(zhang.cookie);
    const results = await Promise.all([
      act(gzReviewer, detail.id, { action: 'accept', version: 1 }),
      act(gzReviewer, detail.id, { action: 'reject', version: 1, note: '材料不符合要求' }),
      act(gzReviewer, detail.id, { action: 'request_supplement', version: 1, note: '请补充材料' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('CASE_CHANGED');
    const events = await t.database.db
      .selectFrom('case_events')
      .select('seq')
      .where('case_id', '=', detail.id)
      .execute();
    expect(events).toHaveLength(2);
    const stale = await act(gzReviewer, detail.id, { action: 'reject', version: 1, note: '过期的版本' });
    expect(stale.json()).toMatchObject({ code: 'CASE_CHANGED', status: 409 });
  });

  it('stores files, the form and the applicant’s ID encrypted: the plain bytes and values are nowhere in the tables', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const { detail, files } = await submitted(zhang.cookie);
    const raw = await t.database.db
      .selectFrom('case_attachments')
      .select(['id', 'content_encrypted', 'size'])
      .where('case_id', '=', detail.id)
      .execute();
    expect(raw).toHaveLength(2);
    for (const row of raw) {
      const stored = Buffer.from(row.content_encrypted);
      for (const f of files) {
        expect(stored.includes(Buffer.from(f.marker))).toBe(false);
        expect(stored.includes(f.bytes.subarray(0, 64))).toBe(false);
      }
    }
    const row = await t.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', detail.id)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    expect(text).not.toContain(FORM.residenceAddress);
    expect(text).not.toContain(FORM.receivingUnit);
    expect(text).not.toContain(zhang.person.idNumber);
    expect(text).not.toContain('张伟');
    expect(row.applicant_id_number_masked).toBe('440***********031X');
  });

  it('staff see only their department and city: another city’s reviewer gets CASE_NOT_FOUND, staff without the permission FORBIDDEN', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const { detail, files } = await submitted(zhang.cookie);
    const sz = await staff(szReviewer, 'GET', `/api/v1/console/cases/${detail.id}`);
    expect(sz.json()).toMatchObject({ code: 'CASE_NOT_FOUND', status: 404 });
    const szFile = await staff(szReviewer, 'GET', `/api/v1/console/cases/${detail.id}/attachments/${files[0]?.id}`);
    expect(szFile.json().code).toBe('CASE_NOT_FOUND');
    const szAct = await act(szReviewer, detail.id, { action: 'accept', version: 1 });
    expect(szAct.json().code).toBe('CASE_NOT_FOUND');
    const szQueue = await staff(szReviewer, 'GET', '/api/v1/console/cases');
    expect(szQueue.statusCode).toBe(200);
    expect(szQueue.json().some((x: { id: string }) => x.id === detail.id)).toBe(false);
    const szGz = await staff(szReviewer, 'GET', `/api/v1/console/cases?cityCode=${GZ}`);
    expect(szGz.json().code).toBe('FORBIDDEN');
    for (const url of ['/api/v1/console/cases', `/api/v1/console/cases/${detail.id}`]) {
      const kefu = await staff(gzKefu, 'GET', url);
      expect(kefu.json(), url).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    expect((await act(gzKefu, detail.id, { action: 'accept', version: 1 })).json().code).toBe('FORBIDDEN');
    // A citizen session opens no console route; a staff session no citizen route.
    expect((await c.call('GET', '/api/v1/console/cases', undefined, zhang.cookie)).statusCode).toBe(401);
    expect((await staff(gzReviewer, 'GET', '/api/v1/me/cases')).statusCode).toBe(401);
    // Unknown and malformed ids, and a file of another case.
    expect((await staff(gzReviewer, 'GET', `/api/v1/console/cases/${randomUUID()}`)).json().code).toBe(
      'CASE_NOT_FOUND',
    );
    expect((await staff(gzReviewer, 'GET', '/api/v1/console/cases/not-a-uuid')).json().code).toBe('CASE_NOT_FOUND');
    const other = await submitted(zhang.cookie);
    const foreignFile = await staff(
      gzReviewer,
      'GET',
      `/api/v1/console/cases/${detail.id}/attachments/${other.files[0]?.id}`,
    );
    expect(foreignFile.json().code).toBe('ATTACHMENT_NOT_FOUND');
    // Garbage actions.
    for (const body of [
      { action: 'approve', version: 1 },
      { action: 'reject', version: 1 },
      { action: 'fly', version: 1 },
      { action: 'accept', version: 0 },
      { action: 'accept' },
    ]) {
      const res = await act(gzReviewer, detail.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const notNow = await act(gzReviewer, detail.id, { action: 'complete', version: 1 });
    expect(notNow.json()).toMatchObject({ code: 'CASE_ACTION_NOT_ALLOWED', status: 409 });
  });
});
