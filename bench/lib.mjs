// Shared helpers for the benchmarks: start the built server on a free port, run autocannon, report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The built server as `npm start` runs it, in its own process (the load generator must not share its CPU time slice). */
export async function startServer(env = {}, { nodeArgs = [] } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-bench-'));
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'apps/server/dist/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, ...childControls(child, dataDir) };
}

/**
 * Node's flags for a server the benchmark starts: with BENCH_CPU_PROF=<dir> it writes a V8 CPU profile into
 * <dir> (or <dir>/<sub>) when it stops — open it in Chrome DevTools.
 */
export function profileArgs(sub = '') {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${sub ? path.join(dir, sub) : dir}`] : [];
}

/**
 * A database of its own for one benchmark run, on the PostgreSQL server of `adminUrl` (used only to create and
 * drop it): a run neither sees another's rows (audit log, replay guard, seeded departments) nor leaves any behind.
 * Returns { url, drop }.
 */
export async function scratchDatabase(adminUrl) {
  const name = `yss_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (text) => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * What the benchmarks control of a child process they started: cpuSeconds — the CPU seconds it has used so far
 * (Linux /proc; undefined elsewhere; per request a cost measure that other load on a shared machine disturbs much
 * less than throughput) — and stop (SIGTERM, wait for the exit, remove `dir`).
 */
function childControls(child, dir) {
  return {
    cpuSeconds: () => processCpuSeconds(child.pid),
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds process `pid` has used so far (Linux /proc; undefined elsewhere). */
function processCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

/**
 * bench/ceiling-server.mjs in its own process, configured with { body } (a lookup's JSON, answered from memory)
 * and/or { issuerJwk } (the signatures of a QR presentation checked): see that file.
 * Returns { url, cpuSeconds, stop } like startServer.
 */
export async function startCeilingServer(config, { nodeArgs = [] } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yss-ceiling-'));
  const configFile = path.join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'bench/ceiling-server.mjs'), configFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`ceiling server exited (${code}) before listening`)));
  });
  return { url, ...childControls(child, dir) };
}

/**
 * CPU seconds used so far by the PostgreSQL processes of this machine (its back ends serve the server's
 * queries; Linux /proc; undefined elsewhere). Other clients of the same PostgreSQL count too: a measure for a
 * quiet database, reported beside the server's own CPU so that the database's share of a request shows.
 */
export function postgresCpuSeconds() {
  try {
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // the process ended meanwhile
      }
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    }
    return total;
  } catch {
    return undefined;
  }
}

export async function load(url, { duration = 10, connections = 20, headers = {}, paths } = {}) {
  const requests = paths?.map((path) => ({ method: 'GET', path }));
  const r = await autocannon({ url, duration, connections, pipelining: 1, headers, ...(requests ? { requests } : {}) });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytesPerSec: r.throughput.average,
  };
}

export function row(name, m, baseline) {
  const ratio = baseline ? m.rps / baseline.rps : 1;
  return {
    name,
    'req/s': Math.round(m.rps),
    'p50 ms': m.p50,
    'p99 ms': m.p99,
    'vs trivial': `${(ratio * 100).toFixed(0)}%`,
    ...(m.cpuUsPerRequest !== undefined ? { 'server CPU µs/req': Math.round(m.cpuUsPerRequest) } : {}),
    ...(m.postgresCpuUsPerRequest !== undefined
      ? { 'PostgreSQL CPU µs/req': Math.round(m.postgresCpuUsPerRequest) }
      : {}),
    ratio,
  };
}

/**
 * A fixed number of requests, each built by `request()` ({ method, path, headers, body }), sent by
 * `concurrency` parallel clients; throughput is requests completed per wall-clock second. For flows where
 * every request needs its own data (a fresh SMS code, another client address), at login rates (hundreds
 * a second) where fetch in the load generator is not the bottleneck.
 */
