import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { MAX_WATCHED } from '../../departments/credit/contract.js';
import type { Departments } from '../../departments/registry.js';
import { type HeldLease, LeasedBatchJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';
import { changeMessage } from './present.js';
import * as repo from './repository.js';

export const CREDIT_POLL_JOB = 'credit-change-poller';

type WatchedEntity = Awaited<ReturnType<typeof repo.watchedEntities>>[number];

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
 * crash or two copies racing never duplicate a message. Only one server copy polls at a time (a LeasedBatchJob: a
 * lease row in job_leases, which also keeps the cursor); polls in one process run one after another.
 */
export class CreditChangePoller {
  private readonly job: LeasedBatchJob<PollReport>;
  private readonly marginMs: number;

  constructor(private readonly o: PollerOptions) {
    this.marginMs = o.marginMs ?? 5 * 60_000;
    this.job = new LeasedBatchJob<PollReport>({
      db: o.db,
      jobName: CREDIT_POLL_JOB,
      label: 'credit poll',
      intervalMs: o.intervalMs,
      // the poller's own minimum (30 s, where the batch jobs' is a minute), unchanged by the move to LeasedBatchJob
      leaseMs: o.leaseMs ?? Math.max(3 * o.intervalMs, 30_000),
      ...(o.holder !== undefined ? { holder: o.holder } : {}),
      log: o.log,
      emptyReport: () => ({ ran: false, entities: 0, changes: 0, delivered: 0, failed: 0 }),
      startRun: (held) => this.startPoll(held),
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

  /** A poll's batches: the followed entities, MAX_WATCHED at a time, one `changesSince` each; then the cursor. */
  private startPoll(held: HeldLease) {
    const cursor = typeof held.state.since === 'string' ? Date.parse(held.state.since) : Number.NaN;
    let watched: WatchedEntity[] | undefined;
    let next = 0;
    let oldestAsOf: number | undefined;
    return async (report: PollReport): Promise<'more' | 'done'> => {
      if (watched === undefined) {
        watched = await repo.watchedEntities(this.o.db);
        report.entities = watched.length;
      }
      if (next < watched.length) {
        const batch = watched.slice(next, next + MAX_WATCHED);
        next += MAX_WATCHED;
        const asOf = await this.pollBatch(batch, cursor, report);
        if (asOf !== undefined) oldestAsOf = oldestAsOf === undefined ? asOf : Math.min(oldestAsOf, asOf);
        if (next < watched.length) return 'more';
      }
      // The cursor moves only when every batch was answered (else the next poll asks the same window again).
      const since =
        report.failed === 0 && oldestAsOf !== undefined ? new Date(oldestAsOf).toISOString() : held.state.since;
      if (!(await this.job.holdLease(since === undefined ? {} : { since }))) {
        this.o.log.warn('credit poll lease lost during the poll; another copy continues');
      }
      if (report.delivered > 0) this.o.log.info({ ...report }, 'credit changes announced');
      return 'done';
    };
  }

  /** One batch of entities: their changes announced; the department's clock of the answer, or undefined if none. */
  private async pollBatch(batch: WatchedEntity[], cursor: number, report: PollReport): Promise<number | undefined> {
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
      return undefined;
    }
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
    return Date.parse(answer.asOf);
  }
}
