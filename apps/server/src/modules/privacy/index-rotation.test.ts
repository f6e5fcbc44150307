import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { secondServer } from '../../test-support/second-server.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { issueToNewKeys } from '../../test-support/wallet.js';
import { FieldCipher, indexKeyId, UnknownIndexKeyError } from './crypto.js';
import { DataKeyError, establishIndexKey } from './data-keys.js';
import { censusOfIndexes, holdServerCopiesOut, rotateIndexKey } from './index-rotation.js';
import { INDEXED_COLUMNS } from './indexed-columns.js';

describe('the index-key chain (FieldCipher)', () => {
  const [k0, k1, k2] = [randomBytes(32), randomBytes(32), randomBytes(32)];
  const chain = (...keys: Buffer[]) => {
    const c = new FieldCipher(randomBytes(32));
    c.useIndexKeys(keys);
    return c;
  };

  it('with one key, is the HMAC every installation stored before rotation existed', () => {
    const expected = createHmac('sha256', k0).update('phone\u000013800138000').digest('base64url');
    expect(chain(k0).blindIndex('13800138000', 'phone')).toBe(expected);
    expect(chain(k0).indexKeyId).toBe('');
  });

  it('after a rotation, names the newest key and rewrites a stored index without its value', () => {
    const before = chain(k0).blindIndex('13800138000', 'phone');
    const rotated = chain(k0, k1);
    const after = rotated.blindIndex('13800138000', 'phone');
    expect(after.startsWith(`${indexKeyId(k1)}.`)).toBe(true);
    expect(after).not.toContain(before);
    expect(rotated.reindex(before)).toBe(after);
    expect(rotated.reindex(after)).toBe(after);
    // the purpose still separates indexes of one value
    expect(rotated.blindIndex('13800138000', 'plate')).not.toBe(after);
    // a third key: from the first key's index and from the second's, the same result
    const twice = chain(k0, k1, k2);
    const now = twice.blindIndex('13800138000', 'phone');
    expect(now.startsWith(`${indexKeyId(k2)}.`)).toBe(true);
    expect(twice.reindex(before)).toBe(now);
    expect(twice.reindex(after)).toBe(now);
    // the newest key decides: another third key gives another index
    expect(chain(k0, k1, randomBytes(32)).blindIndex('13800138000', 'phone')).not.toBe(now);
  });

  it('refuses an index made with a key the chain does not hold', () => {
    const elsewhere = chain(k0, randomBytes(32)).blindIndex('13800138000', 'phone');
    expect(() => chain(k0, k1).reindex(elsewhere)).toThrow(UnknownIndexKeyError);
  });
});

/**
 * On the seeded demo province: the indexes the platform wrote (accounts by phone and ID number, SMS codes and the
 * outbox, a PIN lockout, a 亲友代办 request, a certificate) are rewritten under a new index key with every server
 * copy stopped; an interrupted run keeps servers from starting until it is finished; afterwards a server finds the
 * same people and records as before.
 */
