import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../departments/population-register/generator.js';
import { CASE_FILE_TYPES, caseFile } from '../../../test-support/case-files.js';
import { citizenClient, SESSION_COOKIE } from '../../../test-support/citizen-client.js';
import { staffLogin } from '../../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const POSTAL = {
  recipientName: '刘洋',
  recipientPhone: '13800138004',
  postalAddress: '广州市白云区机场路1962号3栋502',
};

/**
 * 行驶驾驶 (D3) and 智慧出行 (D5) applications: who may apply, decided from the traffic police's records (六年免检 by the
 * department's own rule, 驾驶证/行驶证换证 from the licence and vehicle), 快速理赔 for minor accidents only, 道路救援 one at
 * a time; the traffic police's and the transport department's reviewers see their own cases. The platform's clock
 * is 2026-01-10 (the sandbox province's date is 2026-01-01).
 */
describe.each(ENGINES)('交通出行 applications on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let people: Record<'zhang' | 'liuYang' | 'liuFang' | 'chen', Awaited<ReturnType<typeof c.verifiedAccount>>>;
  let trafficReviewer = '';
  let transportReviewer = '';
  beforeAll(async () => {
    t = await createTestApp(
      engine,
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      { now: () => new Date('2026-01-10T02:00:00.000Z') },
    );
    people = {
      zhang: await c.verifiedAccount(demo('张伟')),
      liuYang: await c.verifiedAccount(demo('刘洋')),
      liuFang: await c.verifiedAccount(demo('刘芳')),
      chen: await c.verifiedAccount(demo('陈志强')),
    };
    trafficReviewer = await staffLogin(c.call, 'gz.traffic.reviewer');
    transportReviewer = await staffLogin(c.call, 'gz.transport.reviewer');
  }, 600_000);
  afterAll(() => t?.close());

  let ip = 0;
  const photo = async (cookie: string) => {
    const f = caseFile('jpeg');
    const res = await t.app.inject({
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
  const submit = (
    cookie: string,
    serviceId: string,
    form: Record<string, string>,
    attachments: Record<string, string[]> = {},
    city = GZ,
  ) => c.call('POST', '/api/v1/me/cases', { serviceId, city, form, attachments, submissionId: randomUUID() }, cookie);
  const refused = async (res: Awaited<ReturnType<typeof submit>>) => {
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('APPLICATION_NOT_ELIGIBLE');
    return res.json().detail as string;
  };
  const queue = async (cookie: string) =>
    (await c.call('GET', '/api/v1/console/cases', undefined, undefined, { cookie })).json() as {
      id: string;
      serviceId: string;
    }[];

  it('六年免检: 刘洋’s 2020 car in its window applies; the traffic police approve and the label goes by post', async () => {
    const res = await submit(people.liuYang.cookie, 'liunian-mianjian-shenqing', { plate: '粤a6r35p', ...POSTAL });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ serviceName: '六年免检申请', status: 'submitted', summary: '号牌号码：粤A6R35P' });
    // one at a time
    expect(
      await refused(await submit(people.liuYang.cookie, 'liunian-mianjian-shenqing', { plate: '粤A6R35P', ...POSTAL })),
    ).toBe('您已有一件六年免检申请正在办理中，请等待办理结果后再申请。');
    // the traffic police's reviewer sees it, the transport department's does not
    expect((await queue(trafficReviewer)).map((x) => x.id)).toContain(created.id);
    expect((await queue(transportReviewer)).map((x) => x.id)).not.toContain(created.id);
    const act = (body: object) =>
      c.call('POST', `/api/v1/console/cases/${created.id}/actions`, body, undefined, { cookie: trafficReviewer });
    expect((await act({ action: 'accept', version: 1 })).statusCode).toBe(200);
    const approved = await act({ action: 'approve', version: 2, note: 'EMS 1234567890123' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
  });

  it('六年免检 refusals in the department’s words: past 6 years, not yet due, someone else’s car', async () => {
    expect(
      await refused(await submit(people.zhang.cookie, 'liunian-mianjian-shenqing', { plate: '粤A8K2M6', ...POSTAL })),
    ).toBe('该车辆注册登记已超过6年，本检验周期需到机动车安全技术检验机构上线检验，不能申请免检。');
    expect(
      await refused(
        await submit(people.liuFang.cookie, 'liunian-mianjian-shenqing', { plate: '粤AD52618', ...POSTAL }),
      ),
    ).toBe('该车辆未到申领检验标志的时间。请在检验有效期满前3个月内申请（2027-03-30至2027-06-30）。');
    expect(
      await refused(await submit(people.zhang.cookie, 'liunian-mianjian-shenqing', { plate: '粤AD52618', ...POSTAL })),
    ).toBe('未找到您名下该号牌的机动车，请核对号牌号码。');
    const bad = await submit(people.zhang.cookie, 'liunian-mianjian-shenqing', { plate: '粤12', ...POSTAL });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'APPLICATION_FORM_INVALID' });
    expect(bad.json().errors[0].path).toBe('form.plate');
  });

  it('驾驶证换证: 期满 within 90 days or up to a year after; 长期 licences only for 损毁/遗失; a photo is required', async () => {
    expect(
      await refused(await submit(people.zhang.cookie, 'jiashizheng-huanzheng', { reason: 'expiring', ...POSTAL })),
    ).toBe('您的驾驶证有效期为长期，无需期满换证；如驾驶证损毁或遗失，请选择相应的换证原因。');
    expect(
      await refused(await submit(people.liuFang.cookie, 'jiashizheng-huanzheng', { reason: 'expiring', ...POSTAL })),
    ).toBe('驾驶证有效期满前90日内方可申请期满换证。您的驾驶证有效期至2031-03-10，可于2030-12-10起申请。');
    const noPhoto = await submit(people.zhang.cookie, 'jiashizheng-huanzheng', { reason: 'damaged', ...POSTAL });
    expect(noPhoto.json().code).toBe('ATTACHMENT_REQUIRED');
    const damaged = await submit(
      people.zhang.cookie,
      'jiashizheng-huanzheng',
      { reason: 'damaged', ...POSTAL },
      {
        photo: [await photo(people.zhang.cookie)],
      },
    );
    expect(damaged.statusCode, damaged.body).toBe(201);
    // 刘洋's licence ended 2025-08-20 (逾期未换证): still renewable within the year
    const overdue = await submit(
      people.liuYang.cookie,
      'jiashizheng-huanzheng',
      { reason: 'expiring', ...POSTAL },
      {
        photo: [await photo(people.liuYang.cookie)],
      },
    );
    expect(overdue.statusCode, overdue.body).toBe(201);
    expect((await queue(trafficReviewer)).filter((x) => x.serviceId === 'jiashizheng-huanzheng')).toHaveLength(2);
  });

  it('行驶证换证: a vehicle of the applicant’s, not overdue for inspection', async () => {
    expect(
      await refused(
        await submit(people.chen.cookie, 'xingshizheng-huanzheng', { plate: '粤A8K2M6', reason: 'damaged', ...POSTAL }),
      ),
    ).toBe('未找到您名下该号牌的机动车，请核对号牌号码。');
    const ok = await submit(people.chen.cookie, 'xingshizheng-huanzheng', {
      plate: '粤E5T8Q1',
      reason: 'full',
      ...POSTAL,
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('快速理赔: minor accidents of the last 30 days only, both plates different, photos of the scene', async () => {
    const form = {
      injuries: 'none',
      accidentDate: '2026-01-09',
      accidentPlace: '天河路与体育东路交叉路口',
      ownPlate: '粤A8K2M6',
      ownInsurer: 'picc',
      otherPlate: '湘A12345',
      otherInsurer: 'pingan',
      otherPhone: '13912345678',
      description: '本车直行，对方车辆变更车道时碰撞本车右后侧',
    };
    expect(await refused(await submit(people.zhang.cookie, 'kuaisu-lipei', { ...form, injuries: 'injured' }))).toBe(
      '有人员伤亡或车辆无法移动的事故不适用快速理赔，请立即拨打122或110报警，由交警到现场处理。',
    );
    expect(
      await refused(await submit(people.zhang.cookie, 'kuaisu-lipei', { ...form, accidentDate: '2026-01-11' })),
    ).toBe('事故日期不能晚于今天，请重新选择。');
    expect(
      await refused(await submit(people.zhang.cookie, 'kuaisu-lipei', { ...form, accidentDate: '2025-12-01' })),
    ).toContain('仅受理30日内');
    const same = await submit(people.zhang.cookie, 'kuaisu-lipei', { ...form, otherPlate: '粤a8k2m6' });
    expect(same.json().errors).toContainEqual({ path: 'form.otherPlate', message: '对方号牌号码不能与本方相同' });
    const ok = await submit(people.zhang.cookie, 'kuaisu-lipei', form, { scene: [await photo(people.zhang.cookie)] });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('道路救援: to the transport department’s dispatcher, one open request at a time', async () => {
    const form = {
      location: '广深高速广州往深圳方向K35+200',
      plate: '粤AD52618',
      problem: 'tyre',
      phone: '13800138001',
    };
    const res = await submit(people.liuFang.cookie, 'daolu-jiuyuan', form);
    expect(res.statusCode, res.body).toBe(201);
    expect((await queue(transportReviewer)).map((x) => x.id)).toEqual([res.json().id]);
    expect((await queue(trafficReviewer)).map((x) => x.id)).not.toContain(res.json().id);
    expect(await refused(await submit(people.liuFang.cookie, 'daolu-jiuyuan', form))).toBe(
      '您已有一件道路救援申请正在办理中，请等待办理结果后再申请。',
    );
  });
});
