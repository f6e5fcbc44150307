import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

/** The staff console's URL prefix (its Vite build uses the same `base`). */
export const CONSOLE_PREFIX = '/console/';

const hasIndex = (dir: string | undefined): dir is string =>
  dir !== undefined && existsSync(path.join(dir, 'index.html'));

/** Hashed assets are cached for a year; the shell and service worker never. */
function cacheHeaders(res: { setHeader(name: string, value: string): unknown }, file: string) {
  if (file.includes(`${path.sep}assets${path.sep}`)) {
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  } else {
    res.setHeader('cache-control', 'no-cache');
  }
}

/**
 * Serve the built web apps with an SPA fallback, so deep links work: the citizen app at /, the staff
 * console at /console/. A GET for a page (not /api, not a file) gets the index.html of the app it is under.
 */
export async function registerWebApps(
  app: FastifyInstance,
  dists: { citizen: string | undefined; console: string | undefined },
) {
  const citizen = hasIndex(dists.citizen) ? dists.citizen : undefined;
  const consoleDir = hasIndex(dists.console) ? dists.console : undefined;
  if (citizen) {
    await app.register(fastifyStatic, {
      root: citizen,
      wildcard: true,
      index: ['index.html'],
      // .br/.gz siblings are written at build time (scripts/precompress.mjs)
      preCompressed: true,
      setHeaders: cacheHeaders,
    });
  }
  if (consoleDir) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: CONSOLE_PREFIX,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: cacheHeaders,
      // the first registration owns reply.sendFile; the fallback below passes this root explicitly
      decorateReply: citizen === undefined,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') && !pathname.startsWith('/api/') && !path.extname(pathname);
    const underConsole = pathname === '/console' || pathname.startsWith(CONSOLE_PREFIX);
    if (isPage && underConsole && consoleDir) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', consoleDir);
    }
    if (isPage && !underConsole && citizen) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', citizen);
    }
    return sendProblem(reply, req, 'NOT_FOUND', '您访问的页面或接口不存在，请检查地址是否正确。');
  });
  return { citizen: citizen !== undefined, console: consoleDir !== undefined };
}
