import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The citizen app's holder (WebCrypto, non-extractable keys): what the phone runs, checked here against the
// server's verifier. Node 20 has the same WebCrypto API as the browser.
import { disclosedClaims, parseNonce, presentQr, sdJwtClaims } from '../../../../citizen/src/lib/wallet/codec.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import type { IssuedCertificate } from './wallet-service.js';

const ZHANG_WEI = '44010619880512031X';

async function webCryptoKeys(n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
      return { privateKey: pair.privateKey, publicJwk: { kty, crv, x, y } };
    }),
  );
}

describe.each(ENGINES)('the citizen app’s holder (WebCrypto) against the verifier on %s', (engine) => {
  let t: TestApp;
  let keys: Awaited<ReturnType<typeof webCryptoKeys>>;
  let id: IssuedCertificate;
  let licence: IssuedCertificate;
  let licenceKeys: Awaited<ReturnType<typeof webCryptoKeys>>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    keys = await webCryptoKeys(2);
    id = await t.app.wallet.issue({
      type: 'resident-id',
      idNumber: ZHANG_WEI,
      holderKeys: keys.map((k) => k.publicJwk),
    });
    licenceKeys = await webCryptoKeys(1);
    licence = await t.app.wallet.issue({
      type: 'driving-licence',
      idNumber: ZHANG_WEI,
      holderKeys: licenceKeys.map((k) => k.publicJwk),
    });
  });
  afterAll(() => t?.close());

  const verify = (body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: body });

  it('keys are non-extractable', async () => {
    expect(keys[0]?.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', keys[0]?.privateKey as CryptoKey)).rejects.toThrow();
  });

  it('a hotel QR made in the browser verifies with exactly the hotel claims; each one is new', async () => {
    const compact = id.credentials[0]?.compact as string;
    const a = await presentQr({
      compact,
      privateKey: keys[0]?.privateKey as CryptoKey,
      type: 'resident-id',
      purpose: 'hotel',
    });
    const b = await presentQr({
      compact,
      privateKey: keys[0]?.privateKey as CryptoKey,
      type: 'resident-id',
      purpose: 'hotel',
    });
    expect(a.text).toMatch(/^YSS1:[0-9A-Z $%*+\-./:]+$/);
    expect(a.text).not.toBe(b.text);
    const res = await verify({ payload: a.text, purpose: 'hotel' });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ verdict: 'valid', format: 'qr' });
    expect(v.disclosed.map((d: { claim: string }) => d.claim).sort()).toEqual([
      'idNumberLast4',
      'name',
      'validFrom',
      'validUntil',
    ]);
    expect(disclosedClaims(compact, 'resident-id', 'hotel').sort()).toEqual([
      'idNumberLast4',
      'name',
      'validFrom',
      'validUntil',
    ]);
    expect(res.body).not.toContain(ZHANG_WEI);
    // signed with another member's key: the holder binding fails
    const wrong = await presentQr({
      compact,
      privateKey: keys[1]?.privateKey as CryptoKey,
      type: 'resident-id',
      purpose: 'hotel',
    });
    expect((await verify({ payload: wrong.text })).json()).toMatchObject({
      verdict: 'invalid',
      reasonCode: 'holder-signature',
    });
  });

  it('a police QR is signed over the officer’s nonce (YSSN1:…) and refused with another nonce', async () => {
    const nonce = parseNonce('YSSN1:3q2-7wABAgMEBQYHCAkKCw');
    expect(nonce).toBe('3q2-7wABAgMEBQYHCAkKCw');
    expect(parseNonce('YSSN1:short')).toBeNull();
    expect(parseNonce('hello world')).toBeNull();
    const qr = await presentQr({
      compact: licence.credentials[0]?.compact as string,
      privateKey: licenceKeys[0]?.privateKey as CryptoKey,
      type: 'driving-licence',
      purpose: 'police',
      nonce: nonce as string,
    });
    const ok = (await verify({ payload: qr.text, nonce, purpose: 'police' })).json();
    expect(ok.verdict, ok.reason).toBe('valid');
    expect(ok.disclosed.map((d: { claim: string }) => d.claim).sort()).toEqual([
      'licenceClass',
      'licenceStatus',
      'name',
      'validUntil',
    ]);
    const other = (await verify({ payload: qr.text, nonce: 'AAAAAAAAAAAAAAAAAAAAAA', purpose: 'police' })).json();
    expect(other.verdict).toBe('invalid');
  });

  it('reads the claims of the stored SD-JWT VC for the detail page', () => {
    const claims = sdJwtClaims(id.credentials[0]?.sdJwt as string);
    expect(claims).toMatchObject({ name: '张伟', idNumber: ZHANG_WEI, idNumberLast4: '031X', sex: 'male' });
  });
});
