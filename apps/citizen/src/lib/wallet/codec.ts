import {
  type CredentialType,
  credentialTypeSpec,
  WALLET_PURPOSES,
  WALLET_QR_PREFIX,
  type WalletPurpose,
} from '@yss/contracts';
import { Encoder, Tag } from 'cbor-x';

/**
 * The phone's side of the compact QR presentation, exactly as the server's reference holder
 * (apps/server/src/modules/wallet/holder.ts presentQr) does it, with WebCrypto: the stored credential
 * [1, COSE_Sign1, [disclosures]] → "YSS1:" + base45([1, COSE_Sign1, [chosen disclosures], holder COSE_Sign1]).
 * The holder signs {1: iat, 2: nonce, 3: purpose code} as a COSE_Sign1 (ES256, protected {1: -7}) whose
 * Sig_structure carries external_aad = cbor([issuer signature, chosen disclosures]). WebCrypto's ECDSA
 * signatures are already raw r‖s, as COSE wants. Ported, not shared: the server's copies stay the reference.
 */

const cbor = new Encoder({
  useRecords: false,
  tagUint8Array: false,
  variableMapSize: true,
  mapsAsObjects: false,
  pack: false,
});
const encode = (v: unknown): Uint8Array => cbor.encode(v);
const decode = (b: Uint8Array): unknown => cbor.decode(b);

const FORMAT_VERSION = 1;
const COSE_SIGN1_TAG = 18;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Base45 (RFC 9285). */
export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += (ALPHABET[c] as string) + (ALPHABET[d] as string) + (ALPHABET[e] as string);
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1] as number;
    out += (ALPHABET[n % 45] as string) + (ALPHABET[Math.floor(n / 45)] as string);
  }
  return out;
}

export function base64urlDecode(text: string): Uint8Array {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function base64urlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

interface Stored {
  /** [protected, unprotected, payload, signature] of the issuer's COSE_Sign1 */
  sign1: [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array];
  disclosures: Uint8Array[];
}

function decodeStored(compact: string): Stored {
  const v = decode(base64urlDecode(compact));
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== FORMAT_VERSION) throw new Error('not a stored credential');
  const tagged = v[1];
  const s = tagged instanceof Tag && tagged.tag === COSE_SIGN1_TAG ? tagged.value : tagged;
  if (!Array.isArray(s) || s.length !== 4 || !isBytes(s[0]) || !isBytes(s[2]) || !isBytes(s[3])) {
    throw new Error('not a COSE_Sign1');
  }
  if (!Array.isArray(v[2]) || !v[2].every(isBytes)) throw new Error('bad disclosures');
  return { sign1: s as Stored['sign1'], disclosures: v[2] };
}

/** A disclosure's claim key (salt, key, value). */
function disclosureKey(bytes: Uint8Array): number | undefined {
  const v = decode(bytes);
  return Array.isArray(v) && v.length === 3 && typeof v[1] === 'number' ? v[1] : undefined;
}

/** The claims a purpose shows of a type (its disclosure profile), or undefined when it has none. */
export function profileOf(type: CredentialType, purpose: WalletPurpose): readonly string[] | undefined {
  return credentialTypeSpec(type).profiles[purpose] as readonly string[] | undefined;
}

/** The claims of the stored credential that a purpose will disclose (those the credential has). */
export function disclosedClaims(compact: string, type: CredentialType, purpose: WalletPurpose): string[] {
  const keys = credentialTypeSpec(type).claimKeys as Record<string, number>;
  const present = new Set(decodeStored(compact).disclosures.map(disclosureKey));
  return (profileOf(type, purpose) ?? []).filter((c) => present.has(keys[c]));
}

export interface PresentInput {
  /** The compact credential as issued (base64url). */
  compact: string;
  /** The holder's private key (non-extractable CryptoKey, ECDSA P-256). */
  privateKey: CryptoKey;
  type: CredentialType;
  purpose: WalletPurpose;
  /** The verifier's nonce (two-way flow, base64url); otherwise 12 random bytes. */
  nonce?: string;
  now?: number;
}

/** The QR text ("YSS1:" + base45) of one presentation; a new nonce and iat every time. */
export async function presentQr(input: PresentInput): Promise<{ text: string; iat: number }> {
  const profile = profileOf(input.type, input.purpose);
  if (!profile) throw new Error(`no ${input.purpose} profile for ${input.type}`);
  const stored = decodeStored(input.compact);
  const keys = credentialTypeSpec(input.type).claimKeys as Record<string, number>;
  const wanted = new Set(profile.map((c) => keys[c]));
  const disclosures = stored.disclosures.filter((d) => wanted.has(disclosureKey(d)));
  const nonce = input.nonce ? base64urlDecode(input.nonce) : crypto.getRandomValues(new Uint8Array(12));
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const payload = encode(
    new Map<number, unknown>([
      [1, iat],
      [2, nonce],
      [3, WALLET_PURPOSES[input.purpose].code],
    ]),
  );
  const protectedBytes = encode(new Map<number, unknown>([[1, -7]]));
  const aad = encode([stored.sign1[3], disclosures]);
  const toSign = encode(['Signature1', protectedBytes, aad, payload]);
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, input.privateKey, toSign as BufferSource),
  );
  const holder = [protectedBytes, new Map(), payload, signature];
  const bytes = encode([FORMAT_VERSION, new Tag(stored.sign1, COSE_SIGN1_TAG), disclosures, holder]);
  return { text: WALLET_QR_PREFIX + base45Encode(bytes), iat };
}

/** The verifier's nonce QR of the two-way (police) flow: `YSSN1:<base64url of 8–32 bytes>`. */
export const NONCE_PREFIX = 'YSSN1:';
export function parseNonce(text: string): string | null {
  const t = text.trim();
  const body = t.startsWith(NONCE_PREFIX) ? t.slice(NONCE_PREFIX.length) : t;
  return /^[A-Za-z0-9_-]{11,43}$/.test(body) && base64urlDecode(body).length >= 8 ? body : null;
}

/** The claims of an SD-JWT VC, read from its disclosures ([salt, name, value], base64url JSON). */
export function sdJwtClaims(sdJwt: string): Record<string, unknown> {
  const [, ...parts] = sdJwt.split('~');
  const claims: Record<string, unknown> = {};
  const decoder = new TextDecoder();
  for (const part of parts) {
    if (!part) continue;
    try {
      const d = JSON.parse(decoder.decode(base64urlDecode(part)));
      if (Array.isArray(d) && d.length === 3 && typeof d[1] === 'string') claims[d[1]] = d[2];
    } catch {
      // a malformed disclosure is skipped: the page shows what it can read
    }
  }
  return claims;
}
