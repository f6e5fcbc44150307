// Shared helpers for the benchmarks: start the built server on a free port, run autocannon, report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  return {
    url,
    /**
     * CPU seconds the server process has used so far (Linux /proc; undefined elsewhere). Per request, it is
     * a cost measure that other load on a shared machine disturbs much less than throughput.
     */
    cpuSeconds() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
      } catch {
        return undefined;
      }
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
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
