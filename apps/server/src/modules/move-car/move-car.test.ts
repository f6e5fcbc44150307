import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { chinaDayStart } from './service.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const URL = '/api/v1/me/move-car-requests';
const GZ = '440100';

/**
 * 一键移车 (G6) over HTTP: the reminder reaches the owner's registered phone (sandbox SMS outbox) and nothing of the
 * owner reaches the requester; the limits per plate and per requester with their Chinese messages; plates without
 * a reachable owner; bad input; the audit entry in 我的访问记录; nothing of the owner stored.
 */
describe.each(ENGINES)('一键移车 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let clock = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in Guangzhou
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  let liuYang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  const minutes = (n: number) => {
    clock = new Date(clock.getTime() + n * 60_000);
  };
  const move = (
    body: Partial<{ plate: string; contactPhone: string; place: string; reason: string; city: string }>,
    cookie = zhang.cookie,
  ) =>
    c.call(
      'POST',
      URL,
      {
        contactPhone: '13800138000',
        place: '天河区体育西路191号地下停车场B2-118',
        reason: 'blocking',
        city: GZ,
        ...body,
      },
      cookie,
    );
  const outbox = async (phone: string) =>
    (await c.call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`)).json() as { text: string }[];

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' }, { now: () => clock });
    zhang = await c.verifiedAccount(demo('张伟'));
    liuYang = await c.verifiedAccount(demo('刘洋'));
  }, 600_000);
  afterAll(() => t?.close());

  it('sends the owner a polite reminder with the requester’s phone; the requester sees the masked plate and nothing of the owner', async () => {
    const fang = demo('刘芳');
    const res = await move({ plate: '粤ad·52618' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.request).toMatchObject({
      plateMasked: '粤AD****8',
      place: '天河区体育西路191号地下停车场B2-118',
      reason: 'blocking',
      reasonLabel: '阻挡出入口或通道',
      contactPhoneMasked: '138****8000',
    });
    expect(body.remainingToday).toBe(4);
    // nothing of the owner: neither her phone, nor her name, nor the full plate
    expect(res.body).not.toContain(fang.phone);
    expect(res.body).not.toContain('刘');
    expect(res.body).not.toContain('粤AD52618');

    const [sms] = await outbox(fang.phone as string);
    expect(sms?.text).toBe(
      '【粤省事】温馨提醒：您的车辆粤AD52618（停放于天河区体育西路191号地下停车场B2-118）阻挡了出入口或通道，影响他人通行，' +
        '请您尽快前往处理。如需联系提醒人，请致电13800138000。感谢您的理解与配合！',
    );

    // stored: the plate and place encrypted, the requester's phone encrypted and masked, never the owner's phone
    const rows = await t.database.db.selectFrom('move_car_requests').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(fang.phone);
    expect(JSON.stringify(rows)).not.toContain('粤AD52618');
    expect(JSON.stringify(rows)).not.toContain('体育西路');

    // the requester's own list, and 办理业务 in 我的访问记录
    const list = await c.call('GET', URL, undefined, zhang.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([body.request]);
    expect((await c.call('GET', URL, undefined, liuYang.cookie)).json()).toEqual([]);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      detail: string | null;
    }[];
    expect(log.some((e) => e.detail === '一键移车 粤AD****8')).toBe(true);
  });

  it('one reminder per plate per 10 minutes, whoever asks; three per plate a day', async () => {
    const fang = demo('刘芳');
    minutes(3);
    const again = await move({ plate: '粤AD52618' }, liuYang.cookie);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({
      code: 'MOVE_CAR_LIMITED',
      detail: '该车辆的车主在10分钟内已收到移车提醒，请耐心等待车主处理；如仍未移车，请在7分钟后再试。',
    });
    expect(await outbox(fang.phone as string)).toHaveLength(1);

    minutes(8);
    expect((await move({ plate: '粤AD52618', reason: 'lights' }, liuYang.cookie)).statusCode).toBe(201);
    expect((await outbox(fang.phone as string))[0]?.text).toContain('车灯未关闭');
    minutes(11);
    expect((await move({ plate: '粤AD52618' }, liuYang.cookie)).statusCode).toBe(201);
    minutes(11);
    const fourth = await move({ plate: '粤AD52618' }, liuYang.cookie);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().detail).toBe(
      '该车辆今日已收到3次移车提醒，已达上限。如车辆严重妨碍通行，请联系停车场管理方或拨打110。',
    );
    expect(await outbox(fang.phone as string)).toHaveLength(3);
  });

  it('a plate with no reachable owner: one answer for an unknown plate and an owner without a phone; other provinces said so', async () => {
    const unknown = await move({ plate: '粤A0000Z' }, liuYang.cookie);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'MOVE_CAR_OWNER_UNREACHABLE',
      detail:
        '未能找到该车辆车主的联系方式，无法发送移车提醒。请核对车牌号码；如情况紧急，请联系停车场管理方或拨打110。',
    });
    // 陈志强's car, as if he had registered no phone with the traffic police
    await t.database.db
      .updateTable('dept_jiaoguan.vehicles')
      .set({ owner_phone: null })
      .where('plate', '=', '粤E5T8Q1')
      .execute();
    const noPhone = await move({ plate: '粤E5T8Q1' }, liuYang.cookie);
    expect(noPhone.statusCode).toBe(404);
    expect(noPhone.json().detail).toBe(unknown.json().detail);
    const other = await move({ plate: '湘A12345' }, liuYang.cookie);
    expect(other.json().detail).toContain('暂仅支持广东省登记的车辆（粤字号牌）');
    expect((await c.call('GET', URL, undefined, liuYang.cookie)).json()).toHaveLength(2);
  });

  it('five reminders per requester a day, then refused until the next China day', async () => {
    const plates = await t.database.db
      .selectFrom('dept_jiaoguan.vehicles')
      .select(['plate', 'owner_phone'])
      .where('owner_phone', 'is not', null)
      .where('plate', 'not in', ['粤AD52618', '粤A8K2M6'])
      .orderBy('plate')
      .limit(6)
      .execute();
    expect(plates).toHaveLength(6);
    // 张伟 sent one this morning
    for (const [i, p] of plates.slice(0, 4).entries()) {
      const res = await move({ plate: p.plate });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().remainingToday).toBe(3 - i);
    }
    const sixth = await move({ plate: plates[4]?.plate });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().detail).toBe('您今日已发送5次移车提醒，已达每日上限，请明天再试。');
    expect(await outbox(plates[4]?.owner_phone as string)).toEqual([]);
    // the next day in Guangzhou (midnight China time is 16:00 UTC)
    clock = new Date(chinaDayStart(clock).getTime() + 86_400_000 + 60_000);
    expect((await move({ plate: plates[4]?.plate })).statusCode).toBe(201);
  });

  it('bad input is refused in Chinese before anything is sent; links and phone numbers are kept out of the place', async () => {
    const liNa = await c.verifiedAccount(demo('李娜'));
    const before = await t.database.db
      .selectFrom('move_car_requests')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    for (const [body, message] of [
      [{ plate: '粤A12' }, '车牌'],
      [{ plate: '粤AD52618', contactPhone: '12345' }, '请输入正确的11位手机号码'],
      [{ plate: '粤AD52618', place: '' }, '请填写车辆所在位置'],
      [{ plate: '粤AD52618', place: '快来 www.example.com 领奖' }, '不要填写网址或电话号码'],
      [{ plate: '粤AD52618', place: '加微信13912345678' }, '不要填写网址或电话号码'],
      [{ plate: '粤AD52618', reason: 'revenge' }, '请选择移车原因'],
    ] as const) {
      const res = await move(body, liNa.cookie);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain(message);
    }
    const after = await t.database.db
      .selectFrom('move_car_requests')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // and nobody anonymous
    const anonymous = await c.call('POST', URL, {
      plate: '粤AD52618',
      contactPhone: '13800138000',
      place: '天河路1号',
      reason: 'blocking',
      city: GZ,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
