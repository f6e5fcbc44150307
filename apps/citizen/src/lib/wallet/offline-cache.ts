import type { IssuerDirectory } from '@yss/contracts';
import { base64urlDecode } from './codec';
import type { DecodedStatusList, IssuerJwk, TrustedIssuer, TrustSnapshot } from './offline-verifier';
import { importJwk } from './offline-verifier';

/**
 * The verifier page's cache for 离线核验: while online it reads the issuer directory (GET /api/v1/issuers),
 * every issuer's JWKS and every status list (statuslist+jwt: ES256 signature checked with the cached JWKS,
 * `typ`, `sub` and `exp` checked, `lst` inflated with DecompressionStream('deflate') — ZLIB, RFC 1950 — and
 * kept decoded with its fetch time, ttl and exp). Offline, offline-verifier.ts uses the snapshot; a list past
 * its `exp` is not used. A refresh that fails for an issuer or a list keeps what was cached before.
 */

/** Largest inflated list accepted (as the server's StatusListCache: a small token must not inflate into gigabytes). */
export const MAX_LIST_BYTES = 1 << 20;

/** Just what the cache needs of fetch (the page passes window.fetch; tests pass the app's inject). */
export type FetchText = (path: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface CachedTrust extends TrustSnapshot {
  /** When the last refresh finished (ms), successful or partial. */
  refreshedAt: number;
}

const textDecoder = new TextDecoder();

async function readJson(res: Awaited<ReturnType<FetchText>>): Promise<unknown> {
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return JSON.parse(await res.text());
}

function isJwk(k: unknown): k is IssuerJwk {
  const j = k as Record<string, unknown> | null;
  return (
    !!j &&
    j.kty === 'EC' &&
    j.crv === 'P-256' &&
    typeof j.x === 'string' &&
    typeof j.y === 'string' &&
    typeof j.kid === 'string'
  );
}

/** ZLIB inflate with the browser's DecompressionStream, refusing more than `maxBytes`. */
export async function inflate(bytes: Uint8Array, maxBytes = MAX_LIST_BYTES): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error('status list too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Checks a status-list token (compact JWS, typ statuslist+jwt, ES256 by a key of the issuer's JWKS, `sub` =
 * the list's URI, not past `exp`) and decodes it; throws when anything is wrong.
 */
export async function decodeStatusListToken(
  token: string,
  issuer: TrustedIssuer,
  listId: number,
  now: number,
): Promise<DecodedStatusList> {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new Error('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(textDecoder.decode(base64urlDecode(h)));
  const payload = JSON.parse(textDecoder.decode(base64urlDecode(p)));
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') throw new Error('not a JWS');
  if (header.alg !== 'ES256' || header.typ !== 'statuslist+jwt' || typeof header.kid !== 'string') {
    throw new Error('header');
  }
  const jwk = issuer.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('unknown kid');
  const signature = base64urlDecode(s);
  const ok =
    signature.length === 64 &&
    (await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      await importJwk(jwk),
      signature as BufferSource,
      new TextEncoder().encode(`${h}.${p}`) as BufferSource,
    ));
  if (!ok) throw new Error('bad signature');
  if (payload.sub !== `${issuer.iss}/status-lists/${listId}`) throw new Error('sub');
  const { iat, exp, ttl, status_list: list } = payload as Record<string, unknown>;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new Error('iat/exp');
  if (exp * 1000 <= now) throw new Error('expired list');
  const l = list as { bits?: unknown; lst?: unknown } | undefined;
  if (!l || ![1, 2, 4, 8].includes(l.bits as number) || typeof l.lst !== 'string') throw new Error('status_list');
  const bytes = await inflate(base64urlDecode(l.lst));
  return {
    issuerId: issuer.id,
    listId,
    bits: l.bits as DecodedStatusList['bits'],
    bytes,
    fetchedAt: now,
    iat,
    exp,
    ttlSeconds: typeof ttl === 'number' && ttl > 0 ? ttl : 300,
  };
}

/**
 * One refresh: the directory, each issuer's JWKS, each status list. What fails is kept from `previous` (an
 * older list stays usable until its own exp); what succeeds replaces it. Throws only when the directory
 * itself cannot be read (then nothing changed).
 */
export async function refreshTrust(
  fetchText: FetchText,
  previous: CachedTrust | null,
  now: () => number = Date.now,
): Promise<CachedTrust> {
  const directory = (await readJson(await fetchText('/api/v1/issuers'))) as IssuerDirectory;
  if (!directory || !Array.isArray(directory.issuers)) throw new Error('bad directory');
  const issuers: TrustedIssuer[] = [];
  const lists: DecodedStatusList[] = [];
  await Promise.all(
    directory.issuers.map(async (entry) => {
      const before = previous?.issuers.find((i) => i.id === entry.id);
      let issuer: TrustedIssuer | undefined;
      try {
        const jwks = (await readJson(await fetchText(entry.jwksUri))) as { keys?: unknown[] };
        const keys = (jwks.keys ?? []).filter(isJwk).map(({ kty, crv, x, y, kid, alg }) => ({
          kty,
          crv,
          x,
          y,
          kid,
          alg,
        }));
        issuer = {
          id: entry.id,
          code: entry.code,
          name: entry.name,
          ...(entry.nameEn ? { nameEn: entry.nameEn } : {}),
          iss: entry.iss,
          types: entry.types,
          keys,
          fetchedAt: now(),
        };
      } catch {
        issuer = before;
      }
      if (!issuer) return;
      issuers.push(issuer);
      const trusted = issuer;
      await Promise.all(
        entry.statusLists.map(async (listId) => {
          try {
            const res = await fetchText(`/api/v1/issuers/${entry.id}/status-lists/${listId}`);
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            lists.push(await decodeStatusListToken(await res.text(), trusted, listId, now()));
          } catch {
            const old = previous?.lists.find((l) => l.issuerId === entry.id && l.listId === listId);
            if (old && old.exp * 1000 > now()) lists.push(old);
          }
        }),
      );
    }),
  );
  issuers.sort((a, b) => a.code - b.code);
  lists.sort((a, b) => a.listId - b.listId);
  return { issuers, lists, refreshedAt: now() };
}

/** The oldest fetch time of the status data (what "状态信息更新于" should show for the snapshot as a whole). */
export function oldestStatus(trust: TrustSnapshot): number | null {
  return trust.lists.reduce<number | null>((m, l) => (m === null || l.fetchedAt < m ? l.fetchedAt : m), null);
}

// --------------------------------------------------------------------------------- IndexedDB storage

const DB_NAME = 'yss-verifier-offline';
const STORE = 'trust';
const KEY = 'snapshot';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The snapshot kept on this device (null when none or when IndexedDB is unavailable). */
export async function loadTrust(): Promise<CachedTrust | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const db = await openDb();
    return await new Promise<CachedTrust | null>((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
      req.onsuccess = () => resolve((req.result as CachedTrust | undefined) ?? null);
      req.onerror = () => reject(req.error);
    }).finally(() => db.close());
  } catch {
    return null;
  }
}

export async function saveTrust(trust: CachedTrust): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const db = await openDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(trust, KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The city's catalog rules per certificate type (for a logged-in verifier's city), kept next to the snapshot. */
export interface CityRules {
  code: string;
  name: string;
  offered: Record<string, { available: boolean; unavailableReason: string | null }>;
  fetchedAt: number;
}
const CITY_KEY = 'city-rules';

export async function loadCityRules(): Promise<CityRules | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const db = await openDb();
    return await new Promise<CityRules | null>((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(CITY_KEY);
      req.onsuccess = () => resolve((req.result as CityRules | undefined) ?? null);
      req.onerror = () => reject(req.error);
    }).finally(() => db.close());
  } catch {
    return null;
  }
}

export async function saveCityRules(rules: CityRules): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const db = await openDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(rules, CITY_KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}
