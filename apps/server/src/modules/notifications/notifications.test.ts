import { randomUUID } from 'node:crypto';
import { NOTIFICATION_KINDS } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { NotificationService } from './notification-service.js';
import { insertNotifications } from './repository.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const INBOX = '/api/v1/me/notifications';

describe.each(ENGINES)('消息 (the inbox) on %s', (engine) => {
  let t: TestApp;
  let service: NotificationService;
  const c = citizenClient(() => t);
  const message = (accountId: string, n: number, at: Date) => ({
    accountId,
    kind: 'credit-change' as const,
    dedupeKey: `test:${n}`,
    title: `消息${n}`,
    body: `第${n}条消息`,
    link: '/credit/91440604DEM000030D',
    occurredAt: at,
  });
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1', CREDIT_POLL_SECONDS: '0' });
    service = new NotificationService(t.database.db);
  });
  afterAll(() => t?.close());

  it('lists only the caller’s own messages, newest first, with the unread count; a session is enough', async () => {
    // SMS login only: the inbox needs no fresh verification (messages are about public records)
    const zhang = await c.smsLogin(demo('张伟').phone as string);
    const liu = await c.smsLogin(demo('刘芳').phone as string);
    const zhangId = (await c.call('GET', '/api/v1/me', undefined, zhang)).json().id as string;
    const liuId = (await c.call('GET', '/api/v1/me', undefined, liu)).json().id as string;
    expect((await c.call('GET', INBOX, undefined, zhang)).json()).toEqual({ items: [], unread: 0, hasMore: false });

    for (let i = 1; i <= 3; i++) {
      expect(await service.deliver([message(zhangId, i, new Date(Date.now() - 1000 * i))])).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await service.deliver([message(liuId, 9, new Date())])).toBe(1);
    // delivering the same event again writes nothing
    expect(await service.deliver([message(zhangId, 1, new Date()), message(liuId, 9, new Date())])).toBe(0);

    const box = (await c.call('GET', INBOX, undefined, zhang)).json();
    expect(box.unread).toBe(3);
    expect(box.hasMore).toBe(false);
    expect(box.items.map((m: { title: string }) => m.title)).toEqual(['消息3', '消息2', '消息1']);
    expect(box.items[0]).toMatchObject({ kind: 'credit-change', read: false, link: '/credit/91440604DEM000030D' });
    const paged = (await c.call('GET', `${INBOX}?limit=2`, undefined, zhang)).json();
    expect(paged.items).toHaveLength(2);
    expect(paged.hasMore).toBe(true);
    expect(paged.unread).toBe(3);
    expect((await c.call('GET', `${INBOX}/unread`, undefined, liu)).json()).toEqual({ unread: 1 });

    // 刘芳's message is not 张伟's to read or to mark: the same 404 as a message that does not exist
    const liuMessage = (await c.call('GET', INBOX, undefined, liu)).json().items[0];
    const foreign = await c.call('POST', `${INBOX}/${liuMessage.id}/read`, undefined, zhang);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND', title: '找不到该消息' });
    const missing = await c.call('POST', `${INBOX}/${randomUUID()}/read`, undefined, zhang);
    expect(missing.json().detail).toBe(foreign.json().detail);
    expect((await c.call('GET', INBOX, undefined, liu)).json().unread).toBe(1);
    expect((await c.call('POST', `${INBOX}/not-a-uuid/read`, undefined, zhang)).statusCode).toBe(400);

    // marking read: idempotent; then all
    const newest = box.items[0].id as string;
    expect((await c.call('POST', `${INBOX}/${newest}/read`, undefined, zhang)).statusCode).toBe(204);
    expect((await c.call('POST', `${INBOX}/${newest}/read`, undefined, zhang)).statusCode).toBe(204);
    const after = (await c.call('GET', INBOX, undefined, zhang)).json();
    expect(after.unread).toBe(2);
    expect(after.items[0].read).toBe(true);
    expect((await c.call('POST', `${INBOX}/read-all`, undefined, zhang)).json()).toEqual({ unread: 0 });
    expect((await c.call('GET', INBOX, undefined, zhang)).json().unread).toBe(0);
    expect((await c.call('GET', INBOX, undefined, liu)).json().unread).toBe(1);
  });

  it('refuses callers without a session', async () => {
    expect((await c.call('GET', INBOX)).statusCode).toBe(401);
    expect((await c.call('GET', INBOX, undefined, 'forged')).statusCode).toBe(401);
    expect((await c.call('POST', `${INBOX}/${randomUUID()}/read`)).statusCode).toBe(401);
    expect((await c.call('POST', `${INBOX}/read-all`)).statusCode).toBe(401);
    expect((await c.call('GET', `${INBOX}?limit=0`)).statusCode).toBe(400);
  });

  it('stores a message of every kind the contracts name (the check constraint lists them all)', async () => {
    // Each module that adds a kind redefines the constraint in its migration; two branches doing it at once once
    // left a kind out. Every kind is written once here, for one account.
    const zhang = await c.smsLogin(demo('张伟').phone as string);
    const accountId = (await c.call('GET', '/api/v1/me', undefined, zhang)).json().id as string;
    const written = await insertNotifications(
      t.database.db,
      NOTIFICATION_KINDS.map((kind) => ({ ...message(accountId, 0, new Date()), kind, dedupeKey: `kind:${kind}` })),
    );
    expect(written).toBe(NOTIFICATION_KINDS.length);
  });
});
