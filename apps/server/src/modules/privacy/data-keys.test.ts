import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { secondServer } from '../../test-support/second-server.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { ALL_SEALED_COLUMNS } from './all-sealed-columns.js';
import { dataKeyId, FieldCipher, UnknownDataKeyError } from './crypto.js';
import {
  DataKeyError,
  establishIndexKey,
  forgetDemoDecryptionKeys,
  resolveDataKeys,
  rotateDemoKeyFiles,
} from './data-keys.js';
import { censusOfKeys, keysStillInUse, rekey } from './rekey.js';

/** A value as the platform sealed it before key ids (format v1), to prove those stay readable. */
function sealV1(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

function sealBytesV1(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([Buffer.of(1), iv, c.getAuthTag(), body]);
}

describe('FieldCipher with several data keys', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('names the sealing key in every value, and opens with any key it was given', () => {
    const old = new FieldCipher(a);
    const sealed = old.encrypt('13800138000', 'account.phone');
    expect(sealed.startsWith(`v2.${dataKeyId(a)}.`)).toBe(true);
    expect(FieldCipher.sealedWith(sealed)).toBe(dataKeyId(a));
    const rotated = new FieldCipher(b, { decryptionKeys: [a] });
    expect(rotated.decrypt(sealed, 'account.phone')).toBe('13800138000');
    expect(FieldCipher.sealedWith(rotated.encrypt('x'))).toBe(dataKeyId(b));
    // only the new key: the value names a key it does not have
    expect(() => new FieldCipher(b).decrypt(sealed, 'account.phone')).toThrow(UnknownDataKeyError);
    // the associated data still binds the value to its place
    expect(() => rotated.decrypt(sealed, 'account.name')).toThrow();
  });

  it('opens values sealed before key ids (v1) with whichever of its keys sealed them', () => {
    const v1 = sealV1(a, '张伟', 'account.name');
    expect(FieldCipher.sealedWith(v1)).toBe('v1');
    expect(new FieldCipher(b, { decryptionKeys: [a] }).decrypt(v1, 'account.name')).toBe('张伟');
    expect(() => new FieldCipher(b).decrypt(v1, 'account.name')).toThrow();
  });

  it('does the same for bytes', () => {
    const file = randomBytes(1000);
    const sealed = new FieldCipher(a).encryptBytes(file, 'case-attachment:1');
    expect(sealed[0]).toBe(2);
    expect(FieldCipher.sealedWith(sealed)).toBe(dataKeyId(a));
    const rotated = new FieldCipher(b, { decryptionKeys: [a] });
    expect(rotated.decryptBytes(sealed, 'case-attachment:1').equals(file)).toBe(true);
    expect(rotated.decryptBytes(sealBytesV1(a, file, 'x'), 'x').equals(file)).toBe(true);
    expect(() => new FieldCipher(b).decryptBytes(sealed, 'case-attachment:1')).toThrow(UnknownDataKeyError);
    const tampered = Buffer.from(sealed);
    tampered[40] = (tampered[40] ?? 0) ^ 1;
    expect(() => rotated.decryptBytes(tampered, 'case-attachment:1')).toThrow();
  });

  it('makes blind indexes with the index key, not with the sealing key', () => {
    const before = new FieldCipher(a).blindIndex('13800138000', 'phone');
    expect(new FieldCipher(b, { indexKey: a }).blindIndex('13800138000', 'phone')).toBe(before);
    expect(new FieldCipher(b).blindIndex('13800138000', 'phone')).not.toBe(before);
  });
});

describe('demo key files', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'yss-keys-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const demo = (dataDir: string) => ({
    dataEncryptionKey: undefined,
    dataDecryptionKeys: [],
    dataDir,
    mode: 'demo' as const,
  });

  it('are created on first start only, rotated with the old key kept to open, then forgotten', () => {
    expect(() => resolveDataKeys(demo(dir), { create: false })).toThrow(DataKeyError);
    const first = resolveDataKeys(demo(dir));
    expect(resolveDataKeys(demo(dir)).current.equals(first.current)).toBe(true);
    const rotated = rotateDemoKeyFiles(dir);
    expect(rotated.current.equals(first.current)).toBe(false);
    expect(rotated.decryptionKeys.map((k) => k.toString('base64'))).toEqual([first.current.toString('base64')]);
    expect(resolveDataKeys(demo(dir)).decryptionKeys).toHaveLength(1);
    forgetDemoDecryptionKeys(dir);
    expect(resolveDataKeys(demo(dir)).decryptionKeys).toEqual([]);
    expect(readFileSync(path.join(dir, 'keys', 'data-encryption.key'), 'utf8')).toBe(
      rotated.current.toString('base64'),
    );
  });

  it('refuses a key file that is not 32 bytes', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'yss-keys-'));
    mkdirSync(path.join(other, 'keys'));
    writeFileSync(path.join(other, 'keys', 'data-encryption.key'), Buffer.alloc(16).toString('base64'));
    expect(() => resolveDataKeys(demo(other))).toThrow(DataKeyError);
    rmSync(other, { recursive: true, force: true });
  });

  it('production needs DATA_ENCRYPTION_KEY', () => {
    expect(() => resolveDataKeys({ ...demo(dir), mode: 'production' })).toThrow(/DATA_ENCRYPTION_KEY/);
  });
});

