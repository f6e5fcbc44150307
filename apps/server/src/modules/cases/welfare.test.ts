import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disabledPersonsSpec } from '../../departments/disabled-persons/contract.js';
import { createConnector } from '../../departments/framework/client.js';
import { DepartmentUnavailable } from '../../departments/framework/errors.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments } from '../../departments/registry.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { ageOn } from './eligibility/welfare.js';

/** Loading the seeded template takes long on a busy machine. */
const SLOW_START = 240_000;

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const FS = '440600';
const QY = '441800';
const PHONE = '13912345678';
const ADDRESS = '广州市海珠区新港中路100号2栋301房';
const COLLECTION = { place: '广州市海珠区残疾人联合会服务窗口（演示地址）', hours: '工作日 9:00–17:00，30日内' };

type Call = ReturnType<typeof citizenClient>['call'];

/** Upload one file per required slot of a form and submit it; returns the raw answer. */
function submitter(t: () => TestApp, call: Call) {
  let ip = 0;
  const upload = async (cookie: string) => {
    const f = caseFile('jpeg');
    const res = await t().app.inject({
      method: 'POST',
      url: '/api/v1/me/attachments',
      headers: {
        'x-forwarded-for': `10.8.${Math.floor(++ip / 250)}.${ip % 250}`,
        cookie: `${SESSION_COOKIE}=${cookie}`,
        'content-type': CASE_FILE_TYPES.jpeg,
      },
      payload: f.bytes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  return async (cookie: string, serviceId: string, city: string, form: Record<string, string>, slots: string[]) => {
    const attachments: Record<string, string[]> = {};
    for (const slot of slots) attachments[slot] = [await upload(cookie)];
    return call('POST', '/api/v1/me/cases', { serviceId, city, form, attachments, submissionId: randomUUID() }, cookie);
  };
}

describe('ageOn: full years from the ID number, in China time', () => {
  it('counts the birthday itself, not the day before', () => {
    const id = demo('张伟').idNumber; // born 1988-05-12
    expect(ageOn(id, new Date('2026-05-11T15:59:59Z'))).toBe(37); // 2026-05-11 23:59 China time
    expect(ageOn(id, new Date('2026-05-11T16:00:00Z'))).toBe(38); // 2026-05-12 00:00 China time
  });
});

describe.each(ENGINES)('助残 and 老年人 applications (welfare) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const submit = submitter(() => t, c.call);
  let canlian = '';
  let police = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    canlian = await staffLogin(c.call, 'gz.canlian.reviewer');
    police = await staffLogin(c.call, 'gz.police.reviewer');
  }, SLOW_START);
  afterAll(() => t?.close());

  const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });

  it('残疾人证申请: 张伟 holds no certificate and may apply once; 广州残联 reviews it, the police do not see it', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const form = {
      category: '4',
      cause: '2025年交通事故致右下肢功能障碍',
      residenceAddress: ADDRESS,
      contactPhone: PHONE,
    };
    const res = await submit(zhang.cookie, 'canjirenzheng-shenqing', GZ, form, ['id-card', 'photo']);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      serviceId: 'canjirenzheng-shenqing',
      status: 'submitted',
      summary: '申请残疾类别：肢体残疾',
    });

    const again = await submit(zhang.cookie, 'canjirenzheng-shenqing', GZ, form, ['id-card', 'photo']);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'APPLICATION_NOT_ELIGIBLE',
      detail: '您已提交残疾人证申请，正在办理中，请勿重复申请；可在“我的办件”查看进度。',
    });

    // 补办 needs a certificate he does not have.
    const reissue = await submit(
      zhang.cookie,
      'canjirenzheng-buban',
      GZ,
      { reason: 'lost', residenceAddress: ADDRESS, contactPhone: PHONE },
      ['id-card'],
    );
    expect(reissue.statusCode).toBe(409);
    expect(reissue.json()).toMatchObject({
      code: 'APPLICATION_NOT_ELIGIBLE',
      detail: '未查询到您的残疾人证信息，请先申请办理残疾人证。',
    });

    const queue = await staff(canlian, 'GET', '/api/v1/console/cases?serviceId=canjirenzheng-shenqing');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().map((q: { id: string }) => q.id)).toContain(created.id);
    expect((await staff(police, 'GET', `/api/v1/console/cases/${created.id}`)).json().code).toBe('CASE_NOT_FOUND');

    const accepted = await staff(canlian, 'POST', `/api/v1/console/cases/${created.id}/actions`, {
      action: 'accept',
      version: 1,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const approved = await staff(canlian, 'POST', `/api/v1/console/cases/${created.id}/actions`, {
      action: 'approve',
      version: 2,
      collection: COLLECTION,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', collection: COLLECTION });
    const detail = (await c.call('GET', `/api/v1/me/cases/${created.id}`, undefined, zhang.cookie)).json();
    expect(detail.events[1].actorName).toBe('广东省残疾人联合会');
  });

  it('刘芳 holds a 肢体残疾二级 card: no new certificate, but 补办, 等级变更 and the care subsidy', async () => {
    const liu = await c.verifiedAccount(demo('刘芳'));
    const refused = await submit(
      liu.cookie,
      'canjirenzheng-shenqing',
      GZ,
      { category: '4', cause: '肢体', residenceAddress: ADDRESS, contactPhone: PHONE },
      ['id-card', 'photo'],
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe(
      '您已持有残疾人证（肢体残疾二级），无需重复申请；证件遗失或损毁的请申请补办，残疾状况变化的请申请残疾等级变更。',
    );

    const reissue = await submit(
      liu.cookie,
      'canjirenzheng-buban',
      GZ,
      { reason: 'lost', residenceAddress: ADDRESS, contactPhone: PHONE },
      ['id-card', 'photo'],
    );
    expect(reissue.statusCode, reissue.body).toBe(201);
    expect(reissue.json().summary).toBe('补办原因：遗失');

    const change = await submit(
      liu.cookie,
      'canji-dengji-biangeng',
      GZ,
      { direction: 'worse', reason: '2025年起右上肢功能也受限', contactPhone: PHONE },
      ['id-card', 'medical'],
    );
    expect(change.statusCode, change.body).toBe(201);

    const living = await submit(
      liu.cookie,
      'canjiren-butie-shenqing',
      GZ,
      { kind: 'living', livingSituation: 'family', contactPhone: PHONE },
      ['id-card'],
    );
    expect(living.statusCode).toBe(409);
    expect(living.json().detail).toBe(
      '困难残疾人生活补贴面向最低生活保障家庭或低收入家庭中的残疾人；民政部门未查询到您家庭的低保或低收入家庭认定。',
    );
    const care = await submit(
      liu.cookie,
      'canjiren-butie-shenqing',
      GZ,
      { kind: 'care', livingSituation: 'family', contactPhone: PHONE },
      ['id-card'],
    );
    expect(care.statusCode, care.body).toBe(201);
    expect(care.json().summary).toBe('补贴类型：重度残疾人护理补贴');
    // The subsidy is the result: approving it needs no place and hours.
    const id = care.json().id as string;
    await staff(canlian, 'POST', `/api/v1/console/cases/${id}/actions`, { action: 'accept', version: 1 });
    const approved = await staff(canlian, 'POST', `/api/v1/console/cases/${id}/actions`, {
      action: 'approve',
      version: 2,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', collection: null });
  });

  it('高龄津贴 and 老年人优待证: the age from the ID number, the guide’s cities', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const age = ageOn(demo('张伟').idNumber, new Date());
    const allowance = await submit(
      zhang.cookie,
      'gaoling-jintie-shenqing',
      QY,
      { livingSituation: 'family', residenceAddress: ADDRESS, contactPhone: PHONE },
      ['id-card'],
    );
    expect(allowance.statusCode).toBe(409);
    expect(allowance.json().detail).toBe(
      `高龄津贴发放对象为年满80周岁的本省户籍老年人，您目前${age}周岁，暂不符合申请条件。`,
    );
    const inGz = await submit(
      zhang.cookie,
      'gaoling-jintie-shenqing',
      GZ,
      { livingSituation: 'family', residenceAddress: ADDRESS, contactPhone: PHONE },
      ['id-card'],
    );
    expect(inGz.json()).toMatchObject({
      code: 'SERVICE_NOT_IN_CITY',
      detail: '高龄津贴申请暂仅支持肇庆、清远、韶关，当前城市为广州。',
    });
    const card = await submit(
      zhang.cookie,
      'laonianren-youdaizheng-hefa',
      FS,
      { applyType: 'first', residenceAddress: ADDRESS, contactPhone: PHONE },
      ['id-card', 'photo'],
    );
    expect(card.statusCode).toBe(409);
    expect(card.json().detail).toBe(`老人卡发放对象为年满60周岁的老年人，您目前${age}周岁，暂不符合申请条件。`);
  });
});

describe('老年人服务 with the clock moved on: the applicants have grown old', () => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const submit = submitter(() => t, c.call);
  const now = new Date('2072-03-01T02:00:00Z');
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' }, { now: () => now });
  }, SLOW_START);
  afterAll(() => t?.close());

  it('高龄津贴 where the hukou is (清远), refused elsewhere; the card once, then only as a replacement', async () => {
    // Someone of the generated province with a 清远 hukou and a phone, 80 or older in 2072 and not on the roll.
    const found = await sql<{ name: string; id_number: string; phone: string }>`
      select name, id_number, phone from dept_gongan.people
      where hukou_city_code = '441800' and phone is not null and status = 'normal'
        and birth_date <= date '1992-03-01' and birth_date > date '1946-01-01'
      order by id_number limit 1`.execute(t.database.db);
    const row = found.rows[0];
    if (!row) throw new Error('no 清远 person with a phone in the generated province');
    const elder = await c.verifiedAccount({ name: row.name, idNumber: row.id_number, phone: row.phone });
    const form = { livingSituation: 'alone', residenceAddress: '清远市清城区（演示地址）', contactPhone: PHONE };
    const elsewhere = await submit(elder.cookie, 'gaoling-jintie-shenqing', '441200', form, ['id-card']);
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().detail).toBe('高龄津贴由户籍所在地发放，请向户籍所在地清远申请（当前城市为肇庆）。');
    const applied = await submit(elder.cookie, 'gaoling-jintie-shenqing', QY, form, ['id-card']);
    expect(applied.statusCode, applied.body).toBe(201);
    const twice = await submit(elder.cookie, 'gaoling-jintie-shenqing', QY, form, ['id-card']);
    expect(twice.json().detail).toBe('您已提交高龄津贴申请，正在办理中，请勿重复申请；可在“我的办件”查看进度。');

    // 清远民政 reviews it; the allowance is the result (nothing to collect).
    const reviewer = await staffLogin(c.call, 'qy.civil.reviewer');
    const id = applied.json().id as string;
    const act = (body: object) =>
      c.call('POST', `/api/v1/console/cases/${id}/actions`, body, undefined, { cookie: reviewer });
    expect((await act({ action: 'accept', version: 1 })).statusCode).toBe(200);
    expect((await act({ action: 'approve', version: 2 })).json()).toMatchObject({
      status: 'approved',
      collection: null,
    });

    // 老年人优待证 (清远): the first card, then 首次申领 again is refused once it was collected.
    const cardForm = { applyType: 'first', residenceAddress: '清远市清城区（演示地址）', contactPhone: PHONE };
    const first = await submit(elder.cookie, 'laonianren-youdaizheng-hefa', QY, cardForm, ['id-card', 'photo']);
    expect(first.statusCode, first.body).toBe(201);
    const cardId = first.json().id as string;
    const cardAct = (body: object) =>
      c.call('POST', `/api/v1/console/cases/${cardId}/actions`, body, undefined, { cookie: reviewer });
    await cardAct({ action: 'accept', version: 1 });
    await cardAct({
      action: 'approve',
      version: 2,
      collection: { place: '清远市清城区民政局窗口', hours: '工作日 9:00–17:00' },
    });
    expect((await cardAct({ action: 'complete', version: 3 })).json().status).toBe('completed');
    const again = await submit(elder.cookie, 'laonianren-youdaizheng-hefa', QY, cardForm, ['id-card', 'photo']);
    expect(again.json().detail).toBe('您已领取老年人优待证，无需重复申请；证件遗失或损坏的，请选择“遗失或损坏补领”。');
    const replacement = await submit(
      elder.cookie,
      'laonianren-youdaizheng-hefa',
      QY,
      { ...cardForm, applyType: 'reissue' },
      ['id-card', 'photo'],
    );
    expect(replacement.statusCode, replacement.body).toBe(201);
    expect(replacement.json().serviceName).toBe('老年人优待证核发');
  });

  it('佛山 names the card 老人卡申办: the 办件 carries the name of its city', async () => {
    const found = await sql<{ name: string; id_number: string; phone: string }>`
      select name, id_number, phone from dept_gongan.people
      where hukou_city_code = '440600' and phone is not null and status = 'normal'
        and birth_date <= date '2012-03-01' and birth_date > date '1946-01-01'
      order by id_number limit 1`.execute(t.database.db);
    const row = found.rows[0];
    if (!row) throw new Error('no 佛山 person with a phone in the generated province');
    const elder = await c.verifiedAccount({ name: row.name, idNumber: row.id_number, phone: row.phone });
    const cardForm = { applyType: 'first', residenceAddress: '佛山市禅城区（演示地址）', contactPhone: PHONE };
    const applied = await submit(elder.cookie, 'laonianren-youdaizheng-hefa', FS, cardForm, ['id-card', 'photo']);
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ serviceName: '老人卡申办', cityCode: FS });
    const mine = await c.call('GET', '/api/v1/me/cases', undefined, elder.cookie);
    expect(mine.json().map((x: { serviceName: string }) => x.serviceName)).toEqual(['老人卡申办']);
  });
});

