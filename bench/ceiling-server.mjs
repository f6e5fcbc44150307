// Ceilings for the benchmarks: a bare Fastify, in its own process like the platform, doing only the part of a
// route that no implementation can skip — no session, no database, no department, no audit, no rate limit,
// no security headers, no logging. The share of the baseline such a server reaches is the most any
// implementation of the route could reach on the same machine.
//   node bench/ceiling-server.mjs <config.json>   (prints "listening <url>" once it serves)
//   GET  /healthz  {"status":"ok"}, as bare as Fastify gets; with config.trackInFlight, the platform's own
//                  request tracking (http/requests-in-flight.ts) added to it (bench/request-tracking.mjs)
//   GET  /answer   config.body (a personal lookup's JSON, bench/lookups.mjs) from memory, serialised on every
//                  request by the platform's own serializer for that route (fastSerializer(ContributionDetails))
//   POST /verify   {payload}: a QR presentation's two signatures checked (issuer ES256 with config.issuerJwk,
//                  holder key import, holder ES256) by the very functions the platform calls (bench/wallet.mjs)
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Fastify from 'fastify';
import { root } from './lib.mjs';

const dist = (p) => import(path.join(root, 'apps/server/dist', p));
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = Fastify({ logger: false });
if (config.trackInFlight) {
  const { trackRequestsInFlight } = await dist('http/requests-in-flight.js');
  trackRequestsInFlight(app);
}
app.get('/healthz', async () => ({ status: 'ok' }));

if (config.body) {
  const { fastSerializer } = await dist('http/response-serializer.js');
  const { ContributionDetails } = await dist('modules/lookups/social-insurance-routes.js');
  const serialize = fastSerializer(ContributionDetails);
  if (!serialize) throw new Error('ContributionDetails has no fast serializer: the ceiling would not be the same work');
  if (!isDeepStrictEqual(JSON.parse(serialize(config.body)), config.body)) {
    throw new Error('the serializer does not reproduce the lookup body: the ceiling would answer something else');
  }
  app.get('/answer', (_req, reply) => {
    reply.type('application/json; charset=utf-8').send(serialize(config.body));
  });
}

if (config.issuerJwk) {
  const { parsePresentation, readIssuerPayload, holderAad } = await dist('modules/wallet/compact.js');
  const { verifySign1 } = await dist('modules/wallet/cose.js');
  const { holderKeyObject } = await dist('modules/wallet/es256.js');
  const issuerKey = createPublicKey({ key: config.issuerJwk, format: 'jwk' });
  app.post('/verify', async (req) => {
    const presentation = parsePresentation(req.body.payload);
    if (!verifySign1(presentation.issuer, issuerKey)) return { valid: false };
    const holderKey = await holderKeyObject(readIssuerPayload(presentation.issuer.sign1).cnf);
    const aad = holderAad(presentation.issuer.sign1[3], presentation.disclosures);
    return { valid: verifySign1(presentation.holder, holderKey, aad) };
  });
}

const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${address}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
