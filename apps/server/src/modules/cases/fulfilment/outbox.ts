import { type CityCode, findCity } from '@yss/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/database.js';
import { isDepartmentFailure } from '../../../departments/framework/errors.js';
import type { Departments } from '../../../departments/registry.js';
import { AppError } from '../../../http/app-error.js';
import type { AuditEntry } from '../../audit/index.js';
import type { CatalogService } from '../../catalog/index.js';
import { LeasedBatchJob } from '../../jobs/index.js';
import type { NotificationService } from '../../notifications/index.js';
import type { FieldCipher } from '../../privacy/index.js';
import { agentTitle, onBehalfCopies, principalBody } from '../../shared/index.js';
import { decryptForm, ID_AAD, NAME_AAD } from '../present.js';
import * as caseRepo from '../repository.js';
import { findFulfilment } from './index.js';
import * as repo from './repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** 办件 write-back: the outbox job, for tests and operations (runOnce). */
    caseFulfilment: CaseFulfilmentOutbox;
  }
}

export const CASE_FULFILMENT_JOB = 'case-fulfilment';
/** Attempts before a write-back is left for a reviewer (发证失败). */
export const MAX_ATTEMPTS = 6;
/** Backoff after the n-th failed attempt: 1, 2, 4, 8, 16 minutes (then it fails). */
export const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 30 * 60_000);
const BATCH = 20;

export interface FulfilmentReport {
  /** False when another server copy holds the lease. */
  ran: boolean;
  issued: number;
  retrying: number;
  failed: number;
}

/** The China-time day (YYYY-MM-DD) of a moment. */
export const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The outbox of approved cases' write-back (docs/cases.md "Fulfilment"). The approval's transaction inserts a
 * pending row (`enqueue`); this job — one server copy at a time (a JobLease), never inside a transaction — calls
 * the service's fulfilment (fulfilment/<area>.ts), a write operation on the department's connector that is
 * idempotent by the 办件编号. A department that does not answer is retried with backoff; after MAX_ATTEMPTS, or
 * at once when the department refuses, the row is failed and a reviewer retries it from the console.
 */
export class CaseFulfilmentOutbox {
  private readonly job: LeasedBatchJob<FulfilmentReport>;

