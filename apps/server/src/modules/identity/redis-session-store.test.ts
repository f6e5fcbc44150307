import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { sessionTokenHash } from '../privacy/index.js';

const redisUrl = process.env.REDIS_URL;
const COOKIE = '__Host-yss_session';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ipCounter = 0;
const nextIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const post = (app: FastifyInstance, url: string, body?: object, cookie?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: {
      'x-forwarded-for': nextIp(),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
const check = (app: FastifyInstance, cookie: string) =>
  app.inject({ url: '/api/v1/auth/session', headers: { cookie: `${COOKIE}=${cookie}` } });
const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === COOKIE)?.value ?? '';

function demoPerson(name: string) {
  const p = DEMO_PEOPLE.find((d) => d.name === name);
  if (!p?.phone) throw new Error(`demo person ${name} missing`);
  return { ...p, phone: p.phone };
}

async function smsLogin(app: FastifyInstance, phone: string) {
  const sent = await post(app, '/api/v1/auth/sms/send', { phone });
  expect(sent.statusCode, sent.body).toBe(202);
  const outbox = (await app.inject(`/api/v1/dev/sms-outbox?phone=${phone}`)).json();
  const code = /验证码为(\d{6})/.exec(outbox[0].text)?.[1];
  const res = await post(app, '/api/v1/auth/sms/login', { phone, code });
  expect(res.statusCode, res.body).toBe(200);
  return cookieOf(res);
}

/** The Redis store on its own terms: several server copies, tombstones, expiry, and Redis going away. */
describe.runIf(redisUrl && process.env.DATABASE_URL)('Redis session store', () => {
  let raw: Redis;
  beforeAll(() => {
    raw = new Redis(redisUrl ?? '');
  });
  afterAll(() => raw?.quit());
  const sessionHash = (t: TestApp, cookie: string) =>
    raw.hgetall(`${t.config.redisKeyPrefix}sess:t:${sessionTokenHash(cookie)}`);

  describe('two server copies sharing Redis', () => {
    let a: TestApp;
    let b: FastifyInstance;
    beforeAll(async () => {
      a = await createTestApp('postgres+redis', { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
      b = await buildApp(a.config, { database: a.database, prepare: false });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('20 parallel logins split across the copies leave exactly one live session, refused as replaced on both', async () => {
      const p = demoPerson('李娜');
      const first = await smsLogin(a.app, p.phone);
      expect(
        (await post(a.app, '/api/v1/me/real-name', { name: p.name, idNumber: p.idNumber }, first)).statusCode,
      ).toBe(200);
      expect(
        (
          await b.inject({
            method: 'PUT',
            url: '/api/v1/me/pin',
            headers: { 'content-type': 'application/json', cookie: `${COOKIE}=${first}` },
            payload: JSON.stringify({ pin: '385172' }),
          })
        ).statusCode,
      ).toBe(204);
      const logins = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(i % 2 ? b : a.app, '/api/v1/auth/pin/login', { phone: p.phone, pin: '385172' }),
        ),
      );
      expect(logins.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      const accountId = logins[0]?.json().account.id;
      expect(await a.sessions.countLive(accountId)).toBe(1);
      const cookies = [first, ...logins.map(cookieOf)];
      for (const app of [a.app, b]) {
        const checks = await Promise.all(cookies.map((c) => check(app, c)));
        expect(checks.filter((c) => c.statusCode === 200)).toHaveLength(1);
        expect(checks.filter((c) => c.json().code === 'SESSION_REPLACED')).toHaveLength(20);
      }
      // What Redis holds: timestamps, method and account id for the live one; only the reason for the others.
      const hashes = await Promise.all(cookies.map((c) => sessionHash(a, c)));
      const liveHash = hashes.find((h) => h.acc);
      expect(Object.keys(liveHash ?? {}).sort()).toEqual(['acc', 'c', 'e', 'l', 'm', 'v', 'vm']);
      expect(liveHash).toMatchObject({ acc: accountId, m: 'pin', vm: 'pin' });
      expect(hashes.filter((h) => h.r === 'replaced')).toHaveLength(20);
      for (const h of hashes) if (h.r) expect(Object.keys(h)).toEqual(['r']);
      expect(JSON.stringify(hashes)).not.toContain(p.phone);
      for (const c of cookies) expect(JSON.stringify(hashes)).not.toContain(c); // tokens only as their hash

      // logout on one copy: UNAUTHENTICATED on both, and only a tombstone left
      const liveCookie = cookies[hashes.findIndex((h) => h.acc)] ?? '';
      expect((await post(b, '/api/v1/auth/logout', undefined, liveCookie)).statusCode).toBe(204);
      for (const app of [a.app, b]) expect((await check(app, liveCookie)).json().code).toBe('UNAUTHENTICATED');
      expect(await sessionHash(a, liveCookie)).toEqual({ r: 'logout' });
      expect(await raw.exists(`${a.config.redisKeyPrefix}sess:a:${accountId}`)).toBe(0);
      expect(await a.sessions.countLive(accountId)).toBe(0);
    });

    it('step-up and SMS re-check on one copy are seen by the other at once', async () => {
      const p = demoPerson('陈志强');
      const cookie = await smsLogin(b, p.phone);
      await sleep(1100); // the SMS resend limit
      expect((await post(a.app, '/api/v1/auth/sms/send', { purpose: 'verify' }, cookie)).statusCode).toBe(202);
      const outbox = (await a.app.inject(`/api/v1/dev/sms-outbox?phone=${p.phone}`)).json();
      const code = /验证码为(\d{6})/.exec(outbox[0].text)?.[1];
      expect((await post(b, '/api/v1/me/verify/sms', { code }, cookie)).statusCode).toBe(204);
      expect(Number((await sessionHash(a, cookie)).ev)).toBeGreaterThan(Date.now() - 5000);
      expect((await check(a.app, cookie)).json().verifiedUntil).toBeNull();
      expect(
        (await post(a.app, '/api/v1/me/real-name', { name: p.name, idNumber: p.idNumber }, cookie)).statusCode,
      ).toBe(200);
      const pin = await b.inject({
        method: 'PUT',
        url: '/api/v1/me/pin',
        headers: { 'content-type': 'application/json', cookie: `${COOKIE}=${cookie}` },
        payload: JSON.stringify({ pin: '385172' }),
      });
      expect(pin.statusCode).toBe(204);
      expect((await post(a.app, '/api/v1/me/verify/pin', { pin: '385172' }, cookie)).statusCode).toBe(200);
      expect((await check(b, cookie)).json().verifiedUntil).toBeTruthy();
      expect((await post(b, '/api/v1/me/reveal', undefined, cookie)).json()).toMatchObject({ idNumber: p.idNumber });
    });
  });

  describe('idle and absolute limits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('postgres+redis', {
        TRUST_PROXY: 'true',
        TEST_SESSION_IDLE_MS: '1500',
        TEST_SESSION_ABSOLUTE_MS: '3000',
      });
    });
    afterAll(() => t?.close());

    it('an idle session expires (SESSION_EXPIRED, then a tombstone)', async () => {
      const cookie = await smsLogin(t.app, '13700000101');
      expect((await check(t.app, cookie)).statusCode).toBe(200);
      await sleep(1800);
      expect((await check(t.app, cookie)).json().code).toBe('SESSION_EXPIRED');
      expect((await check(t.app, cookie)).json().code).toBe('SESSION_EXPIRED');
      expect(await sessionHash(t, cookie)).toEqual({ r: 'expired' });
    });

    it('an active session still ends at the absolute limit, and nothing of it stays in Redis', async () => {
      const cookie = await smsLogin(t.app, '13700000102');
      const started = Date.now();
      // keep it busy: the idle clock is refreshed, the absolute one is not
      while (Date.now() - started < 2300) {
        expect((await check(t.app, cookie)).statusCode).toBe(200);
        await sleep(200);
      }
      await sleep(3300 - (Date.now() - started));
      const after = await check(t.app, cookie);
      expect(after.statusCode).toBe(401);
      // the live record expired with the absolute limit (so did the browser's cookie)
      expect(['SESSION_EXPIRED', 'UNAUTHENTICATED']).toContain(after.json().code);
      expect(await sessionHash(t, cookie)).toEqual({});
    });
  });

  describe('Redis unreachable at request time', () => {
    let t: TestApp;
    let proxy: Server;
    let port = 0;
    const sockets = new Set<Socket>();
    const target = new URL(redisUrl ?? 'redis://127.0.0.1:6379');
    const listen = () =>
      new Promise<void>((resolve) => {
        proxy = createServer((client) => {
          const upstream = tcpConnect(Number(target.port || 6379), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => {});
            s.on('close', () => {
              sockets.delete(s);
              client.destroy();
              upstream.destroy();
            });
          }
          client.pipe(upstream).pipe(client);
        });
        proxy.listen(port, '127.0.0.1', () => {
          port = (proxy.address() as { port: number }).port;
          resolve();
        });
      });
    const down = async () => {
      await new Promise((r) => {
        proxy.close(r);
        for (const s of sockets) s.destroy();
      });
    };

    beforeAll(async () => {
      await listen();
      const url = new URL(target);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      t = await createTestApp('postgres+redis', { TRUST_PROXY: 'true', REDIS_URL: url.toString() });
    });
    afterAll(async () => {
      if (!proxy.listening) await listen();
      await t?.close();
      proxy.close();
    });

    it('answers 503 problem+json, never a 500 and never a session it cannot check; recovers with Redis', async () => {
      const cookie = await smsLogin(t.app, '13700000103');
      expect((await check(t.app, cookie)).statusCode).toBe(200);
      await down();
      for (const res of [
        await check(t.app, cookie),
        await t.app.inject({ url: '/api/v1/me', headers: { cookie: `${COOKIE}=${cookie}` } }),
        await post(t.app, '/api/v1/auth/sms/login', { phone: '13700000103', code: '123456' }),
        await post(t.app, '/api/v1/auth/logout', undefined, cookie), // not a logout that did not happen
      ]) {
        expect(res.statusCode, res.body).toBe(503);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: '服务暂时不可用，请稍后再试。' });
      }
      expect((await t.app.inject('/readyz')).json().code).toBe('NOT_READY');
      await listen();
      let back = await check(t.app, cookie);
      for (let i = 0; i < 50 && back.statusCode !== 200; i++) {
        await sleep(100);
        back = await check(t.app, cookie);
      }
      expect(back.statusCode).toBe(200);
    });
  });
});
