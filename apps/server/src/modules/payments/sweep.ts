import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { JobLease, leaseHolderName, PeriodicJob } from '../jobs/index.js';
import type { PaymentService } from './payment-service.js';

export const PAYMENTS_SWEEP_JOB = 'payments-sweep';

export type SweepReport = { ran: boolean } & Partial<Awaited<ReturnType<PaymentService['sweepOnce']>>>;

/**
 * The payments sweep in the background: a round every PAYMENT_SWEEP_SECONDS on one server copy at a time (a
 * JobLease), see PaymentService.sweepOnce.
 */
export class PaymentSweep {
  readonly lease: JobLease;
  private readonly job: PeriodicJob<SweepReport>;

  constructor(o: { db: Db; payments: PaymentService; intervalMs: number; log: FastifyBaseLogger; holder?: string }) {
    this.lease = new JobLease(
      o.db,
      PAYMENTS_SWEEP_JOB,
      o.holder ?? leaseHolderName(),
      Math.max(3 * o.intervalMs, 60_000),
    );
    this.job = new PeriodicJob({
      name: 'payments sweep',
      intervalMs: o.intervalMs,
      lease: this.lease,
      log: o.log,
      work: async () => {
        if (!(await this.lease.acquire())) return { ran: false };
        return { ran: true, ...(await o.payments.sweepOnce()) };
      },
    });
  }

  start() {
    this.job.start();
  }

  stop() {
    return this.job.stop();
  }

  /** One round now, after any round already running in this process. */
  runOnce(): Promise<SweepReport> {
    return this.job.runNow();
  }
}
