// Issue 3 benchmark: the session check runs on every authenticated request. Measure GET /api/v1/auth/session
// (the session check alone) and GET /api/v1/me (check + profile) against /healthz on the same server, in the
// same run, for each session setup: embedded PGlite, PostgreSQL (database session store) and — when
// DATABASE_URL and REDIS_URL are set — PostgreSQL with the Redis session store. Then login throughput.
// Target: session check ≥ 70% of the trivial route's throughput.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { load, root, row, startServer, timedRequests } from './lib.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const loginCount = Number(process.env.BENCH_LOGINS ?? 300);
// Demo person 张伟 (README): real-name binding needs the register's phone.
const PIN_PERSON = { name: '张伟', idNumber: '44010619880512031X', phone: '13800138000' };
const PIN = '385172';
const json = { 'content-type': 'application/json' };
// A different client address per request: the per-IP limit on login routes (20/min) is for people, not for
// this load generator (the servers below trust X-Forwarded-For).
let ipSeq = 0;
const clientIp = () => `10.${(++ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
const randomPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

async function api(url, path, { method = 'POST', body, cookie } = {}) {
  return fetch(`${url}${path}`, {
    method,
    headers: { ...json, 'x-forwarded-for': clientIp(), ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function latestCode(url, phone) {
  const outbox = await (await fetch(`${url}/api/v1/dev/sms-outbox?phone=${phone}`)).json();
  const code = /验证码为(\d{6})/.exec(outbox[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no SMS code for ${phone}`);
  return code;
}

async function smsLogin(url, phone) {
  await api(url, '/api/v1/auth/sms/send', { body: { phone } });
  const res = await api(url, '/api/v1/auth/sms/login', { body: { phone, code: await latestCode(url, phone) } });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** An account that can log in with a PIN (set up once; the PostgreSQL database keeps it between runs). */
async function ensurePinAccount(url) {
  const tried = await api(url, '/api/v1/auth/pin/login', { body: { phone: PIN_PERSON.phone, pin: PIN } });
  if (tried.ok) return;
  const cookie = await smsLogin(url, PIN_PERSON.phone);
  const bound = await api(url, '/api/v1/me/real-name', {
    cookie,
    body: { name: PIN_PERSON.name, idNumber: PIN_PERSON.idNumber },
  });
  if (!bound.ok) throw new Error(`real-name binding failed: ${bound.status} ${await bound.text()}`);
  const set = await api(url, '/api/v1/me/pin', { method: 'PUT', cookie, body: { pin: PIN } });
  if (!set.ok) throw new Error(`setting the PIN failed: ${set.status} ${await set.text()}`);
}

/**
 * Load each URL for `duration` seconds in all, in ROUNDS alternating slices (A B C A B C …), so that a burst of
 * other work on a shared machine falls on every route alike rather than on one of them. Throughput is the
 * mean of the slices; the server's CPU time per request is measured alongside.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
async function interleaved(server, urls, headers) {
  const acc = urls.map(() => ({ rps: 0, total: 0, p50: 0, p99: 0, cpu: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, url] of urls.entries()) {
      const cpu0 = server.cpuSeconds();
      const m = await load(url, { duration: Math.max(1, Math.round(duration / ROUNDS)), headers });
      const cpu1 = server.cpuSeconds();
      const a = acc[i];
      a.rps += m.rps / ROUNDS;
      a.total += m.total;
      a.p50 = Math.max(a.p50, m.p50);
      a.p99 = Math.max(a.p99, m.p99);
      if (cpu0 !== undefined && cpu1 !== undefined) a.cpu += cpu1 - cpu0;
    }
  }
  return acc.map((a) => ({ ...a, cpuUsPerRequest: a.cpu ? (a.cpu * 1e6) / a.total : undefined }));
}

/** SMS login throughput: codes are sent beforehand to fresh phones, then each request logs one of them in. */
async function smsLoginThroughput(url) {
  const pending = [];
  for (let i = 0; i < loginCount; i++) {
    const phone = randomPhone();
    const sent = await api(url, '/api/v1/auth/sms/send', { body: { phone } });
    if (sent.status !== 202) throw new Error(`SMS send failed: ${sent.status} ${await sent.text()}`);
    pending.push({ phone, code: await latestCode(url, phone) });
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
      body: JSON.stringify({ phone: PIN_PERSON.phone, pin: PIN }),
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
  const server = await startServer({ TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1', ...env });
  try {
    const cookie = await smsLogin(server.url, randomPhone());
    const headers = { cookie };
    await load(`${server.url}/api/v1/auth/session`, { duration: 2, headers });
    const [trivial, session, me] = await interleaved(
      server,
      ['/healthz', '/api/v1/auth/session', '/api/v1/me'].map((p) => `${server.url}${p}`),
      headers,
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
    await server.stop();
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
