import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { DEMO_CREDIT } from '../../departments/credit/demo.js';
import { recordPenalty } from '../../departments/credit/simulate.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments } from '../../departments/registry.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { NotificationService } from '../notifications/index.js';
import { CREDIT_POLL_JOB, CreditChangePoller } from './poller.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const SUBS = '/api/v1/lookups/credit/subscriptions';
const INBOX = '/api/v1/me/notifications';
const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as never;
let serial = 0;

describe.each(ENGINES)('信用信息订阅 poller (F3) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const pollers: CreditChangePoller[] = [];
  /** A server copy's poller on the test app's database (own holder id, no timer). */
  const poller = (holder: string, leaseMs = 60_000) => {
    const p = new CreditChangePoller({
      db: t.database.db,
      credit: createDepartments(t.config, t.database.db).credit,
      notifications: new NotificationService(t.database.db),
      log: silent,
      intervalMs: 0,
      leaseMs,
      holder,
    });
    pollers.push(p);
    return p;
  };
  const penalise = (uscc: string) =>
    recordPenalty(t.database.db, {
      uscc,
      decisionNumber: `佛市监罚〔2026〕${++serial}号`,
      authority: '佛山市市场监督管理局',
      violation: '未按规定公示年度报告',
      content: '警告并罚款2000元',
      fineYuan: 2000,
    });
  const inbox = async (cookie: string) => (await c.call('GET', INBOX, undefined, cookie)).json();
  /** Free the lease (as if its holder had stopped): each test starts with nobody polling. */
  const freeLease = () =>
    sql`update job_leases set expires_at = now() - interval '1 second' where name = ${CREDIT_POLL_JOB}`.execute(
      t.database.db,
    );

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1', CREDIT_POLL_SECONDS: '0' });
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((p) => p.stop()));
    await freeLease();
  });
  afterAll(() => t?.close());

  it('announces a change to every subscriber exactly once, however often it polls or restarts its cursor', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const liu = await c.verifiedAccount(demo('刘芳'));
    const li = await c.verifiedAccount(demo('李娜'));
    for (const who of [zhang, liu])
      expect((await c.call('POST', SUBS, { uscc: DEMO_CREDIT.clean }, who.cookie)).statusCode).toBe(201);
    const p = poller('copy-a');
    expect(await p.pollOnce()).toMatchObject({ ran: true, entities: 1, delivered: 0 });

    const { version } = await penalise(DEMO_CREDIT.clean);
    const first = await p.pollOnce();
    expect(first).toMatchObject({ ran: true, delivered: 2 });
    expect(await p.pollOnce()).toMatchObject({ ran: true, delivered: 0 });
    // the cursor lost (a crash before it was saved): the same window again, still nothing twice
    await sql`update job_leases set state = '{}'::jsonb where name = ${CREDIT_POLL_JOB}`.execute(t.database.db);
    expect(await p.pollOnce()).toMatchObject({ ran: true, delivered: 0 });
    // two polls at once in one process run one after the other
    const both = await Promise.all([p.pollOnce(), p.pollOnce()]);
    expect(both.map((r) => r.delivered)).toEqual([0, 0]);

    for (const who of [zhang, liu]) {
      const box = await inbox(who.cookie);
      expect(box.unread).toBe(1);
      expect(box.items).toHaveLength(1);
      const [m] = box.items;
      expect(m).toMatchObject({
        kind: 'credit-change',
        read: false,
        link: `/credit/${DEMO_CREDIT.clean}`,
        title: '信用信息变更提醒：佛山示范餐饮管理有限公司',
      });
      expect(m.body).toContain('行政处罚');
      expect(m.body).toContain('未按规定公示年度报告');
      expect(m.body).not.toContain(who.person.idNumber);
      expect(Date.parse(m.occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    // someone who follows nothing hears nothing
    expect((await inbox(li.cookie)).items).toEqual([]);
    // the subscription now shows its last change
    const list = (await c.call('GET', SUBS, undefined, zhang.cookie)).json();
    expect(list.items[0].lastChange).toMatchObject({ version, item: '行政处罚' });
  });

  it('announces only changes after subscribing, and none after unsubscribing', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const zhang = await c.verifiedAccount(demo('张伟'));
    const p = poller('copy-a');
    await penalise(DEMO_CREDIT.clean); // before 李娜 subscribes: not hers to hear
    expect((await c.call('POST', SUBS, { uscc: DEMO_CREDIT.clean }, li.cookie)).statusCode).toBe(201);
    const beforeZhang = (await inbox(zhang.cookie)).items.length;
    await p.pollOnce();
    expect((await inbox(li.cookie)).items).toEqual([]);
    expect((await inbox(zhang.cookie)).items).toHaveLength(beforeZhang + 1); // 张伟 still follows it

    await penalise(DEMO_CREDIT.clean);
    await c.call('DELETE', `${SUBS}/${DEMO_CREDIT.clean}`, undefined, zhang.cookie);
    await p.pollOnce();
    expect((await inbox(li.cookie)).items).toHaveLength(1);
    expect((await inbox(zhang.cookie)).items).toHaveLength(beforeZhang + 1);
  });

  it('lets one server copy poll at a time: a held lease is respected, a released or expired one taken over', async () => {
    const a = poller('copy-a');
    const b = poller('copy-b');
    expect((await a.pollOnce()).ran).toBe(true);
    expect((await b.pollOnce()).ran).toBe(false);
    expect((await a.pollOnce()).ran).toBe(true); // the holder renews
    await a.stop(); // hands the lease over
    expect((await b.pollOnce()).ran).toBe(true);
    expect((await poller('copy-c').pollOnce()).ran).toBe(false);
    // a holder that dies keeps the lease only until it expires
    await b.stop();
    const shortLived = poller('copy-d', 300);
    expect((await shortLived.pollOnce()).ran).toBe(true);
    const e = poller('copy-e');
    expect((await e.pollOnce()).ran).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect((await e.pollOnce()).ran).toBe(true);
    // the cursor travels with the lease
    const row = await t.database.db
      .selectFrom('job_leases')
      .select(['holder', 'state'])
      .where('name', '=', CREDIT_POLL_JOB)
      .executeTakeFirstOrThrow();
    expect(row.holder).toBe('copy-e');
    expect(typeof (row.state as { since?: unknown }).since).toBe('string');
  });

  it('the sandbox endpoint records a change and polls now; a server copy polls on its timer and hands the lease over when closed', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    await c.call('POST', SUBS, { uscc: DEMO_CREDIT.penalised }, chen.cookie);
    const recorded = await c.call('POST', '/api/v1/dev/credit/penalties', { uscc: DEMO_CREDIT.penalised });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().version).toBeGreaterThan(4);
    const polled = await c.call('POST', '/api/v1/dev/credit/poll');
    expect(polled.json()).toMatchObject({ ran: true, delivered: 1 });
    const box = await inbox(chen.cookie);
    expect(box.items[0].body).toContain('发布虚假广告');
    expect((await c.call('POST', '/api/v1/dev/credit/penalties', { uscc: '91440604DEM000030A' })).json().code).toBe(
      'USCC_CHECK_CHARACTER_WRONG',
    );
    await freeLease();

    // A second server copy on the same database, polling every half second by itself.
    const copy = await buildApp({ ...t.config, creditPollMs: 500 }, { database: t.database, prepare: false });
    await copy.ready();
    try {
      await penalise(DEMO_CREDIT.penalised);
      const deadline = Date.now() + 10_000;
      while ((await inbox(chen.cookie)).items.length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect((await inbox(chen.cookie)).items).toHaveLength(2);
    } finally {
      await copy.close();
    }
    // closing the copy handed the lease over at once
    const lease = await sql<{ free: boolean; holder: string }>`
      select expires_at <= now() as free, holder from job_leases where name = ${CREDIT_POLL_JOB}`.execute(
      t.database.db,
    );
    expect(lease.rows[0]?.free).toBe(true);
    expect(lease.rows[0]?.holder).not.toMatch(/^copy-/);
  });
});
