import { createDepartments } from '../departments/registry.js';
import { FieldCipher } from '../modules/privacy/index.js';
import { base45Decode, base45Encode } from '../modules/wallet/base45.js';
import { decodeCbor, encodeCbor } from '../modules/wallet/cbor.js';
import { type HolderKey, holderKeys, presentQr, type QrPresentInput } from '../modules/wallet/holder.js';
import { type IssuedCertificate, WalletService } from '../modules/wallet/wallet-service.js';
import type { TestApp } from './test-app.js';

/**
 * Another WalletService on the test app's database, data key and departments: a second server copy, a verifier
 * elsewhere (with its own status-list cache), or the wallet as it is at another moment (`now`).
 */
export function walletCopy(t: TestApp, now?: () => number): WalletService {
  return new WalletService({
    db: t.database.db,
    cipher: new FieldCipher(t.config.dataEncryptionKey as Buffer),
    departments: createDepartments(t.config, t.database.db),
    baseUrl: t.config.publicOrigins[0] ?? '',
    now,
  });
}

/** A certificate and the holder keys of the reference holder it is bound to (credential i to key i). */
export interface HeldCertificate {
  cert: IssuedCertificate;
  keys: HolderKey[];
}

/** `wallet` issues a certificate of `type` to `idNumber` as a batch bound to `count` new reference-holder keys. */
export async function issueToNewKeys(
  wallet: Pick<WalletService, 'issue'>,
  type: IssuedCertificate['type'],
  idNumber: string,
  count: number,
): Promise<HeldCertificate> {
  const keys = holderKeys(count);
  const cert = await wallet.issue({ type, idNumber, holderKeys: keys.map((k) => k.publicJwk) });
  return { cert, keys };
}

/** The QR text of credential `i` presented for `purpose`, signed with its own holder key. */
export function presentCredential(
  held: HeldCertificate,
  i: number,
  purpose: QrPresentInput['purpose'],
  extra: Partial<QrPresentInput> = {},
): string {
  return presentQr({
    compact: held.cert.credentials[i]?.compact as string,
    key: held.keys[i] as HolderKey,
    type: held.cert.type,
    purpose,
    ...extra,
  });
}

/** Replace the base45 body of a QR text by the re-encoded CBOR after `edit` (tampering, forging, re-signing). */
export function editQr(qr: string, edit: (v: unknown[]) => void): string {
  const v = decodeCbor(base45Decode(qr.slice(5))) as unknown[];
  edit(v);
  return `YSS1:${base45Encode(encodeCbor(v))}`;
}
