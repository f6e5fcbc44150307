import 'fake-indexeddb/auto';
import type { OfflineCheckInRequest, OfflineCheckInResult, VerifierProfile } from '@yss/contracts';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_QUEUE_AGE_MS, offlineQueue, QUEUE_DB, type QueuedCheckIn, uploadQueue } from './offline-queue';

/**
 * The offline check-in queue at rest: sealed with the device key, bound to its organisation, deleted at the
 * server's age limit, and tolerant of a lost key. Runs on fake-indexeddb (Node has no IndexedDB) with Node's
 * own WebCrypto, which stores non-extractable CryptoKeys by structured clone as browsers do.
 */

const HOTEL = 'org-hotel';
const POLICE = 'org-police';
/** A claim value as it would appear in a decoded QR: what must never be readable in the stored record. */
const CLAIM = '张伟';
const PAYLOAD = `YSS1:name=${CLAIM};photo=…;idValidUntil=2030-01-01`;
const HOUR = 3_600_000;

const entry = (over: Partial<Omit<QueuedCheckIn, 'id'>> = {}): Omit<QueuedCheckIn, 'id'> => ({
  organisationId: HOTEL,
  payload: PAYLOAD,
  verifiedAt: Date.now() - HOUR,
  device: { verdict: 'valid', reasonCode: 'ok' },
  ...over,
});

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The raw database, as anyone reading this browser profile's IndexedDB would see it. */
async function raw<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>) {
  const db = await request(indexedDB.open(QUEUE_DB.name));
  try {
    return await request(fn(db.transaction(store, mode).objectStore(store)));
  } finally {
    db.close();
  }
}
const rawCheckIns = () => raw(QUEUE_DB.checkIns, 'readonly', (s) => s.getAll()) as Promise<Record<string, unknown>[]>;

/** Every string a record holds, its binary fields read as UTF-8 too. */
function readable(record: Record<string, unknown>): string {
  return Object.values(record)
    .map((v) =>
      v instanceof ArrayBuffer || ArrayBuffer.isView(v)
        ? new TextDecoder().decode(v instanceof ArrayBuffer ? v : new Uint8Array(v.buffer))
        : JSON.stringify(v),
    )
    .join('\n');
}

const profile = { organisation: { id: HOTEL } } as unknown as VerifierProfile;

beforeEach(() => {
  // a fresh, empty IndexedDB for every test
  vi.stubGlobal('indexedDB', new IDBFactory());
});

