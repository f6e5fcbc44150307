import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { AuditLog } from './audit-log.js';

describe.each(ENGINES)('audit log group commit on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it('keeps one unbroken chain when many requests record at once, each settling once its entry is stored', async () => {
    const a = new AuditLog(t.database.db);
    const b = new AuditLog(t.database.db); // a second writer, as a second server copy would be
    const marker = `test.group-commit.${engine}.${Date.now()}`;
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        (i % 2 ? a : b).record({ action: marker, result: 'success', actorKind: 'system', detail: { i } }),
      ),
    );
    const rows = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', marker).execute();
    expect(rows.map((r) => (r.detail as { i: number }).i).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 120 }, (_, i) => i),
    );
    expect(await a.verifyChain()).toBeNull();
  });

  it('an entry the database refuses fails alone; the others of its batch are stored', async () => {
    const log = new AuditLog(t.database.db);
    const marker = `test.group-commit-bad.${engine}.${Date.now()}`;
    const outcomes = await Promise.allSettled([
      log.record({ action: marker, result: 'success', actorKind: 'system', detail: { n: 1 } }),
      // actor_kind outside the table's check constraint
      log.record({ action: marker, result: 'success', actorKind: 'robot' as 'system', detail: { n: 2 } }),
      log.record({ action: marker, result: 'success', actorKind: 'system', detail: { n: 3 } }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', marker).execute();
    expect(rows.map((r) => (r.detail as { n: number }).n).sort()).toEqual([1, 3]);
    expect(await log.verifyChain()).toBeNull();
  });

  it('verifies entries whose detail keys jsonb stores in another order (a personal lookup’s entry)', async () => {
    const log = new AuditLog(t.database.db);
    // jsonb orders keys shortest first: {what, serviceId, subjectPersonId, nested: {bb, a}} comes back reordered
    await log.record({
      action: `test.key-order.${engine}`,
      result: 'success',
      actorKind: 'system',
      detail: {
        serviceId: 'shebao-jiaofei-mingxi',
        what: '社保缴费明细',
        subjectPersonId: 'p-1',
        nested: { bb: 1, a: [{ zz: 1, y: 2 }] },
      },
    });
    expect(await log.verifyChain()).toBeNull();
  });
});
