import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for cookie-authenticated writes, on top of SameSite=Strict cookies: a browser always
 * sends Origin (and Sec-Fetch-Site) with a cross-origin write, so a write whose Origin is not one of ours,
 * or that the browser itself labels cross-site, is refused. Requests without these headers are not from a
 * browser page (curl, integrations) and carry no ambient cookie risk.
 */
export function registerCsrfGuard(app: FastifyInstance, allowedOrigins: string[]) {
  const allowed = new Set(allowedOrigins);
  // Callback-style (no promise per request); a refusal answers from the hook and does not call done.
  app.addHook('onRequest', (req, reply, done) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return done();
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    const sameHost = origin !== undefined && safeHost(origin) === req.headers.host;
    if ((origin !== undefined && !allowed.has(origin) && !sameHost) || site === 'cross-site') {
      req.log.warn({ origin, site }, 'cross-site write refused');
      sendProblem(reply, req, 'CSRF_REJECTED', '请求来源无效，请在粤省事页面内操作。');
      return;
    }
    done();
  });
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
