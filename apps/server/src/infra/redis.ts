import { Redis } from 'ioredis';

/**
 * Redis connections when REDIS_URL is set (several server copies): one for commands (sessions, rate limits,
 * publishing) and one for subscriptions (a subscribed connection can do nothing else).
 *
 * Every key gets `prefix` (ioredis keyPrefix, also applied to the KEYS of scripts), and channels are named
 * with `channel()`, so several deployments or test runs can share one Redis without seeing each other.
 */
export interface RedisLink {
  client: Redis;
  subscriber: Redis;
  prefix: string;
  channel(name: string): string;
  close(): Promise<void>;
}

export async function connectRedis(
  url: string,
  options: { prefix?: string; onError?: (err: Error) => void } = {},
): Promise<RedisLink> {
  const prefix = options.prefix ?? 'yss:';
  // No offline queue and few retries: while Redis is away a command fails at once (the caller answers 503)
  // instead of piling up behind a reconnect.
  const common = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
  // Auto-pipelining: the session checks of concurrent requests that fall in the same event-loop tick go out
  // in one write (bench/identity.mjs: session check ≈ 76-91% of /healthz without it, 88-103% with it).
  const client = new Redis(url, { ...common, keyPrefix: prefix, enableAutoPipelining: true });
  const subscriber = new Redis(url, common);
  // Without a listener ioredis prints every reconnect failure to stderr; the owner decides how to log.
  const onError = options.onError ?? (() => {});
  client.on('error', onError);
  subscriber.on('error', onError);
  await Promise.all([client.connect(), subscriber.connect()]);
  return {
    client,
    subscriber,
    prefix,
    channel: (name) => `${prefix}${name}`,
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
      // quit() cannot reach a Redis that is down; stop the reconnect timers so the process can exit.
      client.disconnect();
      subscriber.disconnect();
    },
  };
}

/**
 * Whether an error means "Redis cannot be reached right now" (connection lost, refused, retries used up)
 * rather than a bug such as a script error: the former is answered 503 SERVICE_UNAVAILABLE.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // ioredis's own words for these (PostgreSQL errors never match: they are not answered as Redis outages)
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /enableOfflineQueue options is false|^Connection is closed/.test(err.message)
  );
}
