import { randomBytes } from 'node:crypto';
import type { Verdict } from '@yss/contracts';
import { Tag } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The verifier page's offline verifier and its cache (WebCrypto, DecompressionStream): what the browser runs,
// checked here under Node 20's identical APIs against payloads of the server's reference holder, and against
// the server's own verdicts for the same payloads.
import {
  type CachedTrust,
  decodeStatusListToken,
  type FetchText,
  refreshTrust,
} from '../../../../citizen/src/lib/wallet/offline-cache.js';
import { verifyOffline } from '../../../../citizen/src/lib/wallet/offline-verifier.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { editQr, issueToNewKeys, presentCredential, walletCopy } from '../../test-support/wallet.js';
import { base45Encode } from '../wallet/base45.js';
import { decodeCbor, encodeCbor } from '../wallet/cbor.js';
import { signSign1, tagSign1 } from '../wallet/cose.js';
import { generateEs256, privateKeyObject } from '../wallet/es256.js';
import { type HolderKey, presentQr, type QrPresentInput } from '../wallet/holder.js';
import type { IssuedCertificate } from '../wallet/wallet-service.js';

const ZHANG_WEI = '44010619880512031X';
const HOUR = 3_600_000;

/** Everything of a verdict but the time it was made. */
const comparable = ({ checkedAt: _, ...rest }: Verdict) => rest;

