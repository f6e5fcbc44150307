import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import type { CatalogService } from '../catalog/index.js';
import { LeasedBatchJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';
import { addDays, chinaDate, daysBetween } from './china-time.js';
import { bookingMessages, principalAccounts } from './messages.js';
import * as repo from './repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** 未到: the job, for tests and operations (runOnce). */
    appointmentNoShows: AppointmentNoShows;
  }
}

/**
 * The rule on repeated 未到 (the guide is silent; docs/appointments.md): `limit` no-shows of one person at one
 * department within `windowDays` days refuse that person's new bookings of the department's services for
 * `blockDays` days from the day of the last of them. `limit` 0: no rule.
 */
export interface NoShowRule {
  limit: number;
  windowDays: number;
  blockDays: number;
}

export const DEFAULT_NO_SHOW_RULE: NoShowRule = { limit: 3, windowDays: 90, blockDays: 30 };

const DAY_MS = 24 * 3600_000;

/** The rule in the citizen's words (told with each 未到). */
export function noShowRuleText(rule: NoShowRule): string {
  if (rule.limit <= 0) return '';
  return `${rule.windowDays}天内在同一部门累计${rule.limit}次未到的，${rule.blockDays}天内不能在线预约该部门的事项。`;
}

/**
 * Whether the person may book a department's services now: refused (APPOINTMENT_NO_SHOW_LIMIT, naming the last day
 * of the pause) while `limit` of their no-shows there fall within `windowDays` days of each other and the last of
 * them is less than `blockDays` days ago. Dates are China dates (the slot's start decides the day).
 */
export async function checkNoShowLimit(
  db: Db,
  rule: NoShowRule,
  o: {
    applicant: { accountId: string | null; personId: string; self: boolean; nameMasked: string };
    departmentId: string;
    departmentName: string;
    now: Date;
  },
) {
  if (rule.limit <= 0) return;
  const since = new Date(o.now.getTime() - (rule.windowDays + rule.blockDays) * DAY_MS);
  const rows = await repo.recentNoShows(db, o.applicant, o.departmentId, since);
  const today = chinaDate(o.now);
  for (let i = 0; i + rule.limit - 1 < rows.length; i++) {
    const last = chinaDate((rows[i] as (typeof rows)[number]).starts_at);
    const first = chinaDate((rows[i + rule.limit - 1] as (typeof rows)[number]).starts_at);
    const reopens = addDays(last, rule.blockDays);
    // Later triggers are older: once one's pause is over, so are theirs.
    if (reopens <= today) return;
    if (daysBetween(first, last) < rule.windowDays) {
      const who = o.applicant.self ? '您' : o.applicant.nameMasked;
      throw new AppError(
        'APPOINTMENT_NO_SHOW_LIMIT',
        `${who}在${rule.windowDays}天内已有${rule.limit}次预约未到（最近一次${last}），` +
          `暂停在线预约${o.departmentName}的事项至${addDays(reopens, -1)}，${reopens}起可重新预约。`,
      );
    }
  }
}

export const APPOINTMENT_NO_SHOW_JOB = 'appointment-no-shows';
const BATCH = 500;

export interface NoShowReport {
  /** False when another server copy holds the lease. */
  ran: boolean;
  marked: number;
}

/**
 * 未到: bookings still booked once their window has ended (not checked in at the counter, not cancelled, the slot not
 * stopped) become no_show, and the citizen hears of it in 消息 — the account that booked and, booked for someone
 * else, the principal — with the rule on repeated no-shows. One server copy at a time (a lease); the update re-checks
 * the status, so a check-in or a cancel at the same moment wins or loses cleanly, and each booking's message has the
 * dedupe key `appointment:<id>:no_show`.
 */
export class AppointmentNoShows {
  private readonly job: LeasedBatchJob<NoShowReport>;

  constructor(
    private readonly d: {
      db: Db;
      catalog: CatalogService;
      notifications: NotificationService;
      accountOfPerson: (personId: string) => Promise<string | null>;
      now: () => Date;
      rule: NoShowRule;
      intervalMs: number;
      log: FastifyBaseLogger;
    },
  ) {
    this.job = new LeasedBatchJob<NoShowReport>({
      db: d.db,
      jobName: APPOINTMENT_NO_SHOW_JOB,
      label: 'appointment no-shows',
      intervalMs: d.intervalMs,
      log: d.log,
      emptyReport: () => ({ ran: false, marked: 0 }),
      startRun: () => this.startRun(),
    });
  }

  start() {
    this.job.start();
  }

  stop() {
    return this.job.stop();
  }

  /** One run, after any run already going in this process. */
  runOnce(): Promise<NoShowReport> {
    return this.job.runNow();
  }

  /** A run's batches: mark up to BATCH bookings no_show and tell their people, until fewer are left. */
  private startRun() {
    const catalog = this.d.catalog.current;
    const rule = noShowRuleText(this.d.rule);
    return async (report: NoShowReport): Promise<'more' | 'done'> => {
      const now = this.d.now();
      const marked = await repo.markNoShows(this.d.db, now, BATCH);
      if (marked.length === 0) return 'done';
      const principals = await principalAccounts(marked, this.d.accountOfPerson);
      await this.d.notifications.deliver(
        marked.flatMap((b) =>
          bookingMessages(
            {
              event: 'no_show',
              appointmentId: b.id,
              appointmentNumber: b.appointment_number,
              serviceName: catalog.findService(b.service_id)?.name ?? b.service_id,
              departmentName: catalog.departmentName(b.slot.department_id),
              slot: b.slot,
              reason: null,
              rule,
              at: now,
            },
            b,
            b.principal_person_id ? (principals.get(b.principal_person_id) ?? null) : null,
          ),
        ),
      );
      report.marked += marked.length;
      return marked.length < BATCH ? 'done' : 'more';
    };
  }
}
