import type { VerdictKind } from '@yss/contracts';

/**
 * Encryption of the offline check-in queue at rest (offline-queue.ts). A queued check-in carries the scanned QR,
 * i.e. another person's disclosed claims (name, photo, ID validity …): it is kept on the clerk's device only as
 * AES-GCM ciphertext under one per-device key, generated here as a NON-extractable CryptoKey (IndexedDB keeps
 * the key object; no script, not even this app's, can read its bytes out). Only what listing and expiry need
 * stays in clear — the entry id, the organisation and `verifiedAt` — and exactly those are the additional
 * authenticated data: an entry moved to another organisation (or given another time) no longer decrypts.
 */

/** The part of a queued check-in that is encrypted. */
export interface CheckInSecret {
  payload: string;
  nonce?: string;
  device: { verdict: VerdictKind; reasonCode: string };
}

/** The part kept in clear, bound to the ciphertext as additional data. */
export interface CheckInLabel {
  id: string;
  organisationId: string;
  verifiedAt: number;
}

export interface Sealed {
  /** 12 random bytes, fresh for every entry (AES-GCM must never reuse an IV under one key). */
  iv: Uint8Array<ArrayBuffer>;
  sealed: ArrayBuffer;
}

/** Versioned, so that a later format cannot be mistaken for this one. */
const AAD_CONTEXT = 'yss-verifier-queue/v2';

const additionalData = (label: CheckInLabel) =>
  new TextEncoder().encode(JSON.stringify([AAD_CONTEXT, label.id, label.organisationId, label.verifiedAt]));

/** A fresh device key: AES-GCM 256, non-extractable, for this queue only. */
export function newQueueKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Whether a value read back from IndexedDB is a usable queue key (anything else counts as missing). */
export function isQueueKey(value: unknown): value is CryptoKey {
  return (
    typeof CryptoKey !== 'undefined' &&
    value instanceof CryptoKey &&
    value.algorithm.name === 'AES-GCM' &&
    value.usages.includes('encrypt') &&
    value.usages.includes('decrypt')
  );
}

export async function sealCheckIn(key: CryptoKey, label: CheckInLabel, secret: CheckInSecret): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(
    JSON.stringify({
      payload: secret.payload,
      ...(secret.nonce ? { nonce: secret.nonce } : {}),
      device: secret.device,
    }),
  );
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(label) },
    key,
    plain,
  );
  return { iv, sealed };
}

/** The secret part again; throws when the key, the ciphertext or the label is not the one it was sealed with. */
export async function openCheckIn(key: CryptoKey, label: CheckInLabel, box: Sealed): Promise<CheckInSecret> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: box.iv, additionalData: additionalData(label) },
    key,
    box.sealed,
  );
  const value: unknown = JSON.parse(new TextDecoder().decode(plain));
  if (!isSecret(value)) throw new Error('queued check-in: unexpected content');
  return value;
}

function isSecret(v: unknown): v is CheckInSecret {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const device = s.device as Record<string, unknown> | null | undefined;
  return (
    typeof s.payload === 'string' &&
    (s.nonce === undefined || typeof s.nonce === 'string') &&
    typeof device === 'object' &&
    device !== null &&
    typeof device.verdict === 'string' &&
    typeof device.reasonCode === 'string'
  );
}
