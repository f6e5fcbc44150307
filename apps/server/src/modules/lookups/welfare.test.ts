import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxCivilAffairsWrites } from '../../departments/civil-affairs/writes.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

/** Loading the seeded template takes long on a busy machine. */
const SLOW_START = 240_000;

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const CERTIFICATE = '/api/v1/lookups/disability/certificate';
const PROGRESS = '/api/v1/lookups/social-assistance/progress';
const SENIOR_CARD = '/api/v1/lookups/senior-card';

describe.each(ENGINES)('残疾人证查询 and 社会救助办理查询 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, SLOW_START);
  afterAll(() => t?.close());

  it('刘芳: her certificate, masked, no subsidy yet, and the 新办 that issued it', async () => {
    const liu = await c.verifiedAccount(demo('刘芳'));
    const res = await c.call('GET', `${CERTIFICATE}?city=440100`, undefined, liu.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.certificate).toMatchObject({
      certificateNumberMasked: `${demo('刘芳').idNumber.slice(0, 3)}***********${demo('刘芳').idNumber.slice(14)}42`,
      categoryName: '肢体残疾',
      gradeName: '二级',
      validUntil: '2031-09-14',
      issuedBy: '广州市海珠区残疾人联合会',
      statusName: '有效',
    });
    expect(body.subsidies).toEqual([]);
    expect(body.applications).toHaveLength(1);
    expect(body.applications[0]).toMatchObject({ kindName: '残疾人证新办', statusName: '已办结', role: 'subject' });
    expect(body.applications[0].steps.map((s: { name: string; state: string }) => [s.name, s.state])).toEqual([
      ['已提交', 'done'],
      ['已受理', 'done'],
      ['残疾评定完成', 'done'],
      ['审核通过', 'done'],
      ['已发证', 'done'],
    ]);
    expect(body.source).toEqual({ department: '广东省残疾人联合会', updatedAt: '2021-09-15T03:00:00.000Z' });
    expect(res.body).not.toContain(demo('刘芳').idNumber);
  });

  it('张伟: no certificate; the 等级变更 he applied for his father, names masked, still in progress', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const body = (await c.call('GET', `${CERTIFICATE}?city=440100`, undefined, zhang.cookie)).json();
    expect(body.certificate).toBeNull();
    expect(body.applications).toEqual([
      expect.objectContaining({ role: 'applicant', subjectNameMasked: '张**', applicantNameMasked: '张*' }),
    ]);
    const states = body.applications[0].steps.map((s: { state: string }) => s.state);
    expect(states).toEqual(['done', 'current', 'pending', 'pending', 'pending']);
    expect(JSON.stringify(body)).not.toContain('张建国');
  });

  it('社会救助办理查询: one kind at a time, the timeline to come, a refusal ends its path', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const low = await c.call('GET', `${PROGRESS}?city=440100&kind=low-income`, undefined, zhang.cookie);
    expect(low.statusCode, low.body).toBe(200);
    expect(low.json()).toMatchObject({
      kind: 'low-income',
      kindName: '低收入家庭',
      source: { department: '广东省民政厅' },
    });
    const [open] = low.json().cases;
    expect(open).toMatchObject({ caseNumber: '4401002025121508', statusName: '办理中', channel: 'online' });
    expect(open.steps.map((s: { name: string; state: string; on: string | null }) => [s.name, s.state, s.on])).toEqual([
      ['已预约', 'done', '2025-12-15'],
      ['已受理', 'done', '2025-12-18'],
      ['入户调查', 'current', '2025-12-26'],
      ['乡镇（街道）审核', 'pending', null],
      ['县级民政部门审批通过', 'pending', null],
      ['已发放', 'pending', null],
    ]);

    const temporary = (await c.call('GET', `${PROGRESS}?city=440100&kind=temporary`, undefined, zhang.cookie)).json();
    expect(temporary.cases[0].statusName).toBe('不予批准');
    expect(temporary.cases[0].steps.at(-1)).toMatchObject({ name: '不予批准', state: 'rejected' });
    expect(temporary.cases[0].steps).toHaveLength(4);
    // the decision's reason, as 民政 wrote it
    expect(temporary.cases[0].rejectionReason).toBe(
      '经入户调查核实，申请家庭未因突发事件、意外伤害或重大疾病导致基本生活陷入困境。',
    );

    const none = (await c.call('GET', `${PROGRESS}?city=440100&kind=dibao`, undefined, zhang.cookie)).json();
    expect(none).toMatchObject({ cases: [], source: { updatedAt: null } });

    const li = await c.verifiedAccount(demo('李娜'));
    const medical = (await c.call('GET', `${PROGRESS}?city=440300&kind=medical`, undefined, li.cookie)).json();
    expect(medical.cases[0]).toMatchObject({ oneOffAmount: 4260.5, statusName: '已发放' });

    // Each kind is its own service in 我的访问记录.
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    for (const id of ['dishouru-jiating-jindu-chaxun', 'linshi-jiuzhu-jindu-chaxun', 'dibao-jindu-chaxun'])
      expect(log.some((e) => e.action === `lookup.${id}`)).toBe(true);
  });

  it('refuses an unknown kind in Chinese, and a verification too old', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const bad = await c.call('GET', `${PROGRESS}?city=440100&kind=pension`, undefined, zhang.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.body).toContain('请选择救助类型');
    const fresh = await c.smsLogin(demo('张伟').phone as string);
    const unverified = await c.call('GET', `${PROGRESS}?city=440100&kind=dibao`, undefined, fresh);
    expect(unverified.json().code).toBe('VERIFICATION_REQUIRED');
  });
});