/**
 * A whole rotation on the seeded demo province: the platform's data sealed with key A; a server given B (and A
 * to open) re-encrypts every sealed column; afterwards a server with B alone logs citizens and staff in (the
 * phone's blind index, the sealed name, the TOTP secret, the SMS outbox), and nothing in the database names A.
 */
describe.each(ENGINES)('data-key rotation on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const keyA = () => t.config.dataEncryptionKey as Buffer;
  const keyB = randomBytes(32);
  let zhangId = '';
  let caseId = '';
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    const zhang = await c.verifiedAccount(demoPerson('张伟'));
    zhangId = zhang.id;
    // a case withdrawn with a reason: a sealed note in the append-only log, re-encrypted like the rest
    const submitted = await c.call(
      'POST',
      '/api/v1/me/cases',
      {
        serviceId: 'falv-liji-zixun',
        city: '440100',
        form: { topic: 'labour', question: '加班费怎么计算？', contactPhone: '13912345678' },
        attachments: {},
        submissionId: randomUUID(),
      },
      zhang.cookie,
    );
    expect(submitted.statusCode, submitted.body).toBe(201);
    caseId = submitted.json().id;
    const withdrawn = await c.call(
      'POST',
      `/api/v1/me/cases/${caseId}/withdraw`,
      { reason: '请致电13912345678' },
      zhang.cookie,
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  }, 300_000);
  afterAll(() => t?.close());

  /** A second server on the same database with other keys (what a restarted copy is). */
  const serverWith = (keys: { current: Buffer; decryption?: Buffer[] }) =>
    secondServer(t, {
      DATA_ENCRYPTION_KEY: keys.current.toString('base64'),
      DATA_DECRYPTION_KEYS: (keys.decryption ?? []).map((k) => k.toString('base64')).join(','),
    });

  it('a server given only a key that sealed nothing here refuses to start, naming the key it lacks', async () => {
    const err = await serverWith({ current: keyB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataKeyError);
    expect((err as Error).message).toContain(dataKeyId(keyA()));
  });

  it('re-encrypts every sealed column under the new key; afterwards the old key is not needed', async () => {
    const db = t.database.db;
    const before = await censusOfKeys(db, ALL_SEALED_COLUMNS);
    const sealedBefore = before.reduce((n, col) => n + Object.values(col.byKey).reduce((a, b) => a + b, 0), 0);
    expect(keysStillInUse(before, dataKeyId(keyB))).toContain(dataKeyId(keyA()));

    const rotating = new FieldCipher(keyB, { decryptionKeys: [keyA()] });
    await establishIndexKey(db, rotating);
    const indexBefore = new FieldCipher(keyA()).blindIndex('13800138000', 'phone');
    expect(rotating.blindIndex('13800138000', 'phone')).toBe(indexBefore);

    const report = await rekey(db, rotating, ALL_SEALED_COLUMNS, { batchSize: 50 });
    expect(report.filter((r) => r.failed > 0)).toEqual([]);
    const resealed = report.reduce((n, r) => n + r.resealed, 0);
    expect(resealed).toBe(sealedBefore);
    const after = await censusOfKeys(db, ALL_SEALED_COLUMNS);
    expect(keysStillInUse(after, dataKeyId(keyB))).toEqual([]);
    // a second run finds nothing to do
    const again = await rekey(db, rotating, ALL_SEALED_COLUMNS);
    expect(again.reduce((n, r) => n + r.resealed, 0)).toBe(0);

    // the index key did not change with the data key
    const onlyNew = new FieldCipher(keyB);
    await establishIndexKey(db, onlyNew);
    expect(onlyNew.blindIndex('13800138000', 'phone')).toBe(indexBefore);
  }, 300_000);

  it('a server with the new key alone serves the same people', async () => {
    const app = await serverWith({ current: keyB });
    const old = t;
    t = { ...t, app };
    try {
      const zhang = demoPerson('张伟');
      const cookie = await c.smsLogin(zhang.phone as string);
      const me = (await c.call('GET', '/api/v1/me', undefined, cookie)).json();
      expect(me.id).toBe(zhangId);
      expect(me.realName).toBeTruthy();
      const pin = await c.call('POST', '/api/v1/me/verify/pin', { pin: '385172' }, cookie);
      expect(pin.statusCode, pin.body).toBe(200);
      // a staff login opens the sealed TOTP secret
      expect(await staffLogin(c.call, 'gz.justice.reviewer')).toBeTruthy();
    } finally {
      t = old;
      await app.close();
    }
  }, 300_000);

  it('the append-only logs allow the re-encryption and nothing else', async () => {
    const db = t.database.db;
    const row = await sql<{ seq: number }>`
      select seq from case_events where case_id = ${caseId} and note_encrypted is not null`.execute(db);
    expect(row.rows).toHaveLength(1);
    const seq = row.rows[0]?.seq;
    const case_id = caseId;
    await expect(
      sql`update case_events set note_encrypted = 'v2.x.y.z.w' where case_id = ${case_id} and seq = ${seq}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`select set_config('yss.rekey', 'on', true)`.execute(tx);
        await sql`update case_events set action = 'approve' where case_id = ${case_id} and seq = ${seq}`.execute(tx);
      }),
    ).rejects.toThrow(/append-only/);
  });
});
