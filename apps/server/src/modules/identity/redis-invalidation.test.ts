import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const redisUrl = process.env.REDIS_URL;
const COOKIE = '__Host-yss_session';

/**
 * The database session store (SESSION_STORE=database) with Redis for invalidation only.
 * Two server copies on one PostgreSQL database, each with its session cache, agree through Redis: a login
 * on copy A makes copy B refuse the replaced session at once, not after the cache lifetime.
 */
describe.runIf(redisUrl && process.env.DATABASE_URL)('sessions across server copies (Redis)', () => {
  let a: TestApp;
  let b: FastifyInstance;
  const key = randomBytes(32).toString('base64');

  beforeAll(async () => {
    const env = {
      REDIS_URL: redisUrl ?? '',
      SESSION_STORE: 'database',
      SESSION_CACHE_MS: '60000',
      SMS_RESEND_SECONDS: '1',
      DATA_ENCRYPTION_KEY: key,
      TRUST_PROXY: 'true',
    };
    a = await createTestApp('postgres', env);
    // the second copy: same config (database, key, Redis prefix), its own process state
    b = await buildApp(a.config, { database: a.database, prepare: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const post = (app: FastifyInstance, url: string, body: object, ip: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      payload: JSON.stringify(body),
    });

  it('a login on one copy logs the session out on the other copy immediately', async () => {
    const person = DEMO_PEOPLE.find((p) => p.phone === '13800138002');
    if (!person?.phone) throw new Error('demo person missing');
    const login = async (app: FastifyInstance, ip: string) => {
      await post(app, '/api/v1/auth/sms/send', { phone: person.phone }, ip);
      const outbox = (await app.inject(`/api/v1/dev/sms-outbox?phone=${person.phone}`)).json();
      const code = /验证码为(\d{6})/.exec(outbox[0].text)?.[1] ?? '';
      const res = await post(app, '/api/v1/auth/sms/login', { phone: person.phone, code }, ip);
      expect(res.statusCode, res.body).toBe(200);
      return res.cookies.find((c) => c.name === COOKIE)?.value ?? '';
    };
    const first = await login(a.app, '10.7.0.1');
    const onB = () => b.inject({ url: '/api/v1/auth/session', headers: { cookie: `${COOKIE}=${first}` } });
    expect((await onB()).statusCode).toBe(200); // now cached on B for up to 60 s
    await new Promise((r) => setTimeout(r, 1100)); // the SMS resend limit of the next login
    await login(a.app, '10.7.0.2');
    await new Promise((r) => setTimeout(r, 100)); // pub/sub delivery
    const after = await onB();
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_REPLACED');
  });
});
