// Issue 3 benchmark: the session check runs on every authenticated request. Measure GET /api/v1/auth/session
// (the session check alone) and GET /api/v1/me (check + profile) against /healthz on the same server, in the
// same run, for each session setup: embedded PGlite, PostgreSQL (database session store) and — when
// DATABASE_URL and REDIS_URL are set — PostgreSQL with the Redis session store. Then login throughput.
// Target: session check ≥ 70% of the trivial route's throughput.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import {
  DEMO_PIN,
  interleaved,
  latestSmsCode,
  load,
  profileArgs,
  root,
  row,
  scratchDatabase,
  smsSession,
  startServer,
  timedRequests,
  verifiedCitizen,
  ZHANG_WEI,
} from './lib.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const loginCount = Number(process.env.BENCH_LOGINS ?? 300);
const json = { 'content-type': 'application/json' };
// A different client address per request: the per-IP limit on login routes (20/min) is for people, not for
// this load generator (the servers below trust X-Forwarded-For).
let ipSeq = 0;
const clientIp = () => `10.${(++ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
const randomPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** POST a JSON body from another client address each time. */
function post(url, path, body) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { ...json, 'x-forwarded-for': clientIp() },
    body: JSON.stringify(body),
  });
}

/**
 * An account that can log in with a PIN: demo person 张伟 (real-name binding needs the register's phone). Set
 * up once: the PostgreSQL database keeps it between runs.
 */
async function ensurePinAccount(url) {
  const tried = await post(url, '/api/v1/auth/pin/login', { phone: ZHANG_WEI.phone, pin: DEMO_PIN });
  if (!tried.ok) await verifiedCitizen(url, ZHANG_WEI);
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** SMS login throughput: codes are sent beforehand to fresh phones, then each request logs one of them in. */
async function smsLoginThroughput(url) {
  const pending = [];
  for (let i = 0; i < loginCount; i++) {
    const phone = randomPhone();
    const sent = await post(url, '/api/v1/auth/sms/send', { phone });
    if (sent.status !== 202) throw new Error(`SMS send failed: ${sent.status} ${await sent.text()}`);
    pending.push({ phone, code: await latestSmsCode(url, phone) });
  }
  let next = 0;
  return timedRequests(url, {
    amount: pending.length,
    request: () => {
      const { phone, code } = pending[next++];
      return {
        method: 'POST',
        path: '/api/v1/auth/sms/login',
        headers: { ...json, 'x-forwarded-for': clientIp() },
        body: JSON.stringify({ phone, code }),
      };
    },
  });
}

function pinLoginThroughput(url) {
  return timedRequests(url, {
    amount: loginCount,
    request: () => ({
      method: 'POST',
      path: '/api/v1/auth/pin/login',
      headers: { ...json, 'x-forwarded-for': clientIp() },
      body: JSON.stringify({ phone: ZHANG_WEI.phone, pin: DEMO_PIN }),
    }),
  });
}

const redisPrefix = `yss-bench-${randomBytes(4).toString('hex')}:`;
// The servers inherit this process's environment: say explicitly which store each setup uses.
const setups = [['embedded PGlite (database store)', { DATABASE_URL: '', REDIS_URL: '', SESSION_STORE: 'database' }]];
if (process.env.DATABASE_URL) {
  setups.push(['PostgreSQL (database store)', { REDIS_URL: '', SESSION_STORE: 'database' }]);
  // For context, not a target: the database store without its 2 s in-process cache, i.e. a query per check
  // (what each copy pays when several copies run without Redis and SESSION_CACHE_MS=0).
  setups.push([
    'PostgreSQL (database store, cache off)',
    { REDIS_URL: '', SESSION_STORE: 'database', SESSION_CACHE_MS: '0' },
    { informative: true },
  ]);
  if (process.env.REDIS_URL) {
    setups.push(['PostgreSQL + Redis (Redis store)', { SESSION_STORE: 'redis', REDIS_KEY_PREFIX: redisPrefix }]);
  } else {
    console.log('SKIP  PostgreSQL + Redis: REDIS_URL is not set');
  }
} else {
  console.log('SKIP  PostgreSQL setups: DATABASE_URL is not set');
}

// BENCH_ONLY=Redis runs only the setups whose label contains it (while tuning one of them).
const only = process.env.BENCH_ONLY;
let failed = false;
const summary = [];
const results = { date: new Date().toISOString(), setups: [] };
for (const [label, env, { informative = false } = {}] of setups) {
  if (only && !label.includes(only)) continue;
  // On PostgreSQL a database of its own (DATABASE_URL's server is only used to create and drop it).
  const scratch = env.DATABASE_URL === undefined ? await scratchDatabase(process.env.DATABASE_URL) : undefined;
  let server;
  try {
    server = await startServer(
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1', ...env, ...(scratch ? { DATABASE_URL: scratch.url } : {}) },
      { nodeArgs: profileArgs() },
    );
    const cookie = (await smsSession(server.url, randomPhone())).cookie();
    const headers = { cookie };
    await load(`${server.url}/api/v1/auth/session`, { duration: 2, headers });
    const [trivial, session, me] = await interleaved(
      server,
      ['/healthz', '/api/v1/auth/session', '/api/v1/me'].map((p) => `${server.url}${p}`),
      { duration, rounds: ROUNDS, headers },
    );
    await ensurePinAccount(server.url);
    const rows = [
      row(`${label}: GET /healthz (trivial)`, trivial),
      row(`${label}: GET /api/v1/auth/session`, session, trivial),
      row(`${label}: GET /api/v1/me`, me, trivial),
    ];
    const sms = loginCount ? await smsLoginThroughput(server.url) : undefined;
    const pin = loginCount ? await pinLoginThroughput(server.url) : undefined;
    if (sms) rows.push(row(`${label}: POST /api/v1/auth/sms/login (${sms.count} fresh codes)`, sms, trivial));
    if (pin) rows.push(row(`${label}: POST /api/v1/auth/pin/login (Argon2id-bound)`, pin, trivial));
    console.table(rows.map(({ ratio, ...r }) => r));
    results.setups.push({ label, informative, rows });
    const ok = rows[1].ratio >= 0.7;
    if (!informative) failed ||= !ok;
    const verdict = informative ? 'INFO' : ok ? 'PASS' : 'FAIL';
    const line = `${verdict}  ${label}: session check ≥ 70% of trivial: ${(rows[1].ratio * 100).toFixed(0)}%`;
    console.log(line);
    const cpu = (m) => (m.cpuUsPerRequest ? `${Math.round(m.cpuUsPerRequest)} µs` : 'n/a');
    summary.push(line, `      server CPU per request: /healthz ${cpu(trivial)}, session check ${cpu(session)}`);
    if (sms && pin) {
      summary.push(
        `      logins/s: SMS ${Math.round(sms.rps)}, PIN ${Math.round(pin.rps)} (PIN login is bound by Argon2id by ` +
          'design: 19 MiB and two passes per attempt, so that guessing PINs is expensive)',
      );
    }
  } finally {
    await server?.stop();
    await scratch?.drop();
  }
}
if (process.env.REDIS_URL && process.env.DATABASE_URL) await dropRedisKeys(process.env.REDIS_URL, redisPrefix);
console.log(`\n${summary.join('\n')}`);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/identity.json'), JSON.stringify(results, null, 2));
if (failed) process.exitCode = 1;

/** The benchmark's own sessions and rate-limit counters, by its prefix only (the Redis may be shared). */
async function dropRedisKeys(url, prefix) {
  const r = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await r.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await r.quit();
}
