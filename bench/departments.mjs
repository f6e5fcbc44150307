// Issue 4 benchmark (PostgreSQL): department reads in process and over the signed HTTP gateway against a
// trivial request in the same run; the same read's p50 with 10,000 vs 1,000,000 citizens seeded (indexed
// access: target within 1.5×); generator throughput; and outage isolation — the p99 of a healthy platform
// route while another route's department hangs, against the same load with the department healthy
// (target within 1.5×). Needs PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (else it says so and stops).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { root, startServer } from './lib.mjs';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) {
  console.log('departments benchmark skipped: it needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL)');
  process.exit(0);
}
const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_CITIZENS_LARGE ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const cli = path.join(root, 'apps/server/dist/cli.js');
const dist = (p) => path.join(root, 'apps/server/dist', p);

const urlFor = (name) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}
async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** A fresh database seeded with `count` citizens by the real CLI; returns its URL and the seeding rate. */
async function seededDatabase(count) {
  const name = `yss_bench_${count}`;
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = urlFor(name);
  console.log(`seeding ${count.toLocaleString('en')} citizens…`);
  const out = await run(['seed', '--citizens', String(count), '--seed', '42'], {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
  });
  const rate = Number(/\(([\d,]+)\/s\)/.exec(out)?.[1]?.replaceAll(',', '') ?? 0);
  return { name, url, rate };
}

async function sampleIds(url, n) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(`select id_number from dept_gongan.people tablesample system (5) limit ${n}`);
  await c.end();
  return rows.map((r) => r.id_number);
}

function startGateway(url, keyB64, extra = {}) {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, 'dept-gateway'], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            DEPT_GATEWAY_PORT: String(port),
            HOST: '127.0.0.1',
            DEPT_GATEWAY_KEYS: `bench:${keyB64}`,
            LOG_LEVEL: 'warn',
            ...extra,
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        const base = `http://127.0.0.1:${port}`;
        const poll = async (i) => {
          try {
            if ((await fetch(`${base}/healthz`)).ok) {
              resolve({
                url: base,
                stop: () =>
                  new Promise((r) => {
                    child.once('exit', r);
                    child.kill('SIGTERM');
                  }),
              });
              return;
            }
          } catch {}
          if (i > 150) reject(new Error('gateway did not start'));
          else setTimeout(() => poll(i + 1), 200);
        };
        poll(0);
      }),
  );
}

