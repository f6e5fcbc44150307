import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { ReplayGuard } from './replay-guard.js';

describe.each(ENGINES)('replay guard (group commit) on %s', (engine) => {
  let t: TestApp;
  let n = 0;
  const fresh = (label: string) => `${label}-${n++}-${Math.random().toString(36).slice(2)}`;
  const inWindow = () => Date.now() + 90_000;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts each presentation once, also when both uses arrive in the same batch', async () => {
    const guard = new ReplayGuard(t.database.db);
    const digests = Array.from({ length: 60 }, () => fresh('same-batch'));
    // Every digest twice, all queued before the first insert returns: they share batches.
    const results = await Promise.all([...digests, ...digests].map((d) => guard.firstUse(d, inWindow())));
    for (const [i] of digests.entries()) {
      expect([results[i], results[i + digests.length]].filter(Boolean)).toHaveLength(1);
    }
    expect(results.slice(0, digests.length).every(Boolean)).toBe(true);
    // Later uses are replays.
    expect(await Promise.all(digests.map((d) => guard.firstUse(d, inWindow())))).toEqual(digests.map(() => false));
  });

  it('two server copies (two guards on one database) agree: exactly one accepts', async () => {
    const a = new ReplayGuard(t.database.db);
    const b = new ReplayGuard(t.database.db);
    for (let round = 0; round < 10; round++) {
      const d = fresh('copies');
      const [x, y] = await Promise.all([a.firstUse(d, inWindow()), b.firstUse(d, inWindow())]);
      expect([x, y].filter(Boolean)).toHaveLength(1);
      expect(await a.firstUse(d, inWindow())).toBe(false);
      expect(await b.firstUse(d, inWindow())).toBe(false);
    }
  });

  it('takes over a row whose window has passed (not swept yet), once', async () => {
    let clock = Date.now();
    const guard = new ReplayGuard(t.database.db, () => clock);
    const d = fresh('expired');
    expect(await guard.firstUse(d, clock + 1_000)).toBe(true);
    expect(await guard.firstUse(d, clock + 1_000)).toBe(false);
    clock += 2_000;
    const [x, y] = await Promise.all([
      guard.firstUse(d, clock + 1_000),
      new ReplayGuard(t.database.db, () => clock).firstUse(d, clock + 1_000),
    ]);
    expect([x, y].filter(Boolean)).toHaveLength(1);
    expect(await guard.firstUse(d, clock + 1_000)).toBe(false);
  });

  it('sweeps expired rows now and then, and keeps the live ones', async () => {
    let clock = Date.now();
    const guard = new ReplayGuard(t.database.db, () => clock);
    const old = fresh('sweep-old');
    const live = fresh('sweep-live');
    await guard.firstUse(old, clock + 1_000);
    await guard.firstUse(live, clock + 600_000);
    clock += 2_000;
    await Promise.all(Array.from({ length: 600 }, () => guard.firstUse(fresh('sweep-fill'), clock + 90_000)));
    const rows = await t.database.db
      .selectFrom('wallet_seen_presentations')
      .select('digest')
      .where('digest', 'in', [old, live])
      .execute();
    expect(rows.map((r) => r.digest)).toEqual([live]);
    expect(await guard.firstUse(live, clock + 90_000)).toBe(false);
  });

  it('one presentation that cannot be recorded fails alone; the others in its batch are decided', async () => {
    const guard = new ReplayGuard(t.database.db);
    const good = Array.from({ length: 5 }, () => fresh('isolated'));
    const settled = await Promise.allSettled([
      ...good.map((d) => guard.firstUse(d, inWindow())),
      guard.firstUse(fresh('bad-expiry'), Number.NaN),
    ]);
    expect(settled.slice(0, 5)).toEqual(good.map(() => ({ status: 'fulfilled', value: true })));
    expect(settled[5]?.status).toBe('rejected');
    expect(await guard.firstUse(good[0] as string, inWindow())).toBe(false);
  });
});
