import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as contracts from '../index.js';
import {
  base45Decode,
  base45Encode,
  type CoseSign1,
  checkCredentialStatus,
  checkCredentialValidity,
  checkDisclosedClaims,
  checkPresentationFresh,
  checkPresentationPurpose,
  claimedQrCredentialType,
  claimOfKey,
  decodeCbor,
  decodeClaimValue,
  decodeStoredCompact,
  encodeCbor,
  encodeClaimValue,
  encodeHolderPayload,
  encodePresentation,
  es256ProtectedHeader,
  es256SignedBytes,
  getStatusEntry,
  holderAad,
  parsePresentation,
  parseSign1,
  QR_ISSUER_KEYS,
  readDisclosedClaims,
  readDisclosure,
  readHolderPayload,
  readIssuerPayload,
  refusedVerdict,
  refuseVerification,
  setStatusEntry,
  sigStructure,
  TOKEN_STATUS,
  tagSign1,
  VERDICT_REASONS,
  VerificationRefusal,
  validVerdict,
} from './index.js';

// The shared codec under Node's WebCrypto (what the browser has): real ES256 keys and SHA-256, so the round
// trips below prove that the bytes the codec builds are the bytes a signature verifies over.
const subtle = globalThis.crypto.subtle;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

async function sha256_16(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource)).subarray(0, 16);
}

async function compressedPoint(key: CryptoKey): Promise<Uint8Array> {
  const raw = new Uint8Array(await subtle.exportKey('raw', key));
  const out = new Uint8Array(33);
  out[0] = (raw[64] as number) & 1 ? 3 : 2;
  out.set(raw.subarray(1, 33), 1);
  return out;
}

async function signSign1(key: CryptoKey, payload: Uint8Array, kid?: Uint8Array, aad = new Uint8Array()) {
  const protectedBytes = es256ProtectedHeader(kid);
  const signature = new Uint8Array(
    await subtle.sign(SIGN, key, sigStructure(protectedBytes, aad, payload) as BufferSource),
  );
  return [protectedBytes, new Map(), payload, signature] as CoseSign1;
}

/** An issued 居民身份电子凭证 and a hotel presentation of it, made only with the shared codec and WebCrypto. */
async function fixture() {
  const issuerKeys = await subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const holderKeys = await subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const claims = { name: '张伟', idNumberLast4: '031X', validFrom: '2026-01-01', validUntil: '2026-01-31' };
  const keys = contracts.CREDENTIAL_TYPES['resident-id'].claimKeys as Record<string, number>;
  const digests = new Map<number, Uint8Array>();
  const disclosures: Uint8Array[] = [];
  for (const [claim, value] of Object.entries(claims)) {
    const k = keys[claim] as number;
    const d = encodeCbor([random(16), k, encodeClaimValue('resident-id', claim, value)]);
    digests.set(k, await sha256_16(d));
    disclosures.push(d);
  }
  const P = QR_ISSUER_KEYS;
  const issuerPayload = encodeCbor(
    new Map<number, unknown>([
      [P.issuer, 1],
      [P.type, contracts.CREDENTIAL_TYPES['resident-id'].code],
      [P.iat, 1_767_225_600],
      [P.exp, 1_769_817_600],
      [P.status, [3, 4242]],
      [P.cnf, await compressedPoint(holderKeys.publicKey)],
      [P.digests, digests],
    ]),
  );
  const kid = random(8);
  const issuer = await signSign1(issuerKeys.privateKey, issuerPayload, kid);
  const stored = encodeCbor([1, tagSign1(issuer), disclosures]);
  const chosen = disclosures.slice(0, 3);
  const nonce = random(12);
  const holderPayload = encodeHolderPayload({ iat: 1_767_225_700, nonce, purposeCode: 1 });
  const holder = await signSign1(holderKeys.privateKey, holderPayload, undefined, holderAad(issuer[3], chosen));
  const text = encodePresentation(issuer, chosen, holder);
  return { issuerKeys, holderKeys, claims, digests, disclosures, chosen, kid, nonce, issuer, stored, text };
}

const verifies = async (key: CryptoKey, data: Uint8Array | undefined, signature: Uint8Array) =>
  data !== undefined && subtle.verify(SIGN, key, signature as BufferSource, data as BufferSource);

/** True when `f` throws an Error (a verifier turns that into `malformed`); false when it returns. */
function throwsError(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (err) {
    if (!(err instanceof Error)) throw new Error(`threw a non-Error: ${String(err)}`);
    return true;
  }
}

