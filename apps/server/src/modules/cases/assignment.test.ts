import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

/** Loading the seeded template takes long on a busy machine. */
const SLOW_START = 240_000;
const GZ = '440100';
const SERVICE = 'canjirenzheng-shenqing';
const FORM = {
  category: '4',
  cause: '2025年交通事故致右下肢功能障碍',
  residenceAddress: '广州市海珠区新港中路100号2栋301房',
  contactPhone: '13912345678',
};
const COLLECTION = { place: '广州市海珠区残疾人联合会服务窗口（演示地址）', hours: '工作日 9:00–17:00，30日内' };
const NOTE = '内部备注：申请人电话已核实，等待医院评定结果（备注专用词甲乙丙）';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};

interface Detail {
  id: string;
  version: number;
  status: string;
  assignee: { staffId: string; nameMasked: string; mine: boolean } | null;
  assignments: { change: string; label: string; assigneeNameMasked: string | null; byNameMasked: string }[];
  notes: { text: string; authorNameMasked: string; mine: boolean; createdAt: string }[];
  events: unknown[];
}

describe.each(ENGINES)('办件分派 and 内部备注 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let chen = ''; // gz.canlian.reviewer 陈慧敏
  let wang = ''; // gz.canlian.reviewer2 王丽娟
  let police = ''; // gz.police.reviewer: another department
  const ids: Record<string, string> = {};
  let citizen = { cookie: '', id: '' };
  let caseId = '';
  let ip = 0;

  const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });
  const detailOf = async (cookie: string) => {
    const res = await staff(cookie, 'GET', `/api/v1/console/cases/${caseId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Detail;
  };
  const assign = (cookie: string, body: object) =>
    staff(cookie, 'POST', `/api/v1/console/cases/${caseId}/assignment`, body);
  const act = (cookie: string, body: object) => staff(cookie, 'POST', `/api/v1/console/cases/${caseId}/actions`, body);
  const queue = async (cookie: string, assigned?: string) =>
    (
      await staff(cookie, 'GET', `/api/v1/console/cases?serviceId=${SERVICE}${assigned ? `&assigned=${assigned}` : ''}`)
    ).json() as { id: string; assignee: { nameMasked: string; mine: boolean } | null }[];
  const audits = (action: string) =>
    sql<{ result: string; actor_account_id: string; subject_account_id: string; detail: Record<string, unknown> }>`
      select result, actor_account_id, subject_account_id, detail from audit_log where action = ${action} order by seq`
      .execute(t.database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    chen = await staffLogin(c.call, 'gz.canlian.reviewer');
    wang = await staffLogin(c.call, 'gz.canlian.reviewer2');
    police = await staffLogin(c.call, 'gz.police.reviewer');
    const staffRows = await sql<{ id: string; username: string }>`select id, username from staff_accounts`.execute(
      t.database.db,
    );
    for (const r of staffRows.rows) ids[r.username] = r.id;

    citizen = await c.verifiedAccount(demo('张伟'));
    const attachments: Record<string, string[]> = {};
    for (const slot of ['id-card', 'photo']) {
      const f = caseFile('jpeg');
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/attachments',
        headers: {
          'x-forwarded-for': `10.7.0.${++ip}`,
          cookie: `${SESSION_COOKIE}=${citizen.cookie}`,
          'content-type': CASE_FILE_TYPES.jpeg,
        },
        payload: f.bytes,
      });
      expect(up.statusCode, up.body).toBe(201);
      attachments[slot] = [up.json().id];
    }
    const res = await c.call(
      'POST',
      '/api/v1/me/cases',
      { serviceId: SERVICE, city: GZ, form: FORM, attachments, submissionId: randomUUID() },
      citizen.cookie,
    );
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
  }, SLOW_START);
  afterAll(() => t?.close());

  it('lists who the case can be handed to: the two 广州残联 reviewers, not the police', async () => {
    const res = await staff(chen, 'GET', `/api/v1/console/cases/${caseId}/assignees`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      {
        staffId: ids['gz.canlian.reviewer'],
        nameMasked: '陈**',
        username: 'gz.canlian.reviewer',
        me: true,
        current: false,
      },
      {
        staffId: ids['gz.canlian.reviewer2'],
        nameMasked: '王**',
        username: 'gz.canlian.reviewer2',
        me: false,
        current: false,
      },
    ]);
    // Out of reach: the case reads as absent.
    expect((await staff(police, 'GET', `/api/v1/console/cases/${caseId}/assignees`)).json().code).toBe(
      'CASE_NOT_FOUND',
    );
    expect((await assign(police, { change: 'claim', version: 1 })).json().code).toBe('CASE_NOT_FOUND');
  });

  it('认领: the case is 陈**’s, in her 我的 and out of 待分派; the citizen’s case does not change', async () => {
    const before = (await c.call('GET', `/api/v1/me/cases/${caseId}`, undefined, citizen.cookie)).json();
    expect((await queue(chen, 'unassigned')).map((r) => r.id)).toContain(caseId);
    expect((await queue(chen, 'mine')).map((r) => r.id)).not.toContain(caseId);

    const res = await assign(chen, { change: 'claim', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d.version).toBe(2);
    expect(d.status).toBe('submitted');
    expect(d.assignee).toMatchObject({ staffId: ids['gz.canlian.reviewer'], nameMasked: '陈**', mine: true });
    expect(d.assignments).toEqual([
      expect.objectContaining({ change: 'claim', label: '认领', assigneeNameMasked: '陈**', byNameMasked: '陈**' }),
    ]);
    expect((await detailOf(wang)).assignee).toMatchObject({ nameMasked: '陈**', mine: false });

    expect((await queue(chen, 'mine')).find((r) => r.id === caseId)?.assignee).toMatchObject({ mine: true });
    expect((await queue(wang, 'mine')).map((r) => r.id)).not.toContain(caseId);
    expect((await queue(wang, 'unassigned')).map((r) => r.id)).not.toContain(caseId);
    expect((await queue(wang)).find((r) => r.id === caseId)?.assignee).toMatchObject({
      nameMasked: '陈**',
      mine: false,
    });
    const bad = await staff(chen, 'GET', '/api/v1/console/cases?assigned=someone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');

    // The citizen's view: same status, timeline, version and time.
    const after = (await c.call('GET', `/api/v1/me/cases/${caseId}`, undefined, citizen.cookie)).json();
    expect(after).toEqual(before);

    const audit = (await audits('console.case.assign')).filter((a) => a.result === 'success');
    expect(audit.at(-1)).toMatchObject({
      actor_account_id: ids['gz.canlian.reviewer'],
      subject_account_id: citizen.id,
      detail: expect.objectContaining({ caseId, change: 'claim', assigneeId: ids['gz.canlian.reviewer'] }),
    });
  });

  it('another reviewer cannot act on it while it is 陈**’s, nor claim it twice, nor on an old version', async () => {
    const refused = await act(wang, { action: 'accept', version: 2 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'CASE_ASSIGNED_TO_OTHER',
      detail: '该办件由 陈** 办理中，不能由您办理。如需接手，请先将办件改派给自己（分派给…）。',
    });
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const retry = await staff(wang, 'POST', `/api/v1/console/cases/${caseId}/fulfilment/retry`);
    expect(retry.json().code).toBe('CASE_ASSIGNED_TO_OTHER');
    expect((await detailOf(chen)).events).toHaveLength(1);

    const twice = await assign(chen, { change: 'claim', version: 2 });
    expect(twice.json()).toMatchObject({
      code: 'CASE_ASSIGNMENT_UNCHANGED',
      detail: '该办件已由您办理，无需重复认领。',
    });
    const stale = await assign(wang, { change: 'claim', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CASE_CHANGED');
    // The version the actions use counts the assignment change: 陈** acting on version 1 is refused as well.
    expect((await act(chen, { action: 'accept', version: 1 })).json().code).toBe('CASE_CHANGED');
  });

  it('分派 to someone out of reach is refused; to 王** it works, then she acts and 陈** cannot', async () => {
    const out = await assign(chen, { change: 'assign', assigneeId: ids['gz.police.reviewer'], version: 2 });
    expect(out.statusCode).toBe(400);
    expect(out.json()).toMatchObject({
      code: 'CASE_ASSIGNEE_NOT_IN_REACH',
      detail: '只能分派给本部门、本地区有办件审核权限的审核人员，请从列表中重新选择。',
    });
    const unknown = await assign(chen, { change: 'assign', assigneeId: randomUUID(), version: 2 });
    expect(unknown.json().code).toBe('CASE_ASSIGNEE_NOT_IN_REACH');
    const none = await assign(chen, { change: 'assign', version: 2 });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toContainEqual({ path: 'assigneeId', message: '请选择要分派的审核人员' });
    expect((await audits('console.case.assign')).filter((a) => a.result === 'failure').length).toBeGreaterThan(0);

    const res = await assign(chen, { change: 'assign', assigneeId: ids['gz.canlian.reviewer2'], version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, assignee: { nameMasked: '王**', mine: false } });

    const accepted = await act(wang, { action: 'accept', version: 3 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ version: 4, status: 'accepted', assignee: { mine: true } });
    expect((await act(chen, { action: 'reject', note: '不符合条件', version: 4 })).json().code).toBe(
      'CASE_ASSIGNED_TO_OTHER',
    );
  });

  it('退回待分派, then two reviewers claiming at once: one wins, the other is told the case changed', async () => {
    const released = await assign(wang, { change: 'release', version: 4 });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ version: 5, assignee: null });
    expect((await queue(chen, 'unassigned')).map((r) => r.id)).toContain(caseId);
    expect((await assign(wang, { change: 'release', version: 5 })).json().code).toBe('CASE_ASSIGNMENT_UNCHANGED');

    const [a, b] = await Promise.all([
      assign(chen, { change: 'claim', version: 5 }),
      assign(wang, { change: 'claim', version: 5 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('CASE_CHANGED');
    const winner = a.statusCode === 200 ? chen : wang;
    const d = await detailOf(winner);
    expect(d).toMatchObject({ version: 6, assignee: { mine: true } });
    expect(d.assignments.map((x) => x.change)).toEqual(['claim', 'assign', 'release', 'claim']);

    // Re-assigning is open to any reviewer in reach: the other one takes it over to act.
    const other = winner === chen ? wang : chen;
    const taken = await assign(other, { change: 'claim', version: 6 });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ version: 7, assignee: { mine: true } });
    const rows = await sql<{ assignee_staff_id: string | null }>`
      select assignee_staff_id from case_assignments where case_id = ${caseId} order by seq`.execute(t.database.db);
    expect(rows.rows).toHaveLength(5);
    // Append-only.
    await expect(
      sql`update case_assignments set change = 'release' where case_id = ${caseId}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
  });

  it('内部备注: added (trimmed), listed with author and time, audited without the text; bad notes refused', async () => {
    const add = await staff(chen, 'POST', `/api/v1/console/cases/${caseId}/notes`, { text: `  ${NOTE}\n` });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ text: NOTE, authorNameMasked: '陈**', mine: true });
    const second = await staff(wang, 'POST', `/api/v1/console/cases/${caseId}/notes`, {
      text: '已电话联系申请人 138 0013 8000',
    });
    expect(second.statusCode).toBe(201);
    // Stored encrypted: the number is nowhere in the table in clear.
    const stored = await sql<{ body_encrypted: string }>`
      select body_encrypted from case_notes where id = ${second.json().id}`.execute(t.database.db);
    expect(stored.rows[0]?.body_encrypted).toMatch(/^v2\./);
    expect(stored.rows[0]?.body_encrypted).not.toContain('8000');
    // A number typed into a note is masked like the form's (stored as written, shown masked).
    expect(second.json().text).toBe('已电话联系申请人 138****8000');

    const d = await detailOf(wang);
    expect(d.notes.map((n) => [n.text, n.authorNameMasked, n.mine])).toEqual([
      [NOTE, '陈**', false],
      ['已电话联系申请人 138****8000', '王**', true],
    ]);
    expect(Number.isNaN(Date.parse(d.notes[0]?.createdAt ?? ''))).toBe(false);

    for (const text of ['', '   ', 'x'.repeat(1001)]) {
      const bad = await staff(chen, 'POST', `/api/v1/console/cases/${caseId}/notes`, { text });
      expect(bad.statusCode, text).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      const message = text.length > 1000 ? '备注不能超过1000个字' : '请填写备注内容';
      expect(bad.json().errors).toContainEqual({ path: 'text', message });
    }
    expect(
      (await staff(chen, 'POST', `/api/v1/console/cases/${caseId}/notes`, { text: 'x'.repeat(1000) })).statusCode,
    ).toBe(201);
    expect((await staff(police, 'POST', `/api/v1/console/cases/${caseId}/notes`, { text: '越权' })).json().code).toBe(
      'CASE_NOT_FOUND',
    );

    const audit = (await audits('console.case.note')).filter((a) => a.result === 'success');
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ actor_account_id: ids['gz.canlian.reviewer'], subject_account_id: citizen.id });
    expect(JSON.stringify(audit)).not.toContain('备注专用词');
  });

  it('neither the notes nor the reviewers reach the citizen: case detail, list, 消息, 访问记录', async () => {
    // A staff step after the notes, so the citizen has a 消息 of this case too.
    const holder = (await detailOf(chen)).assignee?.mine ? chen : wang;
    const approved = await act(holder, { action: 'approve', collection: COLLECTION, version: 7 });
    expect(approved.statusCode, approved.body).toBe(200);

    const routes = [
      `/api/v1/me/cases/${caseId}`,
      '/api/v1/me/cases',
      `/api/v1/me/cases?serviceId=${SERVICE}`,
      '/api/v1/me/notifications',
      '/api/v1/me/access-log',
    ];
    for (const url of routes) {
      const res = await c.call('GET', url, undefined, citizen.cookie);
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      expect(res.body, url).not.toContain('备注专用词');
      expect(res.body, url).not.toContain('已电话联系申请人');
      expect(res.body, url).not.toContain('王丽娟');
      expect(res.body, url).not.toContain('陈慧敏');
      expect(res.body, url).not.toContain('王**');
      expect(res.body, url).not.toMatch(/"(notes|assignee|assignments)"/);
    }
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, citizen.cookie)).json() as {
      actionLabel: string;
      actor: string;
    }[];
    expect(log).toContainEqual(expect.objectContaining({ actionLabel: '工作人员分派办件', actor: '工作人员' }));
    expect(log).toContainEqual(expect.objectContaining({ actionLabel: '工作人员添加办件内部备注', actor: '工作人员' }));
    const mine = (await c.call('GET', `/api/v1/me/cases/${caseId}`, undefined, citizen.cookie)).json();
    // The citizen's version counts the events only (submit, accept, approve).
    expect(mine).toMatchObject({ version: 3, status: 'approved' });
  });

  it('a finished case cannot be re-assigned', async () => {
    const d = await detailOf(chen);
    const holder = d.assignee?.mine ? chen : wang;
    const done = await act(holder, { action: 'complete', version: d.version });
    expect(done.statusCode, done.body).toBe(200);
    const res = await assign(holder, { change: 'release', version: d.version + 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'CASE_ASSIGNMENT_NOT_ALLOWED',
      detail: '办件当前状态为“已办结”，已办理完毕，不能再分派。',
    });
  });
});
