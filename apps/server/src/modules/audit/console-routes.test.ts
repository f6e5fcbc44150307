import type { ConsoleAuditChain, ConsoleAuditPage } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenClient } from '../../test-support/citizen-client.js';
import { DEMO_STAFF_PASSWORD, staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { FieldCipher, resolveDataKey } from '../privacy/index.js';
import * as staffRepo from '../staff/repository.js';
import { encryptTotpSecret, hashStaffPassword } from '../staff/staff-service.js';
import { AuditLog } from './audit-log.js';

/** Auditors made for this suite: the public-security department's, province-wide and 广州 only. */
const ACCOUNTS = {
  'aud.gd.police': { role: 'auditor', departmentId: 'gd-public-security', cityCode: null },
  'aud.gz.police': { role: 'auditor', departmentId: 'gd-public-security', cityCode: '440100' },
} as const;
type Who = keyof typeof ACCOUNTS | 'gd.auditor' | 'gz.police.reviewer';

describe.each(ENGINES)('console 审计日志 on %s', (engine) => {
  let t: TestApp;
  let audit: AuditLog;
  const { call } = citizenClient(() => t);
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    audit = new AuditLog(t.database.db);
    const cipher = new FieldCipher(resolveDataKey(t.config.dataEncryptionKey, t.config.dataDir, true));
    const passwordHash = await hashStaffPassword(DEMO_STAFF_PASSWORD);
    for (const [i, [username, grant]] of Object.entries(ACCOUNTS).entries()) {
      const created = await staffRepo.insertAccount(
        t.database.db,
        {
          username,
          displayName: `测试审计${i + 1}`,
          passwordHash,
          passwordChangeRequired: false,
          totpSecretEncrypted: encryptTotpSecret(cipher, `AUDITTESTSECRET${'ABCDEFGH'[i]}AAAAAAAAAAAAAAAA`),
          totpConfirmed: true,
        },
        [grant],
      );
      expect(created).not.toBe('taken');
    }
    for (const who of [...Object.keys(ACCOUNTS), 'gd.auditor', 'gz.police.reviewer'] as Who[]) {
      cookies.set(who, await staffLogin(call, who));
    }
    // A citizen's lookup of a public-security service, and one of a housing-fund service.
    await audit.record({
      action: 'application.wufanzui-jilu-zhengming',
      result: 'success',
      actorKind: 'citizen',
      actorAccountId: '11111111-1111-4111-8111-111111111111',
      subjectAccountId: '11111111-1111-4111-8111-111111111111',
      detail: { serviceId: 'wufanzui-jilu-zhengming', what: '无犯罪记录证明申请' },
    });
    await audit.record({
      action: 'lookup.housing-fund',
      result: 'success',
      actorKind: 'citizen',
      actorAccountId: '22222222-2222-4222-8222-222222222222',
      detail: { serviceId: 'gongjijin-jiaocun-xinxi', what: '公积金缴存信息' },
    });
    for (let i = 0; i < 55; i++) {
      await audit.record({ action: 'test.bulk_item', result: i % 5 === 0 ? 'denied' : 'success', actorKind: 'system' });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const as = (who: Who, method: 'GET' | 'POST', url: string, body?: object) =>
    call(method, url, body, undefined, { cookie: cookies.get(who) ?? '' });
  const page = async (who: Who, query: string) => {
    const res = await as(who, 'GET', `/api/v1/console/audit${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ConsoleAuditPage;
  };

  it('gives the platform’s auditor every entry, newest first, 50 a page, filtered by action prefix and result', async () => {
    const first = await page('gd.auditor', '?action=test.bulk');
    expect(first.scope).toBe('platform');
    expect(first.entries).toHaveLength(50);
    expect(first.entries.every((e) => e.action === 'test.bulk_item')).toBe(true);
    const seqs = first.entries.map((e) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(first.nextBefore).toBe(seqs[49]);
    const second = await page('gd.auditor', `?action=test.bulk&before=${first.nextBefore}`);
    expect(second.entries).toHaveLength(5);
    expect(second.nextBefore).toBeNull();
    expect(second.entries.every((e) => e.seq < (first.nextBefore ?? 0))).toBe(true);

    const denied = await page('gd.auditor', '?action=test.bulk&result=denied');
    expect(denied.entries).toHaveLength(11);
    expect(denied.entries.every((e) => e.result === 'denied' && e.actor === '系统')).toBe(true);

    // "_" is a LIKE wildcard: the prefix is matched literally
    expect((await page('gd.auditor', '?action=test.bulkXitem')).entries).toHaveLength(0);

    const all = await page('gd.auditor', '?actorKind=citizen');
    const actions = all.entries.map((e) => e.action);
    expect(actions).toContain('application.wufanzui-jilu-zhengming');
    expect(actions).toContain('lookup.housing-fund');
    const app = all.entries.find((e) => e.action === 'application.wufanzui-jilu-zhengming');
    expect(app).toMatchObject({ actor: '11111111…', subject: '11111111…', what: '无犯罪记录证明申请' });
  });

  it('gives a department’s auditor the entries about its services and by its staff only', async () => {
    const police = await page('aud.gd.police', '');
    expect(police).toMatchObject({ scope: 'department', departmentId: 'gd-public-security' });
    const actions = police.entries.map((e) => e.action);
    expect(actions).toContain('application.wufanzui-jilu-zhengming');
    expect(actions).not.toContain('lookup.housing-fund');
    expect(actions).not.toContain('test.bulk_item');
    // the 广州 reviewer of the same department logged in: their entries are the department's, under their name
    const login = police.entries.find((e) => e.action === 'staff.login' && e.actorKind === 'staff');
    expect(login?.actor).toBe('郑伟明（广州公安审核）');
    expect(police.entries.some((e) => e.actor === '周明（省政务服务数据管理局审计）')).toBe(false);
  });

  it('refuses staff without a province-wide audit grant, and bad filters, in Chinese', async () => {
    const city = await as('aud.gz.police', 'GET', '/api/v1/console/audit');
    expect(city.statusCode).toBe(403);
    expect(city.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('全省范围的审计权限') });
    const reviewer = await as('gz.police.reviewer', 'GET', '/api/v1/console/audit');
    expect(reviewer.statusCode).toBe(403);
    const other = await as('aud.gd.police', 'GET', '/api/v1/console/audit?departmentId=housing-fund-centres');
    expect(other.statusCode).toBe(403);
    const nobody = await call('GET', '/api/v1/console/audit');
    expect(nobody.statusCode).toBe(401);

    for (const [query, detail] of [
      ['?from=2026-11-20&to=2026-11-01', '结束日期不能早于开始日期'],
      ['?action=a%25b', '操作类型只含字母、数字、点、下划线和连字符'],
      ['?before=abc', '翻页参数有误'],
      ['?result=maybe', '结果应为成功、拒绝或失败'],
      ['?from=2026-13-01', '日期格式应为YYYY-MM-DD'],
    ] as const) {
      const res = await as('gd.auditor', 'GET', `/api/v1/console/audit${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining(detail) });
    }
  });

  it('filters by China dates and audits every reading of the log', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await page('gd.auditor', `?from=${today}&to=${today}&action=test.bulk`)).entries.length).toBe(50);
    expect((await page('gd.auditor', '?to=2020-01-01')).entries).toHaveLength(0);
    const reads = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'console.audit.read')
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((r) => r.actor_kind === 'staff' && r.actor_account_id)).toBe(true);
  });

  it('checks the whole chain, and finds the first entry edited behind its back', async () => {
    const refused = await as('aud.gd.police', 'POST', '/api/v1/console/audit/chain-check', {});
    expect(refused.statusCode).toBe(403);

    const ok = await as('gd.auditor', 'POST', '/api/v1/console/audit/chain-check', {});
    expect(ok.statusCode, ok.body).toBe(200);
    const chain = ok.json() as ConsoleAuditChain;
    expect(chain).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect(chain.checkedEntries).toBeGreaterThan(57);
    // pages smaller than the log give the same answer
    expect(await audit.checkChain(7)).toEqual({ firstBroken: null, checked: expect.any(Number) });

    // Someone with the database's owner rights edits one entry (the trigger refuses everyone else).
    const target = await t.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'lookup.housing-fund')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.database.db);
    await sql`update audit_log set detail = ${JSON.stringify({ serviceId: 'gongjijin-jiaocun-xinxi', what: '改过' })}::jsonb where seq = ${target.seq}`.execute(
      t.database.db,
    );
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.database.db);
    const broken = (
      await as('gd.auditor', 'POST', '/api/v1/console/audit/chain-check', {})
    ).json() as ConsoleAuditChain;
    expect(broken).toMatchObject({ intact: false, firstBrokenSeq: Number(target.seq) });
    expect((await audit.checkChain(3)).firstBroken).toBe(Number(target.seq));
  });
});
