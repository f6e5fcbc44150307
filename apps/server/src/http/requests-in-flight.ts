import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { redactUrl } from './logging.js';

/**
 * The requests a server copy is answering, for two jobs:
 * - a clean stop waits until they have been answered (`settled`), before the database goes away;
 * - a request still unanswered after `stallAfterMs` is logged once as a warning (method, path without its query
 *   and with long numbers masked, age), and an event loop that was blocked for more than `blockedLoopMs` is logged too.
 *   A request that hangs is otherwise invisible: nothing is logged until it ends, and it may never end.
 *
 * One Map entry per request, set in onRequest and removed when the response closes (answered, or the client went
 * away), so it adds no hook of its own beyond the in-flight count the stop needed anyway.
 */
export interface RequestsInFlight {
  readonly count: number;
  /** Resolves when none is in flight, or after `withinMs` with those still in flight. */
  settled(withinMs: number): Promise<number>;
}

interface Entry {
  method: string;
  url: string;
  started: number;
  reported: boolean;
}

export interface InFlightOptions {
  stallAfterMs?: number;
  checkEveryMs?: number;
  blockedLoopMs?: number;
}

export function trackRequestsInFlight(app: FastifyInstance, options: InFlightOptions = {}): RequestsInFlight {
  const { stallAfterMs = 10_000, checkEveryMs = 5_000, blockedLoopMs = 1_000 } = options;
  const inFlight = new Map<string, Entry>();
  app.addHook('onRequest', (req, reply, done) => {
    const id = req.id;
    inFlight.set(id, { method: req.method, url: req.url, started: performance.now(), reported: false });
    // 'close' comes for an answered response and for a connection the client dropped alike (onResponse does not
    // come for the latter).
    reply.raw.once('close', () => inFlight.delete(id));
    done();
  });

  // A blocked event loop shows as this check coming late (perf_hooks' delay monitor records nothing under some
  // runners, vitest's among them; a late interval is the same measure and cannot go unseen).
  // Started once the server is ready: the start itself (migrations, seeding on PGlite) blocks the loop on purpose.
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', (done) => {
    let lastCheck = performance.now();
    timer = setInterval(() => {
      const now = performance.now();
      const lateMs = Math.round(now - lastCheck - checkEveryMs);
      lastCheck = now;
      if (lateMs > blockedLoopMs) app.log.warn({ lateMs }, 'event loop was blocked');
      reportUnanswered(app.log, inFlight, now, stallAfterMs);
    }, checkEveryMs);
    timer.unref();
    done();
  });
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });

  return {
    get count() {
      return inFlight.size;
    },
    async settled(withinMs) {
      const deadline = Date.now() + withinMs;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return inFlight.size;
    },
  };
}

function reportUnanswered(log: FastifyBaseLogger, inFlight: Map<string, Entry>, now: number, stallAfterMs: number) {
  for (const [reqId, entry] of inFlight) {
    const ageMs = Math.round(now - entry.started);
    if (entry.reported || ageMs < stallAfterMs) continue;
    entry.reported = true;
    log.warn(
      // the path only: a query may carry what a person typed
      { reqId, method: entry.method, path: redactUrl(entry.url.split('?')[0] ?? ''), ageMs, inFlight: inFlight.size },
      'request unanswered',
    );
  }
}
