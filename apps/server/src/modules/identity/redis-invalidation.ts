import type { RedisLink } from '../../infra/redis.js';
import type { SessionInvalidation } from './identity-service.js';

/** In-process cache invalidation (sessions in front of the database store, bound identities) between server copies over Redis pub/sub. */
export class RedisSessionInvalidation implements SessionInvalidation {
  private readonly channel: string;

  constructor(private readonly redis: RedisLink) {
    // yss:identity:session-drop with the default prefix; a channel per deployment (or test run).
    this.channel = redis.channel('identity:session-drop');
  }

  async publish(accountId: string) {
    await this.redis.client.publish(this.channel, accountId);
  }

  async subscribe(onDrop: (accountId: string) => void) {
    await this.redis.subscriber.subscribe(this.channel);
    this.redis.subscriber.on('message', (channel: string, accountId: string) => {
      if (channel === this.channel) onDrop(accountId);
    });
  }
}