describe.each(ENGINES)(
  'offline verification in the verifier page (browser code under Node WebCrypto) on %s',
  (engine) => {
    let t: TestApp;
    let fetchText: FetchText;
    let trust: CachedTrust;
    let id: IssuedCertificate;
    let idKeys: HolderKey[];
    let licence: IssuedCertificate;
    let licenceKeys: HolderKey[];

    beforeAll(async () => {
      t = await createTestApp(engine);
      fetchText = async (path) => {
        const res = await t.app.inject({ method: 'GET', url: path });
        return { ok: res.statusCode === 200, status: res.statusCode, text: async () => res.body };
      };
      ({ cert: id, keys: idKeys } = await issueToNewKeys(t.app.wallet, 'resident-id', ZHANG_WEI, 6));
      ({ cert: licence, keys: licenceKeys } = await issueToNewKeys(t.app.wallet, 'driving-licence', ZHANG_WEI, 2));
      trust = await refreshTrust(fetchText, null);
    });
    afterAll(() => t?.close());

    const hotelQr = (i: number, extra: Partial<QrPresentInput> = {}) =>
      presentCredential({ cert: id, keys: idKeys }, i, 'hotel', extra);

    /** The server's verdict and the offline one for the same payload; each payload goes to the server once (replay guard). */
    async function both(payload: string, options: { nonce?: string; purpose?: 'hotel' | 'police' | 'employer' } = {}) {
      const server = await t.app.wallet.verify(payload, options);
      const offline = await verifyOffline(payload, trust, options);
      return { server, offline: offline.verdict, basis: offline.basis };
    }

    it('the issuer directory lists every issuer with types, its JWKS address and its status lists', async () => {
      const res = await t.app.inject('/api/v1/issuers');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.statusTtlSeconds).toBe(60);
      const police = body.issuers.find((i: { id: string }) => i.id === 'gd-public-security');
      expect(police).toMatchObject({
        code: 1,
        jwksUri: '/api/v1/issuers/gd-public-security/jwks.json',
        types: expect.arrayContaining(['resident-id', 'residence-permit']),
      });
      expect(police.iss).toMatch(/\/api\/v1\/issuers\/gd-public-security$/);
      expect(police.statusLists).toContain(id.credentials[0]?.status.listId);
      expect(body.issuers.map((i: { code: number }) => i.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      // the cache holds every issuer's keys and the decoded lists
      expect(trust.issuers).toHaveLength(11);
      expect(trust.issuers.every((i) => i.keys.length > 0)).toBe(true);
      const list = trust.lists.find((l) => l.issuerId === 'gd-public-security');
      expect(list).toMatchObject({ bits: 2, ttlSeconds: 60 });
      expect(list?.bytes.length).toBe((65_536 * 2) / 8);
      expect(list && list.exp * 1000).toBeGreaterThan(Date.now() + 23 * HOUR);
    });

    it('valid: the same verdict as the server, with exactly the hotel claims; the age of keys and status data is known', async () => {
      const { server, offline, basis } = await both(hotelQr(0), { purpose: 'hotel' });
      expect(offline).toMatchObject({ verdict: 'valid', reasonCode: 'ok', reason: '证照有效。', format: 'qr' });
      expect(comparable(offline)).toEqual(comparable(server));
      expect(offline.disclosed.map((d) => d.claim).sort()).toEqual([
        'idNumberLast4',
        'name',
        'validFrom',
        'validUntil',
      ]);
      expect(JSON.stringify(offline)).not.toContain(ZHANG_WEI);
      expect(offline.issuer?.name).toContain('公安');
      expect(basis.keysFetchedAt).toBeGreaterThan(0);
      expect(basis.statusFetchedAt).toBeGreaterThan(0);
      expect(basis.statusExpiresAt).toBeGreaterThan(Date.now());
    });

    it('a police check over the officer’s nonce: valid with it, nonce refused with another (same as the server)', async () => {
      const nonce = randomBytes(16).toString('base64url');
      const qr = presentQr({
        compact: licence.credentials[0]?.compact as string,
        key: licenceKeys[0] as HolderKey,
        type: 'driving-licence',
        purpose: 'police',
        nonce,
      });
      const offlineOk = (await verifyOffline(qr, trust, { nonce, purpose: 'police' })).verdict;
      const offlineOther = (await verifyOffline(qr, trust, { nonce: 'AAAAAAAAAAAAAAAAAAAAAA', purpose: 'police' }))
        .verdict;
      // the server sees the other nonce first (its replay guard would refuse a second look at the same QR)
      const serverOther = await t.app.wallet.verify(qr, { nonce: 'AAAAAAAAAAAAAAAAAAAAAA', purpose: 'police' });
      const serverOk = await t.app.wallet.verify(qr, { nonce, purpose: 'police' });
      expect(offlineOk).toMatchObject({ verdict: 'valid' });
      expect(comparable(offlineOk)).toEqual(comparable(serverOk));
      expect(offlineOther).toMatchObject({ verdict: 'invalid', reasonCode: 'nonce' });
      expect(comparable(offlineOther)).toEqual(comparable(serverOther));
    });

    it('a type the verifier’s city does not offer: refused in the catalog’s words (公积金 in 东莞), same as the server', async () => {
      const fund = await issueToNewKeys(t.app.wallet, 'housing-fund', ZHANG_WEI, 2);
      // the housing-fund centres' status list is new: the page caches it on its next refresh
      const withFund = await refreshTrust(fetchText, trust);
      /** The city's rules as the verifier page caches them (GET /api/v1/wallet/types?city=). */
      const rulesOf = async (code: string, name: string) => {
        const { types } = (await t.app.inject(`/api/v1/wallet/types?city=${code}`)).json() as {
          types: { type: string; available: boolean; unavailableReason: string | null }[];
        };
        const offered = Object.fromEntries(
          types.map((x) => [x.type, { available: x.available, unavailableReason: x.unavailableReason }]),
        );
        return { code, name, offered };
      };
      const dongguan = await rulesOf('441900', '东莞');
      const qr = presentCredential(fund, 0, 'employer');
      const offline = (await verifyOffline(qr, withFund, { purpose: 'employer', city: dongguan })).verdict;
      const server = await t.app.wallet.verify(qr, { purpose: 'employer', city: '441900' });
      expect(offline).toMatchObject({ verdict: 'invalid', reasonCode: 'not-in-city', disclosed: [] });
      expect(offline.reason).toMatch(/^公积金.*当前城市为东莞。$/);
      expect(comparable(offline)).toEqual(comparable(server));
      // the same kind of credential where the city offers it is valid on both sides
      const guangzhou = await rulesOf('440100', '广州');
      const other = presentCredential(fund, 1, 'employer');
      const offlineOk = (await verifyOffline(other, withFund, { purpose: 'employer', city: guangzhou })).verdict;
      const serverOk = await t.app.wallet.verify(other, { purpose: 'employer', city: '440100' });
      expect(offlineOk).toMatchObject({ verdict: 'valid', credentialType: { id: 'housing-fund' } });
      expect(comparable(offlineOk)).toEqual(comparable(serverOk));
    });

    it('refuses exactly as the server does: tampering, forgery, purpose, stale, unknown key, garbage', async () => {
      const tamperedByThirdParty = editQr(hotelQr(1), (v) => {
        const ds = v[2] as Uint8Array[];
        const d = decodeCbor(ds[0] as Uint8Array) as unknown[];
        d[2] = '李四';
        ds[0] = encodeCbor(d);
      });
      // A holder lying about a claim: the stored credential's name changed, then signed by the genuine holder key.
      const stored = decodeCbor(Buffer.from(id.credentials[2]?.compact as string, 'base64url')) as unknown[];
      const ds = stored[2] as Uint8Array[];
      const at = ds.findIndex((d) => (decodeCbor(d) as unknown[])[1] === 1);
      const named = decodeCbor(ds[at] as Uint8Array) as unknown[];
      named[2] = '李四';
      ds[at] = encodeCbor(named);
      const lyingHolder = presentQr({
        compact: encodeCbor(stored).toString('base64url'),
        key: idKeys[2] as HolderKey,
        type: 'resident-id',
        purpose: 'hotel',
      });
      const flippedSignature = editQr(hotelQr(3), (v) => {
        const s = (v[1] as Tag).value as Uint8Array[];
        const sig = Buffer.from(s[3] as Uint8Array);
        sig[10] = (sig[10] as number) ^ 0xff;
        s[3] = sig;
      });
      // A thief's key under the issuer's kid: the payload re-signed.
      const thief = privateKeyObject(generateEs256().privateJwk);
      const forged = editQr(hotelQr(4), (v) => {
        const s = (v[1] as Tag).value as unknown[];
        const kid = (decodeCbor(s[0] as Uint8Array) as Map<number, unknown>).get(4) as Uint8Array;
        v[1] = tagSign1(signSign1(thief, s[2] as Uint8Array, { kid }));
      });
      const unknownKid = editQr(hotelQr(4), (v) => {
        const s = (v[1] as Tag).value as unknown[];
        s[0] = encodeCbor(
          new Map<number, unknown>([
            [1, -7],
            [4, randomBytes(8)],
          ]),
        );
      });
      const unknownIssuer = editQr(hotelQr(4), (v) => {
        const s = (v[1] as Tag).value as unknown[];
        const p = decodeCbor(s[2] as Uint8Array) as Map<number, unknown>;
        p.set(1, 99);
        s[2] = encodeCbor(p);
      });
      const cases: [string, string, { purpose?: 'hotel' | 'employer' }?][] = [
        [tamperedByThirdParty, 'holder-signature'],
        [lyingHolder, 'disclosure'],
        [flippedSignature, 'bad-signature'],
        [forged, 'bad-signature'],
        [unknownKid, 'unknown-key'],
        [unknownIssuer, 'unknown-issuer'],
        [hotelQr(5), 'purpose', { purpose: 'employer' }],
        [hotelQr(5, { now: Date.now() - 91_000 }), 'stale'],
        [hotelQr(5, { now: Date.now() + 120_000 }), 'stale'],
        [hotelQr(5, { claims: ['name', 'idNumber'] }), 'valid'],
      ];
      for (const [payload, code, options] of cases) {
        const { server, offline } = await both(payload, options);
        expect(comparable(offline), code).toEqual(comparable(server));
        if (code === 'valid') expect(offline.verdict).toBe('valid');
        else expect(offline, code).toMatchObject({ verdict: 'invalid', reasonCode: code, disclosed: [] });
      }

      const qr = hotelQr(0);
      const garbage = [
        '',
        'hello',
        'YSS1:',
        'YSS1:%%%',
        'YSS1:ABC',
        'YSS1:abc',
        qr.slice(0, 200),
        qr.slice(0, -3),
        `YSS1:${base45Encode(randomBytes(300))}`,
        `YSS1:${base45Encode(encodeCbor([1, 2, 3, 4]))}`,
        `YSS1:${base45Encode(encodeCbor([1, new Tag([1, 2, 3, 4], 18), [], []]))}`,
        `HC1:${qr.slice(5)}`,
      ];
      for (const payload of garbage) {
        const { server, offline } = await both(payload);
        expect(offline, payload.slice(0, 40)).toMatchObject({
          verdict: 'invalid',
          reasonCode: 'malformed',
          disclosed: [],
        });
        expect(comparable(offline)).toEqual(comparable(server));
      }
    });

    it('expired: past its exp the credential reads expired, after the signatures (same as a server with that clock)', async () => {
      const later = Date.now() + 40 * 24 * HOUR;
      const clockWallet = walletCopy(t, () => later);
      const qr = hotelQr(1, { now: later });
      const offline = (await verifyOffline(qr, trust, { now: later })).verdict;
      const server = await clockWallet.verify(qr);
      expect(offline).toMatchObject({
        verdict: 'expired',
        reasonCode: 'expired',
        reason: '证照已过期。',
        disclosed: [],
      });
      expect(comparable({ ...offline, checkedAt: '' })).toEqual(comparable({ ...server, checkedAt: '' }));
    });

    it('suspended and revoked once the cache is refreshed after the change; the old snapshot still says valid', async () => {
      const held = await issueToNewKeys(t.app.wallet, 'resident-id', ZHANG_WEI, 4);
      const { cert } = held;
      const qr = (i: number) => presentCredential(held, i, 'hotel');
      const before = await refreshTrust(fetchText, trust);
      expect((await verifyOffline(qr(0), before)).verdict.verdict).toBe('valid');

      expect(await t.app.wallet.suspend(cert.certificateId)).toBe('suspended');
      // offline with the list fetched before the change: nothing can tell (the list's lifetime is the limit)
      expect((await verifyOffline(qr(0), before)).verdict.verdict).toBe('valid');
      const afterSuspend = await refreshTrust(fetchText, before);
      const suspended = await verifyOffline(qr(1), afterSuspend);
      const serverSuspended = await t.app.wallet.verify(qr(1));
      expect(suspended.verdict).toMatchObject({
        verdict: 'suspended',
        reasonCode: 'suspended',
        reason: '证照已被签发机构暂停使用。',
      });
      expect(suspended.verdict.disclosed.length).toBeGreaterThan(0);
      expect(comparable(suspended.verdict)).toEqual(comparable(serverSuspended));

      expect(await t.app.wallet.revoke(cert.certificateId)).toBe('revoked');
      const afterRevoke = await refreshTrust(fetchText, afterSuspend);
      const revoked = await verifyOffline(qr(2), afterRevoke);
      const serverRevoked = await t.app.wallet.verify(qr(2));
      expect(revoked.verdict).toMatchObject({
        verdict: 'revoked',
        reasonCode: 'revoked',
        reason: '证照已被签发机构注销。',
      });
      expect(comparable(revoked.verdict)).toEqual(comparable(serverRevoked));
      expect(JSON.stringify(revoked.verdict)).not.toContain(ZHANG_WEI);
    });

    it('status unknown, never valid: a list past its exp, a list not cached, an index out of range', async () => {
      const at = Date.now() + 25 * HOUR; // the token's exp is iat + 24 h
      const late = await verifyOffline(hotelQr(1, { now: at }), trust, { now: at });
      expect(late.verdict).toMatchObject({
        verdict: 'invalid',
        reasonCode: 'status-unknown',
        reason: '暂时无法确认证照状态，请稍后再试。',
      });
      const noLists = await verifyOffline(hotelQr(1), { ...trust, lists: [] });
      expect(noLists.verdict).toMatchObject({ verdict: 'invalid', reasonCode: 'status-unknown' });
      const empty = trust.lists.map((l) => ({ ...l, bytes: new Uint8Array() }));
      const outOfRange = await verifyOffline(hotelQr(1), { ...trust, lists: empty });
      expect(outOfRange.verdict).toMatchObject({ verdict: 'invalid', reasonCode: 'status-unknown' });
      // no cached keys at all: the issuer is unknown here
      const none = await verifyOffline(hotelQr(1), { issuers: [], lists: [] });
      expect(none.verdict).toMatchObject({ verdict: 'invalid', reasonCode: 'unknown-issuer' });
    });

    it('the cache checks each status-list token: signature, sub and exp; a failed refresh keeps what it had', async () => {
      const listId = id.credentials[0]?.status.listId ?? 0;
      const token = (await fetchText(`/api/v1/issuers/gd-public-security/status-lists/${listId}`).then((r) =>
        r.text(),
      )) as string;
      const issuer = trust.issuers.find((i) => i.id === 'gd-public-security');
      if (!issuer) throw new Error('no issuer');
      const now = Date.now();
      await expect(decodeStatusListToken(token, issuer, listId, now)).resolves.toMatchObject({ listId, bits: 2 });
      // another list's token under this list's id (sub), or another issuer's keys
      await expect(decodeStatusListToken(token, issuer, listId + 1, now)).rejects.toThrow('sub');
      const traffic = trust.issuers.find((i) => i.id === 'gd-traffic-police');
      await expect(
        decodeStatusListToken(token, { ...issuer, keys: traffic?.keys ?? [] }, listId, now),
      ).rejects.toThrow();
      // a payload changed after signing (an entry flipped back to valid)
      const [h, p, s] = token.split('.') as [string, string, string];
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
      payload.ttl = 999_999;
      const edited = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      await expect(decodeStatusListToken(edited, issuer, listId, now)).rejects.toThrow('bad signature');
      await expect(decodeStatusListToken(token, issuer, listId, now + 25 * HOUR)).rejects.toThrow('expired list');
      await expect(decodeStatusListToken('a.b', issuer, listId, now)).rejects.toThrow();

      // Lists that cannot be fetched keep the previous copy (until its exp); the directory itself must be readable.
      const failing: FetchText = async (path) =>
        path.includes('/status-lists/') ? { ok: false, status: 503, text: async () => '' } : fetchText(path);
      const kept = await refreshTrust(failing, trust);
      expect(kept.lists.map((l) => l.fetchedAt)).toEqual(trust.lists.map((l) => l.fetchedAt));
      const nothing = await refreshTrust(failing, null);
      expect(nothing.lists).toEqual([]);
      expect((await verifyOffline(hotelQr(1), nothing)).verdict.reasonCode).toBe('status-unknown');
      await expect(
        refreshTrust(async () => ({ ok: false, status: 503, text: async () => '' }), trust),
      ).rejects.toThrow();
    });
  },
);
