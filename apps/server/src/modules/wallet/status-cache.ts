import type { IssuerKeyStore } from './issuer-keys.js';
import type { IssuerId } from './issuers.js';
import { decodeJws, verifyJws } from './jws.js';
import { type BitsPerStatus, decompressList, getStatus } from './status-bits.js';

export type StatusLookup =
  | { ok: true; status: number }
  | { ok: false; reason: 'unavailable' | 'bad-token' | 'expired-list' | 'index-out-of-range' };

interface Entry {
  bits: BitsPerStatus;
  bytes: Uint8Array;
  fetchedAt: number;
  ttlMs: number;
  expMs: number;
}

/**
 * The verifier's side of the status lists: each list is fetched, its signature checked against the issuer's
 * keys, decompressed once and kept decoded (a lookup is an array read), and fetched again once its `ttl` has
 * passed — the verifier enforces the ttl and `exp` itself (the @sd-jwt helper decompresses on every check and
 * ignores ttl). A list that cannot be fetched or checked gives no answer: the caller must not say "valid".
 */
export class StatusListCache {
  private readonly lists = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry | StatusLookup>>();

  constructor(
    private readonly options: {
      /** Fetch the compact token of a list (in process: the issuer's service; elsewhere: HTTP). */
      fetch: (issuerId: IssuerId, listId: number) => Promise<string | undefined>;
      keys: IssuerKeyStore;
      /** The `sub` the token must carry for this list. */
      uri: (issuerId: string, listId: number) => string;
      now?: () => number;
      /** Upper bound of any list's ttl here, whatever the token says (default 300 s). */
      maxTtlSeconds?: number;
      maxListBytes?: number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Forget a list (the issuer in this process changed it). */
  invalidate(listId: number) {
    for (const k of this.lists.keys()) if (k.endsWith(`/${listId}`)) this.lists.delete(k);
  }

  async status(issuerId: IssuerId, listId: number, idx: number): Promise<StatusLookup> {
    const key = `${issuerId}/${listId}`;
    let entry = this.lists.get(key);
    const now = this.now();
    if (!entry || now - entry.fetchedAt >= entry.ttlMs || now >= entry.expMs) {
      let pending = this.inflight.get(key);
      if (!pending) {
        pending = this.load(issuerId, listId).finally(() => this.inflight.delete(key));
        this.inflight.set(key, pending);
      }
      const loaded = await pending;
      if ('ok' in loaded) {
        this.lists.delete(key);
        return loaded;
      }
      entry = loaded;
      this.lists.set(key, entry);
    }
    const status = getStatus(entry.bytes, entry.bits, idx);
    return status === undefined ? { ok: false, reason: 'index-out-of-range' } : { ok: true, status };
  }

  private async load(issuerId: IssuerId, listId: number): Promise<Entry | StatusLookup> {
    let token: string | undefined;
    try {
      token = await this.options.fetch(issuerId, listId);
    } catch {
      return { ok: false, reason: 'unavailable' };
    }
    if (!token) return { ok: false, reason: 'unavailable' };
    try {
      const jws = decodeJws(token);
      const { header, payload } = jws;
      if (header.typ !== 'statuslist+jwt' || typeof header.kid !== 'string') return { ok: false, reason: 'bad-token' };
      const key = await this.options.keys.verificationKey(issuerId, header.kid);
      if (!key || !verifyJws(jws, key)) return { ok: false, reason: 'bad-token' };
      if (payload.sub !== this.options.uri(issuerId, listId)) return { ok: false, reason: 'bad-token' };
      const { iat, exp, ttl } = payload as { iat?: unknown; exp?: unknown; ttl?: unknown };
      const list = payload.status_list as { bits?: unknown; lst?: unknown } | undefined;
      if (typeof iat !== 'number' || typeof exp !== 'number') return { ok: false, reason: 'bad-token' };
      if (!list || ![1, 2, 4, 8].includes(list.bits as number) || typeof list.lst !== 'string') {
        return { ok: false, reason: 'bad-token' };
      }
      const now = this.now();
      if (exp * 1000 <= now) return { ok: false, reason: 'expired-list' };
      const maxTtl = this.options.maxTtlSeconds ?? 300;
      const ttlSeconds = typeof ttl === 'number' && ttl > 0 ? Math.min(ttl, maxTtl) : maxTtl;
      const bytes = decompressList(list.lst, this.options.maxListBytes ?? 1 << 20);
      return { bits: list.bits as BitsPerStatus, bytes, fetchedAt: now, ttlMs: ttlSeconds * 1000, expMs: exp * 1000 };
    } catch {
      return { ok: false, reason: 'bad-token' };
    }
  }
}