describe('wallet codec: base45 (RFC 9285)', () => {
  it('encodes and decodes the RFC examples', () => {
    const vectors: [string, string][] = [
      ['AB', 'BB8'],
      ['Hello!!', '%69 VD92EX0'],
      ['base-45', 'UJCLQE7W581'],
      ['ietf!', 'QED8WEX0'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base45Encode(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base45Decode(encoded))).toBe(plain);
    }
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => hex(base45Decode(base45Encode(bytes))) === hex(bytes)),
    );
  });

  it('refuses a bad length, characters outside the alphabet and values out of range', () => {
    expect(() => base45Decode('BB8B')).toThrow(/length/);
    expect(() => base45Decode('bb8')).toThrow(/character/);
    expect(() => base45Decode('中AB')).toThrow(/character/); // beyond ASCII: outside the table
    expect(() => base45Decode('GGW')).toThrow(/range/); // 16 + 16·45 + 32·45² = 65536
    expect(() => base45Decode(':Z')).toThrow(/range/); // 44 + 35·45 = 1619 > 255
  });
});

describe('wallet codec: CBOR as the wallet writes it', () => {
  it('writes standard CBOR: integer-keyed maps, untagged byte strings, definite lengths', () => {
    expect(hex(encodeCbor(new Map([[1, 2]])))).toBe('a10102');
    expect(hex(encodeCbor(new Uint8Array([1, 2])))).toBe('420102');
    expect(hex(encodeCbor(tagSign1([new Uint8Array(), new Map(), new Uint8Array(), new Uint8Array()])))).toBe(
      'd28440a04040',
    );
    const back = decodeCbor(encodeCbor(new Map<number, unknown>([[7, new Map([[1, 'x']])]])));
    expect(back).toBeInstanceOf(Map);
    expect((back as Map<number, Map<number, string>>).get(7)?.get(1)).toBe('x');
  });

  it('refuses truncated input and trailing bytes', () => {
    const bytes = encodeCbor([1, 'two', new Uint8Array(3)]);
    expect(() => decodeCbor(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decodeCbor(new Uint8Array([...bytes, 0]))).toThrow();
  });
});

describe('wallet codec: COSE_Sign1', () => {
  it('builds the RFC 9052 Sig_structure byte for byte', () => {
    const protectedBytes = es256ProtectedHeader();
    expect(hex(protectedBytes)).toBe('a10126');
    // ["Signature1", h'a10126', h'', h'0102']
    expect(hex(sigStructure(protectedBytes, new Uint8Array(), new Uint8Array([1, 2])))).toBe(
      '846a5369676e61747572653143a1012640420102',
    );
    expect(hex(es256ProtectedHeader(new Uint8Array([9])))).toBe('a20126044109'); // {1: -7, 4: h'09'}
  });

  it('reads tagged and untagged COSE_Sign1 and refuses what the wallet must not rely on', () => {
    const sign1: CoseSign1 = [es256ProtectedHeader(new Uint8Array([7])), new Map(), new Uint8Array([1]), random(64)];
    for (const value of [sign1, tagSign1(sign1)]) {
      const parsed = parseSign1(decodeCbor(encodeCbor(value)));
      expect(parsed.alg).toBe(-7);
      expect([...(parsed.kid ?? [])]).toEqual([7]);
    }
    expect(() => parseSign1([...sign1.slice(0, 3)])).toThrow(/4-element/);
    expect(() => parseSign1([sign1[0], new Map([[4, new Uint8Array([7])]]), sign1[2], sign1[3]])).toThrow(
      /unprotected/,
    );
    expect(() => parseSign1([encodeCbor(new Map([[4, 'kid']])), new Map(), sign1[2], sign1[3]])).toThrow(/kid/);
    expect(() => parseSign1([encodeCbor([1]), new Map(), sign1[2], sign1[3]])).toThrow(/not a map/);
    expect(() => parseSign1(['x', new Map(), sign1[2], sign1[3]])).toThrow(/member types/);
  });

  it('gives the bytes to verify for ES256 only, and nothing for another alg or a signature of the wrong size', async () => {
    const keys = await subtle.generateKey(ECDSA, true, ['sign', 'verify']);
    const sign1 = await signSign1(keys.privateKey, new Uint8Array([1, 2, 3]));
    const parsed = parseSign1(sign1);
    expect(await verifies(keys.publicKey, es256SignedBytes(parsed), parsed.sign1[3])).toBe(true);
    expect(es256SignedBytes({ ...parsed, alg: undefined })).toBeUndefined(); // alg none / absent
    expect(es256SignedBytes({ ...parsed, alg: -35 })).toBeUndefined(); // ES384
    const short: CoseSign1 = [sign1[0], sign1[1], sign1[2], sign1[3].subarray(0, 63)];
    expect(es256SignedBytes(parseSign1(short))).toBeUndefined();
    // external_aad is part of what is signed: another aad does not verify
    expect(await verifies(keys.publicKey, es256SignedBytes(parsed, new Uint8Array([0])), parsed.sign1[3])).toBe(false);
  });
});

describe('wallet codec: the compact QR credential', () => {
  it('round-trips a presentation whose signatures verify over the codec’s bytes', async () => {
    const f = await fixture();
    expect(f.text.startsWith('YSS1:')).toBe(true);
    const p = parsePresentation(f.text);
    expect(hex(p.issuer.kid ?? new Uint8Array())).toBe(hex(f.kid));
    expect(await verifies(f.issuerKeys.publicKey, es256SignedBytes(p.issuer), p.issuer.sign1[3])).toBe(true);
    const aad = holderAad(p.issuer.sign1[3], p.disclosures);
    expect(await verifies(f.holderKeys.publicKey, es256SignedBytes(p.holder, aad), p.holder.sign1[3])).toBe(true);
    // another set of disclosures breaks the holder's binding
    const other = holderAad(p.issuer.sign1[3], f.disclosures);
    expect(await verifies(f.holderKeys.publicKey, es256SignedBytes(p.holder, other), p.holder.sign1[3])).toBe(false);

    const ip = readIssuerPayload(p.issuer.sign1);
    expect(ip).toMatchObject({
      issuerCode: 1,
      typeCode: contracts.CREDENTIAL_TYPES['resident-id'].code,
      iat: 1_767_225_600,
      exp: 1_769_817_600,
    });
    expect(ip.status).toEqual({ listId: 3, idx: 4242 });
    expect(ip.cnf).toHaveLength(33);
    expect([...ip.digests.keys()]).toEqual([...f.digests.keys()]);
    const hp = readHolderPayload(p.holder.sign1);
    expect(hp).toMatchObject({ iat: 1_767_225_700, purposeCode: 1 });
    expect(hex(hp.nonce)).toBe(hex(f.nonce));
    expect(p.disclosures.map((d) => claimOfKey('resident-id', readDisclosure(d).key))).toEqual([
      'name',
      'idNumberLast4',
      'validFrom',
    ]);

    const stored = decodeStoredCompact(f.stored);
    expect(stored.disclosures).toHaveLength(4);
    expect(hex(stored.issuer.sign1[3])).toBe(hex(f.issuer[3]));
  });

  it('reads the type a presentation claims without checking it, and nothing from garbage or a truncation', async () => {
    const f = await fixture();
    expect(claimedQrCredentialType(f.text)).toBe('resident-id');
    // unverified: a presentation whose signatures are wrong still says what it claims to be (used only to refuse)
    expect(claimedQrCredentialType(`${f.text.slice(0, -4)}0000`)).toBe('resident-id');
    for (const text of ['', 'YSS1:', 'hello', f.text.slice(0, 40), 'eyJhbGciOiJFUzI1NiJ9.e30.sig~'])
      expect(claimedQrCredentialType(text), text).toBeUndefined();
  });

  it('throws an Error (never anything else) on every truncation of a presentation', async () => {
    const f = await fixture();
    for (let n = 0; n < f.text.length; n++) {
      expect(
        throwsError(() => parsePresentation(f.text.slice(0, n))),
        `prefix of ${n}`,
      ).toBe(true);
    }
    const bytes = base45Decode(f.text.slice(5));
    for (let n = 0; n < bytes.length; n++) {
      expect(throwsError(() => parsePresentation(`YSS1:${base45Encode(bytes.subarray(0, n))}`))).toBe(true);
    }
  });

  it('throws an Error or parses, never crashes, on garbage and on changed bytes', async () => {
    const f = await fixture();
    const bytes = base45Decode(f.text.slice(5));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        throwsError(() => parsePresentation(s));
        throwsError(() => parsePresentation(`YSS1:${s}`));
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        const text = `YSS1:${base45Encode(b)}`;
        throwsError(() => {
          const p = parsePresentation(text);
          readIssuerPayload(p.issuer.sign1);
          readHolderPayload(p.holder.sign1);
          for (const d of p.disclosures) readDisclosure(d);
        });
      }),
    );
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const changed = bytes.slice();
        changed[at] = (changed[at] as number) ^ x;
        throwsError(() => {
          const p = parsePresentation(`YSS1:${base45Encode(changed)}`);
          readIssuerPayload(p.issuer.sign1);
          readHolderPayload(p.holder.sign1);
        });
      }),
    );
    expect(throwsError(() => decodeStoredCompact(new Uint8Array([0xff])))).toBe(true);
  });

  it('refuses payloads of the wrong shape', () => {
    const sign1 = (payload: unknown): CoseSign1 => [new Uint8Array(), new Map(), encodeCbor(payload), random(64)];
    expect(() => readIssuerPayload(sign1([1, 2]))).toThrow(/not a map/);
    expect(() => readIssuerPayload(sign1(new Map([[1, -1]])))).toThrow(/members/);
    expect(() =>
      readHolderPayload(
        sign1(
          new Map<number, unknown>([
            [1, 5],
            [2, random(7)],
            [3, 1],
          ]),
        ),
      ),
    ).toThrow(/members/); // nonce shorter than 8 bytes
    expect(() => readDisclosure(encodeCbor([random(15), 1, 'x']))).toThrow(/disclosure/); // salt not 16 bytes
    expect(() => readDisclosure(encodeCbor([random(16), -1, 'x']))).toThrow(/disclosure/);
    const tooMany = encodePresentation(
      sign1(new Map()),
      Array.from({ length: 33 }, () => random(1)),
      sign1(new Map()),
    );
    expect(() => parsePresentation(tooMany)).toThrow(/disclosures/);
    expect(() => parsePresentation('HC1:NCFOXN')).toThrow(/prefix/);
  });
});