describe('offline check-in queue: encryption at rest', () => {
  it('gives back what was queued, oldest first, for its organisation only', async () => {
    const now = Date.now();
    await offlineQueue.add(entry({ verifiedAt: now - 2 * HOUR, nonce: 'bm9uY2U' }));
    await offlineQueue.add(
      entry({ verifiedAt: now - 3 * HOUR, device: { verdict: 'revoked', reasonCode: 'revoked' } }),
    );
    await offlineQueue.add(entry({ organisationId: POLICE, payload: 'YSS1:other' }));

    const { entries, dropped } = await offlineQueue.list(HOTEL, now);
    expect(dropped).toEqual({ expired: 0, unreadable: 0 });
    expect(entries.map(({ id: _, ...rest }) => rest)).toEqual([
      {
        organisationId: HOTEL,
        payload: PAYLOAD,
        verifiedAt: now - 3 * HOUR,
        device: { verdict: 'revoked', reasonCode: 'revoked' },
      },
      {
        organisationId: HOTEL,
        payload: PAYLOAD,
        nonce: 'bm9uY2U',
        verifiedAt: now - 2 * HOUR,
        device: { verdict: 'valid', reasonCode: 'ok' },
      },
    ]);
    expect((await offlineQueue.list(POLICE, now)).entries.map((e) => e.payload)).toEqual(['YSS1:other']);
  });

  it('uploads the decrypted entries exactly as they were queued, then empties the queue', async () => {
    const verifiedAt = Date.now() - HOUR;
    await offlineQueue.add(entry({ verifiedAt, nonce: 'bm9uY2U' }));
    const sent: OfflineCheckInRequest[] = [];
    const outcome = await uploadQueue(
      HOTEL,
      async (body) => {
        sent.push(body);
        return { duplicate: false } as unknown as OfflineCheckInResult;
      },
      () => ({ network: true, session: false, message: '' }),
    );
    expect(sent).toEqual([
      {
        payload: PAYLOAD,
        nonce: 'bm9uY2U',
        verifiedAt: new Date(verifiedAt).toISOString(),
        device: { verdict: 'valid', reasonCode: 'ok' },
      },
    ]);
    expect(outcome).toMatchObject({ dropped: { expired: 0, unreadable: 0 }, left: 0, refused: [] });
    expect(outcome.uploaded).toHaveLength(1);
    expect(await rawCheckIns()).toEqual([]);
  });

  it('stores no claim, payload or nonce in clear: only id, organisation and time, and an AES-GCM box', async () => {
    await offlineQueue.add(entry({ nonce: 'secret-nonce-value' }));
    const [record] = await rawCheckIns();
    if (!record) throw new Error('nothing stored');
    expect(Object.keys(record).sort()).toEqual(['id', 'iv', 'organisationId', 'sealed', 'verifiedAt']);
    const text = readable(record);
    expect(text).toContain(HOTEL); // the check reads the record's text at all
    for (const secret of [CLAIM, PAYLOAD, 'YSS1:', 'secret-nonce-value', '"valid"']) {
      expect(text).not.toContain(secret);
    }
    expect(record.iv).toBeInstanceOf(Uint8Array);
    expect((record.iv as Uint8Array).byteLength).toBe(12);
    // AES-GCM: ciphertext as long as the plaintext, plus the 16-byte tag
    const plainLength = new TextEncoder().encode(
      JSON.stringify({ payload: PAYLOAD, nonce: 'secret-nonce-value', device: { verdict: 'valid', reasonCode: 'ok' } }),
    ).byteLength;
    expect((record.sealed as ArrayBuffer).byteLength).toBe(plainLength + 16);
  });

  it('keeps the device key as a non-extractable AES-GCM CryptoKey in its own store', async () => {
    await offlineQueue.add(entry());
    const keys = (await raw(QUEUE_DB.keys, 'readonly', (s) => s.getAll())) as unknown[];
    expect(keys).toHaveLength(1);
    const key = keys[0] as CryptoKey;
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    // one key for the device, not one per entry
    await offlineQueue.add(entry());
    expect(await raw(QUEUE_DB.keys, 'readonly', (s) => s.count())).toBe(1);
  });

  it('uses a fresh IV per entry: the same check queued twice gives two different ciphertexts', async () => {
    const same = entry();
    await offlineQueue.add(same);
    await offlineQueue.add(same);
    const [a, b] = await rawCheckIns();
    expect(Buffer.from(a?.iv as Uint8Array).equals(Buffer.from(b?.iv as Uint8Array))).toBe(false);
    expect(
      Buffer.from(a?.sealed as ArrayBuffer).equals(Buffer.from(b?.sealed as ArrayBuffer)),
      'same IV or no encryption',
    ).toBe(false);
  });

  it('an entry moved to another organisation no longer decrypts: dropped, counted, deleted', async () => {
    await offlineQueue.add(entry());
    const [record] = await rawCheckIns();
    await raw(QUEUE_DB.checkIns, 'readwrite', (s) => s.put({ ...record, organisationId: POLICE }));

    const police = await offlineQueue.list(POLICE);
    expect(police).toEqual({ entries: [], dropped: { expired: 0, unreadable: 1 } });
    expect(await rawCheckIns()).toEqual([]);
    expect((await offlineQueue.list(HOTEL)).entries).toEqual([]);
  });

  it('an entry whose time was changed (to escape the age limit) no longer decrypts', async () => {
    await offlineQueue.add(entry({ verifiedAt: Date.now() - 70 * HOUR }));
    const [record] = await rawCheckIns();
    await raw(QUEUE_DB.checkIns, 'readwrite', (s) => s.put({ ...record, verifiedAt: Date.now() }));
    expect(await offlineQueue.list(HOTEL)).toEqual({ entries: [], dropped: { expired: 0, unreadable: 1 } });
  });
});

describe('offline check-in queue: retention', () => {
  it(`deletes entries older than the server accepts (${MAX_QUEUE_AGE_MS / HOUR} h) and says how many`, async () => {
    const now = Date.now();
    await offlineQueue.add(entry({ verifiedAt: now - MAX_QUEUE_AGE_MS - 1 }));
    await offlineQueue.add(entry({ verifiedAt: now - MAX_QUEUE_AGE_MS + 60_000, payload: 'YSS1:just-in-time' }));
    // another organisation's expired entry goes too: nobody can upload it any more
    await offlineQueue.add(entry({ organisationId: POLICE, verifiedAt: now - 100 * HOUR }));

    const { entries, dropped } = await offlineQueue.list(HOTEL, now);
    expect(dropped).toEqual({ expired: 2, unreadable: 0 });
    expect(entries.map((e) => e.payload)).toEqual(['YSS1:just-in-time']);
    expect(await rawCheckIns()).toHaveLength(1);
    // counted once: the next listing drops nothing more
    expect((await offlineQueue.list(HOTEL, now)).dropped).toEqual({ expired: 0, unreadable: 0 });
  });

  it('the retention pass alone (page opened, nobody logged in) deletes every organisation’s old entries', async () => {
    const now = Date.now();
    await offlineQueue.add(entry({ verifiedAt: now - 73 * HOUR }));
    await offlineQueue.add(entry({ organisationId: POLICE, verifiedAt: now - 80 * HOUR }));
    await offlineQueue.add(entry({ verifiedAt: now - HOUR }));
    expect(await offlineQueue.purge(now)).toEqual({ expired: 2, unreadable: 0 });
    expect((await rawCheckIns()).map((r) => r.verifiedAt)).toEqual([now - HOUR]);
  });

  it('an upload sends no expired entry and reports it as dropped', async () => {
    await offlineQueue.add(entry({ verifiedAt: Date.now() - 73 * HOUR }));
    const upload = vi.fn(async () => ({}) as OfflineCheckInResult);
    const outcome = await uploadQueue(HOTEL, upload, () => ({ network: false, session: false, message: '' }));
    expect(upload).not.toHaveBeenCalled();
    expect(outcome.dropped).toEqual({ expired: 1, unreadable: 0 });
  });

  it('two pages tidying at once count each deleted entry once', async () => {
    const now = Date.now();
    for (let i = 0; i < 3; i++) await offlineQueue.add(entry({ verifiedAt: now - 80 * HOUR - i }));
    const [a, b] = await Promise.all([offlineQueue.list(HOTEL, now), offlineQueue.purge(now)]);
    expect((a?.dropped.expired ?? 0) + (b?.expired ?? 0)).toBe(3);
  });
});

