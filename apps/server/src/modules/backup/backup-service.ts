import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { JobLease, leaseHolderName, PeriodicJob } from '../jobs/index.js';
import { BackupError } from './backup-file.js';
import * as repo from './repository.js';
import { verifyBackup } from './verify-backup.js';
import { writeBackup } from './write-backup.js';

declare module 'fastify' {
  interface FastifyInstance {
    backups: BackupService;
  }
}

export const BACKUP_JOB = 'backup';
/** The schedule looks this often whether a backup is due (restarts then never skip one). */
const TICK_MS = 15 * 60_000;
/** A run still `running` after this long belongs to a process that ended. */
const ABANDONED_AFTER_MS = 6 * 3600_000;

export interface BackupServiceOptions {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The current data key: new backups are encrypted with a key derived from it. */
  dataKey: Buffer;
  /** Keys that only open (a rotation): backups made before it are still checked with them. */
  decryptionKeys?: readonly Buffer[];
  dir: string;
  keep: number;
  /** Time between scheduled backups; 0: none. */
  intervalMs: number;
  log: FastifyBaseLogger;
  now?: () => Date;
  holder?: string;
}

export type BackupTrigger = { kind: 'schedule' } | { kind: 'console'; staffAccountId: string } | { kind: 'cli' };

/** `yss-20261128T033000Z-1a2b3c4d.yssbak`: sorts by time, unique, safe on every file system. */
export function backupFileName(at: Date, id: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `yss-${stamp}-${id.slice(0, 8)}.yssbak`;
}

/**
 * H2 数据的备份及恢复, the running side: backups on a schedule (one server copy at a time, under a lease; due when the
 * newest successful backup is older than the interval, so restarts never skip one), on demand from the console or
 * the CLI, each recorded in backup_runs; the newest `keep` files kept, older ones removed; 校验 of a kept file.
 */
export class BackupService {
  private readonly job: PeriodicJob<repo.BackupRunRow | null>;
  private readonly now: () => Date;
  /** Backups of this process one after another (a console click during the scheduled one waits for it). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: BackupServiceOptions) {
    this.now = o.now ?? (() => new Date());
    const lease = new JobLease(o.db, BACKUP_JOB, o.holder ?? leaseHolderName(), 2 * ABANDONED_AFTER_MS);
    this.job = new PeriodicJob({
      name: 'scheduled backup',
      intervalMs: o.intervalMs > 0 ? Math.min(o.intervalMs, TICK_MS) : 0,
      lease,
      log: o.log,
      work: async () => {
        if (o.intervalMs <= 0 || !(await lease.acquire())) return null;
        return this.runIfDue();
      },
    });
  }

  get directory(): string {
    return this.o.dir;
  }

  get scheduleMs(): number {
    return this.o.intervalMs;
  }

  get keep(): number {
    return this.o.keep;
  }

  start() {
    this.job.start();
  }

  /** Stop the schedule and let a backup already going finish (the database closes after this). */
  async stop() {
    await this.job.stop();
    await this.chain.catch(() => undefined);
  }

  /** The schedule's check, now (tests; the timer calls the same). */
  scheduledRunNow(): Promise<repo.BackupRunRow | null> {
    return this.job.runNow();
  }

  private async runIfDue(): Promise<repo.BackupRunRow | null> {
    if (this.o.intervalMs <= 0) return null;
    const last = await repo.lastSuccessfulBackupAt(this.o.db);
    if (last && this.now().getTime() - last.getTime() < this.o.intervalMs) return null;
    return this.backUp({ kind: 'schedule' });
  }

  /** Write a backup now; resolves with its finished run (status failed, with the reason, if it failed). */
  async backUp(trigger: BackupTrigger): Promise<repo.BackupRunRow> {
    return (await this.startBackUp(trigger)).done;
  }