describe('wallet codec: claims', () => {
  it('carries dates as YYYYMMDD integers and reads them back', () => {
    expect(encodeClaimValue('resident-id', 'validUntil', '2026-01-31')).toBe(20260131);
    expect(decodeClaimValue('resident-id', 'validUntil', 20260131)).toBe('2026-01-31');
    expect(decodeClaimValue('resident-id', 'validUntil', 2026013)).toBeUndefined();
    expect(encodeClaimValue('resident-id', 'name', '张伟')).toBe('张伟');
    expect(decodeClaimValue('driving-licence', 'validUntil', null)).toBeNull();
    expect(claimOfKey('resident-id', 999)).toBeUndefined();
  });

  it('lists disclosed claims in the type’s order with labels, and refuses claims that break the schema', () => {
    const list = checkDisclosedClaims(
      'resident-id',
      new Map<string, unknown>([
        ['validUntil', '2026-01-31'],
        ['name', '张伟'],
      ]),
    );
    expect(list.map((c) => c.claim)).toEqual(['name', 'validUntil']);
    expect(list[0]).toMatchObject({ label: '姓名', value: '张伟', display: '张伟' });
    expect(() => checkDisclosedClaims('resident-id', new Map([['validUntil', 20260131]]))).toThrow(VerificationRefusal);
    expect(() => checkDisclosedClaims('resident-id', new Map([['idNumber', '123']]))).toThrow(VerificationRefusal);
    // a date that did not decode (not 8 digits) is refused, not shown as "undefined"
    const undecodable = decodeClaimValue('resident-id', 'validUntil', 2026013);
    expect(() => checkDisclosedClaims('resident-id', new Map([['validUntil', undecodable]]))).toThrow(
      VerificationRefusal,
    );
  });
});

