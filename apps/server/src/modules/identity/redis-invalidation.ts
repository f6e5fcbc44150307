import type { RedisLink } from '../../infra/redis.js';
import type { SessionInvalidation } from './identity-service.js';

const CHANNEL = 'yss:identity:session-drop';

/** Session-cache invalidation between server copies over Redis pub/sub. */
export class RedisSessionInvalidation implements SessionInvalidation {
  constructor(private readonly redis: RedisLink) {}

  async publish(accountId: string) {
    await this.redis.client.publish(CHANNEL, accountId);
  }

  async subscribe(onDrop: (accountId: string) => void) {
    await this.redis.subscriber.subscribe(CHANNEL);
    this.redis.subscriber.on('message', (channel: string, accountId: string) => {
      if (channel === CHANNEL) onDrop(accountId);
    });
  }
}
