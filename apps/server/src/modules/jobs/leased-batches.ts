import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { type HeldLease, JobLease, leaseHolderName } from './lease.js';
import { PeriodicJob } from './periodic.js';

/**
 * The skeleton of a job that works through due rows in batches, one server copy at a time: the 未到 marking and the
 * 预约提醒 of appointments, the 办件 write-back outbox, the 信用广东 change poller and the wallet status synchroniser.
 * Each took the same lease (three intervals, a minute at least unless the job says otherwise), ran on the same
 * PeriodicJob and looped the same way; this is that part once. What is due, how a row is handled and what is
 * recorded stay with each job (its own SQL in its own repository): `batch` takes one batch, handles it, adds to the
 * report and says whether to take another. A job that carries progress from run to run (the poller's cursor) reads
 * it from the held lease given to `startRun` and saves it with `holdLease(state)`.
 *
 * A run that does not get the lease (another copy holds it) reports `ran: false` and does nothing.
 */
export class LeasedBatchJob<R extends { ran: boolean }> {
  private readonly job: PeriodicJob<R>;
  private readonly lease: JobLease;

  constructor(
    private readonly o: {
      db: Db;
      /** The lease's name (job_leases.name): one per job, shared by all server copies. */
      jobName: string;
      /** For the logs: "<label> failed". */
      label: string;
      /** 0: no timer (tests and operations run it with runOnce). */
      intervalMs: number;
      /** The lease's lifetime; default three intervals, at least a minute. */
      leaseMs?: number;
      /** This copy's name in the lease row; default `leaseHolderName()` (tests name their copies). */
      holder?: string;
      log: FastifyBaseLogger;
      /** A report with nothing done yet (`ran` is set once the lease is held). */
      emptyReport: () => R;
      /**
       * A run that holds the lease begins: return its batch function, which takes the due rows, handles them, counts
       * them in `report` and answers 'more' to be called again. What the run shares (the catalog of the moment, the
       * rows already tried, the state the lease carries) lives in its closure.
       */
      startRun: (held: HeldLease) => (report: R) => Promise<'more' | 'done'>;
    },
  ) {
    this.lease = new JobLease(
      o.db,
      o.jobName,
      o.holder ?? leaseHolderName(),
      o.leaseMs ?? Math.max(3 * o.intervalMs, 60_000),
    );
    this.job = new PeriodicJob({
      name: o.label,
      intervalMs: o.intervalMs,
      lease: this.lease,
      log: o.log,
      work: () => this.run(),
    });
  }

  start() {
    this.job.start();
  }

  /** Stop the timer, let a running run finish, and hand the lease over at once. */
  stop() {
    return this.job.stop();
  }

  /** One run, after any run already going in this process. */
  runNow(): Promise<R> {
    return this.job.runNow();
  }

  /**
   * Renew the lease while working through a long queue (between batches), saving the job's state for the next run
   * (whichever copy runs it; {} when the job keeps none); false when it was lost meanwhile, and the batch should stop.
   */
  holdLease(state: Record<string, unknown> = {}): Promise<boolean> {
    return this.lease.save(state);
  }

  private async run(): Promise<R> {
    const report = this.o.emptyReport();
    const held = await this.lease.acquire();
    if (!held) return report;
    report.ran = true;
    const batch = this.o.startRun(held);
    while ((await batch(report)) === 'more') {
      // the next batch
    }
    return report;
  }
}
