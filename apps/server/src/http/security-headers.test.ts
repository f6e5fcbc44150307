import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders, securityHeaders } from './security-headers.js';

const options: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'wasm-unsafe-eval'"], objectSrc: ["'none'"] },
  },
  hsts: false,
};

/** The headers helmet's own middleware puts on a real Node response. */
async function helmetOnARealResponse(o: HelmetOptions) {
  const mw = helmet(o);
  const server = createServer((req, res) => mw(req, res, () => res.end('ok')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return Object.fromEntries(
      [...res.headers].filter(
        ([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k),
      ),
    );
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('is exactly what helmet sends on a real response, for our options and with HSTS on', async () => {
    expect(securityHeaders(options)).toEqual(await helmetOnARealResponse(options));
    const withHsts = { ...options, hsts: true };
    expect(securityHeaders(withHsts)).toEqual(await helmetOnARealResponse(withHsts));
    expect(securityHeaders(withHsts)['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('puts them on every reply: a route, a 404 and an error', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, options);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    for (const url of ['/ok', '/missing', '/boom']) {
      const res = await app.inject({ url });
      expect(res.headers['content-security-policy'], url).toBe(
        "default-src 'self';script-src 'self' 'wasm-unsafe-eval';object-src 'none'",
      );
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
    await app.close();
  });

  it('refuses options helmet itself refuses', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } })).toThrow();
  });
});
