import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { trackRequestsInFlight } from './requests-in-flight.js';

function logLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, stream };
}

const until = async (what: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('requests in flight', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function serve() {
    const { lines, stream } = logLines();
    const app = Fastify({ logger: { level: 'warn', stream }, forceCloseConnections: true });
    const requests = trackRequestsInFlight(app, { stallAfterMs: 60, checkEveryMs: 20 });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    app.get('/hang/:id', async () => {
      await held;
      return { ok: true };
    });
    app.get('/quick', async () => ({ ok: true }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    return { app, url, lines, requests, release: () => release() };
  }

  it('logs a request left unanswered once, with its path masked and without its query', async () => {
    const { url, lines, requests, release } = await serve();
    const answer = fetch(`${url}/hang/44010619880512031X?name=${encodeURIComponent('张伟')}`);
    await until(() => lines.some((l) => l.msg === 'request unanswered'));
    expect(requests.count).toBe(1);
    const line = lines.find((l) => l.msg === 'request unanswered');
    expect(line).toMatchObject({ level: 40, method: 'GET', path: '/hang/440***1X', inFlight: 1 });
    expect(line?.ageMs).toBeGreaterThanOrEqual(60);
    expect(JSON.stringify(lines)).not.toContain('张伟');
    expect(JSON.stringify(lines)).not.toContain('19880512');
    // reported once, however long it stays
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.filter((l) => l.msg === 'request unanswered')).toHaveLength(1);
    release();
    expect((await answer).status).toBe(200);
    expect(await requests.settled(1_000)).toBe(0);
  });

  it('does not log answered requests, and forgets one whose client went away', async () => {
    const { url, lines, requests, release } = await serve();
    expect((await fetch(`${url}/quick`)).status).toBe(200);
    const gone = new AbortController();
    const answer = fetch(`${url}/hang/1`, { signal: gone.signal }).catch(() => 'aborted');
    await until(() => requests.count === 1);
    gone.abort();
    expect(await answer).toBe('aborted');
    await until(() => requests.count === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.filter((l) => l.msg === 'request unanswered')).toEqual([]);
    release();
  });

  it('settled gives up after its time with the number still unanswered', async () => {
    const { url, requests, release } = await serve();
    const answer = fetch(`${url}/hang/2`);
    await until(() => requests.count === 1);
    expect(await requests.settled(50)).toBe(1);
    release();
    await answer;
  });

  it('logs an event loop blocked for longer than a second', async () => {
    const { lines } = await serve();
    const end = Date.now() + 1_300;
    while (Date.now() < end) {
      // the loop blocked on purpose
    }
    await until(() => lines.some((l) => l.msg === 'event loop was blocked'));
    const line = lines.find((l) => l.msg === 'event loop was blocked');
    expect(line?.lateMs).toBeGreaterThan(1_000);
  });
});
