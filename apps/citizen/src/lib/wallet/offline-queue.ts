import type { OfflineCheckInRequest, OfflineCheckInResult, VerdictKind, VerifierProfile } from '@yss/contracts';

/**
 * 离线核验待登记: the check-ins a logged-in verifier made without a network, kept on this device (IndexedDB
 * `yss-verifier-queue`, never localStorage: the scanned codes carry the holder's disclosed claims) until the
 * page is online again and uploads them to POST /api/v1/verifier/check-ins/offline — which verifies each again
 * and records it once. Also keeps the verifier's last profile (organisation, purpose, city: no personal data),
 * so that a page reloaded without a network still verifies for the organisation and queues its check-ins.
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

const DB_NAME = 'yss-verifier-queue';
const QUEUE = 'check-ins';
const PROFILE = 'profile';
const PROFILE_KEY = 'verifier';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(QUEUE, { keyPath: 'id' });
      req.result.createObjectStore(PROFILE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      // resolve when the transaction is durable, not just when the request succeeded
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const offlineQueue = {
  add: (item: Omit<QueuedCheckIn, 'id'>) =>
    run<IDBValidKey>(QUEUE, 'readwrite', (s) => s.add({ ...item, id: crypto.randomUUID() })),
  /** The organisation's queued check-ins, oldest first. */
  async list(organisationId: string): Promise<QueuedCheckIn[]> {
    const all = await run<QueuedCheckIn[]>(QUEUE, 'readonly', (s) => s.getAll());
    return all.filter((x) => x.organisationId === organisationId).sort((a, b) => a.verifiedAt - b.verifiedAt);
  },
  remove: (id: string) => run<undefined>(QUEUE, 'readwrite', (s) => s.delete(id)),
  /** The logged-in verifier's profile, kept for a reload without a network; null when none. */
  loadProfile: () =>
    run<VerifierProfile | undefined>(PROFILE, 'readonly', (s) => s.get(PROFILE_KEY)).then(
      (p) => p ?? null,
      () => null,
    ),
  saveProfile: (profile: VerifierProfile) => run<IDBValidKey>(PROFILE, 'readwrite', (s) => s.put(profile, PROFILE_KEY)),
  clearProfile: () => run<undefined>(PROFILE, 'readwrite', (s) => s.delete(PROFILE_KEY)),
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
  const items = await offlineQueue.list(organisationId);
  const outcome: UploadOutcome = { uploaded: [], refused: [], left: 0 };
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
