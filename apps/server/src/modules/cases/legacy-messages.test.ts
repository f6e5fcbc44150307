import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.js';
import { migrate, readMigrations } from '../../db/migrate.js';
import { insertNotifications } from '../notifications/repository.js';
import { maskLegacyCaseMessage, maskLegacyCaseMessages } from './legacy-messages.js';

/**
 * 消息 written before migrations/0075 quoted a step's note in clear; 0077 marks them and the start-up step masks
 * them like a quote is masked today, keeping the 办件编号 (which reads as an ID number) as it is.
 */
const CASE_NUMBER = '20261128440100123456';
const OLD_REJECT =
  `广州市司法局对您的法律咨询申请决定不予办理，原因：材料不全，请致电13912345678或携身份证440106199001011234到窗口。` +
  `办件编号：${CASE_NUMBER}。`;
const MASKED_REJECT =
  `广州市司法局对您的法律咨询申请决定不予办理，原因：材料不全，请致电139****5678或携身份证440***********1234到窗口。` +
  `办件编号：${CASE_NUMBER}。`;

describe('maskLegacyCaseMessage', () => {
  it('masks the quoted phone and ID numbers and keeps the 办件编号', () => {
    expect(maskLegacyCaseMessage(OLD_REJECT)).toBe(MASKED_REJECT);
  });

  it('changes nothing in a message without a personal number, and nothing more the second time', () => {
    const plain = `您的法律咨询申请已提交，办件编号：${CASE_NUMBER}。广州市司法局将尽快受理。`;
    expect(maskLegacyCaseMessage(plain)).toBe(plain);
    expect(maskLegacyCaseMessage(MASKED_REJECT)).toBe(MASKED_REJECT);
  });

  it('masks a number typed in Chinese digits or glued to the 办件编号 sentence', () => {
    expect(maskLegacyCaseMessage(`撤回原因：联系一三九一二三四五六七八。办件编号：${CASE_NUMBER}。`)).toBe(
      `撤回原因：联系一三九****五六七八。办件编号：${CASE_NUMBER}。`,
    );
  });
});

describe('migration 0077 and the start-up step (PGlite)', () => {
  let database: DatabaseHandle;
  const all = readMigrations();
  const before = all.filter((m) => m.version < '0077');
  beforeAll(async () => {
    database = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrate(database.db, before);
  }, 120_000);
  afterAll(() => database?.close());

  const rows = async () =>
    (
      await sql<{ kind: string; body: string; quote_unchecked: boolean }>`
        select kind, body, quote_unchecked from notifications order by created_at, kind`.execute(database.db)
    ).rows;

  it('marks the case 消息 written before it, masks them once at start; new messages are never marked', async () => {
    // What an older version delivered. The accounts do not matter here: foreign keys are not checked.
    const account = randomUUID();
    await sql`set session_replication_role = replica`.execute(database.db);
    await sql`insert into notifications (account_id, kind, dedupe_key, title, body)
      values (${account}, 'case-update', ${`case:${randomUUID()}:2`}, '您的法律咨询申请不予办理', ${OLD_REJECT}),
             (${account}, 'credit-change', 'credit:x:1', '信用信息变更', '请致电13912345678')`.execute(database.db);
    await sql`set session_replication_role = origin`.execute(database.db);

    expect(await migrate(database.db, all)).toEqual(all.filter((m) => m.version >= '0077').map((m) => m.version));
    expect(await rows()).toEqual([
      { kind: 'case-update', body: OLD_REJECT, quote_unchecked: true },
      // Not a case 消息: it quotes no note (and public records only), so it is not touched.
      { kind: 'credit-change', body: '请致电13912345678', quote_unchecked: false },
    ]);

    expect(await maskLegacyCaseMessages(database.db, 1)).toBe(1);
    expect((await rows())[0]).toEqual({ kind: 'case-update', body: MASKED_REJECT, quote_unchecked: false });
    // A no-op once done.
    expect(await maskLegacyCaseMessages(database.db)).toBe(0);

    // Written now (its quote masked by messages.ts already): not marked.
    const [first] = await sql<{ account_id: string }>`select account_id from notifications limit 1`
      .execute(database.db)
      .then((r) => r.rows);
    await sql`set session_replication_role = replica`.execute(database.db);
    await insertNotifications(database.db, [
      {
        accountId: first?.account_id as string,
        kind: 'case-update',
        dedupeKey: `case:${randomUUID()}:3`,
        title: '您的法律咨询申请已办结',
        body: `您的法律咨询申请已办结。办件编号：${CASE_NUMBER}。`,
        link: null,
        occurredAt: null,
      },
    ]);
    await sql`set session_replication_role = origin`.execute(database.db);
    expect((await rows()).filter((r) => r.quote_unchecked)).toEqual([]);
  });

  it('clears the mark of an old message that quotes no number, its body as it was', async () => {
    const plain = `您的法律咨询申请已提交，办件编号：${CASE_NUMBER}。`;
    await sql`set session_replication_role = replica`.execute(database.db);
    await sql`insert into notifications (account_id, kind, dedupe_key, title, body, quote_unchecked)
      values (${randomUUID()}, 'case-update', ${`case:${randomUUID()}:1`}, '已提交', ${plain}, true)`.execute(
      database.db,
    );
    await sql`set session_replication_role = origin`.execute(database.db);
    expect(await maskLegacyCaseMessages(database.db)).toBe(0);
    const row = await sql<{ body: string; quote_unchecked: boolean }>`
      select body, quote_unchecked from notifications where body = ${plain}`.execute(database.db);
    expect(row.rows).toEqual([{ body: plain, quote_unchecked: false }]);
  });
});
