import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { bookingMessages } from '../appointments/messages.js';

/** Loading the seeded template takes long on a busy machine. */
const SLOW_START = 240_000;

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const QY = '441800';
const PHONE = '13912345678';
const ADDRESS = '广州市越秀区解放南路100号（演示地址）';
const BUBAN = { reason: 'lost', residenceAddress: ADDRESS, contactPhone: PHONE };
const PASSPORT = 'huzhao-shenling-yuyue';

/**
 * 为他人办理 in 办件 and 预约 (one app for the whole file): the principal is the applicant (their identity, their
 * eligibility, their department records), both people see and may cancel the record, both hear of it, the audit
 * names both, and a revoked delegation stops new submissions at once while the case already made continues.
 */
describe('为他人办理: 办件 and 预约 for a family member (pglite)', () => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let ip = 0;
  let zhang = ''; // 张伟: the agent
  let father = ''; // 张建国 (83, 广州 hukou, a valid 残疾人证): the principal, with his own account
  let liNa = ''; // 李娜 (深圳 hukou): a principal the exit-entry rule refuses
  let forFather = '';
  let forLiNa = '';
  let forChild = ''; // the guardian link to 张梓轩 (9)
  let slots: string[] = [];
  // The app's clock (预约提醒 the day before): moved forward by the reminder test, then back.
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' }, { now });
    zhang = (await c.verifiedAccount(demo('张伟'))).cookie;
    father = (await c.verifiedAccount(demo('张建国'))).cookie;
    liNa = (await c.verifiedAccount(demo('李娜'))).cookie;
    const add = async (name: string, serviceIds: string[]) => {
      const res = await c.call(
        'POST',
        '/api/v1/delegations',
        { name, idNumber: demo(name).idNumber, serviceIds, validDays: 90 },
        zhang,
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    forFather = await add('张建国', ['canjirenzheng-buban', 'gaoling-jintie-shenqing', PASSPORT]);
    forLiNa = await add('李娜', [PASSPORT]);
    forChild = await add('张梓轩', [PASSPORT]);
    for (const [id, cookie] of [
      [forFather, father],
      [forLiNa, liNa],
    ] as const) {
      const ok = await c.call('POST', `/api/v1/delegations/${id}/approve`, undefined, cookie);
      expect(ok.statusCode, ok.body).toBe(200);
    }
    // Three places at the 广州 exit-entry hall from tomorrow on (China time).
    const day = new Date(Date.now() + 2 * 86_400_000);
    const date = new Date(day.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const inserted = await t.database.db
      .insertInto('appointment_slots')
      .values(
        [9, 10, 11].map((h) => ({
          service_id: PASSPORT,
          city_code: GZ,
          department_id: 'gd-exit-entry',
          place: '广州市公安局出入境管理支队办证大厅',
          address: '广州市越秀区解放南路（演示地址）',
          local_date: date,
          starts_at: new Date(`${date}T${String(h).padStart(2, '0')}:00:00+08:00`),
          ends_at: new Date(`${date}T${String(h).padStart(2, '0')}:30:00+08:00`),
          capacity: 3,
        })),
      )
      .returning('id')
      .execute();
    slots = inserted.map((r) => r.id);
  }, SLOW_START);
  afterAll(() => t?.close());

  const upload = async (cookie: string, bytes = caseFile('jpeg').bytes) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/attachments',
      headers: {
        'x-forwarded-for': `10.9.${Math.floor(++ip / 250)}.${ip % 250}`,
        cookie: `${SESSION_COOKIE}=${cookie}`,
        'content-type': CASE_FILE_TYPES.jpeg,
      },
      payload: bytes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const submit = async (cookie: string, serviceId: string, city: string, form: object, forId?: string) =>
    c.call(
      'POST',
      `/api/v1/me/cases${forId ? `?for=${forId}` : ''}`,
      {
        serviceId,
        city,
        form,
        attachments: { 'id-card': [await upload(cookie)], photo: [await upload(cookie)] },
        submissionId: randomUUID(),
      },
      cookie,
    );
  const addDelegation = async (name: string, serviceIds: string[], consent: string) => {
    const res = await c.call(
      'POST',
      '/api/v1/delegations',
      { name, idNumber: demo(name).idNumber, serviceIds, validDays: 90 },
      zhang,
    );
    expect(res.statusCode, res.body).toBe(201);
    const ok = await c.call('POST', `/api/v1/delegations/${res.json().id}/approve`, undefined, consent);
    expect(ok.statusCode, ok.body).toBe(200);
    return res.json().id as string;
  };
  const may = (area: 'cases' | 'appointments', cookie: string, serviceId: string, city: string, forId?: string) =>
    c.call(
      'GET',
      `/api/v1/me/${area}/eligibility?serviceId=${serviceId}&city=${city}${forId ? `&for=${forId}` : ''}`,
      undefined,
      cookie,
    );
  const audit = async (action: string) =>
    (
      await sql<{ actor_account_id: string; actor_kind: string; subject_account_id: string | null; detail: unknown }>`
        select actor_account_id, actor_kind, subject_account_id, detail from audit_log
        where action = ${action} order by seq desc limit 1`.execute(t.database.db)
    ).rows[0];
  const accountId = async (cookie: string) => (await c.call('GET', '/api/v1/me', undefined, cookie)).json().id;
  const inbox = async (cookie: string) =>
    (await c.call('GET', '/api/v1/me/notifications', undefined, cookie)).json().items as {
      title: string;
      body: string;
    }[];

  it('是否可以申请 runs the rule for the applicant: 张伟 himself may not 补办, for his father he may', async () => {
    const own = await may('cases', zhang, 'canjirenzheng-buban', GZ);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      eligible: false,
      forOthers: false,
      code: 'APPLICATION_NOT_ELIGIBLE',
      reason: '未查询到您的残疾人证信息，请先申请办理残疾人证。',
    });
    const forHim = await may('cases', zhang, 'canjirenzheng-buban', GZ, forFather);
    expect(forHim.json()).toMatchObject({
      eligible: true,
      forOthers: true,
      applicantNameMasked: '张**',
      code: null,
    });
    // 高龄津贴: 张伟 is refused for his age; his father (83) for where his hukou is — the principal's rule.
    const allowance = await may('cases', zhang, 'gaoling-jintie-shenqing', QY, forFather);
    expect(allowance.json()).toMatchObject({
      eligible: false,
      reason: '高龄津贴由户籍所在地发放，请向户籍所在地广州申请（当前城市为清远）。',
    });
    // 申报居住登记 (self only): 张伟's own 广州 hukou answers; `?for=` is refused in the existing words.
    const residence = await may('cases', zhang, 'shenbao-juzhu-dengji', GZ);
    expect(residence.json()).toMatchObject({
      eligible: false,
      reason: '申报居住登记面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在广州，无需办理。',
    });
    const selfOnly = await may('cases', zhang, 'shenbao-juzhu-dengji', GZ, forFather);
    expect(selfOnly.statusCode).toBe(403);
    expect(selfOnly.json()).toMatchObject({
      code: 'DELEGATION_INACTIVE',
      detail: '办件仅限申请人本人提交和查看，不能为他人办理。',
    });
    // Someone else's delegation id is unknown to the caller; bad input is a 400, never a 500.
    expect((await may('cases', liNa, 'canjirenzheng-buban', GZ, forFather)).statusCode).toBe(404);
    expect((await may('cases', zhang, 'canjirenzheng-buban', '999999')).statusCode).toBe(400);
    expect((await may('cases', zhang, 'no-such-service', GZ)).statusCode).toBe(404);
  });

  it('submits for the father: his identity, both see it (marked), both hear of it, the audit names both', async () => {
    const res = await submit(zhang, 'canjirenzheng-buban', GZ, BUBAN, forFather);
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({
      applicantNameMasked: '张**',
      applicantIdMasked: `440***********${demo('张建国').idNumber.slice(-4)}`,
      onBehalf: { role: 'agent', otherNameMasked: '张**', label: '代办：为 张** 办理' },
    });
    const row = await t.database.db.selectFrom('cases').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row.account_id).toBe(await accountId(zhang));
    expect(row.principal_person_id).toBe(demo('张建国').personId);
    expect(row.delegation_id).toBe(forFather);
    expect(row.agent_name_masked).toBe('张*');

    // The principal sees it in his 我的办件, marked 由 … 代办; the agent's list marks it too.
    const his = await c.call('GET', '/api/v1/me/cases', undefined, father);
    expect(his.json()).toEqual([
      expect.objectContaining({ id: made.id, onBehalf: expect.objectContaining({ label: '由 张* 代办' }) }),
    ]);
    const mine = (await c.call('GET', '/api/v1/me/cases', undefined, zhang)).json();
    expect(mine.find((x: { id: string }) => x.id === made.id).onBehalf.role).toBe('agent');
    // A stranger does not.
    expect((await c.call('GET', `/api/v1/me/cases/${made.id}`, undefined, liNa)).statusCode).toBe(404);

    // Audit: the agent acting, the principal's account as subject, the delegation named.
    const entry = await audit('application.canjirenzheng-buban');
    expect(entry).toMatchObject({
      actor_account_id: await accountId(zhang),
      actor_kind: 'agent',
      subject_account_id: await accountId(father),
    });
    expect(entry?.detail).toMatchObject({ delegationId: forFather, subjectPersonId: demo('张建国').personId });

    // Both hear of the submission.
    expect((await inbox(zhang))[0]?.title).toBe('代办：残疾人证补办申请已提交');
    expect((await inbox(father))[0]?.body).toContain('（由张*代办）');

    // The reviewer sees 代办人 (masked) and the applicant's full name.
    const reviewer = await staffLogin(c.call, 'gz.canlian.reviewer');
    const detail = await c.call('GET', `/api/v1/console/cases/${made.id}`, undefined, undefined, { cookie: reviewer });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ applicantName: '张建国', agentNameMasked: '张*' });

    // The typed 联系电话 is masked in every view — the agent's, the principal's, the reviewer's — until 显示.
    const maskedPhone = { name: 'contactPhone', label: '联系电话', value: '139****5678', masked: true };
    const principalView = await c.call('GET', `/api/v1/me/cases/${made.id}`, undefined, father);
    for (const view of [res, principalView, detail]) {
      expect(view.json().form).toContainEqual(expect.objectContaining(maskedPhone));
      expect(view.json().form).toContainEqual(expect.objectContaining({ name: 'reason', masked: false }));
      expect(view.body).not.toContain(PHONE);
    }
    expect((await c.call('GET', '/api/v1/me/cases', undefined, father)).body).not.toContain(PHONE);
    const reveal = (cookie: string) =>
      c.call('POST', `/api/v1/me/cases/${made.id}/form/contactPhone/reveal`, undefined, cookie);
    // The agent's 显示: audited with the principal as subject, the field named, the value nowhere in the entry.
    const byAgent = await reveal(zhang);
    expect(byAgent.statusCode, byAgent.body).toBe(200);
    expect(byAgent.json()).toEqual({ name: 'contactPhone', value: PHONE });
    expect(byAgent.headers['cache-control']).toBe('no-store');
    const agentReveal = await audit('case.form.reveal');
    expect(agentReveal).toMatchObject({
      actor_account_id: await accountId(zhang),
      actor_kind: 'agent',
      subject_account_id: await accountId(father),
      detail: { field: 'contactPhone', what: '残疾人证补办（联系电话）', caseId: made.id, delegationId: forFather },
    });
    expect(JSON.stringify(agentReveal?.detail)).not.toContain(PHONE);
    // The principal's own: his access log lists both.
    expect((await reveal(father)).json()).toEqual({ name: 'contactPhone', value: PHONE });
    expect(await audit('case.form.reveal')).toMatchObject({
      actor_kind: 'citizen',
      subject_account_id: await accountId(father),
    });
    const log = await c.call('GET', '/api/v1/me/access-log', undefined, father);
    const reveals = log.json() as { action: string; actor: string }[];
    expect(reveals.filter((e) => e.action === 'case.form.reveal').map((e) => e.actor)).toEqual(['本人', '代办人']);
    // A stranger: absent. A field shown in full anyway, or not in the form: refused in Chinese.
    expect((await reveal(liNa)).json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    const notMasked = await c.call('POST', `/api/v1/me/cases/${made.id}/form/reason/reveal`, undefined, zhang);
    expect(notMasked.statusCode).toBe(400);
    expect(notMasked.json().code).toBe('CASE_FORM_FIELD_NOT_MASKED');
    // The reviewer's 显示: audited with the applicant — the father, whose form it is — as subject (his 我的访问记录
    // shows it, as it shows the reviewer opening the case), the same refusals.
    const consoleReveal = (field: string) =>
      c.call('POST', `/api/v1/console/cases/${made.id}/form/${field}/reveal`, undefined, undefined, {
        cookie: reviewer,
      });
    const byReviewer = await consoleReveal('contactPhone');
    expect(byReviewer.statusCode, byReviewer.body).toBe(200);
    expect(byReviewer.json()).toEqual({ name: 'contactPhone', value: PHONE });
    const staffEntry = await audit('console.case.form.reveal');
    expect(staffEntry).toMatchObject({
      actor_kind: 'staff',
      subject_account_id: await accountId(father),
      detail: { field: 'contactPhone', caseId: made.id },
    });
    expect(await audit('console.case.read')).toMatchObject({ subject_account_id: await accountId(father) });
    expect(JSON.stringify(staffEntry?.detail)).not.toContain(PHONE);
    expect((await consoleReveal('reason')).json().code).toBe('CASE_FORM_FIELD_NOT_MASKED');
    expect((await consoleReveal('nickname')).json().code).toBe('CASE_FORM_FIELD_NOT_FOUND');
    expect((await audit('console.case.form.reveal'))?.detail).toMatchObject({
      field: 'nickname',
      reason: 'CASE_FORM_FIELD_NOT_FOUND',
    });

    // The rule counts the case as the father's own: a second one for him is refused while it runs.
    const again = await submit(zhang, 'canjirenzheng-buban', GZ, BUBAN, forFather);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('APPLICATION_NOT_ELIGIBLE');

    // Revoked: no new submission at once, but the case goes on (the reviewer accepts it; the father withdraws).
    const revoked = await c.call('POST', `/api/v1/delegations/${forFather}/revoke`, undefined, father);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const after = await may('cases', zhang, 'canjirenzheng-buban', GZ, forFather);
    expect(after.statusCode).toBe(403);
    expect(after.json().code).toBe('DELEGATION_INACTIVE');
    const accepted = await c.call(
      'POST',
      `/api/v1/console/cases/${made.id}/actions`,
      { action: 'accept', version: 1 },
      undefined,
      { cookie: reviewer },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await inbox(zhang))[0]?.title).toBe('代办：张**的残疾人证补办申请已受理');
    const withdrawn = await c.call('POST', `/api/v1/me/cases/${made.id}/withdraw`, {}, father);
    expect(withdrawn.statusCode, withdrawn.body).toBe(409); // accepted: no longer withdrawable, but his to try
    const seen = await c.call('GET', `/api/v1/me/cases/${made.id}`, undefined, zhang);
    expect(seen.json()).toMatchObject({ status: 'accepted' });

    // Approved and written back to the 残联: the card is the father's (the audit's subject), both hear of it, the
    // agent's copy saying whose it is.
    const approved = await c.call(
      'POST',
      `/api/v1/console/cases/${made.id}/actions`,
      { action: 'approve', version: 2, collection: { place: '广州市残联服务大厅', hours: '工作日 9:00–17:00' } },
      undefined,
      { cookie: reviewer },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await inbox(zhang))[0]?.title).toBe('代办：张**的残疾人证补办申请已审核通过');
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    expect((await inbox(zhang))[0]).toMatchObject({
      title: '代办：张**的残疾人证（补办）已制发',
      body: expect.stringMatching(/^您为张\*\*代办的申请：残疾人证已补发/),
    });
    expect((await inbox(father))[0]).toMatchObject({
      title: '残疾人证（补办）已制发',
      body: expect.stringContaining('（由张*代办）'),
    });
    const delivered = await audit('case.fulfilment');
    expect(delivered).toMatchObject({ actor_kind: 'system', subject_account_id: await accountId(father) });
    expect(delivered?.detail).toMatchObject({ delegationId: forFather, subjectPersonId: demo('张建国').personId });
  });

  it('books for others: the principal is booked (their rule), either cancels, a guardian link counts', async () => {
    const book = (cookie: string, slotId: string, forId?: string) =>
      c.call(
        'POST',
        `/api/v1/me/appointments${forId ? `?for=${forId}` : ''}`,
        { slotId, submissionId: randomUUID() },
        cookie,
      );
    // 李娜's 深圳 hukou: refused before the slot picker and at booking, in the rule's words, for her.
    const check = await may('appointments', zhang, PASSPORT, GZ, forLiNa);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ eligible: false, code: 'APPOINTMENT_NOT_ELIGIBLE', forOthers: true });
    expect(check.json().reason).toContain('深圳');
    const refused = await book(zhang, slots[0] as string, forLiNa);
    expect(refused.statusCode).toBe(409);
    expect((await may('appointments', zhang, PASSPORT, GZ)).json().eligible).toBe(true);

    // The child (guardian link): booked in his name; 张伟 may still book for himself (one live booking per person).
    const child = await book(zhang, slots[0] as string, forChild);
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json()).toMatchObject({
      applicantNameMasked: '张**',
      onBehalf: { role: 'agent', label: '代办：为 张** 办理' },
    });
    const own = await book(zhang, slots[1] as string);
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().onBehalf).toBeNull();
    const twice = await book(zhang, slots[2] as string, forChild);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'APPOINTMENT_EXISTS' });
    expect(twice.json().detail).toContain('张**已预约');

    // 我的预约 filtered to the service lists both, each marked.
    const list = (await c.call('GET', `/api/v1/me/appointments?serviceId=${PASSPORT}`, undefined, zhang)).json();
    expect(list.map((a: { onBehalf: { role: string } | null }) => a.onBehalf?.role ?? 'self').sort()).toEqual([
      'agent',
      'self',
    ]);
    const entry = await audit('appointment.book');
    expect(entry?.actor_kind).toBe('citizen'); // the last booking was his own
    const cancelled = await c.call('POST', `/api/v1/me/appointments/${child.json().id}/cancel`, {}, zhang);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    // A service only the person may book: `?for=` refused with the existing words.
    const marriage = await may('appointments', zhang, 'hunyin-dengji-yuyue', GZ, forChild);
    expect(marriage.statusCode).toBe(403);
    expect(marriage.json().detail).toBe('预约仅限本人办理和查看，不能为他人预约。');
  });

  it('撤回 tells the other party; the principal opens the files the agent uploaded, nobody else does', async () => {
    // A new delegation (the first was revoked above): 残疾等级变更 and the passport appointment for the father.
    forFather = await addDelegation('张建国', ['canji-dengji-biangeng', PASSPORT], father);
    const idCard = caseFile('jpeg').bytes;
    const change = async () => {
      const res = await c.call(
        'POST',
        `/api/v1/me/cases?for=${forFather}`,
        {
          serviceId: 'canji-dengji-biangeng',
          city: GZ,
          form: { direction: 'worse', reason: '近半年右腿功能明显下降', contactPhone: PHONE },
          attachments: { 'id-card': [await upload(zhang, idCard)], medical: [await upload(zhang)] },
          submissionId: randomUUID(),
        },
        zhang,
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; caseNumber: string; attachments: { id: string; slot: string }[] };
    };
    const first = await change();
    const fileId = first.attachments.find((a) => a.slot === 'id-card')?.id as string;
    const file = (cookie: string, id = fileId) => c.call('GET', `/api/v1/me/attachments/${id}`, undefined, cookie);

    // The principal opens the ID photo the agent uploaded for him: the same route, the same bytes, audited as his read.
    const his = await file(father);
    expect(his.statusCode, his.body).toBe(200);
    expect(his.rawPayload.equals(idCard)).toBe(true);
    expect(his.headers['cache-control']).toBe('private, no-store');
    expect(await audit('case.attachment.read')).toMatchObject({
      actor_account_id: await accountId(father),
      actor_kind: 'citizen',
      subject_account_id: await accountId(father),
    });
    // The agent's own look at it is the agent acting, with the principal as subject (his 我的访问记录 shows it).
    expect((await file(zhang)).statusCode).toBe(200);
    const agentRead = await audit('case.attachment.read');
    expect(agentRead).toMatchObject({ actor_kind: 'agent', subject_account_id: await accountId(father) });
    expect(agentRead?.detail).toMatchObject({ caseId: first.id, delegationId: forFather });
    // Anyone else: the same 404 as an unknown id; an upload of the agent's not in a case stays the agent's only.
    const stranger = await file(liNa);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('ATTACHMENT_NOT_FOUND');
    const loose = await upload(zhang);
    expect((await file(father, loose)).statusCode).toBe(404);
    expect((await file(zhang, loose)).statusCode).toBe(200);

    // The principal withdraws: the agent hears who did it; the principal (who just did it) gets no message.
    const byHim = await c.call('POST', `/api/v1/me/cases/${first.id}/withdraw`, { reason: '暂不变更' }, father);
    expect(byHim.statusCode, byHim.body).toBe(200);
    const toAgent = (await inbox(zhang)).find((m) => m.body.includes(first.caseNumber) && m.title.includes('撤回'));
    expect(toAgent).toMatchObject({
      title: '代办：残疾等级变更申请已撤回',
      body: `张**已撤回您为其代办的残疾等级变更申请，撤回原因：暂不变更。办件编号：${first.caseNumber}。`,
    });
    expect((await inbox(father)).filter((m) => m.title.includes('撤回'))).toEqual([]);

    // The agent withdraws the next one: the principal hears that his 代办人 did.
    const second = await change();
    const byAgent = await c.call('POST', `/api/v1/me/cases/${second.id}/withdraw`, {}, zhang);
    expect(byAgent.statusCode, byAgent.body).toBe(200);
    const toPrincipal = (await inbox(father)).find((m) => m.title.includes('撤回'));
    expect(toPrincipal).toMatchObject({
      title: '您的残疾等级变更申请已撤回',
      body: `您的代办人张*已撤回为您代办的残疾等级变更申请。办件编号：${second.caseNumber}。如仍需办理，请重新申请。`,
    });
    expect((await inbox(zhang)).filter((m) => m.body.includes(second.caseNumber) && m.title.includes('撤回'))).toEqual(
      [],
    );
    // Files of a withdrawn case stay readable by both (the record keeps them).
    expect((await file(father, second.attachments[0]?.id)).statusCode).toBe(200);
  });

  it('预约: a cancellation tells the other party; 预约提醒 and a stopped slot reach the principal too', async () => {
    const slot = slots[2] as string;
    const book = async (forId?: string) => {
      const res = await c.call(
        'POST',
        `/api/v1/me/appointments${forId ? `?for=${forId}` : ''}`,
        { slotId: slot, submissionId: randomUUID() },
        zhang,
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; appointmentNumber: string };
    };
    const about = async (cookie: string, booking: { appointmentNumber: string }, title: string) =>
      (await inbox(cookie)).filter((m) => m.body.includes(booking.appointmentNumber) && m.title.startsWith(title));

    // The principal cancels: the agent hears who did; the principal has his own 您已取消.
    const first = await book(forFather);
    const byHim = await c.call('POST', `/api/v1/me/appointments/${first.id}/cancel`, {}, father);
    expect(byHim.statusCode, byHim.body).toBe(200);
    const [agentCopy] = await about(zhang, first, '代办：预约已取消');
    expect(agentCopy?.body).toMatch(
      /^张\*\*已取消您为其代办的\S+ \d\d:\d\d–\d\d:\d\d在广州市公安局出入境管理支队办证大厅的护照申领预约。预约号：/,
    );
    const [ownCopy] = await about(father, first, '预约已取消');
    expect(ownCopy?.body).toMatch(/^您已取消.+的护照申领预约。预约号：\d{20}。（由张\*代办）$/);

    // The agent cancels: the principal hears that his 代办人 did.
    const second = await book(forFather);
    expect((await c.call('POST', `/api/v1/me/appointments/${second.id}/cancel`, {}, zhang)).statusCode).toBe(200);
    const [principalCopy] = await about(father, second, '预约已取消');
    expect(principalCopy?.body).toMatch(
      /^您的代办人张\*已取消为您预约的.+的护照申领预约。预约号：\d{20}。如仍需办理，请重新预约。$/,
    );
    expect((await about(zhang, second, '代办：预约已取消'))[0]?.body).toMatch(/^您为张\*\*代办的预约：您已取消/);

    // 预约提醒 20 hours before the window: the agent (who booked) and the principal (who goes), once each.
    const third = await book(forFather);
    const starts = await t.database.db
      .selectFrom('appointment_slots')
      .select('starts_at')
      .where('id', '=', slot)
      .executeTakeFirstOrThrow();
    offset = starts.starts_at.getTime() - 20 * 3600_000 - Date.now();
    try {
      const report = await t.app.appointmentReminders.runOnce();
      expect(report.ran).toBe(true);
      await t.app.appointmentReminders.runOnce();
      const agentReminders = await about(zhang, third, '代办：预约提醒');
      expect(agentReminders).toHaveLength(1);
      expect(agentReminders[0]?.body).toMatch(
        /^您为张\*\*代办的护照申领预约将于.+办理。预约号：\d{20}。请提醒张\*\*携带本人有效身份证件原件按时前往；/,
      );
      const principalReminders = await about(father, third, '预约提醒');
      expect(principalReminders).toHaveLength(1);
      expect(principalReminders[0]?.body).toMatch(/^您预约的护照申领预约将于.+（由张\*代办）$/);

      // The department stops the slot: both hear of it (a 号源管理员 of the exit-entry administration in 广州).
      const staffId = await t.database.db
        .selectFrom('staff_accounts')
        .select('id')
        .where('username', '=', 'gz.civil.slots')
        .executeTakeFirstOrThrow();
      await t.database.db
        .insertInto('staff_role_grants')
        .values({ account_id: staffId.id, role: 'slot_manager', department_id: 'gd-exit-entry', city_code: GZ })
        .execute();
      const manager = await staffLogin(c.call, 'gz.civil.slots');
      const stopped = await c.call('POST', `/api/v1/console/slots/${slot}/cancel`, { reason: '系统升级' }, undefined, {
        cookie: manager,
      });
      expect(stopped.statusCode, stopped.body).toBe(200);
      const [agentStop] = await about(zhang, third, '代办：预约已取消（办理部门停用时段）');
      expect(agentStop?.body).toMatch(/^因“系统升级”，.+您为张\*\*代办的护照申领预约已取消。/);
      const [principalStop] = await about(father, third, '预约已取消（办理部门停用时段）');
      expect(principalStop?.body).toMatch(/^因“系统升级”，.+您的护照申领预约已取消。.+（由张\*代办）$/);
    } finally {
      offset = 0;
    }
  });
});

