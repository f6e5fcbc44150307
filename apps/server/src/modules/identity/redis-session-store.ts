import type { LoginMethod } from '@yss/contracts';
import type { Redis } from 'ioredis';
import { AppError } from '../../http/app-error.js';
import type { RedisLink } from '../../infra/redis.js';
import type { EndedSession, LiveSession, SessionEndReason, SessionRef, SessionStore } from './session-store.js';

/*
 * Keys (after the deployment's prefix, `yss:` by default):
 *   sess:t:<token hash>  hash of a live session: acc (account id), m (login method), c (created), l (last
 *                        seen), e (absolute expiry), v/vm (verified at, by which method), ev (enrolment
 *                        re-check at); times in ms since the epoch. Nothing else: no phone, no name, no token.
 *                        Once ended it becomes a tombstone holding only r (logout | replaced | expired).
 *   sess:a:<account id>  the token hash of the account's active session.
 * The session id the service sees is the token hash (a hash of a secret, useless as a cookie).
 *
 * Invariant kept by the scripts (each runs atomically in Redis, whichever server copy calls it): a live
 * session hash exists only for the session sess:a points at. So one HGETALL answers the session check —
 * live, or why it ended — in one round trip, with no in-process cache to go stale.
 *
 * Lifetimes: a live hash expires after the idle limit plus EXPIRED_NOTICE_MS (refreshed by touch, at most
 * about once a minute) and never outlives the absolute expiry; a tombstone lives until the session's
 * absolute expiry, when the browser drops the cookie anyway. The notice period lets a device that comes
 * back just after the idle limit hear SESSION_EXPIRED rather than UNAUTHENTICATED.
 *
 * The scripts build the previous session's key from the prefix, so this layout assumes a single Redis (or a
 * primary with replicas), not Redis Cluster.
 */
const EXPIRED_NOTICE_MS = 60 * 60_000;

const CREATE = `
local prev = redis.call('GET', KEYS[2])
local replaced = 0
if prev and prev ~= ARGV[1] then
  local pk = ARGV[8] .. prev
  local pe = redis.call('HGET', pk, 'e')
  if pe then
    redis.call('DEL', pk)
    redis.call('HSET', pk, 'r', 'replaced')
    redis.call('PEXPIREAT', pk, pe)
    replaced = 1
  end
end
redis.call('HSET', KEYS[1], 'acc', ARGV[2], 'm', ARGV[3], 'c', ARGV[4], 'l', ARGV[4], 'e', ARGV[5])
if ARGV[6] == '1' then redis.call('HSET', KEYS[1], 'v', ARGV[4], 'vm', ARGV[3]) end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SET', KEYS[2], ARGV[1], 'PXAT', ARGV[5])
return replaced`;

// Only a live session (it has acc) is updated: never resurrect a tombstone or an expired key.
const TOUCH = `
if redis.call('HEXISTS', KEYS[1], 'acc') == 1 then
  redis.call('HSET', KEYS[1], 'l', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const UPDATE = `
if redis.call('HEXISTS', KEYS[1], 'acc') == 1 then
  redis.call('HSET', KEYS[1], unpack(ARGV))
  return 1
