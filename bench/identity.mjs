// Issue 3 benchmark: the session check runs on every authenticated request. Measure GET /api/v1/auth/session
// (the session check alone) and GET /api/v1/me (check + profile) against /healthz on the same server, in the
// same run, on the embedded database and — when DATABASE_URL is set — on PostgreSQL.
// Target: session check ≥ 70% of the trivial route's throughput.
import { load, row, startServer } from './lib.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 10);

async function login(url, phone) {
  const headers = { 'content-type': 'application/json' };
  await fetch(`${url}/api/v1/auth/sms/send`, { method: 'POST', headers, body: JSON.stringify({ phone }) });
  const outbox = await (await fetch(`${url}/api/v1/dev/sms-outbox?phone=${phone}`)).json();
  const code = /验证码为(\d{6})/.exec(outbox[0]?.text ?? '')?.[1];
  const res = await fetch(`${url}/api/v1/auth/sms/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ phone, code }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookie;
}

const engines = [['embedded PGlite', { DATABASE_URL: '' }]];
if (process.env.DATABASE_URL) engines.push(['PostgreSQL', { DATABASE_URL: process.env.DATABASE_URL }]);

let failed = false;
for (const [label, env] of engines) {
  const server = await startServer(env);
  try {
    const cookie = await login(server.url, `1370000${String(Date.now()).slice(-4)}`);
    const headers = { cookie };
    await load(`${server.url}/api/v1/auth/session`, { duration: 2, headers });
    const trivial = await load(`${server.url}/healthz`, { duration, headers });
    const session = await load(`${server.url}/api/v1/auth/session`, { duration, headers });
    const me = await load(`${server.url}/api/v1/me`, { duration, headers });
    const rows = [
      row(`${label}: GET /healthz (trivial)`, trivial),
      row(`${label}: GET /api/v1/auth/session`, session, trivial),
      row(`${label}: GET /api/v1/me`, me, trivial),
    ];
    console.table(rows.map(({ ratio, ...r }) => r));
    const ok = rows[1].ratio >= 0.7;
    failed ||= !ok;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${label}: session check ≥ 70% of trivial: ${(rows[1].ratio * 100).toFixed(0)}%`,
    );
  } finally {
    await server.stop();
  }
}
if (failed) process.exitCode = 1;