describe('为他人办理 messages: who gets a copy', () => {
  const base = {
    event: 'reminder' as const,
    appointmentId: 'a1',
    appointmentNumber: '20261128440100123456',
    serviceName: '护照申领预约',
    departmentName: '广东省公安厅出入境管理局',
    slot: { place: '办证大厅', address: '解放南路', starts_at: new Date(), ends_at: new Date() },
    reason: null,
    at: new Date(),
  };
  const row = {
    account_id: 'agent',
    principal_person_id: 'p1',
    applicant_name_masked: '张**',
    agent_name_masked: '张*',
  };
  const who = (principal: string | null) =>
    bookingMessages(base, row, principal).map((m) => [m.accountId, m.dedupeKey, m.title.slice(0, 7)]);

  it('one copy each, the same dedupe key; none for a principal without an account or on the agent’s account', () => {
    const key = 'appointment:a1:reminder';
    expect(who('father')).toEqual([
      ['agent', key, '代办：预约提醒'],
      ['father', key, '预约提醒：护照'],
    ]);
    expect(who(null)).toEqual([['agent', key, '代办：预约提醒']]);
    // Never expected (a delegation to oneself is refused), but then one copy, not two.
    expect(who('agent')).toEqual([['agent', key, '代办：预约提醒']]);
    expect(bookingMessages(base, { ...row, principal_person_id: null }, null).map((m) => m.title.slice(0, 5))).toEqual([
      '预约提醒：',
    ]);
  });
});
