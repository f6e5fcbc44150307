import { describe, expect, it } from 'vitest';
import { ENGINES, testAppHooks } from '../../test-support/test-app.js';
import { chinaInstant } from './china-time.js';
import { DEMO_SLOT_PLANS, seedDemoSlots } from './demo-slots.js';
import * as repo from './repository.js';

describe.each(ENGINES)('demo 号源 seed on %s', (engine) => {
  const t = testAppHooks(engine);

  it('publishes the next 7 working days once, and tops up as days pass', async () => {
    const db = t().database.db;
    const perDay = DEMO_SLOT_PLANS.reduce((n, p) => n + p.times.length, 0);
    // Monday 2030-01-07 10:00 in China: Tuesday 8th … Wednesday 16th.
    const monday = new Date('2030-01-07T02:00:00Z');
    expect(await seedDemoSlots(db, monday)).toBe(7 * perDay);
    expect(await seedDemoSlots(db, monday)).toBe(0);
    const tuesday = new Date('2030-01-08T02:00:00Z');
    expect(await seedDemoSlots(db, tuesday)).toBe(perDay);
    const rows = await db
      .selectFrom('appointment_slots')
      .select(['service_id', 'city_code', 'department_id', 'capacity', 'starts_at'])
      .where('starts_at', '>=', monday)
      .execute();
    expect(rows).toHaveLength(8 * perDay);
    // Every plan's service, city and the catalog's department (e.g. these two), nothing else.
    const published = new Set(rows.map((r) => `${r.service_id}|${r.department_id}|${r.city_code}`));
    expect(published).toContain('gongjijin-qiantai-tiqu-yuyue|housing-fund-centres|440100');
    expect(published).toContain('bulin-jiehunzheng-lihunzheng-yuyue|gd-civil-affairs|440100');
    expect([...published].map((k) => k.replace(/\|[^|]+\|/, '|')).sort()).toEqual(
      [...new Set(DEMO_SLOT_PLANS.map((p) => `${p.serviceId}|${p.cityCode}`))].sort(),
    );
    // No weekend slot (2030-01-12/13 are Saturday and Sunday).
    const days = new Set(rows.map((r) => new Date(r.starts_at.getTime() + 8 * 3600_000).getUTCDay()));
    expect(days.has(0) || days.has(6)).toBe(false);
  });

  it('leaves a window alone where a slot at the place overlaps it, even a stopped one', async () => {
    const db = t().database.db;
    const perDay = DEMO_SLOT_PLANS.reduce((n, p) => n + p.times.length, 0);
    const plan = DEMO_SLOT_PLANS[0];
    if (!plan) throw new Error('no demo plan');
    // Monday 2031-01-06 in China: staff stopped 09:30–10:30 on Tuesday 7th at the first plan's place, which
    // overlaps its 09:00 and 10:00 windows.
    await repo.insertSlots(db, [
      {
        service_id: plan.serviceId,
        city_code: plan.cityCode,
        department_id: 'housing-fund-centres',
        place: plan.place,
        address: plan.address,
        local_date: '2031-01-07',
        starts_at: chinaInstant('2031-01-07', '09:30') as Date,
        ends_at: chinaInstant('2031-01-07', '10:30') as Date,
        capacity: 1,
        cancelled_at: new Date('2031-01-01T00:00:00Z'),
        cancel_reason: '停电',
        created_by: null,
      },
    ]);
    const monday = new Date('2031-01-06T02:00:00Z');
    expect(await seedDemoSlots(db, monday)).toBe(7 * perDay - 2);
    expect(await seedDemoSlots(db, monday)).toBe(0);
  });
});
