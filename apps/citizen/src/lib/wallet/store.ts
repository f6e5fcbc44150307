import type { CertificateLink, CredentialType, IssuedBatch, LinkSummary } from '@yss/contracts';

/**
 * The holder's store on this phone: per account one IndexedDB database (`yss-wallet-<account id>`), one record
 * per linked certificate with its batch — each credential (SD-JWT VC + compact QR credential) next to its
 * own ECDSA P-256 private key, generated here as NON-extractable CryptoKey (IndexedDB keeps the key object;
 * its bytes can never be read out, not even by this app). Nothing of it goes back to the server.
 */

export interface StoredCredential {
  sdJwt: string;
  compact: string;
  privateKey: CryptoKey;
  /** When this batch member was last shown (ms), null = never: each QR uses the least recently shown. */
  shownAt: number | null;
}

export interface LastCode {
  text: string;
  purpose: string;
  /** The QR's iat (ms) and the end of the ±90 s window verifiers accept. */
  at: number;
  validUntil: number;
}

export interface StoredCertificate {
  linkId: string;
  type: CredentialType;
  typeName: string;
  issuerName: string;
  /** The issuer's English name; absent in a copy stored before it was kept (the list page fills it in). */
  issuerNameEn?: string;
  certificateId: string;
  summary: LinkSummary;
  status: CertificateLink['status'];
  linkedAt: string;
  issuedAt: string;
  expiresAt: string;
  credentials: StoredCredential[];
  lastCode?: LastCode;
}

const STORE = 'certificates';
/** Keys per batch (the server allows up to 20): one per QR, a QR a minute. */
export const BATCH_SIZE = 10;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

const dbs = new Map<string, Promise<IDBDatabase>>();
function open(accountId: string): Promise<IDBDatabase> {
  let db = dbs.get(accountId);
  if (!db) {
    db = new Promise((resolve, reject) => {
      const r = indexedDB.open(`yss-wallet-${accountId}`, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'linkId' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    dbs.set(accountId, db);
  }
  return db;
}

async function tx<T>(
  accountId: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open(accountId);
  return request(fn(db.transaction(STORE, mode).objectStore(STORE)));
}

export const walletStore = {
  list: (accountId: string) => tx<StoredCertificate[]>(accountId, 'readonly', (s) => s.getAll()),
  get: (accountId: string, linkId: string) =>
    tx<StoredCertificate | undefined>(accountId, 'readonly', (s) => s.get(linkId)),
  put: (accountId: string, cert: StoredCertificate) => tx(accountId, 'readwrite', (s) => s.put(cert)),
  remove: (accountId: string, linkId: string) => tx(accountId, 'readwrite', (s) => s.delete(linkId)),
};

/** A batch of fresh key pairs: the private halves non-extractable, the public ones as JWKs for the server. */
export async function newHolderKeys(n = BATCH_SIZE): Promise<{ privateKey: CryptoKey; publicJwk: JsonWebKey }[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
      return { privateKey: pair.privateKey, publicJwk: { kty, crv, x, y } };
    }),
  );
}

/** The record to keep for a link and the batch just issued to these keys (same order). */
export function toStored(
  link: CertificateLink,
  batch: IssuedBatch,
  keys: { privateKey: CryptoKey }[],
): StoredCertificate {
  return {
    linkId: link.id,
    type: link.type,
    typeName: link.typeName,
    issuerName: link.issuer.name,
    issuerNameEn: link.issuer.nameEn,
    certificateId: link.certificateId,
    summary: link.summary,
    status: link.status,
    linkedAt: link.linkedAt,
    issuedAt: batch.issuedAt,
    expiresAt: batch.expiresAt,
    credentials: batch.credentials.map((c, i) => ({
      sdJwt: c.sdJwt,
      compact: c.compact,
      privateKey: (keys[i] as { privateKey: CryptoKey }).privateKey,
      shownAt: null,
    })),
  };
}

/** Batch members not shown yet. */
export const unusedCount = (c: StoredCertificate) => c.credentials.filter((x) => x.shownAt === null).length;

/** Ask for a new batch when few members are left, or when the batch is in its last 5 days. */
export function needsRefresh(c: StoredCertificate, now = Date.now()): boolean {
  return unusedCount(c) < 3 || Date.parse(c.expiresAt) - now < 5 * 86_400_000;
}
