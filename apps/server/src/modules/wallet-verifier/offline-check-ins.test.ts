import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson as demo } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { issueToNewKeys, presentCredential, walletCopy } from '../../test-support/wallet.js';
import type { HolderKey, QrPresentInput } from '../wallet/holder.js';
import { type IssuedCertificate, presentQr } from '../wallet/index.js';
import { addVerifier } from './organisations.js';

const HOUR = 3_600_000;

/**
 * 离线核验登记 (issue 6, item 5): POST /api/v1/verifier/check-ins/offline. The server re-verifies what the
 * device verified offline: signatures, iat against the claimed verifiedAt, time bounds, the status as it is now,
 * and replay; an upload is recorded once.
 */
describe.each(ENGINES)('offline check-ins uploaded later on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const staff = new Map<string, string>();
  let zwId: IssuedCertificate;
  let keys: HolderKey[];

  const upload = (username: string | null, body: object) =>
    c.call(
      'POST',
      '/api/v1/verifier/check-ins/offline',
      body,
      undefined,
      username ? { cookie: staff.get(username) as string } : {},
    );
  /** A hotel QR of member i, signed by the holder at `at` (ms). */
  const hotelQr = (i: number, at = Date.now(), extra: Partial<QrPresentInput> = {}) =>
    presentCredential({ cert: zwId, keys }, i, 'hotel', { now: at, ...extra });
  const deviceValid = { verdict: 'valid', reasonCode: 'ok' };
  const rowsOf = (id: string) =>
    t.database.db.selectFrom('wallet_verifications').selectAll().where('id', '=', id).execute();

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    for (const u of [
      'gz.hotel.clerk',
      'gz.inn.clerk',
      'sz.police.officer',
      'gz.employer.hr',
      'gd.police.zhengzhao',
      'gz.hrss.kefu',
    ]) {
      staff.set(u, await staffLogin(c.call, u));
    }
    // issued 4 hours ago (a WalletService on the same database with an earlier clock), so that checks made
    // offline hours ago fall within its validity
    const earlier = walletCopy(t, () => Date.now() - 4 * HOUR);
    ({ cert: zwId, keys } = await issueToNewKeys(earlier, 'resident-id', demo('张伟').idNumber, 12));
  });
  afterAll(() => t?.close());

  it('an e-ID checked offline at a hotel below three stars (an old page) is refused on upload, as online', async () => {
    const at = Date.now() - HOUR;
    const res = await upload('gz.inn.clerk', {
      payload: hotelQr(11, at),
      verifiedAt: new Date(at + 5_000).toISOString(),
      device: deviceValid,
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CHECK_IN_VENUE_NOT_ACCEPTED' });
    expect(res.json().detail).toContain('三星级及以上酒店');
    const recorded = await t.database.db
      .selectFrom('wallet_verifications as v')
      .innerJoin('verifier_organisations as o', 'o.id', 'v.organisation_id')
      .select('v.id')
      .where('o.name', '=', '广州东风宾馆')
      .execute();
    expect(recorded).toEqual([]);
  });

  it('a check made offline 2 hours ago is verified again and recorded once, with 离线核验 in the citizen’s log', async () => {
    const at = Date.now() - 2 * HOUR;
    const payload = hotelQr(0, at);
    const verifiedAt = new Date(at + 5_000).toISOString();
    const first = await upload('gz.hotel.clerk', { payload, verifiedAt, device: deviceValid });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({
      duplicate: false,
      device: deviceValid,
      result: { verdict: 'valid', reasonCode: 'ok', purpose: { id: 'hotel' } },
      checkIn: { verifiedAt, organisation: { name: '广州白云宾馆' } },
    });
    expect(Date.parse(body.checkIn.recordedAt)).toBeGreaterThan(Date.parse(verifiedAt) + HOUR);
    const [row] = await rowsOf(body.checkIn.id);
    expect(row).toMatchObject({
      offline: true,
      certificate_id: zwId.certificateId,
      verdict: 'valid',
      device_verdict: 'valid',
      device_reason_code: 'ok',
    });
    expect(row?.checked_at.toISOString()).toBe(verifiedAt);

    // the same upload again (the page lost the answer): the same check-in, nothing new
    const again = await upload('gz.hotel.clerk', { payload, verifiedAt, device: deviceValid });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, checkIn: { id: body.checkIn.id } });
    expect(again.json().result.verdict).toBe('valid');
    const count = await t.database.db
      .selectFrom('wallet_verifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('certificate_id', '=', zwId.certificateId)
      .where('offline', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'wallet.check-in.offline')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ deviceVerdict: 'valid', verdict: 'valid', disagrees: false });

    const zw = await c.verifiedAccount(demo('张伟'));
    const log = (await c.call('GET', '/api/v1/me/wallet/verifications', undefined, zw.cookie)).json();
    const entry = log.verifications.find((v: { id: string }) => v.id === body.checkIn.id);
    expect(entry).toMatchObject({ offline: true, checkedAt: verifiedAt, verdict: 'valid' });
  });

  it('an online check-in whose answer the page lost is the same check-in when uploaded from the queue', async () => {
    const payload = hotelQr(1);
    const online = await c.call('POST', '/api/v1/verifier/check-ins', { payload }, undefined, {
      cookie: staff.get('gz.hotel.clerk') as string,
    });
    expect(online.json().result.verdict).toBe('valid');
    const queued = await upload('gz.hotel.clerk', {
      payload,
      verifiedAt: new Date().toISOString(),
      device: deviceValid,
    });
    expect(queued.statusCode, queued.body).toBe(200);
    expect(queued.json()).toMatchObject({ duplicate: true, checkIn: { id: online.json().checkIn.id } });
  });

  it('a tampered presentation: the device’s “valid” is kept, the server’s invalid verdict recorded, no certificate', async () => {
    const good = hotelQr(2);
    // one base45 character of the holder's signature changed (the tail of the text)
    const last = good.at(-2) === '0' ? '1' : '0';
    const tampered = `${good.slice(0, -2)}${last}${good.slice(-1)}`;
    const res = await upload('gz.hotel.clerk', {
      payload: tampered,
      verifiedAt: new Date().toISOString(),
      device: deviceValid,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.verdict).toBe('invalid');
    expect(res.json().device.verdict).toBe('valid');
    const [row] = await rowsOf(res.json().checkIn.id);
    expect(row).toMatchObject({ offline: true, certificate_id: null, verdict: 'invalid', device_verdict: 'valid' });
  });

  it('the holder-signed iat must be within ±90 s of verifiedAt: a fresh code claimed as verified an hour ago is stale', async () => {
    const res = await upload('gz.hotel.clerk', {
      payload: hotelQr(3),
      verifiedAt: new Date(Date.now() - HOUR).toISOString(),
      device: deviceValid,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({ verdict: 'invalid', reasonCode: 'stale' });
  });

  it('too old (> 72 h) and future uploads are refused with problem+json', async () => {
    const old = Date.now() - 73 * HOUR;
    const tooOld = await upload('gz.hotel.clerk', {
      payload: hotelQr(4, old),
      verifiedAt: new Date(old).toISOString(),
      device: deviceValid,
    });
    expect(tooOld.statusCode).toBe(422);
    expect(tooOld.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooOld.json()).toMatchObject({ code: 'CHECK_IN_OFFLINE_TOO_OLD' });
    expect(tooOld.json().detail).toContain('72小时');

    const later = Date.now() + 10 * 60_000;
    const future = await upload('gz.hotel.clerk', {
      payload: hotelQr(4, later),
      verifiedAt: new Date(later).toISOString(),
      device: deviceValid,
    });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ code: 'CHECK_IN_OFFLINE_FUTURE' });

    for (const bad of [
      { payload: hotelQr(4), verifiedAt: 'yesterday', device: deviceValid },
      { payload: hotelQr(4), verifiedAt: new Date().toISOString(), device: { verdict: 'great', reasonCode: 'ok' } },
      { payload: hotelQr(4), verifiedAt: new Date().toISOString() },
      { payload: hotelQr(4), verifiedAt: new Date().toISOString(), device: deviceValid, extra: 1 },
    ]) {
      const res = await upload('gz.hotel.clerk', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('anonymous, citizens and staff of no verifier organisation cannot upload', async () => {
    const body = { payload: hotelQr(5), verifiedAt: new Date().toISOString(), device: deviceValid };
    expect((await upload(null, body)).statusCode).toBe(401);
    const citizen = await c.smsLogin(demo('刘洋').phone as string);
    expect((await c.call('POST', '/api/v1/verifier/check-ins/offline', body, citizen)).statusCode).toBe(401);
    const notVerifier = await upload('gd.police.zhengzhao', body);
    expect(notVerifier.statusCode).toBe(403);
    expect(notVerifier.json().code).toBe('FORBIDDEN');
  });

  it('another organisation’s session: verified for its own purpose, and a code recorded elsewhere is a replay', async () => {
    // 10 minutes ago: the online replay guard's window (90 s) is over; the recorded check-ins still tell
    const at = Date.now() - 10 * 60_000;
    const payload = hotelQr(6, at);
    const verifiedAt = new Date(at).toISOString();
    const hotel = await upload('gz.hotel.clerk', { payload, verifiedAt, device: deviceValid });
    expect(hotel.json().result.verdict).toBe('valid');
    // the employer's session: its purpose is 用人单位, not 酒店入住
    const employer = await upload('gz.employer.hr', { payload, verifiedAt, device: deviceValid });
    expect(employer.statusCode, employer.body).toBe(200);
    expect(employer.json()).toMatchObject({
      duplicate: false,
      result: { verdict: 'invalid', reasonCode: 'purpose' },
      checkIn: { organisation: { name: '广州粤信科技有限公司' } },
    });
    expect(employer.json().checkIn.id).not.toBe(hotel.json().checkIn.id);
    // a second hotel uploading the same scan: every check passes, but the code was recorded elsewhere
    const kefu = await t.database.db
      .selectFrom('staff_accounts')
      .select('id')
      .where('username', '=', 'gz.hrss.kefu')
      .executeTakeFirstOrThrow();
    await addVerifier(t.database.db, kefu.id, {
      name: '广州测试酒店',
      kind: 'hotel',
      cityCode: '440100',
      starRating: 3,
    });
    const other = await upload('gz.hrss.kefu', { payload, verifiedAt, device: deviceValid });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().result).toMatchObject({ verdict: 'invalid', reasonCode: 'replay' });
    expect(other.json().result.reason).toContain('其他核验单位');
    // the hotel's own record is unchanged
    const [row] = await rowsOf(hotel.json().checkIn.id);
    expect(row?.verdict).toBe('valid');
  });

  it('police offline check-ins need the page’s nonce, and it must be the one the holder signed', async () => {
    const nonce = 'q83vEjRWeJC6_gAAAAAAAA';
    const police = (extra: object) =>
      presentQr({
        compact: zwId.credentials[7]?.compact as string,
        key: keys[7] as HolderKey,
        type: 'resident-id',
        purpose: 'police',
        ...extra,
      });
    const noNonce = await upload('sz.police.officer', {
      payload: police({ nonce }),
      verifiedAt: new Date().toISOString(),
      device: deviceValid,
    });
    expect(noNonce.statusCode).toBe(400);
    expect(noNonce.json().code).toBe('CHECK_IN_NONCE_REQUIRED');
    const ok = await upload('sz.police.officer', {
      payload: police({ nonce }),
      nonce,
      verifiedAt: new Date().toISOString(),
      device: deviceValid,
    });
    expect(ok.json().result.verdict, ok.body).toBe('valid');
  });

  it('the status as the server knows it now: revoked since the offline check → recorded as revoked, next to the device’s valid', async () => {
    const at = Date.now() - 30 * 60_000;
    const payload = hotelQr(8, at);
    const revoked = await c.call(
      'POST',
      `/api/v1/console/wallet/certificates/${zwId.certificateId}/status`,
      { action: 'revoke', reason: '居民身份证已挂失' },
      undefined,
      { cookie: staff.get('gd.police.zhengzhao') as string },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    const res = await upload('gz.hotel.clerk', {
      payload,
      verifiedAt: new Date(at).toISOString(),
      device: deviceValid,
    });
    expect(res.json()).toMatchObject({ result: { verdict: 'revoked' }, device: { verdict: 'valid' } });
    const [row] = await rowsOf(res.json().checkIn.id);
    expect(row).toMatchObject({ verdict: 'revoked', device_verdict: 'valid', certificate_id: zwId.certificateId });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'wallet.check-in.offline')
      .execute();
    expect(audit.some((a) => (a.detail as { disagrees?: boolean }).disagrees === true)).toBe(true);
  });
});