end
return 0`;

// Logout/expiry: the live record goes; a tombstone with the reason stays until the absolute expiry.
const END = `
local e = redis.call('HGET', KEYS[1], 'e')
if not e then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'r', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], e)
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`;

type ScriptClient = Redis & {
  yssSessionCreate(...args: (string | number)[]): Promise<number>;
  yssSessionTouch(...args: (string | number)[]): Promise<number>;
  yssSessionUpdate(...args: (string | number)[]): Promise<number>;
  yssSessionEnd(...args: (string | number)[]): Promise<number>;
};

const sessionKey = (tokenHash: string) => `sess:t:${tokenHash}`;
const accountKey = (accountId: string) => `sess:a:${accountId}`;
const date = (ms: string | undefined) => (ms ? new Date(Number(ms)) : null);

export class RedisSessionStore implements SessionStore {
  readonly cacheable = false;
  private readonly redis: ScriptClient;

  constructor(
    private readonly link: RedisLink,
    private readonly idleMs: number,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {
    const client = link.client;
    // ioredis sends EVALSHA and falls back to EVAL once per connection if Redis does not know the script.
    client.defineCommand('yssSessionCreate', { numberOfKeys: 2, lua: CREATE });
    client.defineCommand('yssSessionTouch', { numberOfKeys: 1, lua: TOUCH });
    client.defineCommand('yssSessionUpdate', { numberOfKeys: 1, lua: UPDATE });
    client.defineCommand('yssSessionEnd', { numberOfKeys: 2, lua: END });
    this.redis = client as ScriptClient;
  }

  /**
   * Any Redis failure means we cannot know whether the session is still the live one: answer 503, never
   * fall back to something that could let a replaced or logged-out session through.
   */
  private async guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      this.log.warn({ err, what }, 'session store (Redis) unavailable');
      throw new AppError('SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试。');
    }
  }

  private liveTtlMs(now: number, expiresAt: number) {
    return Math.max(1, Math.min(this.idleMs + EXPIRED_NOTICE_MS, expiresAt - now));
  }

  async createExclusive(s: {
    accountId: string;
    tokenHash: string;
    method: LoginMethod;
    expiresAt: Date;
    verified: boolean;
  }) {
    const now = Date.now();
    const expires = s.expiresAt.getTime();
    const replaced = await this.guard('create', () =>
      this.redis.yssSessionCreate(
        sessionKey(s.tokenHash),
        accountKey(s.accountId),
        s.tokenHash,
        s.accountId,
        s.method,
        now,
        expires,
        s.verified ? '1' : '0',
        this.liveTtlMs(now, expires),
        `${this.link.prefix}${sessionKey('')}`,
      ),
    );
    const at = new Date(now);
    const session: LiveSession = {
      id: s.tokenHash,
      accountId: s.accountId,
      method: s.method,
      createdAt: at,
      lastSeenAt: at,
      expiresAt: s.expiresAt,
      verifiedAt: s.verified ? at : null,
      enrolmentVerifiedAt: null,
      endReason: null,
    };
    return { session, replaced: Number(replaced) };
  }

  async find(tokenHash: string): Promise<LiveSession | EndedSession | undefined> {
    const h = await this.guard('find', () => this.redis.hgetall(sessionKey(tokenHash)));
    if (h.r) return { endReason: h.r as SessionEndReason };
    if (!h.acc || !h.c || !h.l || !h.e) return undefined;
    return {
      id: tokenHash,
      accountId: h.acc,
      method: h.m as LoginMethod,
      createdAt: new Date(Number(h.c)),
      lastSeenAt: new Date(Number(h.l)),
      expiresAt: new Date(Number(h.e)),
      verifiedAt: date(h.v),
      enrolmentVerifiedAt: date(h.ev),
      endReason: null,
    };
  }

  async touch(session: LiveSession) {
    const now = Date.now();
    await this.guard('touch', () =>
      this.redis.yssSessionTouch(sessionKey(session.id), now, this.liveTtlMs(now, session.expiresAt.getTime())),
    );
  }

  async end(session: SessionRef, reason: 'logout' | 'expired') {
    await this.guard('end', () =>
      this.redis.yssSessionEnd(sessionKey(session.id), accountKey(session.accountId), session.id, reason),
    );
  }

  async markVerified(session: SessionRef, method: string) {
    await this.guard('verify', () =>
      this.redis.yssSessionUpdate(sessionKey(session.id), 'v', Date.now(), 'vm', method),
    );
  }

  async markEnrolmentVerified(session: SessionRef) {
    await this.guard('enrolment', () => this.redis.yssSessionUpdate(sessionKey(session.id), 'ev', Date.now()));
  }

  async countLive(accountId: string) {
    return this.guard('count', async () => {
      const active = await this.redis.get(accountKey(accountId));
      if (!active) return 0;
      return (await this.redis.hexists(sessionKey(active), 'acc')) === 1 ? 1 : 0;
    });
  }
}
