import {
  OFFLINE_CHECK_IN_MAX_AGE_HOURS,
  type OfflineCheckInRequest,
  type OfflineCheckInResult,
  type VerdictKind,
  type VerifierProfile,
} from '@yss/contracts';
import { type CheckInLabel, isQueueKey, newQueueKey, openCheckIn, type Sealed, sealCheckIn } from './queue-crypto';

/**
 * 离线核验待登记: the check-ins a logged-in verifier made without a network, kept on this device (IndexedDB
 * `yss-verifier-queue`, never localStorage: the scanned codes carry the holder's disclosed claims) until the
 * page is online again and uploads them to POST /api/v1/verifier/check-ins/offline — which verifies each again
 * and records it once. Also keeps the verifier's last profile (organisation, purpose, city: no personal data),
 * so that a page reloaded without a network still verifies for the organisation and queues its check-ins.
 *
 * Other people's data on a clerk's phone is kept as little and as briefly as possible:
 * - each entry is encrypted (queue-crypto.ts: AES-GCM under a non-extractable device key kept in the same
 *   database, store `keys`); only id, organisation and `verifiedAt` stay in clear, for listing and expiry;
 * - an entry older than OFFLINE_CHECK_IN_MAX_AGE_HOURS is deleted on every list/upload and when the page opens
 *   (the server would refuse it anyway);
 * - an entry that no longer decrypts (key gone, record altered or moved to another organisation) is deleted;
 * - entries of version 1 (plain) are sealed in place the first time the queue is read after the upgrade.
 * What was deleted is counted (`QueueDrops`) so that the page can say so.
 */

export interface QueuedCheckIn {
  /** Random id of the queue entry (this device only). */
  id: string;
  /** The organisation whose verifier made the check: only a session of that organisation uploads it. */
  organisationId: string;
  payload: string;
  nonce?: string;
  /** When the device verified it (ms). */
  verifiedAt: number;
  device: { verdict: VerdictKind; reasonCode: string };
}

/** What IndexedDB keeps for an entry: the label in clear, the rest sealed. */
type SealedRecord = CheckInLabel & Sealed;

/** Entries deleted without an upload: past the server's age limit, or unreadable (no key, altered, moved). */
export interface QueueDrops {
  expired: number;
  unreadable: number;
}

export const NO_DROPS: QueueDrops = { expired: 0, unreadable: 0 };

export const MAX_QUEUE_AGE_MS = OFFLINE_CHECK_IN_MAX_AGE_HOURS * 3_600_000;

