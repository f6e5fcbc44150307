import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { CatalogService } from '../catalog/index.js';
import { LeasedBatchJob } from '../jobs/index.js';
import type { NotificationService } from '../notifications/index.js';
import { bookingMessages, principalAccounts } from './messages.js';
import * as repo from './repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** 预约提醒: the job, for tests and operations (runOnce). */
    appointmentReminders: AppointmentReminders;
  }
}

export const APPOINTMENT_REMINDER_JOB = 'appointment-reminders';
/** A booking is reminded once, on the first run within this long before its window starts. */
export const REMINDER_AHEAD_MS = 24 * 3600_000;
/** Bookings reminded per batch (a run takes batches until none is left). */
const BATCH = 500;

export interface ReminderReport {
  /** False when another server copy holds the lease. */
  ran: boolean;
  reminded: number;
}

/**
 * 预约提醒: a 消息 to each citizen the day before their booked window ("请携带本人有效身份证件原件按时前往"), so a
 * place that will not be used is cancelled and goes to someone else. One server copy runs it at a time (a lease);
 * each booking is reminded once (`reminded_at`, and the message's dedupe key `appointment:<id>:reminder`, so a run
 * cut short between the message and the mark never sends a second one).
 */
export class AppointmentReminders {
  private readonly job: LeasedBatchJob<ReminderReport>;

  constructor(
    private readonly d: {
      db: Db;
      catalog: CatalogService;
      notifications: NotificationService;
      /** The account of a person (a principal's, reminded of a booking made for them), or null without one. */
      accountOfPerson: (personId: string) => Promise<string | null>;
      now: () => Date;
      intervalMs: number;
      log: FastifyBaseLogger;
    },
  ) {
    this.job = new LeasedBatchJob<ReminderReport>({
      db: d.db,
      jobName: APPOINTMENT_REMINDER_JOB,
      label: 'appointment reminders',
      intervalMs: d.intervalMs,
      log: d.log,
      emptyReport: () => ({ ran: false, reminded: 0 }),
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
  runOnce(): Promise<ReminderReport> {
    return this.job.runNow();
  }

  /** A run's batches: remind up to BATCH bookings due within REMINDER_AHEAD_MS and mark them, until fewer are left. */
  private startRun() {
    const catalog = this.d.catalog.current;
    return async (report: ReminderReport): Promise<'more' | 'done'> => {
      const now = this.d.now();
      const due = await repo.bookingsToRemind(this.d.db, {
        now,
        until: new Date(now.getTime() + REMINDER_AHEAD_MS),
        limit: BATCH,
      });
      if (due.length === 0) return 'done';
      // Booked for someone else: the principal goes to the counter, so their account (if any) is reminded too.
      const principals = await principalAccounts(due, this.d.accountOfPerson);
      await this.d.notifications.deliver(
        due.flatMap((b) =>
          bookingMessages(
            {
              event: 'reminder',
              appointmentId: b.id,
              appointmentNumber: b.appointment_number,
              serviceName: catalog.findService(b.service_id)?.name ?? b.service_id,
              departmentName: catalog.departmentName(b.slot.department_id),
              slot: b.slot,
              reason: null,
              at: now,
              // A moved booking (改约) is reminded of its new window too.
              keySuffix: b.rescheduled_at ? b.slot_id : undefined,
            },
            b,
            b.principal_person_id ? (principals.get(b.principal_person_id) ?? null) : null,
          ),
        ),
      );
      await repo.markReminded(
        this.d.db,
        due.map((b) => b.id),
        now,
      );
      report.reminded += due.length;
      return due.length < BATCH ? 'done' : 'more';
    };
  }
}
