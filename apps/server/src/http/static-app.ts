import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

/**
 * Serve the built citizen app at / with an SPA fallback: a GET for a page (not /api, not a file) gets
 * index.html so deep links work. Hashed assets are cached for a year; the shell and service worker never.
 */
export async function registerCitizenApp(app: FastifyInstance, distDir: string | undefined) {
  const hasApp = distDir !== undefined && existsSync(path.join(distDir, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      index: ['index.html'],
      // .br/.gz siblings are written at build time (scripts/precompress.mjs)
      preCompressed: true,
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        } else {
          res.setHeader('cache-control', 'no-cache');
        }
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    const isPage =
      hasApp &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !pathname.startsWith('/api/') &&
      !path.extname(pathname);
    if (isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return sendProblem(reply, req, 'NOT_FOUND', '您访问的页面或接口不存在，请检查地址是否正确。');
  });
  return hasApp;
}