/** The database layout; exported for the tests, which look at the raw records. */
export const QUEUE_DB = {
  name: 'yss-verifier-queue',
  /** 1: plain entries; 2: sealed entries and the `keys` store. */
  version: 2,
  checkIns: 'check-ins',
  profile: 'profile',
  keys: 'keys',
} as const;
const PROFILE_KEY = 'verifier';
const DEVICE_KEY = 'check-ins';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(QUEUE_DB.name, QUEUE_DB.version);
    req.onupgradeneeded = (event) => {
      const db = req.result;
      if (event.oldVersion < 1) {
        db.createObjectStore(QUEUE_DB.checkIns, { keyPath: 'id' });
        db.createObjectStore(QUEUE_DB.profile);
      }
      // v1 entries stay as they are here: encrypting needs async WebCrypto, which would let this upgrade
      // transaction commit half-way; tidy() seals them right after.
      if (event.oldVersion < 2) db.createObjectStore(QUEUE_DB.keys);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * One transaction; `body` issues its requests and returns a getter for the result, read once the transaction
 * is durable (not just when a request succeeded).
 */
async function transact<T>(
  stores: string | string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => () => T,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const result = body(tx);
      tx.oncomplete = () => resolve(result());
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const run = <T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest) =>
  transact<T>(store, mode, (tx) => {
    const req = fn(tx.objectStore(store));
    return () => req.result as T;
  });

const isLabel = (r: Record<string, unknown>) =>
  typeof r.id === 'string' && typeof r.organisationId === 'string' && Number.isFinite(r.verifiedAt);

function isSealedRecord(value: unknown): value is SealedRecord {
  const r = value as Record<string, unknown>;
  return (
    typeof value === 'object' &&
    value !== null &&
    isLabel(r) &&
    r.iv instanceof Uint8Array &&
    r.iv.byteLength === 12 &&
    r.sealed instanceof ArrayBuffer
  );
}

/** An entry written by version 1 of this database: everything in clear. */
function isPlainRecord(value: unknown): value is QueuedCheckIn {
  const r = value as Record<string, unknown>;
  return typeof value === 'object' && value !== null && isLabel(r) && typeof r.payload === 'string';
}

const labelOf = (r: CheckInLabel): CheckInLabel => ({
  id: r.id,
  organisationId: r.organisationId,
  verifiedAt: r.verifiedAt,
});

/** The device key when there is one (never creates one: nothing to decrypt without it). */
async function existingKey(): Promise<CryptoKey | null> {
  const value = await run<unknown>(QUEUE_DB.keys, 'readonly', (s) => s.get(DEVICE_KEY));
  return isQueueKey(value) ? value : null;
}

/** The device key, made on first use. Two pages racing to make it both end up with the one written first. */
async function deviceKey(): Promise<CryptoKey> {
  const found = await existingKey();
  if (found) return found;
  const fresh = await newQueueKey();
  return transact(QUEUE_DB.keys, 'readwrite', (tx) => {
    const store = tx.objectStore(QUEUE_DB.keys);
    let key = fresh;
    const req = store.get(DEVICE_KEY);
    req.onsuccess = () => {
      if (isQueueKey(req.result)) key = req.result;
      else store.put(fresh, DEVICE_KEY);
    };
    return () => key;
  });
}

async function seal(key: CryptoKey, item: QueuedCheckIn): Promise<SealedRecord> {
  const label = labelOf(item);
  const box = await sealCheckIn(key, label, {
    payload: item.payload,
    ...(item.nonce ? { nonce: item.nonce } : {}),
    device: item.device,
  });
  return { ...label, ...box };
}

/** Deletes these entries if they are still there; how many were (another page may have removed some). */
function deletePresent(ids: string[]): Promise<number> {
  if (ids.length === 0) return Promise.resolve(0);
  return transact(QUEUE_DB.checkIns, 'readwrite', (tx) => {
    const store = tx.objectStore(QUEUE_DB.checkIns);
    let deleted = 0;
    for (const id of ids) {
      const req = store.getKey(id);
      req.onsuccess = () => {
        if (req.result === undefined) return;
        store.delete(id);
        deleted += 1;
      };
    }
    return () => deleted;
  });
}

/**
 * Seals entries still in the plain v1 form (rewritten in place, unless another page removed or sealed them
 * meanwhile). Without WebCrypto they stay as they are: still uploaded, and deleted at the age limit.
 */
async function sealPlain(plain: QueuedCheckIn[]): Promise<void> {
  if (plain.length === 0) return;
  let sealed: SealedRecord[];
  try {
    const key = await deviceKey();
    sealed = await Promise.all(plain.map((item) => seal(key, item)));
  } catch {
    return;
  }
  await transact(QUEUE_DB.checkIns, 'readwrite', (tx) => {
    const store = tx.objectStore(QUEUE_DB.checkIns);
    for (const record of sealed) {
      const req = store.get(record.id);
      req.onsuccess = () => {
        if (isPlainRecord(req.result)) store.put(record);
      };
    }
    return () => undefined;
  });
}

/**
 * Retention, for every organisation's entries: deletes those past the age limit and any record of no known
 * form, in one transaction (two pages tidying at once count each deletion once), then seals v1 entries.
 */
async function tidy(now: number): Promise<QueueDrops> {
  const cutoff = now - MAX_QUEUE_AGE_MS;
  const { drops, plain } = await transact(QUEUE_DB.checkIns, 'readwrite', (tx) => {
    const drops = { ...NO_DROPS };
    const plain: QueuedCheckIn[] = [];
    const cursor = tx.objectStore(QUEUE_DB.checkIns).openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      const record: unknown = c.value;
      if (!isSealedRecord(record) && !isPlainRecord(record)) {
        c.delete();
        drops.unreadable += 1;
      } else if (record.verifiedAt < cutoff) {
        c.delete();
        drops.expired += 1;
      } else if (isPlainRecord(record)) {
        plain.push(record);
      }
      c.continue();
    };
    return () => ({ drops, plain });
  });
  await sealPlain(plain);
  return drops;
}