/** Run `fn` from `concurrency` loops for `ms`; ops/s and latency percentiles. */
async function measure(fn, { ms = seconds * 1000, concurrency = 16 } = {}) {
  const latencies = [];
  const end = Date.now() + ms;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await fn(i++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return { ops: latencies.length / (ms / 1000), p50: pct(0.5), p99: pct(0.99) };
}
const fmt = (m) => ({ 'ops/s': Math.round(m.ops), 'p50 ms': m.p50.toFixed(2), 'p99 ms': m.p99.toFixed(2) });

const { openDatabase } = await import(dist('db/database.js'));
const { createConnector } = await import(dist('departments/framework/client.js'));
const { httpTransport } = await import(dist('departments/framework/http-transport.js'));
const { inProcessTransport } = await import(dist('departments/framework/in-process.js'));
const { DEPARTMENTS } = await import(dist('departments/registry.js'));
const spec = DEPARTMENTS.populationRegister.spec;

const small = await seededDatabase(SMALL);
const large = await seededDatabase(LARGE);

// --- A. in process vs over HTTP vs a trivial request, same run ---
const key = randomBytes(32);
const gateway = await startGateway(small.url, key.toString('base64'));
const dbSmall = await openDatabase({ databaseUrl: small.url, poolSize: 16 });
const ids = await sampleIds(small.url, 2000);
const inProc = createConnector(spec, inProcessTransport(spec, DEPARTMENTS.populationRegister.sandbox(dbSmall.db)));
const overHttp = createConnector(
  spec,
  httpTransport(spec, { baseUrl: gateway.url, key: { id: 'bench', secret: key } }),
);
const trivial = await measure(() => fetch(`${gateway.url}/healthz`).then((r) => r.arrayBuffer()));
const readIn = await measure((i) => inProc.client.getPerson({ idNumber: ids[i % ids.length] }));
const readHttp = await measure((i) => overHttp.client.getPerson({ idNumber: ids[i % ids.length] }));
console.log('\nA. getPerson (population register), 16 concurrent callers, PostgreSQL, 10,000 citizens');
console.table({
  'trivial HTTP request (gateway /healthz)': fmt(trivial),
  'in-process connector': { ...fmt(readIn), 'vs trivial': `${((readIn.ops / trivial.ops) * 100).toFixed(0)}%` },
  'HTTP connector (signed, via gateway)': {
    ...fmt(readHttp),
    'vs trivial': `${((readHttp.ops / trivial.ops) * 100).toFixed(0)}%`,
  },
});
await gateway.stop();

// --- B. the same read at 10,000 and 1,000,000 citizens ---
const dbLarge = await openDatabase({ databaseUrl: large.url, poolSize: 16 });
const idsLarge = await sampleIds(large.url, 2000);
const inLarge = createConnector(spec, inProcessTransport(spec, DEPARTMENTS.populationRegister.sandbox(dbLarge.db)));
const scaleSmall = await measure((i) => inProc.client.familyOf({ idNumber: ids[i % ids.length] }), { concurrency: 4 });
const scaleLarge = await measure((i) => inLarge.client.familyOf({ idNumber: idsLarge[i % idsLarge.length] }), {
  concurrency: 4,
});
const scaleSmall2 = await measure((i) => inProc.client.familyOf({ idNumber: ids[i % ids.length] }), { concurrency: 4 });
const p50Small = (scaleSmall.p50 + scaleSmall2.p50) / 2;
console.log(
  `\nB. familyOf p50 with ${SMALL.toLocaleString('en')} vs ${LARGE.toLocaleString('en')} citizens (4 callers; small measured before and after)`,
);
console.table({
  [`${SMALL.toLocaleString('en')} citizens`]: { 'p50 ms': p50Small.toFixed(2) },
  [`${LARGE.toLocaleString('en')} citizens`]: {
    'p50 ms': scaleLarge.p50.toFixed(2),
    'vs small': `${(scaleLarge.p50 / p50Small).toFixed(2)}×`,
  },
});
await dbSmall.close();
await dbLarge.close();

console.log('\nC. generator throughput (npm run seed -- --citizens N: people per second, all sandbox departments)');
console.table({
  [`${SMALL.toLocaleString('en')} citizens`]: { 'people/s': small.rate },
  [`${LARGE.toLocaleString('en')} citizens`]: { 'people/s': large.rate },
});

// --- D. outage isolation: catalog p99 while the population register hangs vs while it is healthy ---
async function outageRun(faults) {
  const gw = await startGateway(small.url, key.toString('base64'), faults ? { DEPT_GATEWAY_FAULTS: faults } : {});
  const platform = await startServer({
    DATABASE_URL: small.url,
    DEPARTMENTS_URL: gw.url,
    DEPARTMENTS_KEY_ID: 'bench',
    DEPARTMENTS_KEY: key.toString('base64'),
    DEPARTMENT_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'error',
    TRUST_PROXY: 'true',
    CITIZEN_DIST: '',
  });
  // The department-backed load: real-name binding of a logged-in 张伟 (实名核验: a register read per request).
  const phone = '13800138000';
  const post = (p, body, cookie) =>
    fetch(`${platform.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  await post('/api/v1/auth/sms/send', { phone, purpose: 'login' });
  const outbox = await (await fetch(`${platform.url}/api/v1/dev/sms-outbox?phone=${phone}`)).json();
  const code = /验证码为(\d{6})/.exec(outbox[0]?.text ?? '')?.[1];
  const login = await post('/api/v1/auth/sms/login', { phone, code });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  if (!cookie) throw new Error('bench login failed');
  const sick = autocannon({
    url: platform.url,
    connections: 20,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/me/real-name',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: '张伟', idNumber: '44010619880512031X' }),
      },
    ],
  });
  const healthy = await autocannon({
    url: `${platform.url}/api/v1/catalog?city=440100`,
    connections: 10,
    duration: seconds,
  });
  await sick;
  await platform.stop();
  await gw.stop();
  return healthy.latency;
}
const alone = await (async () => {
  const platform = await startServer({ DATABASE_URL: small.url, CITIZEN_DIST: '' });
  const r = await autocannon({ url: `${platform.url}/api/v1/catalog?city=440100`, connections: 10, duration: seconds });
  await platform.stop();
  return r.latency;
})();
const withHealthy = await outageRun(null);
const withHang = await outageRun('population-register:hang');
console.log('\nD. GET /api/v1/catalog latency (10 connections) while 20 connections hit a population-register route');
console.table({
  'catalog alone': { 'p50 ms': alone.p50, 'p99 ms': alone.p99 },
  'register healthy': { 'p50 ms': withHealthy.p50, 'p99 ms': withHealthy.p99 },
  'register hanging': {
    'p50 ms': withHang.p50,
    'p99 ms': withHang.p99,
    'p99 vs healthy': `${(withHang.p99 / Math.max(1, withHealthy.p99)).toFixed(2)}×`,
    'p99 vs alone': `${(withHang.p99 / Math.max(1, alone.p99)).toFixed(2)}×`,
  },
});
await admin(`drop database if exists ${small.name} with (force)`);
await admin(`drop database if exists ${large.name} with (force)`);