export async function timedRequests(url, { amount, request, concurrency = 10 }) {
  const latencies = [];
  let sent = 0;
  const started = performance.now();
  const client = async () => {
    while (sent < amount) {
      sent++;
      const { method, path, headers, body } = request();
      const t0 = performance.now();
      const res = await fetch(`${url}${path}`, { method, headers, body });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  return { rps: latencies.length / seconds, count: latencies.length, p50: at(0.5), p99: at(0.99) };
}

/** The PIN the demo logins set (six digits, neither a run nor a repeat: the PIN rules accept it). */
export const DEMO_PIN = '385172';

/** The code the sandbox SMS gateway last sent to `phone` (its outbox stands in for the phone). */
export async function latestSmsCode(url, phone) {
  const outbox = await (await fetch(`${url}/api/v1/dev/sms-outbox?phone=${phone}`)).json();
  const code = /验证码为(\d{6})/.exec(outbox[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no SMS code for ${phone} in the sandbox outbox`);
  return code;
}

const must = (res, status, what) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res;
};

/**
 * A session of `phone` logged in by SMS with the code from the sandbox outbox (a first login signs up), and
 * `call(method, path, body)` that sends its cookie; `cookie()` is the Cookie header value. Each request from
 * another client address: the servers here trust X-Forwarded-For, and the per-address login limit is for
 * people, not for a load generator.
 */
export async function smsSession(url, phone) {
  let cookie = '';
  let ip = 0;
  const call = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'x-forwarded-for': `10.250.${(++ip >> 8) & 255}.${ip & 255}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const set = res.headers.getSetCookie().find((c) => c.includes('session='));
    if (set) cookie = set.split(';')[0];
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  };
  must(await call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' }), 202, 'SMS send');
  const code = await latestSmsCode(url, phone);
  must(await call('POST', '/api/v1/auth/sms/login', { phone, code }), 200, 'SMS login');
  return { call, cookie: () => cookie };
}

/**
 * A citizen's session as a phone gets one — SMS code from the sandbox outbox, real name bound and PIN set
 * (unless the account has them already), PIN verified (the fresh verification personal data needs) — and
 * `call(method, path, body)` that sends its cookie. The same steps as e2e/support.ts (verifiedCitizenSession),
 * which the benchmarks do not import.
 */
export async function verifiedCitizen(url, person, { pin = DEMO_PIN } = {}) {
  const { call, cookie } = await smsSession(url, person.phone);
  const me = must(await call('GET', '/api/v1/me'), 200, 'GET /api/v1/me').json();
  if (!me.realName) {
    must(
      await call('POST', '/api/v1/me/real-name', { name: person.name, idNumber: person.idNumber }),
      200,
      'real-name binding',
    );
  }
  if (!me.hasPin) must(await call('PUT', '/api/v1/me/pin', { pin }), 204, 'setting the PIN');
  must(await call('POST', '/api/v1/me/verify/pin', { pin }), 200, 'PIN verification');
  return { person, call, cookie };
}

/**
 * Load each URL for `duration` seconds in all, in `rounds` alternating slices (A B C A B C …), so that a burst
 * of other work on a shared machine falls on every route alike rather than on one of them. Throughput is the
 * mean of the slices; the server's CPU time per request is measured alongside. A URL may be given as
 * { url, server } when another server (bench/ceiling-server.mjs) answers it: its own CPU is measured then; with
 * { url, server, paths } the slice cycles through those paths of the URL (a mix of routes, bench/scale.mjs).
 */
export async function interleaved(server, urls, { duration, rounds, connections, headers, postgres = false }) {
  const acc = urls.map(() => ({ rps: 0, total: 0, p50: 0, p99: 0, cpu: 0, pgCpu: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of urls.entries()) {
      const { url, server: answering, paths } = typeof target === 'string' ? { url: target, server } : target;
      const cpu0 = answering.cpuSeconds();
      const pg0 = postgres ? postgresCpuSeconds() : undefined;
      const m = await load(url, {
        duration: Math.max(1, Math.round(duration / rounds)),
        connections,
        headers,
        ...(paths ? { paths } : {}),
      });
      const cpu1 = answering.cpuSeconds();
      const pg1 = postgres ? postgresCpuSeconds() : undefined;
      const a = acc[i];
      a.rps += m.rps / rounds;
      a.total += m.total;
      a.p50 = Math.max(a.p50, m.p50);
      a.p99 = Math.max(a.p99, m.p99);
      if (cpu0 !== undefined && cpu1 !== undefined) a.cpu += cpu1 - cpu0;
      if (pg0 !== undefined && pg1 !== undefined) a.pgCpu += pg1 - pg0;
    }
  }
  return acc.map(({ pgCpu, ...a }) => ({
    ...a,
    cpuUsPerRequest: a.cpu ? (a.cpu * 1e6) / a.total : undefined,
    postgresCpuUsPerRequest: postgres && pgCpu >= 0 ? (pgCpu * 1e6) / a.total : undefined,
  }));
}

/**
 * 我的证照 授权关联 as the phone does it: the session links `type` and gets a batch bound to the public keys it
 * sends (one credential per key, in their order). Returns the batch ({ certificateId, credentials, … }).
 */
export async function linkCertificate(session, type, publicJwks, { city = '440100' } = {}) {
  const res = await session.call('POST', '/api/v1/me/certificates', { type, city, holderKeys: publicJwks });
  if (res.status !== 200 && res.status !== 201) throw new Error(`linking ${type}: ${res.status} ${res.text}`);
  return res.json().batch;
}

/** Demo person 张伟 (README, demo accounts): his records live in the sandbox departments. */
export const ZHANG_WEI = { name: '张伟', idNumber: '44010619880512031X', phone: '13800138000' };