export const offlineQueue = {
  /** Queues a check, sealed under the device key (made on first use). */
  async add(item: Omit<QueuedCheckIn, 'id'>): Promise<void> {
    const record = await seal(await deviceKey(), { ...item, id: crypto.randomUUID() });
    await run<IDBValidKey>(QUEUE_DB.checkIns, 'readwrite', (s) => s.add(record));
  },
  /**
   * The organisation's queued check-ins, oldest first, decrypted — after the retention pass. Entries that do
   * not decrypt are deleted and counted with what the retention pass dropped.
   */
  async list(organisationId: string, now = Date.now()): Promise<{ entries: QueuedCheckIn[]; dropped: QueueDrops }> {
    const dropped = await tidy(now);
    const records = (await run<unknown[]>(QUEUE_DB.checkIns, 'readonly', (s) => s.getAll())).filter(
      (r): r is SealedRecord | QueuedCheckIn =>
        (isSealedRecord(r) || isPlainRecord(r)) && r.organisationId === organisationId,
    );
    const key = records.some(isSealedRecord) ? await existingKey().catch(() => null) : null;
    const entries: QueuedCheckIn[] = [];
    const unreadable: string[] = [];
    for (const record of records) {
      if (!isSealedRecord(record)) {
        entries.push(record); // still plain: it could not be sealed on this browser
        continue;
      }
      try {
        if (!key) throw new Error('no device key');
        const label = labelOf(record);
        entries.push({ ...label, ...(await openCheckIn(key, label, record)) });
      } catch {
        unreadable.push(record.id);
      }
    }
    dropped.unreadable += await deletePresent(unreadable);
    return { entries: entries.sort((a, b) => a.verifiedAt - b.verifiedAt), dropped };
  },
  /** The retention pass alone (the page runs it when it opens, whoever is logged in). */
  purge: (now = Date.now()) => tidy(now),
  remove: (id: string) => run<undefined>(QUEUE_DB.checkIns, 'readwrite', (s) => s.delete(id)),
  /** The logged-in verifier's profile, kept for a reload without a network; null when none. */
  loadProfile: () =>
    run<VerifierProfile | undefined>(QUEUE_DB.profile, 'readonly', (s) => s.get(PROFILE_KEY)).then(
      (p) => p ?? null,
      () => null,
    ),
  saveProfile: (profile: VerifierProfile) =>
    run<IDBValidKey>(QUEUE_DB.profile, 'readwrite', (s) => s.put(profile, PROFILE_KEY)),
  clearProfile: () => run<undefined>(QUEUE_DB.profile, 'readwrite', (s) => s.delete(PROFILE_KEY)),
};

export type UploadOne = (body: OfflineCheckInRequest) => Promise<OfflineCheckInResult>;

/** Why an upload stopped or an entry was dropped, as the API client reports it. */
export interface UploadFailure {
  /** No answer (still offline): stop and keep the rest for later. */
  network: boolean;
  /** The session ended or is not a verifier's (401/403): stop and keep the rest for the next login. */
  session: boolean;
  message: string;
}

export interface UploadOutcome {
  uploaded: OfflineCheckInResult[];
  /** Entries deleted before the upload: too old to be accepted, or unreadable. */
  dropped: QueueDrops;
  /** Entries the server refused for good (too old, malformed): dropped, with the server's words. */
  refused: { item: QueuedCheckIn; message: string }[];
  /** Entries left in the queue (the upload stopped). */
  left: number;
}

/**
 * Uploads the organisation's queue, oldest first, one request each. An entry leaves the queue once the server
 * answered for it — recorded (or recorded already: the endpoint is idempotent, so an answer lost on the way
 * just means the next upload is told `duplicate`) or refused for good (problem+json 4xx: it would never be
 * accepted). A network failure or an ended session stops the upload with the rest kept.
 */
export async function uploadQueue(
  organisationId: string,
  upload: UploadOne,
  classify: (error: unknown) => UploadFailure,
): Promise<UploadOutcome> {
  const { entries: items, dropped } = await offlineQueue.list(organisationId);
  const outcome: UploadOutcome = { uploaded: [], dropped, refused: [], left: 0 };
  for (const [i, item] of items.entries()) {
    try {
      const result = await upload({
        payload: item.payload,
        ...(item.nonce ? { nonce: item.nonce } : {}),
        verifiedAt: new Date(item.verifiedAt).toISOString(),
        device: item.device,
      });
      outcome.uploaded.push(result);
    } catch (error) {
      const why = classify(error);
      if (why.network || why.session) {
        outcome.left = items.length - i;
        return outcome;
      }
      outcome.refused.push({ item, message: why.message });
    }
    await offlineQueue.remove(item.id);
  }
  return outcome;
}
