// The ceiling of a personal lookup (bench/lookups.mjs): a bare Fastify, in its own process like the platform,
// that answers the lookup's very body from memory — no session, no database, no department, no audit, no
// security headers — through the platform's own response serializer for that route. Whatever a lookup does,
// it also has to write this answer; so the share of the trivial route this server reaches is the most any
// implementation of the lookup could reach on the same machine.
//   node bench/ceiling-server.mjs <body.json>   (prints "listening <url>" once it serves)
//   GET /healthz  {"status":"ok"}, as bare as Fastify gets
//   GET /answer   the body, serialised by fastSerializer(ContributionDetails) on every request
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Fastify from 'fastify';
import { root } from './lib.mjs';

const dist = (p) => import(path.join(root, 'apps/server/dist', p));
const { fastSerializer } = await dist('http/response-serializer.js');
const { ContributionDetails } = await dist('modules/lookups/social-insurance-routes.js');

const body = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const serialize = fastSerializer(ContributionDetails);
if (!serialize) throw new Error('ContributionDetails has no fast serializer: the ceiling would not be the same work');
if (!isDeepStrictEqual(JSON.parse(serialize(body)), body)) {
  throw new Error('the serializer does not reproduce the lookup body: the ceiling would answer something else');
}

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
app.get('/answer', (_req, reply) => {
  reply.type('application/json; charset=utf-8').send(serialize(body));
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${address}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
