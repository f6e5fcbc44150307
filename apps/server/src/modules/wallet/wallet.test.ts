import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { Tag } from 'cbor-x';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { editQr, issueToNewKeys, presentCredential, walletCopy } from '../../test-support/wallet.js';
import { base45Decode, base45Encode } from './base45.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import { signSign1, tagSign1 } from './cose.js';
import { generateEs256, privateKeyObject } from './es256.js';
import { type HolderKey, holderKeys, presentQr, presentSdJwt, type QrPresentInput } from './holder.js';
import type { IssuedCertificate } from './wallet-service.js';

const ZHANG_WEI = '44010619880512031X';
const LIU_YANG = '430104199503210539'; // licence past its validity (逾期未换证)
const ZHANG_ZIXUAN = '440106201704150151'; // a child: no licence

const verifyApi = (t: TestApp, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: body });

describe.each(ENGINES)('wallet trust core on %s', (engine) => {
  let t: TestApp;
  let id: IssuedCertificate;
  let idKeys: HolderKey[];
  let licence: IssuedCertificate;
  let licenceKeys: HolderKey[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ cert: id, keys: idKeys } = await issueToNewKeys(t.app.wallet, 'resident-id', ZHANG_WEI, 3));
    ({ cert: licence, keys: licenceKeys } = await issueToNewKeys(t.app.wallet, 'driving-licence', ZHANG_WEI, 2));
  });
  afterAll(() => t?.close());

  const cred = (i = 0) => id.credentials[i] as IssuedCertificate['credentials'][number];
  const hotelQr = (i = 0, extra: Partial<QrPresentInput> = {}) =>
    presentCredential({ cert: id, keys: idKeys }, i, 'hotel', extra);

  describe('issuers and keys', () => {
    it('publishes each issuer’s JWKS at /api/v1/issuers/<id>/jwks.json and the SD-JWT VC well-known metadata', async () => {
      const res = await t.app.inject('/api/v1/issuers/gd-public-security/jwks.json');
      expect(res.statusCode, res.body).toBe(200);
      const { keys } = res.json();
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(keys[0].d).toBeUndefined();
      const meta = await t.app.inject('/.well-known/jwt-vc-issuer/api/v1/issuers/gd-traffic-police');
      expect(meta.json().issuer).toMatch(/\/api\/v1\/issuers\/gd-traffic-police$/);
      // Each department its own key.
      const traffic = meta.json().jwks.keys.map((k: { kid: string }) => k.kid);
      expect(traffic).not.toContain(keys[0].kid);
      expect((await t.app.inject('/api/v1/issuers/nobody/jwks.json')).statusCode).toBe(404);
      expect((await t.app.inject('/api/v1/issuers/NOPE!/jwks.json')).statusCode).toBe(400);
    });

    it('stores private keys encrypted (never a JWK "d" in clear)', async () => {
      const rows = await t.database.db.selectFrom('wallet_issuer_keys').selectAll().execute();
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) {
        expect(r.private_jwk_encrypted).toMatch(/^v2\./);
        expect(r.private_jwk_encrypted).not.toContain('"d"');
        expect(JSON.stringify(r.public_jwk)).not.toContain('"d"');
      }
    });

    it('rotation: a new current key signs, the old one stays in the JWKS and old certificates still verify', async () => {
      const before = (await t.app.inject('/api/v1/issuers/gd-public-security/jwks.json')).json().keys;
      const oldKid = before[0].kid;
      const newKid = await t.app.wallet.keys.rotate('gd-public-security');
      const after = (await t.app.inject('/api/v1/issuers/gd-public-security/jwks.json')).json().keys;
      expect(after.map((k: { kid: string }) => k.kid)).toEqual([newKid, ...before.map((k: { kid: string }) => k.kid)]);
      expect(after.map((k: { kid: string }) => k.kid)).toContain(oldKid);
      // Signed before the rotation: still valid.
      const old = await verifyApi(t, { payload: hotelQr(2) });
      expect(old.json()).toMatchObject({ verdict: 'valid' });
      // New credentials carry the new kid.
      const fresh = await t.app.wallet.issue({
        type: 'resident-id',
        idNumber: ZHANG_WEI,
        holderKeys: [generateEs256().publicJwk],
      });
      const header = JSON.parse(
        Buffer.from((fresh.credentials[0]?.sdJwt ?? '').split('.')[0] ?? '', 'base64url').toString(),
      );
      expect(header).toMatchObject({ alg: 'ES256', typ: 'dc+sd-jwt', kid: newKid });
    });
  });

  describe('issuance', () => {
    it('issues a batch: fresh salts, its own holder key and its own random status entry per credential', () => {
      expect(id.credentials).toHaveLength(3);
      expect(id.issuer).toEqual({ id: 'gd-public-security', name: '广东省公安厅（户政、治安）' });
      const entries = id.credentials.map((c) => `${c.status.listId}/${c.status.idx}`);
      expect(new Set(entries).size).toBe(3);
      const compacts = id.credentials.map((c) => c.compact);
      expect(new Set(compacts).size).toBe(3);
      // The SD-JWT and the QR credential of one batch member share the status entry.
      for (const c of id.credentials) {
        const payload = JSON.parse(Buffer.from(c.sdJwt.split('.')[1] ?? '', 'base64url').toString());
        expect(payload.status.status_list.idx).toBe(c.status.idx);
        expect(payload.status.status_list.uri).toMatch(new RegExp(`/status-lists/${c.status.listId}$`));
        // Nothing personal in clear in the JWT payload: every claim is a salted digest.
        expect(JSON.stringify(payload)).not.toContain(ZHANG_WEI);
        expect(payload._sd.length).toBeGreaterThanOrEqual(8);
      }
    });

    it('maps the department record: 张伟’s C1 licence; a licence past its validity and no licence are refused', async () => {
      const out = await verifyApi(t, {
        payload: presentQr({
          compact: licence.credentials[0]?.compact ?? '',
          key: licenceKeys[0] as HolderKey,
          type: 'driving-licence',
          purpose: 'police',
        }),
        purpose: 'police',
      });
      expect(out.json().verdict).toBe('valid');
      expect(out.json().disclosed.map((d: { claim: string; display: string }) => [d.claim, d.display])).toEqual([
        ['name', '张伟'],
        ['licenceClass', 'C1'],
        ['licenceStatus', '正常'],
        ['validUntil', '长期'],
      ]);
      await expect(
        t.app.wallet.issue({ type: 'driving-licence', idNumber: LIU_YANG, holderKeys: [generateEs256().publicJwk] }),
      ).rejects.toMatchObject({ code: 'WALLET_DOCUMENT_INVALID' });
      await expect(
        t.app.wallet.issue({
          type: 'driving-licence',
          idNumber: ZHANG_ZIXUAN,
          holderKeys: [generateEs256().publicJwk],
        }),
      ).rejects.toMatchObject({ code: 'WALLET_NO_RECORD' });
    });

    it('refuses bad holder keys: none, too many, not P-256, the same key twice', async () => {
      const k = generateEs256().publicJwk;
      for (const holderKeys of [[], Array(21).fill(k), [{ kty: 'RSA', n: 'x', e: 'AQAB' }], [k, k]]) {
        await expect(
          t.app.wallet.issue({ type: 'resident-id', idNumber: ZHANG_WEI, holderKeys }),
        ).rejects.toMatchObject({
          code: 'WALLET_HOLDER_KEY_INVALID',
        });
      }
    });
  });

  describe('QR presentation', () => {
    it('hotel check-in: name, last 4 of the ID number and validity — never the full number; fits QR version ≤ 20 at M', async () => {
      const qr = hotelQr(0);
      expect(qr.startsWith('YSS1:')).toBe(true);
      expect(qr.length).toBeLessThan(850);
      expect(QRCode.create(qr, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(20);
      const res = await verifyApi(t, { payload: qr, purpose: 'hotel' });
      expect(res.statusCode, res.body).toBe(200);
      const v = res.json();
      expect(v).toMatchObject({
        verdict: 'valid',
        reasonCode: 'ok',
        format: 'qr',
        issuer: { id: 'gd-public-security' },
        credentialType: { id: 'resident-id', name: '居民身份电子凭证' },
        purpose: { id: 'hotel', name: '酒店入住' },
      });
      expect(v.disclosed.map((d: { claim: string }) => d.claim)).toEqual([
        'name',
        'idNumberLast4',
        'validFrom',
        'validUntil',
      ]);
      expect(v.disclosed[1].value).toBe('031X');
      expect(res.body).not.toContain(ZHANG_WEI);
      expect(res.body).not.toContain('19880512');
    });

    it('every disclosure profile of both types fits QR version ≤ 20 at level M, with a photo reference too', async () => {
      const { credentialTypeSpec } = await import('@yss/contracts');
      for (const [type, cert, keys] of [
        ['resident-id', id, idKeys],
        ['driving-licence', licence, licenceKeys],
      ] as const) {
        for (const purpose of Object.keys(credentialTypeSpec(type).profiles) as ('hotel' | 'police')[]) {
          const qr = presentQr({
            compact: cert.credentials[0]?.compact ?? '',
            key: keys[0] as HolderKey,
            type,
            purpose,
          });
          expect(QRCode.create(qr, { errorCorrectionLevel: 'M' }).version, `${type} ${purpose}`).toBeLessThanOrEqual(
            20,
          );
        }
      }
      // Worst case: every claim of the e-ID disclosed (the longest address in the register's style) plus a photo ref.
      const { issueCompact } = await import('./compact.js');
      const key = await t.app.wallet.keys.signingKey('gd-public-security');
      const holder = generateEs256();
      const compact = issueCompact({
        key,
        issuerCode: 1,
        type: 'resident-id',
        claims: {
          name: '欧阳明月',
          sex: 'female',
          birthDate: '1990-01-25',
          idNumber: '440105199001250424',
          idNumberLast4: '0424',
          address: '广东省广州市天河区天河北路一二三四五号六七八九大厦十一楼一一零二室',
          photoRef: 'AAAAAAAAAAAAAAAAAAAAAA',
          validFrom: '2026-01-01',
          validUntil: '2026-01-31',
        },
        iat: 1,
        exp: 2,
        status: { listId: 1, idx: 65_535 },
        holderPoint: (await import('./es256.js')).compressPoint(holder.publicJwk),
      }).toString('base64url');
      const all = presentQr({
        compact,
        key: holder,
        type: 'resident-id',
        purpose: 'police',
        claims: ['name', 'sex', 'birthDate', 'idNumber', 'photoRef', 'validUntil'],
      });
      expect(QRCode.create(all, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(20);
    });

    it('two scans of the same person cannot be linked: batch members share no bytes of signature, key or digests', () => {
      const a = decodeCbor(base45Decode(hotelQr(0).slice(5))) as unknown[];
      const b = decodeCbor(base45Decode(hotelQr(1).slice(5))) as unknown[];
      const issuerA = (a[1] as Tag).value as Uint8Array[];
      const issuerB = (b[1] as Tag).value as Uint8Array[];
      expect(Buffer.from(issuerA[3] as Uint8Array).equals(Buffer.from(issuerB[3] as Uint8Array))).toBe(false);
      const pa = decodeCbor(issuerA[2] as Uint8Array) as Map<number, unknown>;
      const pb = decodeCbor(issuerB[2] as Uint8Array) as Map<number, unknown>;
      expect(pa.get(6)).not.toEqual(pb.get(6)); // holder keys
      expect(pa.get(5)).not.toEqual(pb.get(5)); // status entries
      expect(pa.get(7)).not.toEqual(pb.get(7)); // salted digests
    });

    it('two-way flow (police): the verifier’s nonce must be the one the holder signed', async () => {
      const nonce = Buffer.from('police-device-nonce').toString('base64url');
      const qr = presentQr({
        compact: licence.credentials[1]?.compact ?? '',
        key: licenceKeys[1] as HolderKey,
        type: 'driving-licence',
        purpose: 'police',
        nonce,
      });
      const other = Buffer.from('another-nonce-value').toString('base64url');
      expect((await verifyApi(t, { payload: qr, nonce: other })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'nonce',
      });
      expect((await verifyApi(t, { payload: qr, nonce, purpose: 'police' })).json().verdict).toBe('valid');
    });

    it('refuses a presentation made for another purpose', async () => {
      const v = (await verifyApi(t, { payload: hotelQr(0), purpose: 'police' })).json();
      expect(v).toMatchObject({ verdict: 'invalid', reasonCode: 'purpose' });
    });
  });

  describe('rejections (never valid by default, never a 500)', () => {
    it('replayed: the same QR is accepted once; a QR older than 90 s is refused', async () => {
      const qr = hotelQr(1);
      expect((await verifyApi(t, { payload: qr })).json().verdict).toBe('valid');
      const again = (await verifyApi(t, { payload: qr })).json();
      expect(again).toMatchObject({ verdict: 'invalid', reasonCode: 'replay' });
      expect(again.disclosed).toEqual([]);
      const old = hotelQr(1, { now: Date.now() - 91_000 });
      expect((await verifyApi(t, { payload: old })).json()).toMatchObject({ verdict: 'invalid', reasonCode: 'stale' });
      const future = hotelQr(1, { now: Date.now() + 120_000 });
      expect((await verifyApi(t, { payload: future })).json().reasonCode).toBe('stale');
    });

    it('tampered: a changed disclosure, a changed issuer payload, an added claim the holder has no salt for', async () => {
      // Change the disclosed name.
      const changedName = editQr(hotelQr(0), (v) => {
        const ds = v[2] as Uint8Array[];
        const d = decodeCbor(ds[0] as Uint8Array) as unknown[];
        d[2] = '李四';
        ds[0] = encodeCbor(d);
      });
      expect((await verifyApi(t, { payload: changedName })).json()).toMatchObject({ verdict: 'invalid' });
      // Change the expiry in the issuer's payload.
      const changedExp = editQr(hotelQr(0), (v) => {
        const s = (v[1] as Tag).value as unknown[];
        const p = decodeCbor(s[2] as Uint8Array) as Map<number, unknown>;
        p.set(4, 4_102_444_800);
        s[2] = encodeCbor(p);
      });
      expect((await verifyApi(t, { payload: changedExp })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'bad-signature',
      });
      // A disclosure with a made-up salt for a claim not shown.
      const added = editQr(hotelQr(0), (v) => {
        (v[2] as Uint8Array[]).push(encodeCbor([Buffer.alloc(16), 4, ZHANG_WEI]));
      });
      const res = await verifyApi(t, { payload: added });
      expect(res.json().verdict).toBe('invalid');
      expect(res.body).not.toContain(ZHANG_WEI);
    });

    it('a holder who changes a claim and signs it properly still fails the issuer’s digest', async () => {
      const stored = decodeCbor(Buffer.from(cred(0).compact, 'base64url')) as unknown[];
      const ds = stored[2] as Uint8Array[];
      const i = ds.findIndex((d) => (decodeCbor(d) as unknown[])[1] === 1);
      const d = decodeCbor(ds[i] as Uint8Array) as unknown[];
      d[2] = '李四';
      ds[i] = encodeCbor(d);
      const lying = hotelQr(0, { compact: encodeCbor(stored).toString('base64url') });
      const v = (await verifyApi(t, { payload: lying })).json();
      expect(v).toMatchObject({ verdict: 'invalid', reasonCode: 'disclosure' });
      expect(JSON.stringify(v)).not.toContain('李四');
    });

    it('stripped binding: without the holder signature, or signed by another key, or alg none', async () => {
      const stripped = editQr(hotelQr(0), (v) => {
        v.length = 3;
      });
      expect((await verifyApi(t, { payload: stripped })).json().verdict).toBe('invalid');
      const otherKey = hotelQr(0, { key: { ...(idKeys[0] as HolderKey), privateJwk: generateEs256().privateJwk } });
      expect((await verifyApi(t, { payload: otherKey })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'holder-signature',
      });
      const none = editQr(hotelQr(0), (v) => {
        const h = v[3] as unknown[];
        h[0] = encodeCbor(new Map([[1, 'none']]));
        h[3] = new Uint8Array();
      });
      expect((await verifyApi(t, { payload: none })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'holder-signature',
      });
      const issuerNone = editQr(hotelQr(0), (v) => {
        const s = (v[1] as Tag).value as unknown[];
        s[0] = encodeCbor(
          new Map<number, unknown>([
            [1, 'none'],
            [
              4,
              decodeCbor(s[0] as Uint8Array) instanceof Map
                ? (decodeCbor(s[0] as Uint8Array) as Map<number, unknown>).get(4)
                : undefined,
            ],
          ]),
        );
        s[3] = new Uint8Array();
      });
      expect((await verifyApi(t, { payload: issuerNone })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'bad-signature',
      });
    });

    it('wrong key: a credential signed by a key the issuer never published', async () => {
      const forger = generateEs256();
      const forged = editQr(hotelQr(0), (v) => {
        const s = (v[1] as Tag).value as Uint8Array[];
        const kid = (decodeCbor(s[0] as Uint8Array) as Map<number, unknown>).get(4) as Uint8Array;
        const re = signSign1(privateKeyObject(forger.privateJwk), s[2] as Uint8Array, { kid });
        v[1] = tagSign1(re);
      });
      expect((await verifyApi(t, { payload: forged })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'bad-signature',
      });
      const unknownKid = editQr(hotelQr(0), (v) => {
        const s = (v[1] as Tag).value as Uint8Array[];
        v[1] = tagSign1(
          signSign1(privateKeyObject(forger.privateJwk), s[2] as Uint8Array, { kid: Buffer.alloc(8, 7) }),
        );
      });
      expect((await verifyApi(t, { payload: unknownKid })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'unknown-key',
      });
    });

    it('garbage, truncated and oversized payloads get an invalid verdict with a Chinese reason', async () => {
      const qr = hotelQr(0);
      for (const payload of [
        '',
        'hello',
        'HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I7EJ',
        'YSS1:',
        'YSS1:abc',
        'YSS1:::::',
        qr.slice(0, qr.length - 40),
        qr.slice(0, 200),
        `${qr}00`,
        `YSS1:${base45Encode(encodeCbor([1, 2, 3, 4]))}`,
        `YSS1:${base45Encode(encodeCbor({ a: 1 }))}`,
        'eyJhbGciOiJub25lIn0.e30.~',
        'a~b~c',
      ]) {
        const res = await verifyApi(t, { payload });
        expect(res.statusCode, payload).toBe(200);
        const v = res.json();
        expect(v.verdict, payload).toBe('invalid');
        expect(v.reason).toMatch(/[\u4e00-\u9fff]/);
        expect(v.disclosed).toEqual([]);
      }
      expect((await verifyApi(t, { payload: 'x'.repeat(9000) })).statusCode).toBe(400);
      expect((await verifyApi(t, {})).statusCode).toBe(400);
      expect((await verifyApi(t, { payload: qr, nonce: 'short' })).statusCode).toBe(400);
    });

    it('expired: a credential past its exp reads expired (checked after the signatures)', async () => {
      const later = Date.now() + 40 * 86_400_000;
      const clockWallet = walletCopy(t, () => later);
      const v = await clockWallet.verify(hotelQr(0, { now: later }));
      expect(v).toMatchObject({ verdict: 'expired', reasonCode: 'expired' });
    });
  });

  describe('revocation and suspension (Token Status List)', () => {
    it('serves a signed statuslist+jwt that the @sd-jwt status-list library reads', async () => {
      const { listId, idx } = cred(0).status;
      const res = await t.app.inject(`/api/v1/issuers/gd-public-security/status-lists/${listId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/statuslist+jwt');
      const header = JSON.parse(Buffer.from(res.body.split('.')[0] ?? '', 'base64url').toString());
      const payload = JSON.parse(Buffer.from(res.body.split('.')[1] ?? '', 'base64url').toString());
      expect(header).toMatchObject({ typ: 'statuslist+jwt', alg: 'ES256' });
      expect(payload).toMatchObject({ ttl: 60, status_list: { bits: 2 } });
      expect(payload.sub).toMatch(new RegExp(`/status-lists/${listId}$`));
      expect(payload.exp).toBeGreaterThan(payload.iat);
      expect(getListFromStatusListJWT(res.body).getStatus(idx)).toBe(0);
      expect((await t.app.inject('/api/v1/issuers/gd-traffic-police/status-lists/999999')).statusCode).toBe(404);
    });

    it('suspend → suspended, reinstate → valid, revoke → revoked for every credential of the batch (final)', async () => {
      const fresh = holderKeys(2);
      const cert = await t.app.wallet.issue({
        type: 'resident-id',
        idNumber: ZHANG_WEI,
        holderKeys: fresh.map((k) => k.publicJwk),
      });
      const qr = (i: number) =>
        presentQr({
          compact: cert.credentials[i]?.compact ?? '',
          key: fresh[i] as HolderKey,
          type: 'resident-id',
          purpose: 'hotel',
        });
      expect((await verifyApi(t, { payload: qr(0) })).json().verdict).toBe('valid');
      expect(await t.app.wallet.suspend(cert.certificateId)).toBe('suspended');
      const suspended = (await verifyApi(t, { payload: qr(0) })).json();
      expect(suspended).toMatchObject({ verdict: 'suspended', reason: '证照已被签发机构暂停使用。' });
      expect(suspended.disclosed.length).toBeGreaterThan(0);
      expect(await t.app.wallet.reinstate(cert.certificateId)).toBe('valid');
      expect((await verifyApi(t, { payload: qr(1) })).json().verdict).toBe('valid');
      expect(await t.app.wallet.revoke(cert.certificateId)).toBe('revoked');
      for (const i of [0, 1]) {
        expect((await verifyApi(t, { payload: qr(i) })).json()).toMatchObject({
          verdict: 'revoked',
          reason: '证照已被签发机构注销。',
        });
      }
      expect(await t.app.wallet.reinstate(cert.certificateId)).toBe('revoked');
      expect(await t.app.wallet.revoke('00000000-0000-0000-0000-000000000000')).toBeUndefined();
      const mine = await t.app.wallet.certificatesOf(ZHANG_WEI, 'resident-id');
      expect(mine.find((c) => c.id === cert.certificateId)?.status).toBe('revoked');
    });

    it('a verifier elsewhere keeps the list decoded and refetches only after the ttl', async () => {
      let now = Date.now();
      let fetches = 0;
      const other = walletCopy(t, () => now);
      const fetch = other.statusLists.token.bind(other.statusLists);
      other.statusLists.token = async (...a) => {
        fetches++;
        return fetch(...a);
      };
      const fresh = holderKeys(1);
      const cert = await t.app.wallet.issue({
        type: 'resident-id',
        idNumber: ZHANG_WEI,
        holderKeys: [fresh[0]?.publicJwk],
      });
      const c = cert.credentials[0] as IssuedCertificate['credentials'][number];
      expect(await other.statusCache.status('gd-public-security', c.status.listId, c.status.idx)).toEqual({
        ok: true,
        status: 0,
      });
      await t.app.wallet.revoke(cert.certificateId);
      now += 30_000;
      // Within the ttl the decoded copy answers (no fetch): still the old status.
      expect(await other.statusCache.status('gd-public-security', c.status.listId, c.status.idx)).toEqual({
        ok: true,
        status: 0,
      });
      expect(fetches).toBe(1);
      now += 31_000;
      expect(await other.statusCache.status('gd-public-security', c.status.listId, c.status.idx)).toEqual({
        ok: true,
        status: 1,
      });
      expect(fetches).toBe(2);
    });

    it('no status answer, no valid verdict: an unknown list reads invalid', async () => {
      const noList = editQr(hotelQr(0), () => {});
      expect((await verifyApi(t, { payload: noList })).json().verdict).toBe('valid');
      const other = walletCopy(t);
      other.statusLists.token = async () => undefined;
      expect(await other.verify(hotelQr(0))).toMatchObject({ verdict: 'invalid', reasonCode: 'status-unknown' });
    });
  });

  describe('SD-JWT VC interoperability (@sd-jwt, key binding enforced)', () => {
    const audience = 'https://hotel.example';
    const nonce = 'n-0S6_WzA2Mj';

    async function librarySdJwt() {
      const jwks = (await t.app.inject('/api/v1/issuers/gd-public-security/jwks.json')).json().keys as Record<
        string,
        string
      >[];
      const keyOf = (kid: string) => {
        const jwk = jwks.find((k) => k.kid === kid);
        return jwk
          ? createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' })
          : undefined;
      };
      return new SDJwtVcInstance({
        hasher: digest,
        verifier: async (data, sig) => {
          const header = JSON.parse(Buffer.from(data.split('.')[0] ?? '', 'base64url').toString());
          const key = header.alg === 'ES256' ? keyOf(header.kid) : undefined;
          return (
            !!key &&
            nodeVerify('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'))
          );
        },
        kbVerifier: async (data, sig, payload) => {
          const jwk = (payload as { cnf: { jwk: Record<string, string> } }).cnf.jwk;
          const key = createPublicKey({
            key: { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string },
            format: 'jwk',
          });
          return nodeVerify(
            'sha256',
            Buffer.from(data),
            { key, dsaEncoding: 'ieee-p1363' },
            Buffer.from(sig, 'base64url'),
          );
        },
        statusListFetcher: async (uri) => (await t.app.inject(new URL(uri).pathname)).body,
      });
    }

    it('the library verifies our SD-JWT VC presentation with key binding and the status list', async () => {
      const presentation = await presentSdJwt({
        sdJwt: cred(0).sdJwt,
        key: idKeys[0] as HolderKey,
        type: 'resident-id',
        purpose: 'hotel',
        nonce,
        audience,
      });
      const lib = await librarySdJwt();
      const result = await lib.verify(presentation, { keyBindingNonce: nonce });
      expect(result.kb?.payload).toMatchObject({ nonce, aud: audience });
      expect(result.payload).toMatchObject({
        name: '张伟',
        idNumberLast4: '031X',
        vct: 'urn:yss:credential:resident-id:1',
      });
      expect(result.payload).not.toHaveProperty('idNumber');
      // And our own endpoint agrees.
      const v = (await verifyApi(t, { payload: presentation, nonce, audience })).json();
      expect(v).toMatchObject({ verdict: 'valid', format: 'sd-jwt-vc', issuer: { id: 'gd-public-security' } });
      expect(v.disclosed.map((d: { claim: string }) => d.claim)).toEqual([
        'name',
        'idNumberLast4',
        'validFrom',
        'validUntil',
      ]);
      // Replayed: refused the second time.
      expect((await verifyApi(t, { payload: presentation, nonce, audience })).json().reasonCode).toBe('replay');
    });

    it('the library and our verifier reject stripped binding, a wrong nonce, alg none and a wrong key', async () => {
      const lib = await librarySdJwt();
      const presentation = await presentSdJwt({
        sdJwt: cred(1).sdJwt,
        key: idKeys[1] as HolderKey,
        type: 'resident-id',
        purpose: 'hotel',
        nonce,
        audience,
      });
      const stripped = `${presentation.slice(0, presentation.lastIndexOf('~') + 1)}`;
      await expect(lib.verify(stripped, { keyBindingNonce: nonce })).rejects.toThrow();
      expect((await verifyApi(t, { payload: stripped, nonce })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'holder-signature',
      });
      await expect(lib.verify(presentation, { keyBindingNonce: 'another-nonce' })).rejects.toThrow();
      expect((await verifyApi(t, { payload: presentation, nonce: 'another-nonce' })).json().reasonCode).toBe('nonce');
      expect((await verifyApi(t, { payload: presentation })).json().reasonCode).toBe('nonce-required');
      // alg none: the issuer JWT re-headed, signature dropped.
      const [, body] = presentation.split('.');
      const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'dc+sd-jwt' })).toString('base64url');
      const rest = presentation.slice(presentation.indexOf('~'));
      const none = `${noneHeader}.${body}.${rest}`;
      await expect(lib.verify(none, { keyBindingNonce: nonce })).rejects.toThrow();
      expect((await verifyApi(t, { payload: none, nonce })).json().verdict).toBe('invalid');
      // KB-JWT signed by another key (a thief without the phone's key).
      const thief = await presentSdJwt({
        sdJwt: cred(1).sdJwt,
        key: { ...(idKeys[1] as HolderKey), privateJwk: generateEs256().privateJwk },
        type: 'resident-id',
        purpose: 'hotel',
        nonce,
        audience,
      });
      await expect(lib.verify(thief, { keyBindingNonce: nonce })).rejects.toThrow();
      expect((await verifyApi(t, { payload: thief, nonce })).json()).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'holder-signature',
      });
      // Tampered: a disclosure's value changed.
      const parts = presentation.split('~');
      const d = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString());
      d[2] = '李四';
      parts[1] = Buffer.from(JSON.stringify(d)).toString('base64url');
      const tampered = parts.join('~');
      await expect(lib.verify(tampered, { keyBindingNonce: nonce })).rejects.toThrow();
      expect((await verifyApi(t, { payload: tampered, nonce })).json().verdict).toBe('invalid');
      // An audience other than the verifier's.
      expect(
        (await verifyApi(t, { payload: presentation, nonce, audience: 'https://other.example' })).json().reasonCode,
      ).toBe('audience');
    });
  });
});
