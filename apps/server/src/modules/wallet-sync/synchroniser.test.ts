import type { CredentialType } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnector, type Transport } from '../../departments/framework/client.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments, DEPARTMENTS, type Departments } from '../../departments/registry.js';
import { setLicenceStatus } from '../../departments/traffic/simulate.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { AuditLog } from '../audit/index.js';
import { NotificationService } from '../notifications/index.js';
import { FieldCipher } from '../privacy/index.js';
import { type HolderKey, holderKeys, presentQr } from '../wallet/holder.js';
import { WalletService } from '../wallet/index.js';
import { WALLET_SYNC_JOB, WalletStatusSynchroniser } from './synchroniser.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const LINKS = '/api/v1/me/certificates';
const INBOX = '/api/v1/me/notifications';
const CHANGE = '/api/v1/dev/wallet/department-changes';
const SYNC = '/api/v1/dev/wallet/sync';
const GZ = '440100';
const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as never;

interface Linked {
  id: string;
  certificateId: string;
  keys: HolderKey[];
  compacts: string[];
  type: CredentialType;
}

describe.each(ENGINES)('wallet status synchroniser (department-driven changes) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  /** account id → ID number: the identity the synchronisers built in the tests read (the app's uses its own). */
  const people = new Map<string, string>();
  const synchronisers: WalletStatusSynchroniser[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, {
      TRUST_PROXY: 'true',
      SMS_RESEND_SECONDS: '1',
      CREDIT_POLL_SECONDS: '0',
      WALLET_SYNC_SECONDS: '0',
    });
  });
  afterEach(async () => {
    await Promise.all(synchronisers.splice(0).map((s) => s.stop()));
    // Each test starts with nobody holding the lease (the app's own synchroniser took it through the dev route).
    await sql`update job_leases set expires_at = now() - interval '1 second' where name = ${WALLET_SYNC_JOB}`.execute(
      t.database.db,
    );
  });
  afterAll(() => t?.close());

  const account = async (name: string) => {
    const who = await c.verifiedAccount(demo(name));
    people.set(who.id, who.person.idNumber);
    return who;
  };
  const link = async (cookie: string, type: CredentialType, n = 1): Promise<Linked> => {
    const keys = holderKeys(n);
    const res = await c.call('POST', LINKS, { type, holderKeys: keys.map((k) => k.publicJwk), city: GZ }, cookie);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    return {
      id: body.link.id,
      certificateId: body.link.certificateId,
      keys,
      compacts: body.batch.credentials.map((x: { compact: string }) => x.compact),
      type,
    };
  };
  /** What a verifier (POST /api/v1/verify) says of a credential of the batch. */
  const verdict = async (l: Linked, purpose: 'police' | 'employer', i = 0) => {
    const payload = presentQr({ compact: l.compacts[i] as string, key: l.keys[i] as HolderKey, type: l.type, purpose });
    const res = await c.call('POST', '/api/v1/verify', { payload, purpose });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().verdict as string;
  };
  const change = async (kind: string, idNumber: string) => {
    const res = await c.call('POST', CHANGE, { change: kind, idNumber });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const syncNow = async () => {
    const res = await c.call('POST', SYNC);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const inbox = async (cookie: string) =>
    (await c.call('GET', INBOX, undefined, cookie)).json().items as {
      kind: string;
      title: string;
      body: string;
      link: string;
    }[];
  const linkStatus = async (cookie: string, id: string) =>
    ((await c.call('GET', LINKS, undefined, cookie)).json().links as { id: string; status: string }[]).find(
      (l) => l.id === id,
    )?.status;
  /** A server copy's synchroniser on the test database (own holder, no timer). */
  const synchroniser = (holder: string, wallet: WalletService = t.app.wallet) => {
    const s = new WalletStatusSynchroniser({
      db: t.database.db,
      wallet,
      identity: {
        realIdentity: async (id: string) => (people.has(id) ? ({ idNumber: people.get(id) } as never) : null),
      },
      notifications: new NotificationService(t.database.db),
      audit: new AuditLog(t.database.db),
      log: silent,
      intervalMs: 0,
      holder,
    });
    synchronisers.push(s);
    return s;
  };

  it('交管 suspends a linked 驾驶证: verifiers read suspended, the citizen hears once; handed back: valid again', async () => {
    const zhang = await account('张伟');
    const licence = await link(zhang.cookie, 'driving-licence', 2);
    expect(await verdict(licence, 'police')).toBe('valid');
    // nothing changed in the department: a round changes nothing and says nothing
    expect(await syncNow()).toMatchObject({ ran: true, changed: 0, announced: 0, outages: 0 });

    expect(await change('licence-suspend', zhang.person.idNumber)).toMatchObject({
      department: '交管',
      result: 'suspended',
      idNumberMasked: '440***********031X',
    });
    expect(await syncNow()).toMatchObject({ ran: true, changed: 1, announced: 1 });
    expect(await verdict(licence, 'police', 0)).toBe('suspended');
    expect(await verdict(licence, 'police', 1)).toBe('suspended');
    expect(await linkStatus(zhang.cookie, licence.id)).toBe('suspended');
    // more rounds: no second message
    expect(await syncNow()).toMatchObject({ changed: 0, announced: 0 });
    let box = await inbox(zhang.cookie);
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({
      kind: 'wallet-status',
      title: '电子驾驶证已暂停使用',
      link: `/wallet/${licence.id}`,
    });
    expect(box[0]?.body).toContain('您的电子驾驶证已被签发机构暂停使用（驾驶证被暂扣）。');
    expect(JSON.stringify(box)).not.toContain(zhang.person.idNumber);

    await change('licence-restore', zhang.person.idNumber);
    expect(await syncNow()).toMatchObject({ changed: 1, announced: 1 });
    expect(await verdict(licence, 'police')).toBe('valid');
    expect(await linkStatus(zhang.cookie, licence.id)).toBe('valid');
    box = await inbox(zhang.cookie);
    expect(box).toHaveLength(2);
    expect(box[0]).toMatchObject({ title: '电子驾驶证已恢复使用' });

    // the changes are in 我的访问记录, made by the system
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      actor: string;
      actionLabel: string;
      detail: string;
    }[];
    const syncs = log.filter((e) => e.action === 'wallet.status.sync');
    expect(syncs).toHaveLength(2);
    expect(syncs[0]).toMatchObject({ actor: '系统', actionLabel: '签发机构变更电子证照状态', detail: '驾驶证' });

    // 吊销 is final: revoked, and handing the licence back later does not bring it back
    await change('licence-revoke', zhang.person.idNumber);
    expect(await syncNow()).toMatchObject({ changed: 1, announced: 1 });
    expect(await verdict(licence, 'police')).toBe('revoked');
    expect((await inbox(zhang.cookie))[0]?.body).toContain('您的电子驾驶证已被签发机构注销（驾驶证已被吊销）。');
    expect((await change('licence-restore', zhang.person.idNumber)).result).toBe('revoked');
    expect(await syncNow()).toMatchObject({ changed: 0, announced: 0 });
    expect(await inbox(zhang.cookie)).toHaveLength(3);
  });

  it('does not lift a staff member’s own suspension while the department’s record stays in force', async () => {
    const li = await account('李娜');
    const licence = await link(li.cookie, 'driving-licence');
    await syncNow(); // read once: in force
    await t.app.wallet.suspend(licence.certificateId); // the console's 暂停使用
    expect(await syncNow()).toMatchObject({ changed: 0, announced: 0 });
    expect(await verdict(licence, 'police')).toBe('suspended');
    await t.app.wallet.reinstate(licence.certificateId);
  });

  it('民政 registers a divorce: both 结婚证 revoked with one message each, and the 离婚证 can be linked', async () => {
    const zhang = await account('张伟');
    const fang = await account('刘芳');
    const his = await link(zhang.cookie, 'marriage-certificate');
    const hers = await link(fang.cookie, 'marriage-certificate');
    expect(await verdict(hers, 'employer')).toBe('valid');
    const before = (await inbox(fang.cookie)).length;
    const noDivorce = await c.call(
      'POST',
      LINKS,
      { type: 'divorce-certificate', holderKeys: holderKeys(1).map((k) => k.publicJwk), city: GZ },
      fang.cookie,
    );
    expect(noDivorce.json().code).toBe('WALLET_NO_RECORD');

    const divorce = await change('divorce', fang.person.idNumber);
    expect(divorce).toMatchObject({ department: '民政' });
    expect(divorce.result).toMatch(/^L440106-\d{4}-\d{6}$/);
    expect(await syncNow()).toMatchObject({ changed: 2, announced: 2 });
    expect(await verdict(hers, 'employer')).toBe('revoked');
    expect(await verdict(his, 'employer')).toBe('revoked');
    for (const who of [zhang, fang]) {
      const mine = (await inbox(who.cookie)).filter((m) => m.title === '电子结婚证已注销');
      expect(mine).toHaveLength(1);
      expect(mine[0]?.body).toMatch(/^您的电子结婚证已被签发机构注销（婚姻登记状态变更）。/);
      expect(mine[0]?.body).not.toContain(divorce.result);
    }
    expect(await syncNow()).toMatchObject({ changed: 0, announced: 0 });
    expect((await inbox(fang.cookie)).length).toBe(before + 1);

    // (a 离婚证 has no QR purpose: its status is what the list shows)
    const divorced = await link(fang.cookie, 'divorce-certificate');
    expect(await linkStatus(fang.cookie, divorced.id)).toBe('valid');
    // the revoked 结婚证 cannot be re-linked while it is linked (the issuer's decision stands)
    const relink = await c.call(
      'POST',
      LINKS,
      { type: 'marriage-certificate', holderKeys: holderKeys(1).map((k) => k.publicJwk), city: GZ },
      fang.cookie,
    );
    expect(relink.json().code).toBe('WALLET_CERTIFICATE_INACTIVE');
  });

  it('never revokes on a department outage: nothing changes, the link is read again next round', async () => {
    const chen = await account('陈志强');
    const licence = await link(chen.cookie, 'driving-licence');
    await synchroniser('copy-a').runOnce(); // read once: in force
    await synchronisers.splice(0)[0]?.stop();
    await setLicenceStatus(t.database.db, chen.person.idNumber, 'revoked');
    const inboxBefore = (await inbox(chen.cookie)).length;
    const checkedAt = async () =>
      (
        await t.database.db
          .selectFrom('wallet_links')
          .select('sync_checked_at')
          .where('id', '=', licence.id)
          .executeTakeFirstOrThrow()
      ).sync_checked_at.getTime();
    const before = await checkedAt();

    // Every department down (refused connections), then answering garbage.
    const failing: Transport[] = [
      {
        kind: 'http',
        call: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
      { kind: 'http', call: async () => ({ nonsense: true }) },
    ];
    const cipher = new FieldCipher(t.config.dataEncryptionKey as Buffer);
    for (const [i, transport] of failing.entries()) {
      const departments = Object.fromEntries(
        Object.entries(DEPARTMENTS).map(([name, d]) => [
          name,
          createConnector(d.spec, transport, { policy: { retries: 0 }, log: silent }),
        ]),
      ) as unknown as Departments;
      const wallet = new WalletService({ db: t.database.db, cipher, departments, baseUrl: 'http://localhost' });
      const report = await synchroniser(`down-${i}`, wallet).runOnce();
      expect(report).toMatchObject({ ran: true, checked: 0, changed: 0, announced: 0 });
      expect(report.outages).toBeGreaterThan(0);
      expect(await verdict(licence, 'police')).toBe('valid');
      expect(await linkStatus(chen.cookie, licence.id)).toBe('valid');
      expect(await checkedAt()).toBe(before);
      await synchronisers.splice(0)[0]?.stop();
    }
    expect((await inbox(chen.cookie)).length).toBe(inboxBefore);

    // The department answers again: the change is made and announced.
    const report = await synchroniser('copy-b', new WalletService({ ...walletDeps(), cipher })).runOnce();
    expect(report).toMatchObject({ ran: true, outages: 0 });
    expect(report.changed).toBeGreaterThanOrEqual(1);
    expect(await linkStatus(chen.cookie, licence.id)).toBe('revoked');
    expect((await inbox(chen.cookie)).length).toBe(inboxBefore + 1);
  });

  /** A wallet over the healthy embedded departments (as another server copy would have). */
  const walletDeps = () => ({
    db: t.database.db,
    departments: createDepartments(t.config, t.database.db),
    baseUrl: 'http://localhost',
  });

  it('lets one server copy act at a time: two copies racing change and announce once', async () => {
    const fang = await account('刘芳');
    const licence = await link(fang.cookie, 'driving-licence');
    const a = synchroniser('copy-a');
    const b = synchroniser('copy-b');
    expect((await a.runOnce()).ran).toBe(true);
    expect((await b.runOnce()).ran).toBe(false); // a holds the lease
    const inboxBefore = (await inbox(fang.cookie)).length;
    await setLicenceStatus(t.database.db, fang.person.idNumber, 'suspended');
    await a.stop(); // hands the lease over: now both race for it
    const c1 = synchroniser('copy-c');
    const [r1, r2] = await Promise.all([c1.runOnce(), b.runOnce()]);
    expect([r1.ran, r2.ran].filter(Boolean)).toHaveLength(1);
    expect(r1.changed + r2.changed).toBe(1);
    expect(r1.announced + r2.announced).toBe(1);
    expect(await linkStatus(fang.cookie, licence.id)).toBe('suspended');
    expect((await inbox(fang.cookie)).length).toBe(inboxBefore + 1);
    // the holder renews; the other keeps out until the lease is released
    expect((await (r1.ran ? c1 : b).runOnce()).ran).toBe(true);
    expect((await (r1.ran ? b : c1).runOnce()).ran).toBe(false);
    await setLicenceStatus(t.database.db, fang.person.idNumber, 'normal');
  });

  it('the sandbox route answers bad input with a clear problem, never a 500', async () => {
    const bad = await c.call('POST', CHANGE, { change: 'licence-suspend', idNumber: '440106198805120312' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ID_NUMBER_INVALID');
    const unknown = await c.call('POST', CHANGE, { change: 'explode', idNumber: demo('张伟').idNumber });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    const noLicence = await c.call('POST', CHANGE, { change: 'licence-suspend', idNumber: demo('张建国').idNumber });
    expect(noLicence.statusCode).toBe(404);
    expect(noLicence.json()).toMatchObject({
      code: 'WALLET_NO_RECORD',
      detail: '沙箱交管系统中没有该身份证号码的驾驶证。',
    });
    const unmarried = await c.call('POST', CHANGE, { change: 'divorce', idNumber: demo('李娜').idNumber });
    expect(unmarried.statusCode).toBe(404);
    expect(unmarried.json().detail).toBe('沙箱民政系统中没有该身份证号码的在婚登记记录。');
  });

  it('works through a large province in bounded rounds, oldest-checked first', async () => {
    const s = new WalletStatusSynchroniser({
      db: t.database.db,
      wallet: t.app.wallet,
      identity: {
        realIdentity: async (id: string) => (people.has(id) ? ({ idNumber: people.get(id) } as never) : null),
      },
      notifications: new NotificationService(t.database.db),
      audit: new AuditLog(t.database.db),
      log: silent,
      intervalMs: 0,
      batchSize: 2,
      holder: 'small-rounds',
    });
    synchronisers.push(s);
    const live = Number(
      (
        await t.database.db
          .selectFrom('wallet_links')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('unlinked_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(live).toBeGreaterThan(4);
    const oldest = await t.database.db
      .selectFrom('wallet_links')
      .select(['id', 'sync_checked_at'])
      .where('unlinked_at', 'is', null)
      .orderBy('sync_checked_at')
      .orderBy('id')
      .limit(2)
      .execute();
    const first = await s.runOnce();
    expect(first.checked + first.undecided).toBe(2);
    const read = await t.database.db
      .selectFrom('wallet_links')
      .select(['id', 'sync_checked_at'])
      .where(
        'id',
        'in',
        oldest.map((o) => o.id),
      )
      .execute();
    for (const r of read) {
      const was = oldest.find((o) => o.id === r.id)?.sync_checked_at.getTime() ?? 0;
      expect(r.sync_checked_at.getTime()).toBeGreaterThan(was);
    }
    let total = 2;
    for (let i = 0; i < live; i++) {
      const r = await s.runOnce();
      expect(r.checked + r.undecided).toBeLessThanOrEqual(2);
      total += r.checked + r.undecided;
    }
    expect(total).toBeGreaterThanOrEqual(live);
  });
});

describe.each(ENGINES)('wallet status synchroniser in production mode on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // The test hands buildApp its own database; production mode still insists on a DATABASE_URL setting.
    t = await createTestApp(engine, {
      APP_MODE: 'production',
      DATABASE_URL: 'postgres://unused.invalid/yss',
      CREDIT_POLL_SECONDS: '0',
      WALLET_SYNC_SECONDS: '0',
    });
  });
  afterAll(() => t?.close());

  it('serves no sandbox endpoint outside demo mode', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/dev/wallet/department-changes']).toBeUndefined();
    expect(doc.paths['/api/v1/dev/wallet/sync']).toBeUndefined();
    const res = await t.app.inject({
      method: 'POST',
      url: CHANGE,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ change: 'divorce', idNumber: demo('张伟').idNumber }),
    });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: SYNC })).statusCode).toBe(404);
  });
});