describe.each(ENGINES)('index-key rotation on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const zhang = demoPerson('张伟');
  const father = demoPerson('张建国');
  const lockedPhone = '13900000077';
  const GAOKAO = { candidateNumber: '06440106241996', password: 'yss123456' };
  const GAOKAO_URL = '/api/v1/lookups/gaokao/results/by-candidate-number?city=440300';
  let zhangId = '';
  /** The test app's server, stopped for a rotation (every copy must be) and replaced by a new one after it. */
  let running = true;
  const stopServer = async () => {
    if (running) await t.app.close();
    running = false;
  };
  const startServer = async () => {
    t = { ...t, app: await server() };
    running = true;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    const account = await c.verifiedAccount(zhang);
    zhangId = account.id;
    const asked = await c.call(
      'POST',
      '/api/v1/delegations',
      { name: father.name, idNumber: father.idNumber, serviceIds: ['yanglao-zige-renzheng'], validDays: 90 },
      account.cookie,
    );
    expect(asked.statusCode, asked.body).toBe(201);
    for (let i = 0; i < 5; i++) await c.call('POST', '/api/v1/auth/pin/login', { phone: lockedPhone, pin: '000001' });
    // his 高考 candidate number locked by wrong passwords (the number's lock is kept by its index)
    const liNa = await c.verifiedAccount(demoPerson('李娜'));
    for (let i = 0; i < 5; i++) await c.call('POST', GAOKAO_URL, { ...GAOKAO, password: 'wrong-one' }, liNa.cookie);
    await issueToNewKeys(t.app.wallet, 'driving-licence', zhang.idNumber, 1);
  }, 300_000);
  afterAll(async () => {
    await stopServer();
    await t?.close();
  });

  /** A server on the same database (what a copy started after the rotation is). */
  const server = () => secondServer(t);
  const cipher = () => new FieldCipher(t.config.dataEncryptionKey as Buffer);
  const totals = async () => {
    const census = await censusOfIndexes(t.database.db, INDEXED_COLUMNS);
    const byKey: Record<string, number> = {};
    for (const col of census) for (const [id, n] of Object.entries(col.byKey)) byKey[id] = (byKey[id] ?? 0) + n;
    return { census, byKey };
  };

  it('is refused while a server copy runs (PostgreSQL: the copies hold a lock)', async () => {
    if (engine === 'pglite') return; // one process per PGlite folder: nothing else can be running
    await expect(holdServerCopiesOut(t.database)).rejects.toThrow(DataKeyError);
    // and a copy does not start while a rotation holds the database
    await stopServer();
    const held = await holdServerCopiesOut(t.database);
    try {
      await expect(server()).rejects.toThrow(/索引密钥正在轮换/);
    } finally {
      await held.release();
    }
  });

  it('an interrupted run keeps servers from starting; run again, it finishes what it began', async () => {
    await stopServer();
    const before = await totals();
    const indexes = before.byKey[''] ?? 0;
    // every stored index was made by the first key; the journeys above wrote some in most columns
    expect(Object.keys(before.byKey)).toEqual(['']);
    const written = before.census.filter((col) => Object.keys(col.byKey).length > 0).map((col) => col.table);
    expect(written).toEqual(
      expect.arrayContaining([
        'identity_accounts',
        'identity_sms_codes',
        'identity_login_throttle',
        'sms_outbox',
        'delegations',
        'wallet_certificates',
        'lookup_exam_attempts',
      ]),
    );

    const interrupted = cipher();
    let batches = 0;
    await expect(
      rotateIndexKey(t.database.db, interrupted, INDEXED_COLUMNS, {
        batchSize: 2,
        onBatch: () => {
          if (++batches === 3) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const half = await totals();
    const done = half.byKey[interrupted.indexKeyId] ?? 0;
    expect(done).toBeGreaterThan(0);
    expect(half.byKey['']).toBe(indexes - done);
    await expect(server()).rejects.toThrow(/索引密钥的轮换还没有完成/);

    const finishing = cipher();
    const rotation = await rotateIndexKey(t.database.db, finishing, INDEXED_COLUMNS, { batchSize: 7 });
    expect(rotation).toMatchObject({ resumed: true, activated: true, position: 1, keyId: interrupted.indexKeyId });
    expect(rotation.columns.reduce((n, col) => n + col.rewritten, 0)).toBe(indexes - done);
    expect(rotation.columns.filter((col) => col.failed > 0)).toEqual([]);
    const after = await totals();
    expect(after.byKey).toEqual({ [rotation.keyId]: indexes });
    const keys = await sql<{ position: number; state: string }>`
      select position, state from data_index_keys order by position`.execute(t.database.db);
    expect(keys.rows).toEqual([
      { position: 0, state: 'active' },
      { position: 1, state: 'active' },
    ]);
  }, 120_000);

  it('a server started afterwards finds the same people and records', async () => {
    await startServer();
    // the phone's index: the same account, by SMS (codes and outbox looked up by the new indexes)
    const cookie = await c.smsLogin(zhang.phone as string);
    expect((await c.call('GET', '/api/v1/me', undefined, cookie)).json().id).toBe(zhangId);
    // the lockout counted before the rotation still holds
    const locked = await c.call('POST', '/api/v1/auth/pin/login', { phone: lockedPhone, pin: '000001' });
    expect(locked.json().code).toBe('PIN_LOCKED');
    // the ID number's index (one account per person) leads to his account
    const reader = cipher();
    await establishIndexKey(t.database.db, reader);
    const byIdNumber = await t.database.db
      .selectFrom('identity_accounts')
      .select('id')
      .where('id_number_index', '=', reader.blindIndex(zhang.idNumber, 'id-number'))
      .execute();
    expect(byIdNumber).toEqual([{ id: zhangId }]);
    // the principal's index: his request for his father is still the open one
    const pin = await c.call('POST', '/api/v1/me/verify/pin', { pin: '385172' }, cookie);
    expect(pin.statusCode, pin.body).toBe(200);
    const again = await c.call(
      'POST',
      '/api/v1/delegations',
      { name: father.name, idNumber: father.idNumber, serviceIds: ['yanglao-zige-renzheng'], validDays: 90 },
      cookie,
    );
    expect(again.json().code).toBe('DELEGATION_EXISTS');
    // the candidate number's lock, for him too and with the right password
    expect((await c.call('POST', GAOKAO_URL, GAOKAO, cookie)).json().code).toBe('EXAM_QUERY_LOCKED');
    // the certificate holder's index
    expect((await t.app.wallet.certificatesOf(zhang.idNumber)).map((cert) => cert.credential_type)).toContain(
      'driving-licence',
    );
  }, 120_000);

  it('a second rotation wraps the first one’s indexes again; a cipher given the chain agrees', async () => {
    await stopServer();
    const rotation = await rotateIndexKey(t.database.db, cipher(), INDEXED_COLUMNS);
    expect(rotation).toMatchObject({ resumed: false, activated: true, position: 2 });
    const after = await totals();
    expect(Object.keys(after.byKey)).toEqual([rotation.keyId]);
    const reader = cipher();
    await establishIndexKey(t.database.db, reader);
    const row = await t.database.db
      .selectFrom('identity_accounts')
      .select('phone_index')
      .where('id', '=', zhangId)
      .executeTakeFirstOrThrow();
    expect(reader.blindIndex(zhang.phone as string, 'phone')).toBe(row.phone_index);
    await startServer();
    expect((await c.call('GET', '/api/v1/me', undefined, await c.smsLogin(zhang.phone as string))).json().id).toBe(
      zhangId,
    );
  }, 120_000);
});