  /**
   * Record the run (status running) and write the backup behind it, after any backup of this process still
   * going. The console answers with the running run at once and polls (a large database takes minutes).
   */
  async startBackUp(trigger: BackupTrigger): Promise<{ run: repo.BackupRunRow; done: Promise<repo.BackupRunRow> }> {
    const db = this.o.db;
    const startedAt = this.now();
    await repo.failAbandonedRuns(db, new Date(startedAt.getTime() - ABANDONED_AFTER_MS), startedAt);
    const id = randomUUID();
    await repo.insertRun(db, {
      id,
      kind: 'backup',
      trigger: trigger.kind,
      staff_account_id: trigger.kind === 'console' ? trigger.staffAccountId : null,
      status: 'running',
      file_name: backupFileName(startedAt, id),
      started_at: startedAt,
    });
    const run = (await repo.findRun(db, id)) as repo.BackupRunRow;
    const done = this.chain.catch(() => undefined).then(() => this.write(run));
    this.chain = done;
    done.catch((err) => this.o.log.error({ err, file: run.file_name }, 'backup run could not be recorded'));
    return { run, done };
  }

  private async write(run: repo.BackupRunRow): Promise<repo.BackupRunRow> {
    const db = this.o.db;
    try {
      await mkdir(this.o.dir, { recursive: true, mode: 0o700 });
      const summary = await writeBackup(db, {
        file: path.join(this.o.dir, run.file_name),
        dataKey: this.o.dataKey,
        engine: this.o.engine,
        now: run.started_at,
      });
      await repo.finishRun(db, run.id, {
        status: 'succeeded',
        finished_at: this.now(),
        bytes: summary.bytes,
        tables: summary.tables,
        row_count: summary.rows,
      });
      this.o.log.info(
        { file: run.file_name, bytes: summary.bytes, tables: summary.tables, rows: summary.rows },
        'backup written',
      );
      await this.prune();
    } catch (err) {
      // The reason for the operator; database errors of a read-only dump name tables, never row values.
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      this.o.log.error({ err, file: run.file_name }, 'backup failed');
      await repo.finishRun(db, run.id, { status: 'failed', finished_at: this.now(), error: reason });
    }
    return (await repo.findRun(db, run.id)) as repo.BackupRunRow;
  }

  /** Keep the newest `keep` successful backups; remove the files of older ones (only files this service wrote). */
  private async prune(): Promise<void> {
    const kept = await repo.keptBackups(this.o.db);
    for (const old of kept.slice(this.o.keep)) {
      await rm(path.join(this.o.dir, old.file_name), { force: true });
      await repo.markPruned(this.o.db, old.id, this.now());
    }
  }

  list(limit = 50): Promise<repo.BackupRunRow[]> {
    return repo.listRuns(this.o.db, limit);
  }

  find(id: string): Promise<repo.BackupRunRow | undefined> {
    return repo.findRun(this.o.db, id);
  }

  /** 校验: read the kept file back in full (tag, record order, checksums); the result is recorded on the run. */
  async verify(run: repo.BackupRunRow): Promise<NonNullable<repo.BackupRunRow['verify_result']>> {
    const file = path.join(this.o.dir, run.file_name);
    let result: NonNullable<repo.BackupRunRow['verify_result']>;
    if (!existsSync(file)) {
      result = 'missing';
    } else {
      try {
        const verified = await verifyBackup(file, [this.o.dataKey, ...(this.o.decryptionKeys ?? [])]);
        result = verified.rows === run.row_count && verified.tables === run.tables ? 'ok' : 'damaged';
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        result = err.code === 'BACKUP_WRONG_KEY' ? 'wrong-key' : 'damaged';
      }
    }
    await repo.recordVerification(this.o.db, run.id, result, this.now());
    return result;
  }
}

/** A restore done by the CLI, recorded in the restored database (whose own backup history was not in the file). */
export async function recordRestore(
  db: Db,
  o: { fileName: string; startedAt: Date; finishedAt: Date; tables: number; rows: number },
): Promise<void> {
  await repo.insertRun(db, {
    id: randomUUID(),
    kind: 'restore',
    trigger: 'cli',
    staff_account_id: null,
    status: 'succeeded',
    file_name: o.fileName,
    started_at: o.startedAt,
    finished_at: o.finishedAt,
    tables: o.tables,
    row_count: o.rows,
  });
}
