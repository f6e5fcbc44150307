import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { MAX_WATCHED } from '../../departments/credit/contract.js';
import type { Departments } from '../../departments/registry.js';
import { JobLease, leaseHolderName, PeriodicJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';
import { changeMessage } from './present.js';
import * as repo from './repository.js';

export const CREDIT_POLL_JOB = 'credit-change-poller';

export interface PollReport {
  /** false: another server copy holds the lease (it polls), nothing was done here. */
  ran: boolean;
  /** Entities followed by at least one citizen. */
  entities: number;
  /** Changes the department reported in the window (some may have been announced before). */
  changes: number;
  /** Messages newly written to inboxes (a change already announced to someone is not written again). */
  delivered: number;
  /** Batches the department failed to answer (the cursor then stays where it was). */
  failed: number;
}

export interface PollerOptions {
  db: Db;
  credit: Departments['credit'];
  notifications: NotificationService;
  log: FastifyBaseLogger;
  /** Time between polls; 0: no timer (pollOnce only). */
  intervalMs: number;
  /** Lease lifetime; default three intervals, at least 30 s. */
  leaseMs?: number;
  /** How far before the last answer's clock the next window starts, so a change committed while a poll ran is not missed. */
  marginMs?: number;
  holder?: string;
}

/**
 * 信用信息订阅's poller: asks 信用广东 (`changesSince`) for changes of every entity someone follows and writes a
 * message to each subscriber's inbox. Exactly once per change and subscriber: the message's dedupe key is
 * `credit:<uscc>:<version>` and the inbox keeps one per account, so overlapping windows, a poll repeated after a
 * crash or two copies racing never duplicate a message. Only one server copy polls at a time (a lease row in
 * job_leases, which also keeps the cursor); polls in one process run one after another.
 */
export class CreditChangePoller {
  readonly lease: JobLease;
  private readonly job: PeriodicJob<PollReport>;
  private readonly marginMs: number;

  constructor(private readonly o: PollerOptions) {
    this.marginMs = o.marginMs ?? 5 * 60_000;
    const leaseMs = o.leaseMs ?? Math.max(3 * o.intervalMs, 30_000);
    this.lease = new JobLease(o.db, CREDIT_POLL_JOB, o.holder ?? leaseHolderName(), leaseMs);
    this.job = new PeriodicJob({
      name: 'credit poll',
      intervalMs: o.intervalMs,
      lease: this.lease,
      log: o.log,
      work: () => this.run(),
    });
  }

  /** Poll every interval until stop() (no timer when the interval is 0). */
  start() {
    this.job.start();
  }

  /** Stop the timer, let a running poll finish, and hand the lease over at once. */
  stop() {
    return this.job.stop();
  }

  /** One poll, after any poll already running in this process. */
  pollOnce(): Promise<PollReport> {
    return this.job.runNow();
  }

  private async run(): Promise<PollReport> {
    const report: PollReport = { ran: false, entities: 0, changes: 0, delivered: 0, failed: 0 };
    const held = await this.lease.acquire();
    if (!held) return report;
    report.ran = true;
    const cursor = typeof held.state.since === 'string' ? Date.parse(held.state.since) : Number.NaN;
    const watched = await repo.watchedEntities(this.o.db);
    report.entities = watched.length;
    let oldestAsOf: number | undefined;
    for (let i = 0; i < watched.length; i += MAX_WATCHED) {
      const batch = watched.slice(i, i + MAX_WATCHED);
      // The window starts at the cursor, or at the batch's oldest subscription if that is later (a new subscriber
      // needs nothing older), less the margin.
      const firstSubscribed = Math.min(...batch.map((w) => new Date(w.since).getTime()));
      const from = (Number.isNaN(cursor) ? firstSubscribed : Math.max(cursor, firstSubscribed)) - this.marginMs;
      let answer: Awaited<ReturnType<Departments['credit']['client']['changesSince']>>;
      try {
        answer = await this.o.credit.client.changesSince({
          usccs: batch.map((w) => w.uscc),
          since: new Date(from).toISOString(),
        });
      } catch (err) {
        report.failed++;
        this.o.log.warn({ err, entities: batch.length }, 'credit changesSince failed; will retry next poll');
        continue;
      }
      const asOf = Date.parse(answer.asOf);
      oldestAsOf = oldestAsOf === undefined ? asOf : Math.min(oldestAsOf, asOf);
      report.changes += answer.changes.length;
      for (const change of answer.changes) {
        const accounts = await repo.subscribersBefore(this.o.db, change.uscc, change.version);
        if (accounts.length === 0) continue;
        report.delivered += await this.o.notifications.deliver(accounts.map((a) => changeMessage(a, change)));
        await repo.markSeen(this.o.db, {
          uscc: change.uscc,
          version: change.version,
          item: change.item,
          changedAt: new Date(change.changedAt),
        });
      }
    }
    // The cursor moves only when every batch was answered (else the next poll asks the same window again).
    const since =
      report.failed === 0 && oldestAsOf !== undefined ? new Date(oldestAsOf).toISOString() : held.state.since;
    if (!(await this.lease.save(since === undefined ? {} : { since }))) {
      this.o.log.warn('credit poll lease lost during the poll; another copy continues');
    }
    if (report.delivered > 0) this.o.log.info({ ...report }, 'credit changes announced');
    return report;
  }
}
