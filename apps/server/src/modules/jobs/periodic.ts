import type { FastifyBaseLogger } from 'fastify';
import type { JobLease } from './lease.js';

/**
 * A background job of one server copy at a time (the lease decides which): a run every `intervalMs` after the
 * previous one ended (no timer when it is 0), and on demand; runs in one process go one after another. The work
 * itself acquires the lease. LeasedBatchJob builds on it; some jobs (backup, the payments sweep) use it directly.
 */
export class PeriodicJob<R> {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly o: {
      /** For the logs: "<name> failed". */
      name: string;
      intervalMs: number;
      lease: JobLease;
      log: FastifyBaseLogger;
      work: () => Promise<R>;
    },
  ) {}

  start() {
    if (this.o.intervalMs <= 0 || this.timer || this.stopped) return;
    const tick = () => {
      this.runNow()
        .catch((err) => this.o.log.warn({ err }, `${this.o.name} failed`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.o.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.o.intervalMs).unref();
  }

  /** Stop the timer, let a running run finish, and hand the lease over at once. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => undefined);
    await this.o.lease.release().catch((err) => this.o.log.warn({ err }, `${this.o.name} lease release failed`));
  }

  /** One run, after any run already going in this process. */
  runNow(): Promise<R> {
    const run = this.chain.catch(() => undefined).then(() => this.o.work());
    this.chain = run;
    return run;
  }
}
