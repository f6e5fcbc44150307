import { existsSync, readdirSync, truncateSync } from 'node:fs';
import path from 'node:path';
import type { BackupRun, ConsoleBackupOverview } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { BackupService } from './backup-service.js';

describe.each(ENGINES)('数据备份 in the console (H2) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let operator: string;
  let auditor: string;
  const as = (cookie: string, method: 'GET' | 'POST', url: string) =>
    c.call(method, url, undefined, undefined, { cookie });
  const overview = async () => (await as(operator, 'GET', '/api/v1/console/backups')).json() as ConsoleBackupOverview;
  const waitFor = async (id: string) => {
    for (let i = 0; i < 600; i++) {
      const run = (await overview()).runs.find((r) => r.id === id);
      if (run && run.status !== 'running') return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('backup did not finish');
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { BACKUP_KEEP: '2' });
    operator = await staffLogin(c.call, 'gd.platform.ops');
    auditor = await staffLogin(c.call, 'gd.auditor');
  }, 120_000);
  afterAll(() => t?.close());

  it('only the operator’s province-wide 平台运维人员 see it; others get 403 problem+json, audited', async () => {
    const denied = await as(auditor, 'GET', '/api/v1/console/backups');
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    expect(denied.json().code).toBe('FORBIDDEN');
    expect((await as(auditor, 'POST', '/api/v1/console/backups')).statusCode).toBe(403);
    expect((await c.call('GET', '/api/v1/console/backups')).statusCode).toBe(401);
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'access.denied.staff'
         and detail->>'permission' = 'platform.backup'`.execute(t.database.db);
    expect(audit.rows[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('立即备份 answers at once with the running backup, which then succeeds and is listed with its size', async () => {
    const started = await as(operator, 'POST', '/api/v1/console/backups');
    expect(started.statusCode, started.body).toBe(202);
    const run = started.json() as BackupRun;
    expect(run).toMatchObject({ kind: 'backup', trigger: 'console', status: 'running', pruned: false });
    expect(run.triggeredBy).toContain('陈志远');
    const done = await waitFor(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(done.bytes).toBeGreaterThan(1000);
    expect(done.tables).toBeGreaterThan(100);
    expect(done.rows).toBeGreaterThan(0);
    expect(existsSync(path.join(t.config.backup.dir, done.fileName))).toBe(true);
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'console.backup.run' and detail->>'backupId' = ${run.id}`.execute(
      t.database.db,
    );
    expect(audit.rows[0]?.n).toBe(1);
  }, 120_000);

  it('校验 reads the file back: ok; a damaged file says so; an unknown id is 404', async () => {
    const run = (await overview()).runs.find((r) => r.kind === 'backup' && r.status === 'succeeded') as BackupRun;
    const ok = await as(operator, 'POST', `/api/v1/console/backups/${run.id}/verify`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ verifyResult: 'ok' });
    const file = path.join(t.config.backup.dir, run.fileName);
    truncateSync(file, 2000);
    const damaged = await as(operator, 'POST', `/api/v1/console/backups/${run.id}/verify`);
    expect(damaged.json()).toMatchObject({ verifyResult: 'damaged' });
    const unknown = await as(operator, 'POST', '/api/v1/console/backups/00000000-0000-4000-8000-000000000000/verify');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('BACKUP_NOT_FOUND');
    const bad = await as(operator, 'POST', '/api/v1/console/backups/not-an-id/verify');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBeTruthy();
  }, 60_000);

  it('keeps the newest BACKUP_KEEP files: older ones are removed and shown as 已清理, and cannot be verified', async () => {
    for (let i = 0; i < 2; i++) await t.app.backups.backUp({ kind: 'cli' });
    const runs = (await overview()).runs.filter((r) => r.kind === 'backup' && r.status === 'succeeded');
    expect(runs.length).toBe(3);
    expect(runs.map((r) => r.pruned)).toEqual([false, false, true]);
    const files = readdirSync(t.config.backup.dir).filter((f) => f.endsWith('.yssbak'));
    expect(files.sort()).toEqual(
      runs
        .filter((r) => !r.pruned)
        .map((r) => r.fileName)
        .sort(),
    );
    const pruned = runs[2] as BackupRun;
    const res = await as(operator, 'POST', `/api/v1/console/backups/${pruned.id}/verify`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('BACKUP_NOT_VERIFIABLE');
  }, 120_000);

  it('the schedule backs up only when the newest backup is older than the interval (restarts never skip one)', async () => {
    // The test app itself has no schedule (BACKUP_INTERVAL_HOURS=0).
    expect(await t.app.backups.scheduledRunNow()).toBeNull();
    const newest = (await overview()).runs.find((r) => r.status === 'succeeded') as BackupRun;
    let now = new Date(Date.parse(newest.startedAt) + 3600_000);
    const scheduled = new BackupService({
      db: t.database.db,
      engine: t.database.engine,
      dataKey: t.config.dataEncryptionKey as Buffer,
      dir: t.config.backup.dir,
      keep: 10,
      intervalMs: 24 * 3600_000,
      log: t.app.log,
      now: () => now,
    });
    try {
      expect(await scheduled.scheduledRunNow()).toBeNull();
      now = new Date(Date.parse(newest.startedAt) + 25 * 3600_000);
      const run = await scheduled.scheduledRunNow();
      expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded', staff_account_id: null });
      // Due again only a whole interval after that one.
      now = new Date(now.getTime() + 3600_000);
      expect(await scheduled.scheduledRunNow()).toBeNull();
    } finally {
      await scheduled.stop();
    }
  }, 120_000);
});
