/**
 * A short-lived in-process cache of session lookups: the session check runs on every authenticated
 * request, and most of them come from the same few live sessions.
 *
 * Correctness: a login or logout in this process drops every cached entry of that account at once, so a
 * single server (the embedded default) never serves a replaced session. With several copies behind a load
 * balancer and no Redis, another copy may accept a replaced session for at most `ttlMs` (default 2 s;
 * SESSION_CACHE_MS=0 turns the cache off).
 *
 * Only in front of the database store: with the Redis store (one round trip, shared by every copy) the
 * service runs without it, see SessionStore.cacheable.
 */
export class SessionCache<V extends { accountId: string }> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get(key: string): V | undefined {
    if (this.ttlMs <= 0) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (Date.now() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V) {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, at: Date.now() });
  }

  dropAccount(accountId: string) {
    for (const [k, e] of this.entries) if (e.value.accountId === accountId) this.entries.delete(k);
  }
}
