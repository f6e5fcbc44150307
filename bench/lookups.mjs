// Issue 5 benchmark: a personal lookup — one year of social-insurance contributions (社保缴费明细, B2) — at 50
// concurrent clients, against the trivial route (/healthz) on the same server in the same run, in alternating
// slices. The lookup goes the whole way: session check, fresh-verification check, catalog city rule, the
// social-insurance department (in-process connector, its own schema), masking, and an audit record per read.
// Target (on PostgreSQL): ≥ 40% of the trivial route's throughput, p99 < 50 ms. PGlite runs for context.
// In the same rounds, bench/ceiling-server.mjs answers the same body from memory with nothing else (a bare
// Fastify and the route's own serializer): the most any lookup returning this answer could reach here.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  interleaved,
  load,
  profileArgs,
  root,
  row,
  scratchDatabase,
  startCeilingServer,
  startServer,
  verifiedCitizen,
  ZHANG_WEI,
} from './lib.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const LOOKUP = '/api/v1/lookups/social-insurance/contributions?city=440100&from=2025-01&to=2025-12';

/** 张伟 verified as a phone would be (bench/lib.mjs), and his lookup answered once: what the load then repeats. */
async function verifiedSession(url) {
  const session = await verifiedCitizen(url, ZHANG_WEI);
  const probe = await session.call('GET', LOOKUP);
  if (probe.status !== 200 || probe.json().statement?.months?.length !== 12) {
    throw new Error(`lookup failed: ${probe.status} ${probe.text}`);
  }
  return { cookie: session.cookie(), body: probe.json() };
}

const setups = [['embedded PGlite', { DATABASE_URL: '', REDIS_URL: '' }, { informative: true }]];
if (process.env.DATABASE_URL) setups.push(['PostgreSQL', { REDIS_URL: '' }, { informative: false }]);
else console.log('SKIP  PostgreSQL: DATABASE_URL is not set (the target is measured on PostgreSQL)');

let failed = false;
const summary = [];
const results = { date: new Date().toISOString(), connections: CONNECTIONS, setups: [] };
for (const [label, env, { informative }] of setups) {
  // A fresh verification lasts VERIFICATION_MAX_AGE_SECONDS: long enough for the whole run.
  // On PostgreSQL a database of its own (DATABASE_URL's server is only used to create and drop it).
  const scratch = env.DATABASE_URL === undefined ? await scratchDatabase(process.env.DATABASE_URL) : undefined;
  let server;
  let ceiling;
  try {
    server = await startServer(
      {
        TRUST_PROXY: 'true',
        VERIFICATION_MAX_AGE_SECONDS: '1800',
        ...env,
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      },
      { nodeArgs: profileArgs() },
    );
    const { cookie, body } = await verifiedSession(server.url);
    ceiling = await startCeilingServer({ body });
    const headers = { cookie, 'x-forwarded-for': '10.9.9.9' };
    const urls = [
      `${server.url}/healthz`,
      `${server.url}${LOOKUP}`,
      { url: `${ceiling.url}/answer`, server: ceiling },
      { url: `${ceiling.url}/healthz`, server: ceiling },
    ];
    await load(urls[1], { duration: 2, connections: CONNECTIONS, headers }); // warm-up
    await load(urls[2].url, { duration: 2, connections: CONNECTIONS });
    const [trivial, lookup, ceilingAnswer, bareTrivial] = await interleaved(server, urls, {
      duration,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      headers,
      postgres: label === 'PostgreSQL',
    });
    const rows = [
      row(`${label}: GET /healthz (trivial)`, trivial),
      row(`${label}: 社保缴费明细, 12 months (personal lookup)`, lookup, trivial),
      row('ceiling: bare Fastify, the same body from memory', ceilingAnswer, trivial),
      row('ceiling: bare Fastify, GET /healthz', bareTrivial, trivial),
    ];
    console.table(rows.map(({ ratio, ...r }) => r));
    results.setups.push({ label, informative, rows });
    const ok = rows[1].ratio >= 0.4 && lookup.p99 < 50;
    if (!informative) failed ||= !ok;
    const verdict = informative ? 'INFO' : ok ? 'PASS' : 'FAIL';
    summary.push(
      `${verdict}  ${label}: personal lookup ${(rows[1].ratio * 100).toFixed(0)}% of trivial (target ≥ 40%), ` +
        `p99 ${lookup.p99} ms (target < 50 ms) at ${CONNECTIONS} clients`,
      `INFO  ${label} round: the same ${(Buffer.byteLength(JSON.stringify(body)) / 1024).toFixed(1)} KB answer from ` +
        `memory with nothing else reaches ${(rows[2].ratio * 100).toFixed(0)}% of the trivial route ` +
        `(the lookup is ${((lookup.rps / ceilingAnswer.rps) * 100).toFixed(0)}% of that ceiling)`,
    );
  } finally {
    await ceiling?.stop();
    await server?.stop();
    await scratch?.drop();
  }
}
console.log(`\n${summary.join('\n')}`);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/lookups.json'), JSON.stringify(results, null, 2));
if (failed) process.exitCode = 1;
