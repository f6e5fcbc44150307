// Where the server's time per POST /api/v1/verify goes (issue 6 item 9): the built app in this process, CPU time
// (process.cpuUsage: user + system, this process only) per operation for each stage of a verification of a fresh
// hotel QR of 张伟's 居民身份电子凭证, then the whole verifier, then the route through Fastify without a socket
// (app.inject). CPU time rather than wall time: the machine is shared, and CPU per operation is disturbed less.
// With BENCH_DATABASE_URL the database's own CPU (the PostgreSQL server) is not counted, only the client's.
//   node bench/wallet-breakdown.mjs            (embedded PGlite)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/wallet-breakdown.mjs
//   BENCH_REDIS_URL=redis://127.0.0.1:6379 node bench/wallet-breakdown.mjs
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linkCertificate, root, scratchDatabase, verifiedCitizen, ZHANG_WEI } from './lib.mjs';

const dist = (p) => import(path.join(root, 'apps/server/dist', p));
const { buildApp } = await dist('app.js');
const { loadConfig } = await dist('config.js');
const { holderKeys, presentQr } = await dist('modules/wallet/holder.js');
const compact = await dist('modules/wallet/compact.js');
const { verifySign1 } = await dist('modules/wallet/cose.js');
const es256 = await dist('modules/wallet/es256.js');

const N = Number(process.env.BENCH_N ?? 2000);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-bench-'));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  TRUST_PROXY: 'true',
  DATABASE_URL: databaseUrl ?? '',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? '',
};
// On PostgreSQL: a database of its own (department schemas and all), dropped afterwards.
const scratch = databaseUrl ? await scratchDatabase(databaseUrl) : undefined;
if (scratch) env.DATABASE_URL = scratch.url;
const app = await buildApp(loadConfig(env));
await app.ready();

/** CPU µs per call of `fn` (sync or async, awaited one after another), over `n` calls after a warm-up. */
async function cpuPerOp(fn, n = N) {
  for (let i = 0; i < Math.min(200, n); i++) await fn(i);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn(i);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}
/** The same with `concurrency` calls in flight (what 20 HTTP clients do to the replay guard). */
async function cpuPerOpConcurrent(fn, n = N, concurrency = 20) {
  let next = 0;
  const worker = async () => {
    while (next < n) await fn(next++);
  };
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const rows = [];
const row = (stage, us, note = '') => rows.push({ stage, 'CPU µs/op': Math.round(us), note });
try {
  // 张伟's phone links his e-ID (SMS login, real name, PIN, 授权关联) with one holder key of the reference holder,
  // over a socket as a phone would (the stages below are measured in process, without it).
  const [key] = holderKeys(1);
  const citizenUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const batch = await linkCertificate(await verifiedCitizen(citizenUrl, ZHANG_WEI), 'resident-id', [key.publicJwk]);
  const credential = batch.credentials[0].compact;
  const qr = () => presentQr({ compact: credential, key, type: 'resident-id', purpose: 'hotel' });
  const pool = (n) => Array.from({ length: n }, qr);

  const sample = qr();
  const p = compact.parsePresentation(sample);
  const ip = compact.readIssuerPayload(p.issuer.sign1);
  const issuerKey = await app.wallet.keys.verificationKey(
    'gd-public-security',
    Buffer.from(p.issuer.kid).toString('base64url'),
  );
  const holderKey = es256.holderKeyObject
    ? await es256.holderKeyObject(ip.cnf)
    : es256.publicKeyObject(es256.decompressPoint(ip.cnf));
  const aad = compact.holderAad(p.issuer.sign1[3], p.disclosures);

  row('raw ES256 verify (issuer signature, cached KeyObject)', await cpuPerOp(() => verifySign1(p.issuer, issuerKey)));
  row(
    'parse: base45 + CBOR + issuer/holder payloads',
    await cpuPerOp(() => {
      const x = compact.parsePresentation(sample);
      compact.readIssuerPayload(x.issuer.sign1);
      compact.readHolderPayload(x.holder.sign1);
    }),
  );
  row(
    'holder key from the 33-byte point',
    await cpuPerOp(async () =>
      es256.holderKeyObject
        ? await es256.holderKeyObject(ip.cnf)
        : es256.publicKeyObject(es256.decompressPoint(ip.cnf)),
    ),
    es256.holderKeyObject ? 'WebCrypto raw import of the compressed point' : 'decompress + 2 JWK imports',
  );
  row('holder ES256 verify (+ external_aad)', await cpuPerOp(() => verifySign1(p.holder, holderKey, aad)));
  row(
    'disclosure digests (SHA-256 each)',
    await cpuPerOp(() => {
      for (const d of p.disclosures) compact.disclosureDigest(d);
    }),
  );
  row(
    'status list lookup (cached list)',
    await cpuPerOp(() => app.wallet.statusCache.status('gd-public-security', ip.status.listId, ip.status.idx)),
  );
  const guard = app.wallet.verifier.d.replay;
  const exp = Date.now() + 120_000;
  const digest = (i) => createHash('sha256').update(`${i}-${Math.random()}`).digest('base64url');
  row('replay guard, 1 at a time', await cpuPerOp(() => guard.firstUse(digest(), exp)));
  row('replay guard, 20 in flight', await cpuPerOpConcurrent(() => guard.firstUse(digest(), exp)));

  let qrs = pool(N + 200);
  let n = 0;
  const verdicts = {};
  const count = (v) => {
    verdicts[v.reasonCode] = (verdicts[v.reasonCode] ?? 0) + 1;
  };
  row(
    'wallet.verify(), 1 at a time',
    await cpuPerOp(async () => count(await app.wallet.verify(qrs[n++], { purpose: 'hotel' }))),
  );
  qrs = pool(N);
  n = 0;
  row(
    'wallet.verify(), 20 in flight',
    await cpuPerOpConcurrent(async () => count(await app.wallet.verify(qrs[n++], { purpose: 'hotel' }))),
  );
  qrs = pool(N + 200);
  n = 0;
  const inject = async () => {
    const i = n++;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
      payload: JSON.stringify({ payload: qrs[i], purpose: 'hotel' }),
    });
    count(res.statusCode === 200 ? res.json() : { reasonCode: `http-${res.statusCode}` });
  };
  row('POST /api/v1/verify via app.inject (Fastify, no socket)', await cpuPerOp(inject));
  qrs = pool(N);
  n = 0;
  row('POST /api/v1/verify via app.inject, 20 in flight', await cpuPerOpConcurrent(inject));
  console.log(
    `engine: ${databaseUrl ? 'PostgreSQL (server CPU not counted)' : 'embedded PGlite'}, redis: ${!!env.REDIS_URL}`,
  );
  console.table(rows);
  console.log('verdicts:', JSON.stringify(verdicts));
  if (Object.keys(verdicts).some((v) => v !== 'ok')) process.exitCode = 1;
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
}