describe('wallet codec: the verification rules', () => {
  const refusalOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      if (err instanceof VerificationRefusal) return `${err.verdict}/${err.reasonCode}`;
      throw err;
    }
    return 'passed';
  };

  it('checks each disclosure against its digest, a claim of the type, once', async () => {
    const f = await fixture();
    const digests = await Promise.all(f.disclosures.map(sha256_16));
    const matches = (_d: Uint8Array, i: number, expected: Uint8Array) =>
      hex(digests[i] as Uint8Array) === hex(expected);
    const claims = readDisclosedClaims('resident-id', f.digests, f.disclosures, matches);
    expect(Object.fromEntries(claims)).toEqual(f.claims);
    const never = () => false;
    expect(refusalOf(() => readDisclosedClaims('resident-id', f.digests, f.disclosures, never))).toBe(
      'invalid/disclosure',
    );
    const twice = [f.disclosures[0] as Uint8Array, f.disclosures[0] as Uint8Array];
    expect(refusalOf(() => readDisclosedClaims('resident-id', f.digests, twice, () => true))).toBe(
      'invalid/disclosure',
    );
    expect(refusalOf(() => readDisclosedClaims('resident-id', f.digests, [random(5)], () => true))).toBe(
      'invalid/disclosure',
    );
    const unknownKey = encodeCbor([random(16), 99, 'x']);
    const withKey = new Map([[99, random(16)]]);
    expect(refusalOf(() => readDisclosedClaims('resident-id', withKey, [unknownKey], () => true))).toBe(
      'invalid/disclosure',
    );
  });

  it('accepts a holder signature within ±90 s only, and a credential within its validity', () => {
    expect(refusalOf(() => checkPresentationFresh(1000, 1090))).toBe('passed');
    expect(refusalOf(() => checkPresentationFresh(1000, 910))).toBe('passed');
    expect(refusalOf(() => checkPresentationFresh(1000, 1091))).toBe('invalid/stale');
    expect(refusalOf(() => checkPresentationFresh('1000', 1000))).toBe('invalid/stale');
    expect(refusalOf(() => checkCredentialValidity(1000, 2000, 1999))).toBe('passed');
    expect(refusalOf(() => checkCredentialValidity(1000, 2000, 2000))).toBe('expired/expired');
    expect(refusalOf(() => checkCredentialValidity(1000, 2000, 909))).toBe('invalid/not-yet-valid');
  });

  it('maps the purpose code, refusing an unknown one or another purpose than the verifier’s', () => {
    const ctx = {};
    expect(checkPresentationPurpose(ctx, 2)).toBe('police');
    expect(ctx).toEqual({ purpose: { id: 'police', name: '民警查验' } });
    expect(refusalOf(() => checkPresentationPurpose({}, 2, 'hotel'))).toBe('invalid/purpose');
    expect(refusalOf(() => checkPresentationPurpose({}, 9))).toBe('invalid/purpose');
  });

  it('maps status entries: never valid without one', () => {
    expect(refusalOf(() => checkCredentialStatus(TOKEN_STATUS.valid))).toBe('passed');
    expect(refusalOf(() => checkCredentialStatus(TOKEN_STATUS.invalid))).toBe('revoked/revoked');
    expect(refusalOf(() => checkCredentialStatus(TOKEN_STATUS.suspended))).toBe('suspended/suspended');
    expect(refusalOf(() => checkCredentialStatus(3))).toBe('invalid/status-unknown');
    expect(refusalOf(() => checkCredentialStatus(undefined))).toBe('invalid/status-unknown');
  });

  it('reads and writes 2-bit status entries (the draft’s layout)', () => {
    const bytes = new Uint8Array(2);
    setStatusEntry(bytes, 2, 0, 1);
    setStatusEntry(bytes, 2, 3, 2);
    setStatusEntry(bytes, 2, 5, 3);
    expect(hex(bytes)).toBe('810c');
    expect([0, 1, 3, 5].map((i) => getStatusEntry(bytes, 2, i))).toEqual([1, 0, 2, 3]);
    expect(getStatusEntry(bytes, 2, 8)).toBeUndefined();
    expect(getStatusEntry(bytes, 2, -1)).toBeUndefined();
    expect(() => setStatusEntry(bytes, 2, 8, 1)).toThrow(/range/);
  });

  it('builds verdicts: claims only for revoked and suspended, anything unexpected malformed', () => {
    const ctx = {
      format: 'qr' as const,
      disclosed: [{ claim: 'name', label: '姓名', value: '张伟', display: '张伟' }],
    };
    expect(validVerdict(ctx, 't')).toMatchObject({ verdict: 'valid', reasonCode: 'ok', disclosed: ctx.disclosed });
    const revoked = refusedVerdict(refuseVerification('revoked', VERDICT_REASONS.revoked, 'revoked'), ctx, 't');
    expect(revoked).toMatchObject({ verdict: 'revoked', reason: '证照已被签发机构注销。', disclosed: ctx.disclosed });
    const forged = refusedVerdict(refuseVerification('bad-signature', VERDICT_REASONS.badSignature), ctx, 't');
    expect(forged.disclosed).toEqual([]);
    expect(refusedVerdict(new TypeError('boom'), {}, 't')).toMatchObject({
      verdict: 'invalid',
      reasonCode: 'malformed',
      reason: VERDICT_REASONS.malformed,
      issuer: null,
      format: null,
    });
  });
});

describe('wallet codec: packaging', () => {
  it('is not part of the contracts index, so pages without a QR do not load cbor-x', () => {
    expect('parsePresentation' in contracts).toBe(false);
    expect('walletCbor' in contracts).toBe(false);
  });
});
