// What the platform's request tracking (apps/server/src/http/requests-in-flight.ts: a Map entry and a `close`
// listener per request, for the clean stop and the "request unanswered" warning) costs each request. Two bare
// Fastify servers (bench/ceiling-server.mjs), one with the tracking and one without, answer GET /healthz in
// alternating slices of the same run; the tracked one's throughput is reported as a share of the bare one's,
// with the server CPU per request of both. /healthz is the cheapest route there is, so the share is the least
// any route of the platform keeps (a real route does far more per request; the verification ~800 µs of CPU).
// Target: the tracked bare route keeps ≥ 85 % of the bare route's throughput (measured 2026-11-29: 89–105 %,
// 1–4 µs of CPU per request; slices of the same servers differ by ±10 % on these machines).
//   node bench/request-tracking.mjs        (BENCH_SECONDS, BENCH_ROUNDS as the other benchmarks)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { interleaved, root, startCeilingServer } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6); // short slices: the two servers see the same noise
const CONNECTIONS = 50;
const TARGET = 0.85;

const bare = await startCeilingServer({});
const tracked = await startCeilingServer({ trackInFlight: true });
try {
  // Warm both up (JIT) before anything counts.
  await interleaved(bare, [`${bare.url}/healthz`, { url: `${tracked.url}/healthz`, server: tracked }], {
    duration: 2,
    rounds: 1,
    connections: CONNECTIONS,
  });
  const [without, withTracking] = await interleaved(
    bare,
    [`${bare.url}/healthz`, { url: `${tracked.url}/healthz`, server: tracked }],
    { duration: SECONDS, rounds: ROUNDS, connections: CONNECTIONS },
  );
  const share = withTracking.rps / without.rps;
  const extraUs =
    withTracking.cpuUsPerRequest !== undefined && without.cpuUsPerRequest !== undefined
      ? withTracking.cpuUsPerRequest - without.cpuUsPerRequest
      : undefined;
  const rows = [
    ['bare Fastify, GET /healthz', without],
    ['the same with trackRequestsInFlight', withTracking],
  ].map(([name, m]) => ({
    name,
    'req/s': Math.round(m.rps),
    'p99 ms': m.p99,
    'server CPU µs/req': m.cpuUsPerRequest === undefined ? '' : Math.round(m.cpuUsPerRequest),
  }));
  console.table(rows);
  const ok = share >= TARGET;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}  tracked ${(share * 100).toFixed(0)}% of the bare route's throughput (target ≥ ${TARGET * 100}%)` +
      (extraUs === undefined ? '' : `; ${extraUs.toFixed(1)} µs more server CPU per request`),
  );
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/request-tracking.json'),
    JSON.stringify(
      { date: new Date().toISOString(), rows, share, extraCpuUsPerRequest: extraUs, target: TARGET },
      null,
      2,
    ),
  );
  if (!ok) process.exitCode = 1;
} finally {
  await bare.stop();
  await tracked.stop();
}
