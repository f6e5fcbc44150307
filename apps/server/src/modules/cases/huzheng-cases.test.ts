import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWBORN, NEWBORN_MOTHER } from '../../departments/health/demo.js';
import { demoPerson as demo } from '../../departments/kit/demo.js';
import { caseFlow } from '../../test-support/case-flow.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

/**
 * 户政 / 积分 / 出生登记 / 婚姻登记记录证明 (docs/huzheng.md) over the demo people's department records: each
 * service refused in the guide's words to one person, accepted for another and walked through the review by the
 * reviewer whose grant covers it. The clock is China 2026-09-15: 陈志强's 广州 居住登记 (approved 2025-03-20) is over
 * half a year old, 刘洋's 签注 (to 2026-09-29) is within its last 30 days.
 */
const GZ = '440100';
const FS = '440600';
const NOW = new Date('2026-09-15T04:00:00Z');
/** The app's clock: NOW, moved forward by the 承诺办结时限 walk (and put back). */
let clock = NOW;
const at = (chinaDay: string) => {
  clock = new Date(`${chinaDay}T02:00:00Z`); // 10:00 China time
};
const PHONE = '13800138000';
const COLLECTION = {
  place: '广州市公安局海珠区分局新港派出所户政窗口',
  hours: '工作日 9:00–17:00，自通知之日起30日内',
};