  constructor(
    private readonly d: {
      db: Db;
      cipher: FieldCipher;
      catalog: CatalogService;
      departments: Departments;
      notifications: NotificationService;
      audit: { record(entry: AuditEntry): Promise<void> };
      /** 为他人办理: the principal's account, if they have one (the record issued is theirs). */
      accountOfPerson: (personId: string) => Promise<string | null>;
      now: () => Date;
      intervalMs: number;
      log: FastifyBaseLogger;
    },
  ) {
    this.job = new LeasedBatchJob<FulfilmentReport>({
      db: d.db,
      jobName: CASE_FULFILMENT_JOB,
      label: 'case fulfilment',
      intervalMs: d.intervalMs,
      log: d.log,
      emptyReport: () => ({ ran: false, issued: 0, retrying: 0, failed: 0 }),
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
  runOnce(): Promise<FulfilmentReport> {
    return this.job.runNow();
  }

  /** After an approval or a retry: deliver soon, without waiting (only when the job runs by itself at all). */
  nudge() {
    if (this.d.intervalMs <= 0) return;
    this.job.runNow().catch((err) => this.d.log.warn({ err }, 'case fulfilment failed'));
  }

  /** A reviewer's retry of a failed write-back (CASE_FULFILMENT_NOT_RETRYABLE when it is not failed). */
  async retry(caseId: string, staffId: string) {
    if (!(await repo.retry(this.d.db, { caseId, staffId, at: this.d.now() }))) {
      throw new AppError('CASE_FULFILMENT_NOT_RETRYABLE', '该办件的发证未失败（制证中或已制发），无需重新发证。');
    }
    this.nudge();
  }

  /** A run's batches: one attempt at each due row (each row once a run), until none is left or the lease is lost. */
  private startRun() {
    const seen = new Set<string>();
    return async (report: FulfilmentReport): Promise<'more' | 'done'> => {
      const rows = (await repo.due(this.d.db, this.d.now(), BATCH)).filter((r) => !seen.has(r.case_id));
      if (rows.length === 0) return 'done';
      for (const row of rows) {
        seen.add(row.case_id);
        const outcome = await this.deliver(row);
        if (outcome) report[outcome]++;
      }
      // Hold the lease while working through a long queue.
      return (await this.job.holdLease()) ? 'more' : 'done';
    };
  }

  /** One attempt at one row; the outcome counted, or undefined when the row changed meanwhile. */
  private async deliver(row: repo.FulfilmentRow): Promise<'issued' | 'retrying' | 'failed' | undefined> {
    const seen = { caseId: row.case_id, attempts: row.attempts };
    const entry = findFulfilment(row.service_id);
    const c = await caseRepo.findCase(this.d.db, row.case_id);
    if (!entry || !c) {
      await repo.recordAttempt(this.d.db, seen, { state: 'failed', lastError: '该服务没有对应的发证接口。' });
      return 'failed';
    }
    const events = await caseRepo.listEvents(this.d.db, c.id);
    const approval = [...events].reverse().find((e) => e.action === 'approve');
    const applicant = {
      name: this.d.cipher.decrypt(c.applicant_name_encrypted, `${NAME_AAD}:${c.id}`),
      idNumber: this.d.cipher.decrypt(c.applicant_id_number_encrypted, `${ID_AAD}:${c.id}`),
    };
    const departmentName = this.d.catalog.current.departmentName(c.department_id);
    // Made for someone else: the record is the principal's, so they are the audit's subject when they have an
    // account (the agent's otherwise, who holds the case), and both hear of it.
    const principal = c.principal_person_id ? await this.d.accountOfPerson(c.principal_person_id) : null;
    const subject = principal ?? c.account_id;
    const auditDetail = {
      caseId: c.id,
      serviceId: c.service_id,
      attempt: row.attempts + 1,
      ...(c.principal_person_id ? { delegationId: c.delegation_id, subjectPersonId: c.principal_person_id } : {}),
    };
    let outcome: Awaited<ReturnType<typeof entry.deliver>>;
    try {
      outcome = await entry.deliver({
        caseNumber: c.case_number,
        serviceId: c.service_id,
        city: (findCity(c.city_code)?.code ?? c.city_code) as CityCode,
        applicant,
        form: decryptForm(this.d.cipher, c),
        submittedOn: chinaDay(c.submitted_at),
        decidedOn: chinaDay(approval?.created_at ?? this.d.now()),
        departments: this.d.departments,
      });
    } catch (err) {
      const attempts = row.attempts + 1;
      const reason = isDepartmentFailure(err)
        ? `${departmentName}系统暂时无法连接（${err.code}）`
        : `发证时出错（${err instanceof AppError ? err.code : 'internal'}）`;
      if (!isDepartmentFailure(err)) this.d.log.error({ err, caseId: c.id }, 'case fulfilment error');
      await this.audit(subject, 'failure', { ...auditDetail, reason });
      // Only a department that does not answer may answer later; anything else (input it refuses, a bug) does not
      // change by retrying: it waits for a reviewer.
      if (attempts >= MAX_ATTEMPTS || !isDepartmentFailure(err)) {
        await repo.recordAttempt(this.d.db, seen, { state: 'failed', lastError: `${reason}，已尝试${attempts}次。` });
        return 'failed';
      }
      await repo.recordAttempt(this.d.db, seen, {
        state: 'pending',
        lastError: reason,
        nextAttemptAt: new Date(this.d.now().getTime() + backoffMs(attempts)),
      });
      return 'retrying';
    }
    if (!outcome.issued) {
      await this.audit(subject, 'failure', { ...auditDetail, reason: 'refused' });
      const done = await repo.recordAttempt(this.d.db, seen, {
        state: 'failed',
        lastError: `${departmentName}不予发证：${outcome.reason}`,
      });
      return done ? 'failed' : undefined;
    }
    await this.audit(subject, 'success', auditDetail);
    const done = await repo.recordAttempt(this.d.db, seen, {
      state: 'issued',
      result: { message: outcome.message, reference: outcome.reference },
    });
    if (!done) return undefined;
    const serviceName = this.d.catalog.current.findService(c.service_id)?.name ?? c.service_id;
    const notice = {
      kind: 'case-update' as const,
      dedupeKey: `case:${c.id}:fulfilment`,
      title: `${entry.what}已${entry.verb ?? '制发'}`,
      body: `${outcome.message}（${serviceName}，办件编号：${c.case_number}）`,
      link: `/cases/${c.id}`,
      occurredAt: this.d.now(),
    };
    // The agent's copy says whose it is (the department's words speak to the holder); the principal's who applied.
    await this.d.notifications.deliver(
      onBehalfCopies(c, principal, {
        own: (accountId) => ({ ...notice, accountId }),
        agent: (accountId, applicantNameMasked) => ({
          ...notice,
          accountId,
          title: agentTitle(`${applicantNameMasked}的${notice.title}`),
          body: `您为${applicantNameMasked}代办的申请：${notice.body}`.slice(0, 1000),
        }),
        principal: (accountId, agentNameMasked) => ({
          ...notice,
          accountId,
          body: principalBody(notice.body, agentNameMasked),
        }),
      }),
    );
    return 'issued';
  }

  /** The applicant's data went to the department on the platform's behalf: audited with them as the subject. */
  private audit(subject: string, result: 'success' | 'failure', detail: Record<string, unknown>) {
    return this.d.audit
      .record({ action: 'case.fulfilment', result, actorKind: 'system', subjectAccountId: subject, detail })
      .catch((err) => this.d.log.warn({ err }, 'case fulfilment audit failed'));
  }
}
