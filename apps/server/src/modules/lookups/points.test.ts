import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const URL = '/api/v1/lookups/points';

describe.each(ENGINES)('积分查询 (C2) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, 600_000);
  afterAll(() => t?.close());

  it('刘洋 sees his approved 积分, its items and whether it reaches the 入户 score; the read is audited', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const res = await c.call('GET', `${URL}?city=440100`, undefined, liu.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.subject).toEqual({ self: true, nameMasked: '刘*' });
    expect(body.record).toMatchObject({
      recordNumber: 'JF440100250417',
      year: 2025,
      status: 'approved',
      statusName: '已核准',
      totalPoints: 86,
      approvedOn: '2025-05-20',
      settlementMinimum: 60,
      settlementReached: true,
    });
    expect(body.record.items).toContainEqual({ indicator: '文化程度', detail: '大专', points: 40 });
    expect(body.record.items.reduce((s: number, i: { points: number }) => s + i.points, 0)).toBe(86);
    expect(body.source).toEqual({ department: '广州市来穗人员服务管理局', updatedAt: '2025-05-20T03:00:00.000Z' });
    expect(res.body).not.toContain(demo('刘洋').idNumber);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, liu.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'lookup.jifen-chaxun')).toBe(true);
  });

  it('张伟 has no record; 深圳 is refused in the catalog’s words; no login, no answer', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const none = await c.call('GET', `${URL}?city=440100`, undefined, zhang.cookie);
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toMatchObject({
      record: null,
      source: { department: '广州市来穗人员服务管理局', updatedAt: null },
    });
    const sz = await c.call('GET', `${URL}?city=440300`, undefined, zhang.cookie);
    expect(sz.json()).toMatchObject({ code: 'SERVICE_NOT_IN_CITY', detail: '积分查询暂仅支持广州，当前城市为深圳。' });
    expect((await c.call('GET', `${URL}?city=440100`)).statusCode).toBe(401);
  });
});
