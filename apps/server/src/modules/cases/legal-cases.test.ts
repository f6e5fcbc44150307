import { randomUUID } from 'node:crypto';
import { makeUscc } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDIT } from '../../departments/credit/demo.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { CASE_FILE_TYPES, caseFile } from '../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { chinaDay } from './eligibility/legal.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const EMPLOYER = { employerName: '广州粤信示范科技有限公司', employerUscc: DEMO_CREDIT.penalised };
const LABOUR_FORM = {
  applicantMode: 'individual',
  applicantCount: '1',
  ...EMPLOYER,
  employerAddress: '广东省广州市天河区体育路88号',
  disputeType: 'wages',
  claims: '请求用人单位支付2025年3月至5月拖欠的工资',
  amount: '18000.50',
  facts: '2023年入职任软件工程师，月工资6000元，2025年3月起未发工资。',
  contactPhone: '13800138000',
};
/** A well-formed code no entity has (organisation code DEM99999: the demo entities stop at DEM00003). */
const UNKNOWN_USCC = makeUscc({ authority: '9', kind: '1', regionCode: '440106', orgCode: 'DEM99999' });
const daysAgo = (n: number) => chinaDay(new Date(Date.now() - n * 86_400_000));

describe.each(ENGINES)('调解仲裁、法律服务、自报燃气读数 (cases) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let labour = '';
  let justice = '';
  let gas = '';
  let police = '';
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    labour = await staffLogin(c.call, 'gz.labour.reviewer');
    justice = await staffLogin(c.call, 'gz.justice.reviewer');
    gas = await staffLogin(c.call, 'gz.gas.reviewer');
    police = await staffLogin(c.call, 'gz.police.reviewer');
    zhang = await c.verifiedAccount(demo('张伟'));
    // The first suite after a source change builds the seeded database template: minutes on a busy machine.
  }, 300_000);
  afterAll(() => t?.close());

  let ip = 0;
  const uploaded = async () => {
    const f = caseFile('jpeg');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/attachments',
      headers: {
        'x-forwarded-for': `10.8.${Math.floor(++ip / 250)}.${ip % 250}`,
        cookie: `${SESSION_COOKIE}=${zhang.cookie}`,
        'content-type': CASE_FILE_TYPES.jpeg,
      },
      payload: f.bytes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const submit = async (serviceId: string, form: Record<string, string>, slots: string[]) => {
    const attachments: Record<string, string[]> = {};
    for (const s of slots) attachments[s] = [await uploaded()];
    return c.call(
      'POST',
      '/api/v1/me/cases',
      { serviceId, city: GZ, form, attachments, submissionId: randomUUID() },
      zhang.cookie,
    );
  };
  const act = (cookie: string, id: string, body: object) =>
    c.call('POST', `/api/v1/console/cases/${id}/actions`, body, undefined, { cookie });
  const inbox = async () =>
    (await c.call('GET', '/api/v1/me/notifications', undefined, zhang.cookie)).json().items as {
      title: string;
      body: string;
      link: string | null;
    }[];

  it('申请仲裁: the number of applicants must agree with individual (1–9) or collective (10+)', async () => {
    const tooMany = await submit('shenqing-zhongcai', { ...LABOUR_FORM, applicantCount: '12' }, []);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({
      code: 'APPLICATION_FORM_INVALID',
      detail: '个人申请适用于1-9人，10人以上请选择集体申请',
      errors: [{ path: 'form.applicantCount', message: '个人申请适用于1-9人，10人以上请选择集体申请' }],
    });
    const tooFew = await submit(
      'shenqing-zhongcai',
      { ...LABOUR_FORM, applicantMode: 'collective', applicantCount: '9', representative: '张伟' },
      [],
    );
    expect(tooFew.json()).toMatchObject({ detail: '集体申请须10人以上，1-9人请选择个人申请' });
    const namesMissing = await submit('shenqing-zhongcai', { ...LABOUR_FORM, applicantCount: '3' }, []);
    expect(namesMissing.json().errors).toEqual([{ path: 'form.otherApplicants', message: '请填写其他申请人的姓名' }]);
    const namesWrong = await submit(
      'shenqing-zhongcai',
      { ...LABOUR_FORM, applicantCount: '3', otherApplicants: '李娜' },
      [],
    );
    expect(namesWrong.json().detail).toBe('申请人数为3人，除本人外应填写2名其他申请人，现填写了1名');
    const noRepresentative = await submit(
      'shenqing-zhongcai',
      { ...LABOUR_FORM, applicantMode: 'collective', applicantCount: '25' },
      [],
    );
    expect(noRepresentative.json().detail).toBe('集体申请请填写推举的代表人');
    const badUscc = await submit('shenqing-zhongcai', { ...LABOUR_FORM, employerUscc: '91440101MA5ABCDE1X' }, []);
    expect(badUscc.json().errors[0].path).toBe('form.employerUscc');
  });

  it('申请仲裁: the employer must be registered under that code, with that name (信用广东)', async () => {
    const unknown = await submit('shenqing-zhongcai', { ...LABOUR_FORM, employerUscc: UNKNOWN_USCC }, [
      'id-card',
      'evidence',
    ]);
    expect(unknown.statusCode, unknown.body).toBe(409);
    expect(unknown.json()).toMatchObject({ code: 'APPLICATION_NOT_ELIGIBLE' });
    expect(unknown.json().detail).toMatch(/^未查询到统一社会信用代码为.+的用人单位/);
    const misnamed = await submit('shenqing-zhongcai', { ...LABOUR_FORM, employerName: '广州某某公司' }, [
      'id-card',
      'evidence',
    ]);
    expect(misnamed.statusCode).toBe(409);
    expect(misnamed.json().detail).toBe(
      '用人单位名称与统一社会信用代码登记的名称“广州粤信示范科技有限公司”不一致，请核对后重新填写。',
    );
    const noEvidence = await submit('shenqing-zhongcai', LABOUR_FORM, ['id-card']);
    expect(noEvidence.json()).toMatchObject({ code: 'ATTACHMENT_REQUIRED' });
  });

  it('申请调解, collectively: reviewed by 广州’s labour-dispute staff only, the outcome reaches the applicant', async () => {
    const res = await submit(
      'shenqing-tiaojie',
      { ...LABOUR_FORM, applicantMode: 'collective', applicantCount: '14', representative: '张伟、李娜' },
      ['id-card', 'evidence', 'applicant-list'],
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ serviceName: '申请调解', summary: '争议类型：追索劳动报酬（拖欠工资）' });
    expect(created.form).toContainEqual(
      expect.objectContaining({ name: 'applicantMode', value: '集体申请（10人以上）' }),
    );
    const queue = await c.call('GET', '/api/v1/console/cases?serviceId=shenqing-tiaojie', undefined, undefined, {
      cookie: labour,
    });
    expect(queue.json().map((x: { id: string }) => x.id)).toContain(created.id);
    const other = await c.call('GET', `/api/v1/console/cases/${created.id}`, undefined, undefined, { cookie: police });
    expect(other.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect((await act(labour, created.id, { action: 'accept', version: 1 })).statusCode).toBe(200);
    const approved = await act(labour, created.id, {
      action: 'approve',
      version: 2,
      note: '调解定于6月10日上午9时在天河区劳动争议调解中心进行',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await inbox())[0]?.body).toContain('调解定于6月10日上午9时在天河区劳动争议调解中心进行');
  });

  it('仲裁审查确认: 1 person or 2+, within 15 days of the agreement', async () => {
    const base = {
      applicantMode: 'single',
      applicantCount: '1',
      ...EMPLOYER,
      mediationOrganisation: '天河区劳动争议调解委员会',
      agreementDate: daysAgo(3),
      agreementContent: '用人单位于30日内支付拖欠工资18000元',
      amount: '18000',
      contactPhone: '13800138000',
    };
    const two = await submit('zhongcai-shencha-queren', { ...base, applicantCount: '2' }, []);
    expect(two.json().detail).toBe('2人以上请选择“2人以上集体申请”');
    const late = await submit('zhongcai-shencha-queren', { ...base, agreementDate: daysAgo(16) }, []);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe(
      '仲裁审查申请应当自调解协议生效之日起15日内提出，该调解协议已超过期限；可直接申请仲裁。',
    );
    const future = await submit('zhongcai-shencha-queren', { ...base, agreementDate: daysAgo(-2) }, []);
    expect(future.json().detail).toBe('调解协议生效日期不能晚于今天，请核对。');
    const ok = await submit(
      'zhongcai-shencha-queren',
      { ...base, applicantMode: 'collective', applicantCount: '2', representative: '张伟' },
      ['agreement', 'id-card'],
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('立即咨询: justice staff answer, the answer is the approval note in 消息 and on the case page', async () => {
    const res = await submit(
      'falv-liji-zixun',
      { topic: 'marriage-family', question: '离婚后孩子的抚养费一般怎么计算？', contactPhone: '13800138000' },
      [],
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const notMine = await c.call('GET', `/api/v1/console/cases/${id}`, undefined, undefined, { cookie: labour });
    expect(notMine.json().code).toBe('CASE_NOT_FOUND');
    await act(justice, id, { action: 'accept', version: 1 });
    // the answer is what the citizen asked for: no approval without it
    const silent = await act(justice, id, { action: 'approve', version: 2 });
    expect(silent.statusCode).toBe(400);
    expect(silent.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: '请填写答复内容' });
    const answer = '抚养费数额由双方协议，协议不成的由人民法院根据子女实际需要和父母负担能力判决。';
    expect((await act(justice, id, { action: 'approve', version: 2, note: answer })).statusCode).toBe(200);
    const detail = (await c.call('GET', `/api/v1/me/cases/${id}`, undefined, zhang.cookie)).json();
    expect(detail.events.at(-1)).toMatchObject({ action: 'approve', note: answer });
    expect((await inbox())[0]).toMatchObject({ title: '您的立即咨询申请已审核通过', link: `/cases/${id}` });
    expect((await inbox())[0]?.body).toContain(answer);
  });

  it('聘请律师: a chosen lawyer must practise (司法厅 directory); 法律援助 needs the hardship declaration', async () => {
    const form = {
      topic: 'labour',
      serviceKind: 'arbitration',
      matter: '公司拖欠工资，需要律师代理仲裁',
      contactPhone: '13800138000',
    };
    const unknown = await submit('pinqing-lvshi', { ...form, lawyerLicence: '14401000000000000' }, []);
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().detail).toMatch(/^未查询到执业证号为14401000000000000的执业律师/);
    const lawyer = await t.database.db
      .selectFrom('dept_sifa.lawyers')
      .select('licence_number')
      .executeTakeFirstOrThrow();
    const chosen = await submit('pinqing-lvshi', { ...form, lawyerLicence: lawyer.licence_number }, []);
    expect(chosen.statusCode, chosen.body).toBe(201);
    const aid = {
      topic: 'labour',
      matter: '追索拖欠工资',
      householdSize: '3',
      monthlyIncome: '2100',
      hardshipGround: 'low-income',
      pledge: 'decline',
      contactPhone: '13800138000',
    };
    const declined = await submit('falv-yuanzhu-shenqing', aid, []);
    expect(declined.json()).toMatchObject({
      code: 'APPLICATION_FORM_INVALID',
      detail: '申请法律援助须承诺经济困难状况属实',
    });
    const applied = await submit('falv-yuanzhu-shenqing', { ...aid, pledge: 'agree' }, ['id-card', 'matter-materials']);
    expect(applied.statusCode, applied.body).toBe(201);
  });

  it('办公证: approval needs the place and time; the applicant is told to bring the originals', async () => {
    const form = {
      notarizationType: 'education',
      use: 'abroad',
      language: 'en',
      copies: '2',
      details: '证明本人于2010年毕业于中山大学，获学士学位',
      contactPhone: '13800138000',
    };
    const noCountry = await submit('ban-gongzheng', form, []);
    expect(noCountry.json().detail).toBe('出国（境）使用请填写使用国家或地区');
    const res = await submit('ban-gongzheng', { ...form, destination: '英国' }, ['id-card', 'documents']);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await act(justice, id, { action: 'accept', version: 1 });
    expect((await act(justice, id, { action: 'approve', version: 2 })).json().code).toBe('VALIDATION_FAILED');
    const place = { place: '广州市南方公证处（天河区体育东路1号）', hours: '工作日 9:00–17:00，自通知之日起30日内' };
    expect((await act(justice, id, { action: 'approve', version: 2, collection: place })).statusCode).toBe(200);
    expect((await inbox())[0]?.body).toContain('领取地点：广州市南方公证处（天河区体育东路1号）');
  });

  it('自报燃气读数: the gas company refuses a reading below the last one and an unknown account', async () => {
    const account = await t.database.db
      .selectFrom('dept_gongyong.accounts')
      .select('account_number')
      .where('company_id', '=', 'guangzhou-gas')
      .where('holder_name', '=', '张伟')
      .executeTakeFirstOrThrow();
    const last = await t.database.db
      .selectFrom('dept_gongyong.bills')
      .select('current_reading')
      .where('account_number', '=', account.account_number)
      .orderBy('period', 'desc')
      .executeTakeFirstOrThrow();
    const form = { accountNumber: account.account_number, readOn: daysAgo(0) };
    const below = await submit('ranqi-zibao-dushu', { ...form, reading: String(last.current_reading - 1) }, [
      'meter-photo',
    ]);
    expect(below.statusCode).toBe(409);
    expect(below.json().detail).toMatch(new RegExp(`^本次读数不能小于上次读数（${last.current_reading}立方米，`));
    const unknown = await submit('ranqi-zibao-dushu', { ...form, accountNumber: '2999999999', reading: '10' }, [
      'meter-photo',
    ]);
    expect(unknown.json().code).toBe('UTILITY_ACCOUNT_NOT_FOUND');
    const future = await submit('ranqi-zibao-dushu', { ...form, readOn: daysAgo(-1), reading: '99999' }, []);
    expect(future.json().detail).toBe('抄表日期不能晚于今天，请核对。');
    const ok = await submit('ranqi-zibao-dushu', { ...form, reading: String(last.current_reading + 12) }, [
      'meter-photo',
    ]);
    expect(ok.statusCode, ok.body).toBe(201);
    const queue = await c.call('GET', '/api/v1/console/cases?serviceId=ranqi-zibao-dushu', undefined, undefined, {
      cookie: gas,
    });
    expect(queue.json().map((x: { id: string }) => x.id)).toContain(ok.json().id);
  });
});
