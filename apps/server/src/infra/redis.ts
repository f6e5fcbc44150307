import { Redis } from 'ioredis';

/**
 * Redis connections when REDIS_URL is set (several server copies): one for commands (rate limits,
 * publishing) and one for subscriptions (a subscribed connection can do nothing else).
 */
export interface RedisLink {
  client: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

export async function connectRedis(url: string): Promise<RedisLink> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
  const client = new Redis(url, options);
  const subscriber = new Redis(url, options);
  await Promise.all([client.connect(), subscriber.connect()]);
  return {
    client,
    subscriber,
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}
