import { sessionTokenHash } from '../modules/privacy/crypto.js';

/**
 * A route's @fastify/rate-limit config counted per citizen session (the session cookie's hash, never the token), or
 * per IP address without a session: `max` requests a minute under the key prefix `prefix` (each route family its own,
 * so that one family's budget does not eat another's).
 */
export function perSessionRateLimit(cookieName: string, prefix: string, max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: '1 minute',
      keyGenerator: (req: { cookies: Record<string, string | undefined>; ip: string }) => {
        const token = req.cookies[cookieName];
        return token ? `${prefix}:${sessionTokenHash(token)}` : `${prefix}-ip:${req.ip}`;
      },
    },
  };
}
