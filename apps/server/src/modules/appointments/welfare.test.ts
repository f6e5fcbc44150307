import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const SERVICES = {
  'dishouru-jiating-shenqing-yuyue': '低收入家庭申请预约',
  'tekun-renyuan-shenqing-yuyue': '特困人员救助供养申请预约',
  'linshi-jiuzhu-shenqing-yuyue': '临时救助申请预约',
} as const;
type Slot = { id: string; place: string; start: string; remaining: number };

describe.each(ENGINES)('社会救助申请预约 (welfare) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, SLOW_START);
  afterAll(() => t?.close());

  it('each type has demo windows at the street office in 广州 and 佛山, and the notice in the guide’s words', async () => {
    for (const [serviceId, name] of Object.entries(SERVICES)) {
      for (const [city, place] of [
        ['440100', '天河区天河南街道社会救助服务窗口'],
        ['440600', '禅城区祖庙街道社会救助服务窗口'],
      ] as const) {
        const res = await c.call('GET', `/api/v1/appointments/slots?serviceId=${serviceId}&city=${city}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ serviceId, serviceName: name });
        const slots = res.json().slots as Slot[];
        expect(slots.length, `${serviceId} ${city}`).toBeGreaterThan(0);
        expect(new Set(slots.map((s) => s.place))).toEqual(new Set([place]));
      }
    }
    // No demo windows in a third city: the service is offered there, staff publish its windows.
    const sz = await c.call('GET', '/api/v1/appointments/slots?serviceId=linshi-jiuzhu-shenqing-yuyue&city=440300');
    expect(sz.json().slots).toEqual([]);
  });

  it('张伟 books a 低收入家庭 application: one live booking per type, another type still open to him', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const slotOf = async (serviceId: string) =>
      (
        (await c.call('GET', `/api/v1/appointments/slots?serviceId=${serviceId}&city=440100`)).json().slots as Slot[]
      )[0];
    const book = (slotId: string) =>
      c.call('POST', '/api/v1/me/appointments', { slotId, submissionId: randomUUID() }, zhang.cookie);
    const low = await slotOf('dishouru-jiating-shenqing-yuyue');
    const res = await book(low?.id as string);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      serviceName: '低收入家庭申请预约',
      place: '天河区天河南街道社会救助服务窗口',
      departmentName: '广东省民政厅',
      status: 'booked',
    });
    expect(res.json().notice[0]).toBe('根据情况选择预约类型，阅读申请指南并进入申请预约即可。');
    const twice = await book(low?.id as string);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('APPOINTMENT_EXISTS');
    const temporary = await book((await slotOf('linshi-jiuzhu-shenqing-yuyue'))?.id as string);
    expect(temporary.statusCode, temporary.body).toBe(201);
  });
});
