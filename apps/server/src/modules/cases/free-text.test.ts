import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

/**
 * Phone and ID numbers typed inside free text (立即咨询's 咨询问题, 申请调解's 事实与理由): masked by the server in every
 * view (list, citizen and console detail), the whole text through the audited 显示; text without a number as typed.
 */
const GZ = '440100';
const PHONE = '13912345678';
const ID = '440106199001011234';
/** A number typed with a Chinese IME in full-width mode, and one spelled out in Chinese digits. */
const PHONE_FULL_WIDTH = '１３８ ００１３ ８０００';
const PHONE_CHINESE = '幺三七零零幺三七零零零';
const QUESTION = `我的前夫（身份证 ${ID}，电话 139 1234 5678，${PHONE_FULL_WIDTH}）拒付抚养费，他妈妈电话${PHONE_CHINESE}，怎么办？`;
const MASKED_QUESTION =
  '我的前夫（身份证 440***********1234，电话 139****5678，１３８****８０００）拒付抚养费，他妈妈电话幺三七****七零零零，怎么办？';

describe.each(ENGINES)('free text masked in 办件 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang = '';
  let justice = '';
  let labour = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = (await c.verifiedAccount(demoPerson('张伟'))).cookie;
    justice = await staffLogin(c.call, 'gz.justice.reviewer');
    labour = await staffLogin(c.call, 'gz.labour.reviewer');
  }, 300_000);
  afterAll(() => t?.close());

  const audit = async (action: string) =>
    (
      await sql<{ actor_kind: string; subject_account_id: string | null; detail: Record<string, unknown> }>`
        select actor_kind, subject_account_id, detail from audit_log
        where action = ${action} order by seq desc limit 1`.execute(t.database.db)
    ).rows[0];
  const submit = (serviceId: string, form: object) =>
    c.call(
      'POST',
      '/api/v1/me/cases',
      { serviceId, city: GZ, form, attachments: {}, submissionId: randomUUID() },
      zhang,
    );

  it('立即咨询: the question is masked to the applicant and the reviewer; 显示 gives the whole text, audited', async () => {
    const res = await submit('falv-liji-zixun', { topic: 'marriage-family', question: QUESTION, contactPhone: PHONE });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const question = { name: 'question', value: MASKED_QUESTION, masked: true };

    const mine = await c.call('GET', `/api/v1/me/cases/${id}`, undefined, zhang);
    const list = await c.call('GET', '/api/v1/me/cases', undefined, zhang);
    const consoleDetail = await c.call('GET', `/api/v1/console/cases/${id}`, undefined, undefined, { cookie: justice });
    const queue = await c.call('GET', '/api/v1/console/cases', undefined, undefined, { cookie: justice });
    for (const view of [res, mine, consoleDetail]) {
      expect(view.json().form).toContainEqual(expect.objectContaining(question));
    }
    for (const view of [res, mine, list, consoleDetail, queue]) {
      expect(view.statusCode, view.body).toBe(200 + (view === res ? 1 : 0));
      expect(view.body).not.toContain(PHONE);
      expect(view.body).not.toContain('139 1234 5678');
      expect(view.body).not.toContain(PHONE_FULL_WIDTH);
      expect(view.body).not.toContain(PHONE_CHINESE);
      expect(view.body).not.toContain(ID);
    }

    // The citizen's 显示: the whole question, audited with the field, never the text.
    const revealed = await c.call('POST', `/api/v1/me/cases/${id}/form/question/reveal`, undefined, zhang);
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ name: 'question', value: QUESTION });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const entry = await audit('case.form.reveal');
    expect(entry?.detail).toMatchObject({ field: 'question', what: '立即咨询（咨询问题）', caseId: id });
    expect(JSON.stringify(entry?.detail)).not.toContain(PHONE);

    // The reviewer's 显示: in reach only, audited with the applicant as subject.
    const byReviewer = await c.call('POST', `/api/v1/console/cases/${id}/form/question/reveal`, undefined, undefined, {
      cookie: justice,
    });
    expect(byReviewer.json()).toEqual({ name: 'question', value: QUESTION });
    const staffEntry = await audit('console.case.form.reveal');
    expect(staffEntry).toMatchObject({ actor_kind: 'staff', detail: { field: 'question', caseId: id } });
    expect(staffEntry?.subject_account_id).toBe((await c.call('GET', '/api/v1/me', undefined, zhang)).json().id);
    const outOfReach = await c.call('POST', `/api/v1/console/cases/${id}/form/question/reveal`, undefined, undefined, {
      cookie: labour,
    });
    expect(outOfReach.json().code).toBe('CASE_NOT_FOUND');

    // Not verified: refused before anything is read.
    const stranger = await c.smsLogin('13700001111');
    const unverified = await c.call('POST', `/api/v1/me/cases/${id}/form/question/reveal`, undefined, stranger);
    expect(unverified.statusCode).toBeGreaterThanOrEqual(401);
    expect(unverified.statusCode).toBeLessThan(404);
    expect(unverified.body).not.toContain(PHONE);
    const anonymous = await c.call('POST', `/api/v1/me/cases/${id}/form/question/reveal`);
    expect(anonymous.statusCode).toBe(401);
  });

  it('a question without a phone or ID number is shown as typed, and 显示 of it is refused', async () => {
    const question = '单位人事电话020-12345678不接，2025年3月起的工资怎么讨回？';
    const res = await submit('falv-liji-zixun', { topic: 'labour', question, contactPhone: PHONE });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().form).toContainEqual(
      expect.objectContaining({ name: 'question', value: question, masked: false }),
    );
    const refused = await c.call('POST', `/api/v1/me/cases/${res.json().id}/form/question/reveal`, undefined, zhang);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('CASE_FORM_FIELD_NOT_MASKED');
  });
});
