import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { FieldCipher, resolveDataKey } from '../privacy/index.js';
import { sealLegacyEventNotes } from './event-notes.js';

/**
 * The notes of a case's log (补正原因, 撤回原因 …) are free text: stored sealed (never in clear), shown with their
 * phone and ID numbers masked — in the timeline, the 补正 reason and the 消息 — and in full only through the
 * audited 显示 of that step. Notes written in clear before migrations/0075 are sealed at start.
 */
const GZ = '440100';
const PHONE = '13912345678';
const NOTE = `请补充咨询的具体情况，有疑问请致电 ${PHONE} 联系经办人`;
const MASKED = '请补充咨询的具体情况，有疑问请致电 139****5678 联系经办人';

describe.each(ENGINES)('the notes of a case’s log on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang = '';
  let justice = '';
  let labour = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = (await c.verifiedAccount(demoPerson('张伟'))).cookie;
    justice = await staffLogin(c.call, 'gz.justice.reviewer');
    labour = await staffLogin(c.call, 'gz.labour.reviewer');
  }, 300_000);
  afterAll(() => t?.close());

  const staff = (cookie: string, method: 'GET' | 'POST', url: string, body?: object) =>
    c.call(method, url, body, undefined, { cookie });
  const submit = async () => {
    const res = await c.call(
      'POST',
      '/api/v1/me/cases',
      {
        serviceId: 'falv-liji-zixun',
        city: GZ,
        form: { topic: 'labour', question: '加班费怎么计算？', contactPhone: PHONE },
        attachments: {},
        submissionId: randomUUID(),
      },
      zhang,
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const stored = async (caseId: string) =>
    (
      await sql<{ seq: number; legacy_note: string | null; note_encrypted: string | null }>`
        select seq, legacy_note, note_encrypted from case_events where case_id = ${caseId} order by seq`.execute(
        t.database.db,
      )
    ).rows;
  const lastAudit = async (action: string) =>
    (
      await sql<{ actor_kind: string; detail: Record<string, unknown> }>`
        select actor_kind, detail from audit_log where action = ${action} order by seq desc limit 1`.execute(
        t.database.db,
      )
    ).rows[0];

  it('a 补正 reason with a phone number: sealed in the table, masked everywhere shown, 显示 of that step audited', async () => {
    const id = await submit();
    const asked = await staff(justice, 'POST', `/api/v1/console/cases/${id}/actions`, {
      action: 'request_supplement',
      version: 1,
      note: NOTE,
    });
    expect(asked.statusCode, asked.body).toBe(200);

    // Stored sealed: nothing of the number, nor the note, in the row.
    const rows = await stored(id);
    expect(rows[1]).toMatchObject({ seq: 2, legacy_note: null });
    expect(rows[1]?.note_encrypted).toMatch(/^v2\./);
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    expect(JSON.stringify(rows)).not.toContain('经办人');

    // Shown masked: the applicant's timeline and 补正 reason, the console's record, the 消息.
    const mine = await c.call('GET', `/api/v1/me/cases/${id}`, undefined, zhang);
    expect(mine.json().events[1]).toMatchObject({ seq: 2, note: MASKED, noteMasked: true });
    expect(mine.json().events[0]).toMatchObject({ seq: 1, note: null, noteMasked: false });
    expect(mine.json().supplementReason).toBe(MASKED);
    const reviewed = await staff(justice, 'GET', `/api/v1/console/cases/${id}`);
    expect(reviewed.json().events[1]).toMatchObject({ seq: 2, note: MASKED, noteMasked: true });
    const inbox = await c.call('GET', '/api/v1/me/notifications', undefined, zhang);
    const message = (inbox.json().items as { body: string; link: string }[]).find((m) => m.link === `/cases/${id}`);
    expect(message?.body).toContain('139****5678');
    for (const view of [asked, mine, reviewed, inbox]) expect(view.body).not.toContain(PHONE);

    // The applicant's 显示: the whole note, no-store, audited with the step (never the text).
    const revealed = await c.call('POST', `/api/v1/me/cases/${id}/events/2/note/reveal`, undefined, zhang);
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ seq: 2, note: NOTE });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const entry = await lastAudit('case.note.reveal');
    expect(entry?.detail).toMatchObject({ caseId: id, seq: 2, what: '立即咨询（办理记录说明）' });
    expect(JSON.stringify(entry?.detail)).not.toContain(PHONE);

    // The reviewer's 显示, in reach only.
    const byReviewer = await staff(justice, 'POST', `/api/v1/console/cases/${id}/events/2/note/reveal`);
    expect(byReviewer.json()).toEqual({ seq: 2, note: NOTE });
    expect(await lastAudit('console.case.note.reveal')).toMatchObject({ actor_kind: 'staff', detail: { seq: 2 } });
    const outOfReach = await staff(labour, 'POST', `/api/v1/console/cases/${id}/events/2/note/reveal`);
    expect(outOfReach.json().code).toBe('CASE_NOT_FOUND');
    expect(outOfReach.body).not.toContain(PHONE);

    // Another citizen's account learns nothing; a step without a note, or one past the end, is not found.
    const stranger = (await c.verifiedAccount(demoPerson('李娜'))).cookie;
    const other = await c.call('POST', `/api/v1/me/cases/${id}/events/2/note/reveal`, undefined, stranger);
    expect(other.json().code).toBe('CASE_NOT_FOUND');
    for (const seq of [1, 9]) {
      const none = await c.call('POST', `/api/v1/me/cases/${id}/events/${seq}/note/reveal`, undefined, zhang);
      expect(none.statusCode).toBe(404);
      expect(none.json().code).toBe('CASE_NOTE_NOT_FOUND');
    }
  });

  it('a note without a number is shown as written and its 显示 refused; a bad step number is a 400', async () => {
    const id = await submit();
    await staff(justice, 'POST', `/api/v1/console/cases/${id}/actions`, {
      action: 'request_supplement',
      version: 1,
      note: '请写明加班的日期和时长',
    });
    const mine = await c.call('GET', `/api/v1/me/cases/${id}`, undefined, zhang);
    expect(mine.json().events[1]).toMatchObject({ note: '请写明加班的日期和时长', noteMasked: false });
    const refused = await c.call('POST', `/api/v1/me/cases/${id}/events/2/note/reveal`, undefined, zhang);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('CASE_NOTE_NOT_MASKED');
    for (const seq of ['abc', '0', '1.5', '99999999']) {
      const bad = await c.call('POST', `/api/v1/me/cases/${id}/events/${seq}/note/reveal`, undefined, zhang);
      expect(bad.statusCode, `${seq}: ${bad.body}`).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('a note stored in clear before 0075 is sealed at start; the log stays append-only otherwise', async () => {
    const id = await submit();
    // What an older version wrote: the note in clear (the column is legacy_note since 0075).
    const staffId = (
      await sql<{ id: string }>`select id from staff_accounts where username = 'gz.justice.reviewer'`.execute(
        t.database.db,
      )
    ).rows[0]?.id;
    await sql`insert into case_events (case_id, seq, action, actor_kind, actor_staff_id, legacy_note)
      values (${id}, 2, 'request_supplement', 'staff', ${staffId}, ${NOTE})`.execute(t.database.db);
    await sql`update cases set status = 'supplement_requested', version = 2 where id = ${id}`.execute(t.database.db);

    // Read as it is (in clear, masked when shown) until sealed.
    const before = await c.call('GET', `/api/v1/me/cases/${id}`, undefined, zhang);
    expect(before.json().events[1]).toMatchObject({ note: MASKED, noteMasked: true });

    // The app's own key: what prepareDatabase seals with at start.
    const cipher = new FieldCipher(resolveDataKey(t.config.dataEncryptionKey, t.config.dataDir, true));
    const sealed = await sealLegacyEventNotes(t.database.db, cipher, 1);
    expect(sealed).toBeGreaterThanOrEqual(1);
    expect(await sealLegacyEventNotes(t.database.db, cipher)).toBe(0);
    const rows = await stored(id);
    expect(rows[1]?.legacy_note).toBeNull();
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    const after = await c.call('GET', `/api/v1/me/cases/${id}`, undefined, zhang);
    expect(after.json().events[1]).toMatchObject({ note: MASKED, noteMasked: true });
    const revealed = await c.call('POST', `/api/v1/me/cases/${id}/events/2/note/reveal`, undefined, zhang);
    expect(revealed.json()).toEqual({ seq: 2, note: NOTE });

    // Append-only still: no other change, not even to the sealed note or back into clear.
    const refusals = [
      sql`update case_events set action = 'reject' where case_id = ${id} and seq = 2`,
      sql`update case_events set note_encrypted = 'v1.x.y.z' where case_id = ${id} and seq = 2`,
      sql`update case_events set note_encrypted = null, legacy_note = 'x' where case_id = ${id} and seq = 2`,
    ];
    for (const change of refusals) {
      await expect(change.execute(t.database.db)).rejects.toThrow(/append-only/);
    }
    // Clear and sealed at once is not a state a row can be in.
    await expect(
      sql`insert into case_events (case_id, seq, action, actor_kind, actor_account_id, legacy_note, note_encrypted)
        select ${id}, 3, 'supplement', 'citizen', account_id, 'a', 'v1.a.b.c' from cases where id = ${id}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/case_events_one_note/);
  });
});