describe('offline check-in queue: a lost or wrong key, logout, the plain v1 format', () => {
  it('without its key the entries are dropped and counted, the page gets an answer, and queuing works again', async () => {
    await offlineQueue.add(entry());
    await offlineQueue.add(entry());
    await raw(QUEUE_DB.keys, 'readwrite', (s) => s.clear());

    expect(await offlineQueue.list(HOTEL)).toEqual({ entries: [], dropped: { expired: 0, unreadable: 2 } });
    expect(await rawCheckIns()).toEqual([]);

    await offlineQueue.add(entry({ payload: 'YSS1:after' }));
    expect((await offlineQueue.list(HOTEL)).entries.map((e) => e.payload)).toEqual(['YSS1:after']);
  });

  it('a different key (or garbage in the key store) is no key: entries dropped, a new key is made', async () => {
    await offlineQueue.add(entry());
    const other = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await raw(QUEUE_DB.keys, 'readwrite', (s) => s.put(other, 'check-ins'));
    expect((await offlineQueue.list(HOTEL)).dropped).toEqual({ expired: 0, unreadable: 1 });

    await offlineQueue.add(entry());
    await raw(QUEUE_DB.keys, 'readwrite', (s) => s.put('not a key', 'check-ins'));
    expect((await offlineQueue.list(HOTEL)).dropped).toEqual({ expired: 0, unreadable: 1 });
    await offlineQueue.add(entry({ payload: 'YSS1:new-key' }));
    expect((await offlineQueue.list(HOTEL)).entries.map((e) => e.payload)).toEqual(['YSS1:new-key']);
  });

  it('a record of no known form is dropped as unreadable', async () => {
    await offlineQueue.add(entry());
    await raw(QUEUE_DB.checkIns, 'readwrite', (s) => s.put({ id: 'junk', organisationId: HOTEL }));
    const { entries, dropped } = await offlineQueue.list(HOTEL);
    expect(dropped).toEqual({ expired: 0, unreadable: 1 });
    expect(entries).toHaveLength(1);
  });

  it('logging out forgets the profile but keeps the queue for the next login of the organisation', async () => {
    await offlineQueue.saveProfile(profile);
    await offlineQueue.add(entry());
    await offlineQueue.clearProfile();
    expect(await offlineQueue.loadProfile()).toBeNull();
    expect((await offlineQueue.list(HOTEL)).entries).toHaveLength(1);
  });

  it('entries of the plain v1 database are sealed in place on the first read; old ones are deleted', async () => {
    const now = Date.now();
    // the database as version 1 of this module left it
    const open = indexedDB.open(QUEUE_DB.name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(QUEUE_DB.checkIns, { keyPath: 'id' });
      open.result.createObjectStore(QUEUE_DB.profile);
    };
    const v1 = await request(open);
    const tx = v1.transaction([QUEUE_DB.checkIns, QUEUE_DB.profile], 'readwrite');
    tx.objectStore(QUEUE_DB.checkIns).put({ id: 'fresh', ...entry({ verifiedAt: now - HOUR, nonce: 'bm9uY2U' }) });
    tx.objectStore(QUEUE_DB.checkIns).put({ id: 'old', ...entry({ verifiedAt: now - 90 * HOUR }) });
    tx.objectStore(QUEUE_DB.profile).put(profile, 'verifier');
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    v1.close();

    const { entries, dropped } = await offlineQueue.list(HOTEL, now);
    expect(dropped).toEqual({ expired: 1, unreadable: 0 });
    expect(entries).toEqual([{ id: 'fresh', ...entry({ verifiedAt: now - HOUR, nonce: 'bm9uY2U' }) }]);
    const [record] = await rawCheckIns();
    expect(Object.keys(record ?? {}).sort()).toEqual(['id', 'iv', 'organisationId', 'sealed', 'verifiedAt']);
    expect(readable(record ?? {})).not.toContain(CLAIM);
    expect(await offlineQueue.loadProfile()).toEqual(profile);
  });
});
