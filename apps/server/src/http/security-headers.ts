import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet would send for `options`, worked out once.
 *
 * Why not @fastify/helmet: it calls `helmet(options)` anew on every request, re-parsing the whole CSP each
 * time (about a tenth of a trivial request's CPU here, see bench/). Our options hold no per-request part (no
 * CSP nonces), so the answer is the same for every request: helmet itself computes it here, once, and the
 * hook below only copies it. helmet stays the one place that knows which headers to send and how.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let finished = false;
  // helmet's middleware is synchronous: it sets the headers and calls next before returning.
  helmet(options)({} as never, recorder, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously: the headers cannot be precomputed');
  return headers;
}

/** Send the precomputed headers with every reply (errors, 404s and static files included). */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
