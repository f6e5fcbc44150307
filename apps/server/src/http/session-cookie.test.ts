import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

/** The session cookie's attributes are a security property (no script access, never cross-site): pinned here. */
describe('session cookie', () => {
  async function app(secure: boolean) {
    const settings = { cookieName: '__Host-yss_session', cookieSecure: secure };
    const a = Fastify();
    await a.register(fastifyCookie);
    const expires = new Date('2030-01-01T00:00:00Z');
    a.post('/login', (_req, reply) => setSessionCookie(reply, settings, 'token-1', expires).send({}));
    a.post('/logout', (_req, reply) => clearSessionCookie(reply, settings).send({}));
    return a;
  }

  it('is set for the whole site, HttpOnly, SameSite=Strict, Secure when configured, until the session expires', async () => {
    const a = await app(true);
    const res = await a.inject({ method: 'POST', url: '/login' });
    const [cookie] = res.cookies;
    expect(cookie).toMatchObject({
      name: '__Host-yss_session',
      value: 'token-1',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    });
    expect(cookie?.expires?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    const plain = await (await app(false)).inject({ method: 'POST', url: '/login' });
    expect(plain.cookies[0]?.secure).toBeFalsy();
  });

  it('is cleared with the same attributes (else the browser would keep the old one)', async () => {
    const a = await app(true);
    const res = await a.inject({ method: 'POST', url: '/logout' });
    const [cookie] = res.cookies;
    expect(cookie).toMatchObject({ name: '__Host-yss_session', value: '', path: '/', httpOnly: true, secure: true });
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.expires?.getTime()).toBeLessThan(Date.now());
  });
});