describe.each(ENGINES)('户政、积分、出生登记、婚姻登记记录证明 on %s', (engine) => {
  let t: TestApp;
  const flow = caseFlow(() => t, '10.8');
  const { c, citizen, submit } = flow;
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' }, { now: () => clock });
    // The first run after a change to the demo data seeds the province's template (minutes on a busy machine).
  }, 600_000);
  afterAll(() => t?.close());

  const refusal = (res: { statusCode: number; json(): { code: string; detail: string } }) => {
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('APPLICATION_NOT_ELIGIBLE');
    return res.json().detail;
  };
  const reviewerCookie = flow.reviewer;
  const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });

  /** Accept then approve as `reviewer`, checking the applicant's view and the 消息 on the way. */
  async function review(reviewer: string, caseId: string, applicant: string, approve: object) {
    const cookie = await reviewerCookie(reviewer);
    const queue = await staff(cookie, 'GET', '/api/v1/console/cases?status=submitted');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().map((x: { id: string }) => x.id)).toContain(caseId);
    expect(queue.body).not.toContain(PHONE);
    await flow.approve(reviewer, caseId, approve);
    const mine = await flow.mine(applicant, caseId);
    expect(mine.status).toBe('approved');
    return { detail: mine, cookie };
  }

  it('申领居住证: 李娜’s registration is under review (refused in the guide’s words); 陈志强’s is half a year old', async () => {
    const form = { residenceAddress: '广州市海珠区新港中路397号6栋803房', phone: PHONE };
    const li = await submit('李娜', 'shenling-juzhuzheng', GZ, form, ['id-card', 'photo']);
    expect(refusal(li)).toBe(
      '“申报居住登记”审批通过，满半年〔深圳除外〕后方可申领居住证；您在广州申报的居住登记尚在审核中。',
    );
    const res = await submit('陈志强', 'shenling-juzhuzheng', GZ, form, ['id-card', 'photo']);
    expect(res.statusCode, res.body).toBe(201);
    // 承诺办结时限 (自受理之日起10个工作日): none before 受理.
    expect(res.json().timeLimit).toBeNull();
    const id = res.json().id as string;
    const act = async (body: object) => {
      const r = await flow.staff('gz.police.reviewer', 'POST', `/api/v1/console/cases/${id}/actions`, body);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const queue = async (query: string) => {
      const r = await flow.staff('gz.police.reviewer', 'GET', `/api/v1/console/cases?${query}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { id: string; timeLimit: unknown }[]).find((x) => x.id === id);
    };
    try {
      // Accepted Monday 2026-09-28: 9-29, 9-30, (国庆 10-1…10-7), 10-8, 10-9, 10-10 (调休上班), 10-12…10-16.
      at('2026-09-28');
      const accepted = await act({ action: 'accept', version: 1 });
      const running = { workingDays: 10, dueOn: '2026-10-16', workingDaysLeft: 10, state: 'running' };
      expect(accepted.timeLimit).toMatchObject({ ...running, stateLabel: '办理中' });
      expect((await flow.mine('陈志强', id)).timeLimit).toMatchObject(running);
      // 补正 pauses the clock: nothing shown meanwhile, and the next 受理 counts 10 working days from its own day.
      at('2026-09-30');
      await act({ action: 'request_supplement', version: 2, note: '请上传近期免冠证件照。' });
      expect((await flow.mine('陈志强', id)).timeLimit).toBeNull();
      at('2026-10-09');
      const supplemented = await c.call(
        'POST',
        `/api/v1/me/cases/${id}/supplement`,
        { note: '已补充照片', attachments: { photo: [await flow.upload(await citizen('陈志强'))] } },
        await citizen('陈志强'),
      );
      expect(supplemented.statusCode, supplemented.body).toBe(200);
      expect(supplemented.json().timeLimit).toBeNull();
      at('2026-10-12');
      expect((await act({ action: 'accept', version: 4 })).timeLimit).toMatchObject({ dueOn: '2026-10-26' });
      // Thursday 10-22: 10-23 and 10-26 left, 即将到期; not yet in the 已超期 queue.
      at('2026-10-22');
      expect(await queue('status=accepted')).toMatchObject({
        timeLimit: { dueOn: '2026-10-26', workingDaysLeft: 2, state: 'due_soon', stateLabel: '即将到期' },
      });
      expect(await queue('overdue=true')).toBeUndefined();
      // The due date itself is still in time; the day after it is 已超期.
      at('2026-10-26');
      expect(await queue('overdue=true')).toBeUndefined();
      at('2026-10-27');
      expect(await queue('overdue=true')).toMatchObject({
        timeLimit: { workingDaysLeft: -1, state: 'overdue', stateLabel: '已超期' },
      });
      const bad = await flow.staff('gz.police.reviewer', 'GET', '/api/v1/console/cases?overdue=yes');
      expect(bad.statusCode).toBe(400);
      // Decided: the clock stops, the case leaves the 已超期 queue.
      const detail = await act({ action: 'approve', version: 5, collection: COLLECTION });
      expect(detail.timeLimit).toBeNull();
      expect(detail.collection).toEqual(COLLECTION);
      expect(await queue('overdue=true')).toBeUndefined();
    } finally {
      clock = NOW;
    }
    // The permit is being made (not yet in the register): a second application is refused by the approved case.
    const again = await submit('陈志强', 'shenling-juzhuzheng', GZ, form, ['id-card', 'photo']);
    expect(refusal(again)).toBe('您在广州的居住证申请正在办理中，请勿重复申请。');
    // 佛山's reviewer never sees 广州's case.
    const fs = await reviewerCookie('fs.huzheng.reviewer');
    expect((await staff(fs, 'GET', `/api/v1/console/cases/${res.json().id}`)).statusCode).toBe(404);
  });

  it('申报居住登记: refused to 张伟 (广州 hukou); 刘洋 declares a new address and the reviewer approves it', async () => {
    const form = {
      residenceAddress: '广州市白云区机场路1962号8栋506房',
      dwellingType: 'rented',
      reason: 'work',
      movedInOn: '2026-08-01',
      phone: PHONE,
    };
    const zhang = await submit('张伟', 'shenbao-juzhu-dengji', GZ, form, ['id-card', 'residence-proof']);
    expect(refusal(zhang)).toBe(
      '申报居住登记面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在广州，无需办理。',
    );
    const liu = await submit('刘洋', 'shenbao-juzhu-dengji', GZ, form, ['id-card', 'residence-proof']);
    expect(liu.statusCode, liu.body).toBe(201);
    expect(liu.json().summary).toBe('居住地址：广州市白云区机场路1962号8栋506房');
    await review('gz.police.reviewer', liu.json().id, '刘洋', { note: '居住登记已审核通过。' });
    // Now under review no more: declaring again is not refused as a duplicate.
    const twice = await submit('刘洋', 'shenbao-juzhu-dengji', GZ, form, ['id-card', 'residence-proof']);
    expect(twice.statusCode, twice.body).toBe(201);
    // A service whose guide states no 承诺办结时限: accepted without a deadline.
    const accepted = await flow.staff(
      'gz.police.reviewer',
      'POST',
      `/api/v1/console/cases/${twice.json().id}/actions`,
      {
        action: 'accept',
        version: 1,
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', timeLimit: null });
    const third = await submit('刘洋', 'shenbao-juzhu-dengji', GZ, form, ['id-card', 'residence-proof']);
    expect(refusal(third)).toBe('您在广州申报的居住登记正在审核中，请等待审核结果，无需重复申报。');
  });

  it('签注居住证: 陈志强 holds no permit; 刘洋’s 签注 runs out on 2026-09-29 and is endorsed', async () => {
    const form = { addressChanged: 'no', phone: PHONE };
    expect(refusal(await submit('陈志强', 'qianzhu-juzhuzheng', GZ, form, []))).toBe(
      '未查询到您在广州签发的广东省居住证，请先申领居住证。',
    );
    const res = await submit('刘洋', 'qianzhu-juzhuzheng', GZ, form, []);
    expect(res.statusCode, res.body).toBe(201);
    const { detail } = await review('gz.police.reviewer', res.json().id, '刘洋', {});
    expect(detail.collection).toBeNull();
  });

  it('积分: 张伟 holds no 居住证 and no record; 刘洋 applies, adjusts and (86 ≥ 60 points) applies to settle', async () => {
    const apply = {
      education: 'college',
      skill: 'intermediate',
      insuranceYears: '5',
      employer: '广州某某物流有限公司',
      phone: PHONE,
    };
    expect(refusal(await submit('张伟', 'jifen-shenqing', GZ, apply, ['proofs']))).toBe(
      '积分服务面向持有在本市办理且有效期内《广东省居住证》的外来人员；未查询到您在广州办理且在有效期内的广东省居住证。',
    );
    const adjust = { item: 'education', newSituation: '取得本科学历', reason: '2026年取得本科学历', phone: PHONE };
    expect(refusal(await submit('张伟', 'jifen-tiaozheng', GZ, adjust, ['proofs']))).toBe(
      '未查询到您的积分记录，请先办理积分申请。',
    );
    const settle = { settleType: 'community', settleAddress: '广州市白云区机场路社区公共集体户', phone: PHONE };
    expect(refusal(await submit('张伟', 'jifen-ruhu', GZ, settle, ['housing-proof']))).toBe(
      '未查询到您的积分记录，请先办理积分申请。',
    );
    // 广州 only, in the catalog's words.
    const sz = await submit('刘洋', 'jifen-shenqing', '440300', apply, ['proofs']);
    expect(sz.json()).toMatchObject({ code: 'SERVICE_NOT_IN_CITY' });

    const applied = await submit('刘洋', 'jifen-shenqing', GZ, apply, ['proofs']);
    expect(applied.statusCode, applied.body).toBe(201);
    expect(refusal(await submit('刘洋', 'jifen-shenqing', GZ, apply, ['proofs']))).toBe(
      '您的积分申请正在审核中，请勿重复申请。',
    );
    const adjusted = await submit('刘洋', 'jifen-tiaozheng', GZ, adjust, ['proofs']);
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    const settled = await submit('刘洋', 'jifen-ruhu', GZ, settle, ['housing-proof']);
    expect(settled.statusCode, settled.body).toBe(201);
    // The public-security reviewer does not reach the 来穗局's cases; the 来穗局's reviewer does.
    const police = await reviewerCookie('gz.police.reviewer');
    expect((await staff(police, 'GET', `/api/v1/console/cases/${settled.json().id}`)).statusCode).toBe(404);
    await review('gz.jifen.reviewer', applied.json().id, '刘洋', { note: '核准积分92分。' });
    const { detail } = await review('gz.jifen.reviewer', settled.json().id, '刘洋', {
      collection: { place: '广州市白云区来穗人员服务管理局服务大厅', hours: '工作日 9:00–17:00' },
    });
    expect(detail.serviceName).toBe('积分入户');
  });

  it('出生登记: refused in 广州 and to a non-parent; 陈志强 registers 陈思语 in 佛山, as the health commission holds her', async () => {
    const chen = demo('陈志强');
    const form = {
      birthKind: 'guangdong',
      childName: NEWBORN.childName,
      childSex: 'female',
      birthDate: NEWBORN.birthDate,
      certificateNumber: NEWBORN.certificateNumber.toLowerCase(),
      motherName: NEWBORN_MOTHER.name,
      motherIdNumber: NEWBORN_MOTHER.idNumber,
      fatherName: chen.name,
      fatherIdNumber: chen.idNumber,
      householdAddress: '佛山市禅城区祖庙路18号5栋602房',
      phone: PHONE,
    };
    const slots = ['birth-certificate', 'household-register'];
    const gz = await submit('陈志强', 'chusheng-dengji', GZ, form, slots);
    expect(gz.json()).toMatchObject({ code: 'SERVICE_NOT_IN_CITY' });
    expect(refusal(await submit('李娜', 'chusheng-dengji', FS, form, slots))).toBe(
      '出生登记须由新生儿的父亲或母亲本人申报；请核对填写的父母身份证号码。',
    );
    expect(refusal(await submit('陈志强', 'chusheng-dengji', FS, { ...form, birthDate: '2025-12-11' }, slots))).toBe(
      '填写的出生日期与出生医学证明不一致，请核对后重新填写。',
    );
    const res = await submit('陈志强', 'chusheng-dengji', FS, form, slots);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().summary).toBe('新生儿姓名：陈思语');
    // The parents' ID numbers and the phone are masked in the applicant's and the reviewer's views.
    const masked = (id: string) => `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`;
    expect(res.json().form).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'motherIdNumber', value: masked(NEWBORN_MOTHER.idNumber), masked: true }),
        expect.objectContaining({ name: 'fatherIdNumber', value: masked(chen.idNumber), masked: true }),
        expect.objectContaining({ name: 'phone', value: '138****8000', masked: true }),
        expect.objectContaining({ name: 'fatherName', value: chen.name, masked: false }),
      ]),
    );
    const fs = await reviewerCookie('fs.huzheng.reviewer');
    const seen = await staff(fs, 'GET', `/api/v1/console/cases/${res.json().id}`);
    for (const body of [res.body, seen.body]) {
      for (const secret of [NEWBORN_MOTHER.idNumber, chen.idNumber, PHONE]) expect(body).not.toContain(secret);
    }
    const mother = await staff(fs, 'POST', `/api/v1/console/cases/${res.json().id}/form/motherIdNumber/reveal`);
    expect(mother.json()).toEqual({ name: 'motherIdNumber', value: NEWBORN_MOTHER.idNumber });
    await review('fs.huzheng.reviewer', res.json().id, '陈志强', {
      collection: { place: '佛山市公安局禅城分局祖庙派出所户政窗口', hours: '工作日 9:00–17:00' },
    });
  });

  it('婚姻登记记录证明: 李娜 has no registration in Guangdong; 张伟’s certificate is approved and posted', async () => {
    const form = {
      purpose: 'housing',
      recipientName: '张伟',
      recipientPhone: PHONE,
      postalAddress: '广东省广州市天河区天河路385号3栋1201房',
    };
    expect(refusal(await submit('李娜', 'hunyin-dengji-jilu-zhengming', GZ, form, []))).toBe(
      '未查询到您在广东省的婚姻登记记录，无法开具婚姻登记记录证明（婚姻登记机关不出具无婚姻登记记录证明）。',
    );
    const res = await submit('张伟', 'hunyin-dengji-jilu-zhengming', GZ, form, []);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().summary).toBe('开具用途：购房、贷款');
    const police = await reviewerCookie('gz.police.reviewer');
    expect((await staff(police, 'GET', `/api/v1/console/cases/${res.json().id}`)).statusCode).toBe(404);
    // 显示 outside the reviewer's reach is absent too, like the detail.
    const outside = await staff(police, 'POST', `/api/v1/console/cases/${res.json().id}/form/recipientPhone/reveal`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('CASE_NOT_FOUND');
    await review('gz.hunyin.reviewer', res.json().id, '张伟', {});
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, await citizen('张伟'))).json().items as {
      title: string;
      body: string;
    }[];
    expect(inbox[0]?.title).toBe('您的婚姻登记记录证明申请已审核通过');
    expect(inbox[0]?.body).toContain('结果将邮寄至您填写的地址');
  });
});
