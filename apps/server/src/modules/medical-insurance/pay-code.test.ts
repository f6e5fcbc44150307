import { createPrivateKey, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../privacy/index.js';
import { PAY_CODE_ISSUER, PAY_CODE_TTL_SECONDS, PAY_CODE_TYPE, PayCodeService } from './pay-code.js';
import type { PayCodeKeyRepository, PayCodeKeyRow } from './repository.js';

/** The repository's contract in memory (the SQL is exercised by the API tests). */
function memoryRepo(): PayCodeKeyRepository & { rows: PayCodeKeyRow[] } {
  const rows: PayCodeKeyRow[] = [];
  let tick = 0;
  let lock: Promise<unknown> = Promise.resolve();
  const repo: Pick<PayCodeKeyRepository, 'newest' | 'byKid' | 'all' | 'insert'> = {
    newest: async () => rows.at(-1),
    byKid: async (kid: string) => rows.find((r) => r.kid === kid),
    all: async () => [...rows].reverse(),
    // serialised like the advisory lock of the SQL repository
    insert: (make, onlyIfNone) => {
      const run = lock.then(async () => {
        if (onlyIfNone && rows.length) return rows.at(-1) as PayCodeKeyRow;
        const k = await make();
        const row = { ...k, createdAt: new Date(++tick) };
        rows.push(row);
        return row;
      });
      lock = run.catch(() => undefined);
      return run;
    },
  };
  // The service takes the class, whose private database handle a stand-in cannot have.
  return Object.assign(repo as PayCodeKeyRepository, { rows });
}

const claims = { holderRef: 'ref-1', nameMasked: '张*', scheme: 'employee' as const, insuredCityCode: '440100' };
const cipher = new FieldCipher(Buffer.alloc(32, 7));

describe('医保扫码支付 codes (ES256 JWS, 60 s)', () => {
  it('signs a short-lived code that verifies with the published key, also by an independent ES256 check', async () => {
    let now = new Date('2026-01-15T04:00:00Z');
    const repo = memoryRepo();
    const codes = new PayCodeService(repo, cipher, () => now);
    const issued = await codes.issue(claims);
    expect(issued.expiresAt.getTime() - issued.issuedAt.getTime()).toBe(PAY_CODE_TTL_SECONDS * 1000);
    expect(decodeProtectedHeader(issued.code)).toMatchObject({ alg: 'ES256', typ: PAY_CODE_TYPE });
    const payload = decodeJwt(issued.code);
    expect(payload).toMatchObject({ iss: PAY_CODE_ISSUER, sub: 'ref-1', nm: '张*', sch: 'employee', city: '440100' });
    expect(typeof payload.jti).toBe('string');
    expect(await codes.verify(issued.code)).toMatchObject({ result: 'valid', claims });

    // The private key is stored encrypted; the JWKS holds public keys only.
    expect(repo.rows[0]?.privateJwkEncrypted).toMatch(/^v2\./);
    expect(repo.rows[0]?.privateJwkEncrypted).not.toContain('"d"');
    const { keys } = await codes.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: repo.rows[0]?.kid });
    expect(keys[0]).not.toHaveProperty('d');
    // independent path: node:crypto over the JWS signing input (ES256 = IEEE P1363 r||s)
    const [h, p, sig] = issued.code.split('.') as [string, string, string];
    const pub = createPublicKey({ key: keys[0] as never, format: 'jwk' });
    expect(
      nodeVerify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        { key: pub, dsaEncoding: 'ieee-p1363' },
        Buffer.from(sig, 'base64url'),
      ),
    ).toBe(true);
    // the stored private key decrypts to the pair of the published key
    const priv = JSON.parse(
      cipher.decrypt(repo.rows[0]?.privateJwkEncrypted ?? '', `medical-pay-code-key:${repo.rows[0]?.kid}`),
    );
    expect(createPublicKey(createPrivateKey({ key: priv, format: 'jwk' })).export({ format: 'jwk' })).toMatchObject({
      x: keys[0]?.x,
      y: keys[0]?.y,
    });

    now = new Date(now.getTime() + 59_000);
    expect((await codes.verify(issued.code)).result).toBe('valid');
    now = new Date(now.getTime() + 2_000);
    expect(await codes.verify(issued.code)).toMatchObject({ result: 'expired', expiredAt: issued.expiresAt });
  });

  it('calls tampered, re-signed, unsigned, long-lived and garbage codes forged', async () => {
    const codes = new PayCodeService(memoryRepo(), cipher);
    const { code } = await codes.issue(claims);
    const [h, p, s] = code.split('.') as [string, string, string];
    // payload changed (another name), signature kept
    const other = Buffer.from(JSON.stringify({ ...decodeJwt(code), nm: '李*' })).toString('base64url');
    expect((await codes.verify(`${h}.${other}.${s}`)).result).toBe('forged');
    // one signature bit flipped
    const sig = Buffer.from(s, 'base64url');
    sig[5] = (sig[5] ?? 0) ^ 1;
    expect((await codes.verify(`${h}.${p}.${sig.toString('base64url')}`)).result).toBe('forged');
    // a valid-looking code signed by someone else's key under our kid
    const attacker = await generateKeyPair('ES256');
    const header = decodeProtectedHeader(code);
    const resigned = await new SignJWT(decodeJwt(code)).setProtectedHeader(header as never).sign(attacker.privateKey);
    expect((await codes.verify(resigned)).result).toBe('forged');
    // alg none
    const unsecured = new UnsecuredJWT(decodeJwt(code)).encode();
    expect((await codes.verify(unsecured)).result).toBe('forged');
    // our key, but another token type, or a lifetime longer than 60 s: not a payment code
    const row = (await codes.jwks()).keys[0] as { kid: string };
    const service = codes as unknown as { signingKey(): Promise<{ key: CryptoKey }> };
    const { key } = await service.signingKey();
    const wrongType = await new SignJWT(decodeJwt(code))
      .setProtectedHeader({ alg: 'ES256', kid: row.kid, typ: 'JWT' })
      .sign(key);
    expect((await codes.verify(wrongType)).result).toBe('forged');
    const iat = Math.floor(Date.now() / 1000);
    const longLived = await new SignJWT({ ...decodeJwt(code), iat, exp: iat + 3600 })
      .setProtectedHeader({ alg: 'ES256', kid: row.kid, typ: PAY_CODE_TYPE })
      .sign(key);
    expect((await codes.verify(longLived)).result).toBe('forged');
    for (const garbage of ['', 'abc', 'a.b.c', `${h}.${p}`, '%%%.***.!!!', 'x'.repeat(5000)]) {
      expect((await codes.verify(garbage)).result, garbage.slice(0, 20)).toBe('forged');
    }
    // an unknown kid (another platform's key)
    const foreign = new PayCodeService(memoryRepo(), cipher);
    expect((await codes.verify((await foreign.issue(claims)).code)).result).toBe('forged');
    expect(await exportJWK(attacker.publicKey)).not.toHaveProperty('d');
  });

  it('keeps verifying codes of the previous key after a rotation, and creates one key only', async () => {
    const repo = memoryRepo();
    const a = new PayCodeService(repo, cipher);
    const b = new PayCodeService(repo, cipher); // a second server copy on the same database
    const [c1, c2] = await Promise.all([a.issue(claims), b.issue(claims)]);
    expect(repo.rows).toHaveLength(1);
    expect((await b.verify(c1.code)).result).toBe('valid');
    const kid = await a.rotate();
    expect(repo.rows).toHaveLength(2);
    const c3 = await a.issue(claims);
    expect(decodeProtectedHeader(c3.code).kid).toBe(kid);
    expect((await b.verify(c3.code)).result).toBe('valid');
    expect((await a.verify(c2.code)).result).toBe('valid');
    expect((await a.jwks()).keys.map((k) => k.kid)).toEqual([kid, repo.rows[0]?.kid]);
  });
});
