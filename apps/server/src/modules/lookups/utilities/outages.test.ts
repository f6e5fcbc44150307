import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../departments/population-register/generator.js';
import { districtOf, GUANGZHOU_DISTRICTS, gasInterruptions } from '../../../departments/utilities/outages.js';
import { citizenClient } from '../../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const BASE = '/api/v1/lookups/utilities';
const DAY = 86_400_000;

describe('停气/停电 demo data (sandbox)', () => {
  const now = new Date('2026-03-18T04:00:00Z'); // a Wednesday, 12:00 in 广州

  it('every district has one gas interruption a week, shown from a week back, soonest first', () => {
    const all = gasInterruptions(now);
    expect(new Set(all.map((i) => i.district))).toEqual(new Set(GUANGZHOU_DISTRICTS));
    for (const i of all) {
      expect(Date.parse(i.endsAt)).toBeGreaterThanOrEqual(now.getTime() - 7 * DAY);
      expect(Date.parse(i.endsAt)).toBeGreaterThan(Date.parse(i.startsAt));
      expect(i.area.startsWith(i.district)).toBe(true);
    }
    expect(all.map((i) => i.startsAt)).toEqual([...all.map((i) => i.startsAt)].sort());
    const statuses = all.map((i) =>
      now.getTime() < Date.parse(i.startsAt)
        ? '计划停气'
        : now.getTime() < Date.parse(i.endsAt)
          ? '正在停气'
          : '已恢复供气',
    );
    expect(all.map((i) => i.statusName)).toEqual(statuses);
    expect(gasInterruptions(now)).toEqual(all); // the same day gives the same notices
    expect(gasInterruptions(now, '天河区').every((i) => i.district === '天河区')).toBe(true);
    expect(gasInterruptions(now, '朝阳区')).toEqual([]);
  });

  it('the district of an address', () => {
    expect(districtOf('广东省广州市天河区天河路385号3栋1201房')).toBe('天河区');
    expect(districtOf('广东省佛山市南海区桂城街道')).toBe('南海区');
    expect(districtOf('天河路385号')).toBeNull();
  });
});

describe.each(ENGINES)('停气查询、燃气价格、停电通知 (G1) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    // The first suite after a source change builds the seeded database template: minutes on a busy machine.
  }, 300_000);
  afterAll(() => t?.close());

  it('停气查询: anyone in 广州, by district; other cities in the catalog’s words', async () => {
    const all = await c.call('GET', `${BASE}/gas/interruptions?city=440100`);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(body.districts).toEqual([...GUANGZHOU_DISTRICTS]);
    expect(body.interruptions.length).toBeGreaterThanOrEqual(11);
    expect(body.source.department).toBe('广州燃气集团有限公司');
    const tianhe = (
      await c.call('GET', `${BASE}/gas/interruptions?city=440100&district=${encodeURIComponent('天河区')}`)
    ).json();
    expect(tianhe.interruptions.length).toBeGreaterThan(0);
    expect(tianhe.interruptions.every((i: { district: string }) => i.district === '天河区')).toBe(true);
    const wrong = await c.call('GET', `${BASE}/gas/interruptions?city=440100&district=${encodeURIComponent('南山区')}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toBe('请选择广州市的区，如：越秀区、海珠区、荔湾区');
    const sz = await c.call('GET', `${BASE}/gas/interruptions?city=440300`);
    expect(sz.statusCode).toBe(409);
    expect(sz.json()).toMatchObject({ code: 'SERVICE_NOT_IN_CITY', detail: '停气查询暂仅支持广州，当前城市为深圳。' });
  });

  it('燃气价格: the tiered prices of 广州燃气, rising by tier, the last without a bound', async () => {
    const res = await c.call('GET', `${BASE}/gas/prices?city=440100`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.company).toMatchObject({ name: '广州燃气集团有限公司', unit: 'm³' });
    expect(body.tiers.length).toBeGreaterThanOrEqual(2);
    expect(body.tiers.at(-1).upTo).toBeNull();
    const prices = body.tiers.map((x: { unitPrice: number }) => x.unitPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect((await c.call('GET', `${BASE}/gas/prices?city=440600`)).json().code).toBe('SERVICE_NOT_IN_CITY');
  });

  it('停电通知: the notices of one’s own power accounts’ districts, not in 广州', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const res = await c.call('GET', `${BASE}/power/interruptions?city=440600`, undefined, chen.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.accounts.length).toBeGreaterThan(0);
    for (const a of body.accounts) {
      expect(a.account.origin).toBe('own');
      expect(a.interruptions.length).toBeGreaterThan(0);
      expect(a.interruptions.every((i: { district: string }) => i.district === a.district)).toBe(true);
    }
    expect(res.body).not.toContain(demo('陈志强').idNumber);
    const zhang = await c.verifiedAccount(demo('张伟'));
    const gz = await c.call('GET', `${BASE}/power/interruptions?city=440100`, undefined, zhang.cookie);
    expect(gz.json()).toMatchObject({
      code: 'SERVICE_NOT_IN_CITY',
      detail: '停电通知暂不支持广州、深圳，当前城市为广州。',
    });
    expect((await c.call('GET', `${BASE}/power/interruptions?city=440600`)).statusCode).toBe(401);
  });
});