describe.each(ENGINES)('老年人优待证查询 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let elder: { name: string; idNumber: string; phone: string };
  let cardNumber = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    // Someone of the generated province over 60 with a phone; 民政 issues them a 佛山 card as the write-back does.
    // Not a demo person: 张建国 holds the demo seed's card (the test below).
    const demoIds = sql.join(DEMO_PEOPLE.map((p) => p.idNumber));
    const found = await sql<{ name: string; id_number: string; phone: string }>`
      select name, id_number, phone from dept_gongan.people
      where phone is not null and status = 'normal' and birth_date < date '1950-01-01'
        and id_number not in (${demoIds})
      order by id_number limit 1`.execute(t.database.db);
    const row = found.rows[0];
    if (!row) throw new Error('no elder with a phone in the generated province');
    elder = { name: row.name, idNumber: row.id_number, phone: row.phone };
    await sql`delete from dept_minzheng.senior_cards where id_number = ${elder.idNumber}`.execute(t.database.db);
    const issued = await new SandboxCivilAffairsWrites(t.database.db).issueSeniorCard({
      reference: '20260915440600000001',
      idNumber: elder.idNumber,
      name: elder.name,
      cityCode: '440600',
      kind: 'first',
      decidedOn: '2026-09-15',
    });
    if (issued.outcome !== 'issued') throw new Error(issued.reason);
    cardNumber = issued.cardNumber;
  }, SLOW_START);
  afterAll(() => t?.close());

  const auditOf = async (accountId: string) =>
    (
      await sql<{ result: string; actor_kind: string; subject_account_id: string | null }>`
        select result, actor_kind, subject_account_id from audit_log
        where action = 'lookup.laonianren-youdaizheng-hefa' and actor_account_id = ${accountId} order by seq`.execute(
        t.database.db,
      )
    ).rows;

  it('佛山: the holder’s 老人卡, masked, 有效, audited; 已注销 once cancelled', async () => {
    const me = await c.verifiedAccount(elder);
    const res = await c.call('GET', `${SENIOR_CARD}?city=440600`, undefined, me.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(cardNumber).toMatch(/^YD440600-2026-\d{6}$/);
    expect(res.json()).toMatchObject({
      subject: { self: true },
      card: {
        cardName: '老人卡',
        cardNumber,
        holderNameMasked: `${elder.name.slice(0, 1)}${'*'.repeat(elder.name.length - 1)}`,
        holderIdNumberMasked: `${elder.idNumber.slice(0, 3)}***********${elder.idNumber.slice(14)}`,
        cityCode: '440600',
        kindName: '首次申领',
        issuedOn: '2026-09-15',
        issuedBy: '佛山市民政局',
        status: 'valid',
        statusName: '有效',
      },
      source: { department: '广东省民政厅' },
    });
    expect(res.body).not.toContain(elder.idNumber);
    expect(res.body).not.toContain(elder.name);
    expect(await auditOf(me.id)).toEqual([{ result: 'success', actor_kind: 'citizen', subject_account_id: me.id }]);

    // The same card read from 清远 (the app's city is not the card's): named as its own city names it.
    const qy = (await c.call('GET', `${SENIOR_CARD}?city=441800`, undefined, me.cookie)).json();
    expect(qy.card).toMatchObject({ cardName: '老人卡', cityCode: '440600' });

    await sql`update dept_minzheng.senior_cards set status = 'cancelled' where id_number = ${elder.idNumber}`.execute(
      t.database.db,
    );
    const cancelled = (await c.call('GET', `${SENIOR_CARD}?city=440600`, undefined, me.cookie)).json();
    expect(cancelled.card).toMatchObject({ cardNumber, status: 'cancelled', statusName: '已注销' });
  });

  it('the demo seed: 张建国 (82) holds a 广州 老年人优待证, the 2019 补领 shown rather than the 2003 card it cancelled', async () => {
    const father = await c.verifiedAccount(demo('张建国') as typeof elder);
    const res = await c.call('GET', `${SENIOR_CARD}?city=440600`, undefined, father.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      subject: { self: true, nameMasked: '张**' },
      card: {
        cardName: '老年人优待证',
        cardNumber: 'YD440100-2019-004125',
        holderNameMasked: '张**',
        holderIdNumberMasked: '440***********0117',
        cityCode: '440100',
        kind: 'reissue',
        kindName: '遗失或损坏补领',
        issuedOn: '2019-05-20',
        issuedBy: '广州市民政局',
        status: 'valid',
        statusName: '有效',
      },
    });
    expect(res.body).not.toContain(demo('张建国').idNumber);
    expect(res.body).not.toContain('YD440100-2003-000318');
    // deterministic: the seed's two rows exactly, counter-issued (no platform reference)
    const rows = await sql<{ card_number: string; status: string; platform_reference: string | null }>`
      select card_number, status, platform_reference from dept_minzheng.senior_cards
      where id_number = ${demo('张建国').idNumber} order by card_number`.execute(t.database.db);
    expect(rows.rows).toEqual([
      { card_number: 'YD440100-2003-000318', status: 'cancelled', platform_reference: null },
      { card_number: 'YD440100-2019-004125', status: 'valid', platform_reference: null },
    ]);
  });

  it('no card: a 404 problem in the city’s words, audited as a failed read', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const fs = await c.call('GET', `${SENIOR_CARD}?city=440600`, undefined, chen.cookie);
    expect(fs.statusCode).toBe(404);
    expect(fs.headers['content-type']).toContain('application/problem+json');
    expect(fs.json()).toMatchObject({
      code: 'SENIOR_CARD_NOT_FOUND',
      detail:
        '未查询到您的老人卡信息。年满60周岁的老年人可通过“老人卡申办”申请办理；已提交申请的，可在“我的办件”查看进度。',
    });
    const qy = (await c.call('GET', `${SENIOR_CARD}?city=441800`, undefined, chen.cookie)).json();
    expect(qy.detail).toBe(
      '未查询到您的老年人优待证信息。年满60周岁的老年人可通过“老年人优待证核发”申请办理；已提交申请的，可在“我的办件”查看进度。',
    );
    expect((await auditOf(chen.id)).map((r) => r.result)).toEqual(['failure', 'failure']);
  });

  it('refuses a city that does not issue it, an old verification and someone else’s card, reading nothing', async () => {
    const me = await c.verifiedAccount(elder);
    const before = (await auditOf(me.id)).length;
    const gz = await c.call('GET', `${SENIOR_CARD}?city=440100`, undefined, me.cookie);
    expect(gz.statusCode).toBe(409);
    expect(gz.json()).toMatchObject({
      code: 'SERVICE_NOT_IN_CITY',
      detail: '老年人优待证核发暂仅支持佛山、清远、韶关，当前城市为广州。',
    });
    // For oneself only: a delegation id is refused, never answered with the caller's own card.
    const other = await c.call('GET', `${SENIOR_CARD}?city=440600&for=${randomUUID()}`, undefined, me.cookie);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(cardNumber);
    const noCity = await c.call('GET', SENIOR_CARD, undefined, me.cookie);
    expect(noCity.json().code).toBe('VALIDATION_FAILED');

    const fresh = await c.smsLogin(elder.phone);
    const unverified = await c.call('GET', `${SENIOR_CARD}?city=440600`, undefined, fresh);
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('VERIFICATION_REQUIRED');
    expect(unverified.body).not.toContain(cardNumber);
    expect(await auditOf(me.id)).toHaveLength(before);
  });
});
