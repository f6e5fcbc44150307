import { PENSION_DUE_SOON_DAYS, PENSION_SCHEME_LABELS } from '@yss/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { chinaDate, daysBetween } from '../appointments/china-time.js';
import type { IdentityService } from '../identity/index.js';
import { JobLease, leaseHolderName, PeriodicJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** 养老资格认证 reminders: the job, for tests and operations (runAt). */
    pensionReminders: PensionReminders;
  }
}

export const PENSION_REMINDER_JOB = 'pension-reminders';
/** Accounts asked about per page. */
const PAGE = 200;

export interface PensionReminderReport {
  /** False when another server copy holds the lease. */
  ran: boolean;
  /** Accounts whose pension the department was asked about. */
  checked: number;
  /** New 消息 (one per pensioner and validity period: a later run sends none again). */
  reminded: number;
}

/**
 * 养老资格认证 due soon: a 消息 to each pensioner with an account whose certification ends within 30 days
 * (PENSION_DUE_SOON_DAYS), once per validity period (dedupe key `pension:<personId>:due:<validUntil>`). The
 * platform keeps no pension records: it asks 人社 about each real-name account, a page at a time, under a lease.
 */
export class PensionReminders {
  private readonly job: PeriodicJob<PensionReminderReport>;
  private readonly lease: JobLease;

  constructor(
    private readonly d: {
      db: Db;
      departments: Pick<Departments, 'socialInsurance'>;
      identity: Pick<IdentityService, 'realNameAccounts'>;
      notifications: Pick<NotificationService, 'deliver'>;
      now: () => Date;
      intervalMs: number;
      log: FastifyBaseLogger;
    },
  ) {
    this.lease = new JobLease(d.db, PENSION_REMINDER_JOB, leaseHolderName(), Math.max(3 * d.intervalMs, 60_000));
    this.job = new PeriodicJob({
      name: 'pension certification reminders',
      intervalMs: d.intervalMs,
      lease: this.lease,
      log: d.log,
      work: () => this.runAt(this.d.now()),
    });
  }

  start() {
    this.job.start();
  }

  stop() {
    return this.job.stop();
  }

  /** One run as of `now` (tests: a day shortly before a certification ends). */
  async runAt(now: Date): Promise<PensionReminderReport> {
    const report: PensionReminderReport = { ran: false, checked: 0, reminded: 0 };
    if (!(await this.lease.acquire())) return report;
    report.ran = true;
    const today = chinaDate(now);
    const si = this.d.departments.socialInsurance.client;
    let after: string | null = null;
    for (;;) {
      const accounts = await this.d.identity.realNameAccounts(after, PAGE);
      for (const a of accounts) {
        report.checked++;
        const { certification: c } = await si.pensionCertification({ idNumber: a.idNumber });
        if (!c?.validUntil) continue;
        const left = daysBetween(today, c.validUntil);
        if (left < 0 || left > PENSION_DUE_SOON_DAYS) continue;
        report.reminded += await this.d.notifications.deliver([
          {
            accountId: a.accountId,
            kind: 'pension-update',
            dedupeKey: `pension:${a.personId}:due:${c.validUntil}`,
            title: '养老资格认证即将到期',
            body: `您的${PENSION_SCHEME_LABELS[c.scheme].label}养老资格认证将于${c.validUntil}到期（还有${left}天）。请在到期前完成认证，逾期未认证的，养老金将暂停发放。可在“社保”中选择养老资格认证办理，也可请已获授权的家人代为办理。`,
            link: '/pension-certification',
            occurredAt: now,
          },
        ]);
      }
      if (accounts.length < PAGE) break;
      after = accounts.at(-1)?.accountId ?? null;
    }
    return report;
  }
}
