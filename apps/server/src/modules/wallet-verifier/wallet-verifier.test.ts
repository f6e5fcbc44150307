import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson as demo } from '../../departments/kit/demo.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { issueToNewKeys, presentCredential, walletCopy } from '../../test-support/wallet.js';
import type { HolderKey, QrPresentInput } from '../wallet/holder.js';
import { holderKeys, type IssuedCertificate } from '../wallet/index.js';

describe.each(ENGINES)('wallet verifiers, verification log and console status on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const staff = new Map<string, string>();
  let zwId: IssuedCertificate;
  let zwIdKeys: HolderKey[];
  let zwLicence: IssuedCertificate;
  let zwLicenceKeys: HolderKey[];
  let lfLicence: IssuedCertificate;
  let lfLicenceKeys: HolderKey[];
  let lnVolunteer: IssuedCertificate;
  let lnVolunteerKeys: HolderKey[];
  let zwPassport: IssuedCertificate;
  let zwPassportKeys: HolderKey[];

  const as = (username: string) => ({ cookie: staff.get(username) as string });
  const checkIn = (username: string, body: object) =>
    c.call('POST', '/api/v1/verifier/check-ins', body, undefined, as(username));
  const qr = (
    cert: IssuedCertificate,
    keys: HolderKey[],
    i: number,
    purpose: QrPresentInput['purpose'],
    extra: Partial<QrPresentInput> = {},
  ) => presentCredential({ cert, keys }, i, purpose, extra);

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    for (const u of [
      'gz.hotel.clerk',
      'gz.inn.clerk',
      'sz.police.officer',
      'gd.police.zhengzhao',
      'gd.traffic.zhengzhao',
      'gd.volunteers.zhengzhao',
      'sz.police.reviewer',
      'gz.hrss.kefu',
    ]) {
      staff.set(u, await staffLogin(c.call, u));
    }
    ({ cert: zwId, keys: zwIdKeys } = await issueToNewKeys(t.app.wallet, 'resident-id', demo('张伟').idNumber, 4));
    ({ cert: zwLicence, keys: zwLicenceKeys } = await issueToNewKeys(
      t.app.wallet,
      'driving-licence',
      demo('张伟').idNumber,
      8,
    ));
    ({ cert: lfLicence, keys: lfLicenceKeys } = await issueToNewKeys(
      t.app.wallet,
      'driving-licence',
      demo('刘芳').idNumber,
      2,
    ));
    ({ cert: zwPassport, keys: zwPassportKeys } = await issueToNewKeys(
      t.app.wallet,
      'passport',
      demo('张伟').idNumber,
      2,
    ));
    ({ cert: lnVolunteer, keys: lnVolunteerKeys } = await issueToNewKeys(
      t.app.wallet,
      'volunteer-card',
      demo('李娜').idNumber,
      3,
    ));
  });
  afterAll(() => t?.close());

  describe('verifier accounts and check-ins', () => {
    it('a verifier sees their organisation; others get 401 or 403', async () => {
      const me = await c.call('GET', '/api/v1/verifier/me', undefined, undefined, as('gz.hotel.clerk'));
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json()).toMatchObject({
        displayName: '王丽（广州白云宾馆前台）',
        organisation: {
          name: '广州白云宾馆',
          kind: 'hotel',
          kindName: '酒店',
          cityName: '广州',
          purpose: { id: 'hotel' },
          starRating: 4,
        },
      });
      const inn = await c.call('GET', '/api/v1/verifier/me', undefined, undefined, as('gz.inn.clerk'));
      expect(inn.json().organisation).toMatchObject({ name: '广州东风宾馆', kind: 'hotel', starRating: 2 });
      const police = await c.call('GET', '/api/v1/verifier/me', undefined, undefined, as('sz.police.officer'));
      expect(police.json().organisation.starRating).toBeNull();
      expect((await c.call('GET', '/api/v1/verifier/me')).statusCode).toBe(401);
      const citizen = await c.smsLogin(demo('刘洋').phone as string);
      expect((await c.call('POST', '/api/v1/verifier/check-ins', { payload: 'x' }, citizen)).statusCode).toBe(401);
      const notVerifier = await checkIn('gd.police.zhengzhao', { payload: qr(zwId, zwIdKeys, 0, 'hotel') });
      expect(notVerifier.statusCode).toBe(403);
      expect(notVerifier.json().detail).toContain('不是核验单位的核验人员');
      expect((await checkIn('gz.hotel.clerk', { payload: 'x', extra: 1 })).statusCode).toBe(400);
    });

    it('a hotel records a check-in: verified for the hotel purpose in its city, tied to the certificate, audited', async () => {
      const res = await checkIn('gz.hotel.clerk', { payload: qr(zwId, zwIdKeys, 0, 'hotel') });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.result).toMatchObject({
        verdict: 'valid',
        issuer: { id: 'gd-public-security' },
        credentialType: { id: 'resident-id' },
        purpose: { id: 'hotel' },
      });
      expect(body.result.disclosed.map((x: { claim: string }) => x.claim)).toContain('idNumberLast4');
      expect(body.checkIn.organisation.name).toBe('广州白云宾馆');
      expect(res.body).not.toContain(demo('张伟').idNumber);
      const row = await t.database.db
        .selectFrom('wallet_verifications')
        .selectAll()
        .where('id', '=', body.checkIn.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        certificate_id: zwId.certificateId,
        purpose: 'hotel',
        verdict: 'valid',
        reason_code: 'ok',
      });
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('action', '=', 'wallet.check-in')
        .execute();
      expect(audit.some((a) => JSON.stringify(a.detail).includes(body.checkIn.id))).toBe(true);
    });

    it('a hotel below three stars does not check guests in with the e-ID (the guide): refused, audited, not recorded; a passport is', async () => {
      const before = await t.database.db
        .selectFrom('wallet_verifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const shown = qr(zwId, zwIdKeys, 2, 'hotel');
      const res = await checkIn('gz.inn.clerk', { payload: shown });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'CHECK_IN_VENUE_NOT_ACCEPTED',
        detail:
          '居民身份电子凭证目前支持在广东省内三星级及以上酒店入住扫码核验，本店为二星级，暂不支持。请查验旅客的居民身份证原件办理入住。',
      });
      // nothing of the e-ID is handed out, and no check-in recorded
      expect(res.body).not.toContain('张');
      const after = await t.database.db
        .selectFrom('wallet_verifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const denied = await t.database.db
        .selectFrom('audit_log')
        .select(['result', 'detail'])
        .where('action', '=', 'wallet.check-in')
        .where('result', '=', 'denied')
        .execute();
      expect(denied.some((a) => JSON.stringify(a.detail).includes('"reason":"venue"'))).toBe(true);
      // refused before verifying: the guest's code is not used up, and the same code checks in at a four-star hotel
      const elsewhere = await checkIn('gz.hotel.clerk', { payload: shown });
      expect(elsewhere.statusCode, elsewhere.body).toBe(200);
      expect(elsewhere.json().result).toMatchObject({ verdict: 'valid', credentialType: { id: 'resident-id' } });

      // A passport is a valid ID for check-in at any hotel: recorded as usual.
      const passport = await checkIn('gz.inn.clerk', { payload: qr(zwPassport, zwPassportKeys, 0, 'hotel') });
      expect(passport.statusCode, passport.body).toBe(200);
      expect(passport.json().result).toMatchObject({ verdict: 'valid', credentialType: { id: 'passport' } });
      expect(passport.json().checkIn.organisation).toMatchObject({ name: '广州东风宾馆', starRating: 2 });
    });

    it('a QR made for another purpose is refused and recorded without a certificate; garbage is a clear verdict', async () => {
      const res = await checkIn('gz.hotel.clerk', { payload: qr(zwId, zwIdKeys, 1, 'employer') });
      expect(res.json().result).toMatchObject({ verdict: 'invalid', reasonCode: 'purpose' });
      const row = await t.database.db
        .selectFrom('wallet_verifications')
        .selectAll()
        .where('id', '=', res.json().checkIn.id)
        .executeTakeFirstOrThrow();
      expect(row.certificate_id).toBeNull();
      const garbage = await checkIn('gz.hotel.clerk', { payload: 'hello, not a certificate' });
      expect(garbage.statusCode).toBe(200);
      expect(garbage.json().result).toMatchObject({ verdict: 'invalid', reasonCode: 'malformed', disclosed: [] });
    });

    it('police use the two-way flow: a nonce is required and must be the one the holder signed', async () => {
      const nonce = randomBytes(16).toString('base64url');
      const without = await checkIn('sz.police.officer', {
        payload: qr(zwLicence, zwLicenceKeys, 0, 'police', { nonce }),
      });
      expect(without.statusCode).toBe(400);
      expect(without.json().code).toBe('CHECK_IN_NONCE_REQUIRED');
      const other = randomBytes(16).toString('base64url');
      const wrong = await checkIn('sz.police.officer', {
        payload: qr(zwLicence, zwLicenceKeys, 1, 'police', { nonce }),
        nonce: other,
      });
      expect(wrong.json().result).toMatchObject({ verdict: 'invalid', reasonCode: 'nonce' });
      const ok = await checkIn('sz.police.officer', {
        payload: qr(zwLicence, zwLicenceKeys, 2, 'police', { nonce }),
        nonce,
      });
      expect(ok.json().result).toMatchObject({ verdict: 'valid', credentialType: { id: 'driving-licence' } });
      expect(ok.json().result.disclosed.map((x: { label: string }) => x.label)).toContain('准驾车型');
      // 刘芳's licence, checked by the same officer
      const lf = await checkIn('sz.police.officer', {
        payload: qr(lfLicence, lfLicenceKeys, 0, 'police', { nonce }),
        nonce,
      });
      expect(lf.json().result.verdict).toBe('valid');
    });
  });

  describe('the citizen’s verification log (核验记录)', () => {
    it('shows who verified which of my certificates, when and for what — mine only, nothing of the ID number', async () => {
      const zw = await c.verifiedAccount(demo('张伟'));
      const res = await c.call('GET', '/api/v1/me/wallet/verifications', undefined, zw.cookie);
      expect(res.statusCode, res.body).toBe(200);
      const log = res.json();
      expect(log.subject).toEqual({ self: true, nameMasked: '张*' });
      expect(log.verifications.length).toBeGreaterThanOrEqual(2);
      for (const v of log.verifications) {
        expect([zwId.certificateId, zwLicence.certificateId, zwPassport.certificateId]).toContain(v.certificate.id);
      }
      expect(log.verifications).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            certificate: expect.objectContaining({ id: zwId.certificateId, typeName: '居民身份电子凭证' }),
            organisation: { name: '广州白云宾馆', kindName: '酒店', cityName: '广州' },
            purpose: { id: 'hotel', name: '酒店入住' },
            verdict: 'valid',
            verdictName: '有效',
          }),
          expect.objectContaining({
            certificate: expect.objectContaining({ id: zwLicence.certificateId, typeName: '驾驶证' }),
            organisation: expect.objectContaining({ name: '深圳市公安局福田分局' }),
          }),
        ]),
      );
      expect(res.body).not.toContain(demo('张伟').idNumber);
      expect(res.body).not.toContain(lfLicence.certificateId);

      const lf = await c.verifiedAccount(demo('刘芳'));
      const theirs = (await c.call('GET', '/api/v1/me/wallet/verifications', undefined, lf.cookie)).json();
      expect(theirs.verifications.map((v: { certificate: { id: string } }) => v.certificate.id)).toEqual([
        lfLicence.certificateId,
      ]);
      const nobody = await c.verifiedAccount(demo('李娜'));
      const empty = (await c.call('GET', '/api/v1/me/wallet/verifications', undefined, nobody.cookie)).json();
      expect(empty.verifications).toEqual([]);
    });

    it('?certificate=: one certificate of 我的证照 only (every batch of the link); another’s 404, malformed 400', async () => {
      const zw = await c.verifiedAccount(demo('张伟'));
      const keys = holderKeys(2);
      const linked = await c.call(
        'POST',
        '/api/v1/me/certificates',
        { type: 'resident-id', holderKeys: keys.map((k) => k.publicJwk), city: '440100' },
        zw.cookie,
      );
      expect(linked.statusCode, linked.body).toBe(201);
      const { link, batch: b } = linked.json() as { link: { id: string }; batch: Omit<IssuedCertificate, 'type'> };
      const batch = { ...b, type: 'resident-id' } as IssuedCertificate;
      const checked = await checkIn('gz.hotel.clerk', { payload: qr(batch, keys, 0, 'hotel') });
      expect(checked.json().result.verdict).toBe('valid');

      const url = `/api/v1/me/wallet/verifications?certificate=${link.id}`;
      const one = await c.call('GET', url, undefined, zw.cookie);
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json().verifications).toEqual([
        expect.objectContaining({
          id: checked.json().checkIn.id,
          certificate: expect.objectContaining({ id: batch.certificateId, type: 'resident-id' }),
          organisation: { name: '广州白云宾馆', kindName: '酒店', cityName: '广州' },
          purpose: { id: 'hotel', name: '酒店入住' },
        }),
      ]);
      // the whole log still has the others (the directly issued e-ID and licence)
      const all = (await c.call('GET', '/api/v1/me/wallet/verifications', undefined, zw.cookie)).json();
      expect(all.verifications.length).toBeGreaterThan(1);

      // 刘芳 asking for 张伟's certificate, or an id nobody has: the same 404
      const lf = await c.verifiedAccount(demo('刘芳'));
      const theirs = await c.call('GET', url, undefined, lf.cookie);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toMatchObject({
        code: 'WALLET_LINK_NOT_FOUND',
        detail: expect.stringContaining('找不到该证照'),
      });
      expect(theirs.body).not.toContain('白云宾馆');
      const unknown = await c.call(
        'GET',
        '/api/v1/me/wallet/verifications?certificate=00000000-0000-4000-8000-000000000000',
        undefined,
        zw.cookie,
      );
      expect(unknown.json().code).toBe('WALLET_LINK_NOT_FOUND');
      // unlinked: no longer one of 我的证照
      expect((await c.call('DELETE', `/api/v1/me/certificates/${link.id}`, undefined, zw.cookie)).statusCode).toBe(204);
      expect((await c.call('GET', url, undefined, zw.cookie)).statusCode).toBe(404);

      for (const bad of ['abc', '1', `${link.id}x`, "1' or 1=1"]) {
        const res = await c.call(
          'GET',
          `/api/v1/me/wallet/verifications?certificate=${encodeURIComponent(bad)}`,
          undefined,
          zw.cookie,
        );
        expect(res.statusCode, bad).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().detail).toContain('证照编号格式有误');
      }
    });

    it('needs a fresh verification', async () => {
      const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
      const res = await c.call('GET', '/api/v1/me/wallet/verifications', undefined, smsOnly);
      expect(res.json().code).toBe('VERIFICATION_REQUIRED');
    });
  });

  describe('console: 注销 / 暂停使用 / 恢复 by the issuing department', () => {
    const search = (username: string, idNumber: string) =>
      c.call('POST', '/api/v1/console/wallet/certificates/search', { idNumber }, undefined, as(username));
    const setStatus = (username: string, id: string, action: string, reason = '测试原因说明') =>
      c.call('POST', `/api/v1/console/wallet/certificates/${id}/status`, { action, reason }, undefined, as(username));

    it('finds a person’s certificates of the caller’s department only, the ID number masked, audited', async () => {
      const res = await search('gd.police.zhengzhao', demo('张伟').idNumber);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.idNumberMasked).toBe('440***********031X');
      expect(body.certificates.map((x: { id: string }) => x.id)).toContain(zwId.certificateId);
      expect(body.certificates.every((x: { type: string }) => x.type === 'resident-id')).toBe(true);
      expect(res.body).not.toContain(demo('张伟').idNumber);
      const traffic = (await search('gd.traffic.zhengzhao', demo('张伟').idNumber)).json();
      expect(traffic.certificates.map((x: { id: string }) => x.id)).toContain(zwLicence.certificateId);
      // a city grant of the department, another role, a verifier: refused
      expect((await search('sz.police.reviewer', demo('张伟').idNumber)).statusCode).toBe(403);
      expect((await search('gz.hrss.kefu', demo('张伟').idNumber)).statusCode).toBe(403);
      expect((await search('gz.hotel.clerk', demo('张伟').idNumber)).statusCode).toBe(403);
      expect((await search('gd.police.zhengzhao', '123')).statusCode).toBe(400);
      expect(
        (await c.call('POST', '/api/v1/console/wallet/certificates/search', { idNumber: demo('张伟').idNumber }))
          .statusCode,
      ).toBe(401);
    });

    it('suspend → verifiers see suspended; reinstate → valid; revoke → revoked and final', async () => {
      const id = zwLicence.certificateId;
      const verifyLicence = async (i: number) => {
        const nonce = randomBytes(16).toString('base64url');
        return (
          await checkIn('sz.police.officer', { payload: qr(zwLicence, zwLicenceKeys, i, 'police', { nonce }), nonce })
        ).json().result;
      };
      // another department's staff may not touch it
      expect((await setStatus('gd.police.zhengzhao', id, 'suspend')).statusCode).toBe(403);
      expect((await setStatus('gd.traffic.zhengzhao', id, 'suspend', 'x')).statusCode).toBe(400);
      const suspended = await setStatus('gd.traffic.zhengzhao', id, 'suspend', '驾驶证记分满12分，暂停使用');
      expect(suspended.statusCode, suspended.body).toBe(200);
      expect(suspended.json()).toMatchObject({ status: 'suspended', statusName: '已暂停使用' });
      expect(await verifyLicence(3)).toMatchObject({ verdict: 'suspended', reason: '证照已被签发机构暂停使用。' });
      expect((await setStatus('gd.traffic.zhengzhao', id, 'suspend')).json().code).toBe('WALLET_CERTIFICATE_SUSPENDED');
      expect((await setStatus('gd.traffic.zhengzhao', id, 'reinstate', '已恢复')).json().status).toBe('valid');
      expect((await setStatus('gd.traffic.zhengzhao', id, 'reinstate')).json().code).toBe(
        'WALLET_CERTIFICATE_NOT_SUSPENDED',
      );
      expect((await verifyLicence(4)).verdict).toBe('valid');
      expect((await setStatus('gd.traffic.zhengzhao', id, 'revoke', '驾驶证已注销')).json().status).toBe('revoked');
      expect(await verifyLicence(5)).toMatchObject({ verdict: 'revoked', reason: '证照已被签发机构注销。' });
      const again = await setStatus('gd.traffic.zhengzhao', id, 'reinstate', '想恢复');
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('WALLET_CERTIFICATE_REVOKED');
      // the log shows the revoked verdict to the citizen; the audit has the reason
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('action', 'in', ['console.wallet.suspend', 'console.wallet.reinstate', 'console.wallet.revoke'])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'console.wallet.reinstate',
        'console.wallet.revoke',
        'console.wallet.suspend',
      ]);
      expect(JSON.stringify(audit)).toContain('驾驶证记分满12分');
      expect(
        (await setStatus('gd.traffic.zhengzhao', '00000000-0000-4000-8000-000000000000', 'revoke')).statusCode,
      ).toBe(404);
      expect((await setStatus('gz.hrss.kefu', '00000000-0000-4000-8000-000000000000', 'revoke')).statusCode).toBe(403);
    });

    it('the volunteer registry’s reviewer revokes a 注册志愿者证, and only certificates of the registry', async () => {
      const reviewer = 'gd.volunteers.zhengzhao';
      const id = lnVolunteer.certificateId;
      const employerScan = (i: number) =>
        t.app.wallet.verify(qr(lnVolunteer, lnVolunteerKeys, i, 'employer'), { purpose: 'employer' });
      // the search shows the registry's certificates only: 李娜's 注册志愿者证, not her e-ID or licence
      const found = await search(reviewer, demo('李娜').idNumber);
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json().certificates.map((x: { id: string }) => x.id)).toContain(id);
      expect(found.json().certificates.every((x: { type: string }) => x.type === 'volunteer-card')).toBe(true);
      expect((await search(reviewer, demo('张伟').idNumber)).json().certificates).toEqual([]);
      // another issuer's certificates are not the registry's to touch, nor the registry's theirs
      expect((await setStatus(reviewer, lfLicence.certificateId, 'revoke')).statusCode).toBe(403);
      expect((await setStatus(reviewer, zwId.certificateId, 'suspend')).statusCode).toBe(403);
      expect((await setStatus('gd.traffic.zhengzhao', id, 'revoke')).statusCode).toBe(403);
      expect((await employerScan(0)).verdict).toBe('valid');
      const revoked = await setStatus(reviewer, id, 'revoke', '志愿者注册信息已注销');
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json()).toMatchObject({ id, type: 'volunteer-card', status: 'revoked' });
      expect(await employerScan(1)).toMatchObject({ verdict: 'revoked', reason: '证照已被签发机构注销。' });
      expect((await setStatus(reviewer, id, 'reinstate', '想恢复')).json().code).toBe('WALLET_CERTIFICATE_REVOKED');
      // the licence the registry could not touch is as it was
      expect((await t.app.wallet.verify(qr(lfLicence, lfLicenceKeys, 0, 'employer'))).verdict).toBe('valid');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('action', '=', 'console.wallet.revoke')
        .execute();
      expect(JSON.stringify(audit)).toContain('志愿者注册信息已注销');
    });

    it('a verifier elsewhere (its own status-list cache) sees a revocation within the 60 s ttl', async () => {
      let now = Date.now();
      const elsewhere = walletCopy(t, () => now);
      const at = (i: number) => elsewhere.verify(qr(zwId, zwIdKeys, i, 'hotel', { now }), { purpose: 'hotel' });
      expect((await at(1)).verdict).toBe('valid');
      const revoked = await setStatus('gd.police.zhengzhao', zwId.certificateId, 'revoke', '居民身份证已挂失');
      expect(revoked.json().status).toBe('revoked');
      // In this process the change is seen at once …
      expect((await t.app.wallet.verify(qr(zwId, zwIdKeys, 2, 'hotel'))).verdict).toBe('revoked');
      // … elsewhere the decoded list is kept until its ttl (60 s) has passed, then refetched.
      now += 30_000;
      expect((await at(3)).verdict).toBe('valid');
      now += 31_000;
      expect((await at(0)).verdict).toBe('revoked');
    });
  });

  describe('no demo back door', () => {
    it('POST /api/v1/dev/wallet/issue is gone, in demo mode too: certificates come only from 我的证照’s 授权关联', async () => {
      expect(t.config.mode).toBe('demo');
      // The demo-only helpers are mounted (the SMS outbox answers) …
      expect((await c.call('GET', `/api/v1/dev/sms-outbox?phone=${demo('张伟').phone}`)).statusCode).toBe(200);
      const before = (await t.app.wallet.certificatesOf(demo('张伟').idNumber)).length;
      // … but no route mints a certificate for an ID number without a verified login.
      const res = await c.call('POST', '/api/v1/dev/wallet/issue', {
        type: 'resident-id',
        idNumber: demo('张伟').idNumber,
        holderKeys: holderKeys(1).map((k) => k.publicJwk),
      });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect((await t.app.wallet.certificatesOf(demo('张伟').idNumber)).length).toBe(before);
    });
  });
});
