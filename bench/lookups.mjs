// Issue 5 benchmark: a personal lookup — one year of social-insurance contributions (社保缴费明细, B2) — at 50
// concurrent clients, against the trivial route (/healthz) on the same server in the same run, in alternating
// slices. The lookup goes the whole way: session check, fresh-verification check, catalog city rule, the
// social-insurance department (in-process connector, its own schema), masking, and an audit record per read.
// Target (on PostgreSQL): ≥ 40% of the trivial route's throughput, p99 < 50 ms. PGlite runs for context.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load, root, row, startServer } from './lib.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const ZHANG = { name: '张伟', idNumber: '44010619880512031X', phone: '13800138000' };
const PIN = '385172';
const LOOKUP = '/api/v1/lookups/social-insurance/contributions?city=440100&from=2025-01&to=2025-12';
const json = { 'content-type': 'application/json' };

async function api(url, p, { method = 'POST', body, cookie } = {}) {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { ...json, 'x-forwarded-for': '10.9.9.9', ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res;
}

/** 张伟 logged in by SMS, real name bound, PIN set and verified: what a citizen has before a personal lookup. */
async function verifiedSession(url) {
  await api(url, '/api/v1/auth/sms/send', { body: { phone: ZHANG.phone, purpose: 'login' } });
  const outbox = await (await fetch(`${url}/api/v1/dev/sms-outbox?phone=${ZHANG.phone}`)).json();
  const code = /验证码为(\d{6})/.exec(outbox[0]?.text ?? '')?.[1];
  const login = await api(url, '/api/v1/auth/sms/login', { body: { phone: ZHANG.phone, code } });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!login.ok || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const me = await (await api(url, '/api/v1/me', { method: 'GET', cookie })).json();
  if (!me.realName) {
    const bound = await api(url, '/api/v1/me/real-name', {
      cookie,
      body: { name: ZHANG.name, idNumber: ZHANG.idNumber },
    });
    if (!bound.ok) throw new Error(`real-name binding failed: ${bound.status} ${await bound.text()}`);
  }
  if (!me.hasPin) await api(url, '/api/v1/me/pin', { method: 'PUT', cookie, body: { pin: PIN } });
  const verified = await api(url, '/api/v1/me/verify/pin', { cookie, body: { pin: PIN } });
  if (!verified.ok) throw new Error(`verification failed: ${verified.status} ${await verified.text()}`);
  const probe = await api(url, LOOKUP, { method: 'GET', cookie });
  const body = await probe.json();
  if (!probe.ok || body.statement?.months?.length !== 12) throw new Error(`lookup failed: ${probe.status}`);
  return cookie;
}

const setups = [['embedded PGlite', { DATABASE_URL: '', REDIS_URL: '' }, { informative: true }]];
if (process.env.DATABASE_URL) setups.push(['PostgreSQL', { REDIS_URL: '' }, { informative: false }]);
else console.log('SKIP  PostgreSQL: DATABASE_URL is not set (the target is measured on PostgreSQL)');

let failed = false;
const summary = [];
const results = { date: new Date().toISOString(), connections: CONNECTIONS, setups: [] };
for (const [label, env, { informative }] of setups) {
  // A fresh verification lasts VERIFICATION_MAX_AGE_SECONDS: long enough for the whole run.
  const server = await startServer({ TRUST_PROXY: 'true', VERIFICATION_MAX_AGE_SECONDS: '1800', ...env });
  try {
    const cookie = await verifiedSession(server.url);
    const headers = { cookie, 'x-forwarded-for': '10.9.9.9' };
    const urls = [`${server.url}/healthz`, `${server.url}${LOOKUP}`];
    await load(urls[1], { duration: 2, connections: CONNECTIONS, headers }); // warm-up
    const acc = urls.map(() => ({ rps: 0, total: 0, p50: 0, p99: 0, cpu: 0 }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, url] of urls.entries()) {
        const cpu0 = server.cpuSeconds();
        const m = await load(url, {
          duration: Math.max(1, Math.round(duration / ROUNDS)),
          connections: CONNECTIONS,
          headers,
        });
        const cpu1 = server.cpuSeconds();
        const a = acc[i];
        a.rps += m.rps / ROUNDS;
        a.total += m.total;
        a.p50 = Math.max(a.p50, m.p50);
        a.p99 = Math.max(a.p99, m.p99);
        if (cpu0 !== undefined && cpu1 !== undefined) a.cpu += cpu1 - cpu0;
      }
    }
    const [trivial, lookup] = acc.map((a) => ({ ...a, cpuUsPerRequest: a.cpu ? (a.cpu * 1e6) / a.total : undefined }));
    const rows = [
      row(`${label}: GET /healthz (trivial)`, trivial),
      row(`${label}: 社保缴费明细, 12 months (personal lookup)`, lookup, trivial),
    ];
    console.table(rows.map(({ ratio, ...r }) => r));
    results.setups.push({ label, informative, rows });
    const ok = rows[1].ratio >= 0.4 && lookup.p99 < 50;
    if (!informative) failed ||= !ok;
    const verdict = informative ? 'INFO' : ok ? 'PASS' : 'FAIL';
    summary.push(
      `${verdict}  ${label}: personal lookup ${(rows[1].ratio * 100).toFixed(0)}% of trivial (target ≥ 40%), ` +
        `p99 ${lookup.p99} ms (target < 50 ms) at ${CONNECTIONS} clients`,
    );
  } finally {
    await server.stop();
  }
}
console.log(`\n${summary.join('\n')}`);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/lookups.json'), JSON.stringify(results, null, 2));
if (failed) process.exitCode = 1;
