import { hash, randomBytes } from 'node:crypto';
import { type CredentialType, credentialTypeSpec } from '@yss/contracts';
import {
  encodeClaimValue,
  QR_DIGEST_BYTES,
  QR_FORMAT_VERSION,
  QR_ISSUER_KEYS,
  QR_SALT_BYTES,
} from '@yss/contracts/wallet-codec';
import { encodeCbor } from './cbor.js';
import { signSign1, tagSign1 } from './cose.js';
import type { SigningKey } from './issuer-keys.js';

/**
 * The compact QR credential on the server: issuing it (node:crypto signature and salts) and the disclosure
 * digest (node:crypto SHA-256, synchronous). The byte layout, its parsing and the holder's AAD are the
 * contracts' wallet codec (packages/contracts/src/wallet-codec/compact.ts), which the phone and the verifier
 * page use too; they are re-exported here under the names the server's modules have always used.
 */
export {
  decodeStoredCompact,
  type HolderPayload,
  holderAad,
  type IssuerPayload,
  type ParsedPresentation,
  parsePresentation,
  QR_DIGEST_BYTES as DIGEST_BYTES,
  QR_FORMAT_VERSION as FORMAT_VERSION,
  QR_HOLDER_KEYS as H,
  QR_ISSUER_KEYS as P,
  QR_SALT_BYTES as SALT_BYTES,
  readDisclosure,
  readHolderPayload,
  readIssuerPayload,
  type StoredCompact,
} from '@yss/contracts/wallet-codec';

export function disclosureDigest(disclosure: Uint8Array): Buffer {
  return hash('sha256', disclosure, 'buffer').subarray(0, QR_DIGEST_BYTES);
}

export interface CompactIssueInput {
  key: SigningKey;
  issuerCode: number;
  type: CredentialType;
  claims: Record<string, unknown>;
  iat: number;
  exp: number;
  status: { listId: number; idx: number };
  holderPoint: Uint8Array;
}

/** Signs the QR credential; returns the stored form (CBOR bytes) the holder keeps. */
export function issueCompact(input: CompactIssueInput): Buffer {
  const spec = credentialTypeSpec(input.type);
  const keys = spec.claimKeys as Record<string, number>;
  const digests = new Map<number, Uint8Array>();
  const disclosures: Uint8Array[] = [];
  for (const [claim, value] of Object.entries(input.claims)) {
    const k = keys[claim];
    if (k === undefined || value === undefined) continue;
    const d = encodeCbor([randomBytes(QR_SALT_BYTES), k, encodeClaimValue(input.type, claim, value)]);
    digests.set(k, disclosureDigest(d));
    disclosures.push(d);
  }
  const P = QR_ISSUER_KEYS;
  const payload = new Map<number, unknown>([
    [P.issuer, input.issuerCode],
    [P.type, spec.code],
    [P.iat, input.iat],
    [P.exp, input.exp],
    [P.status, [input.status.listId, input.status.idx]],
    [P.cnf, input.holderPoint],
    [P.digests, digests],
  ]);
  const sign1 = signSign1(input.key.key, encodeCbor(payload), { kid: input.key.kidBytes });
  return encodeCbor([QR_FORMAT_VERSION, tagSign1(sign1), disclosures]);
}