describe('助残 with the federation’s system down', () => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const submit = submitter(() => t, c.call);
  beforeAll(async () => {
    t = await createTestApp(
      'pglite',
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        departments: (db) => ({
          ...createDepartments(
            { departments: { url: undefined, keyId: 'platform', key: undefined, timeoutMs: 2000 } },
            db,
          ),
          disabledPersons: createConnector(
            disabledPersonsSpec,
            {
              kind: 'in-process',
              call: async (operation) => {
                throw new DepartmentUnavailable(disabledPersonsSpec.id, 'server-error', `${operation}: down`);
              },
            },
            { policy: { retries: 0, backoffMs: 1 } },
          ),
        }),
      },
    );
  }, SLOW_START);
  afterAll(() => t?.close());

  it('is never a yes: 503 and no case', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const form = { category: '1', cause: '视力下降', residenceAddress: ADDRESS, contactPhone: PHONE };
    const res = await submit(zhang.cookie, 'canjirenzheng-shenqing', GZ, form, ['id-card', 'photo']);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', detail: '该服务暂时无法使用，请稍后再试。' });
    const mine = await c.call('GET', '/api/v1/me/cases?serviceId=canjirenzheng-shenqing', undefined, zhang.cookie);
    expect(mine.json()).toEqual([]);
  });
});
