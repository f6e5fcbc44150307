import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface HeldLease {
  /** The job's saved state (the previous holder's progress, or {}). */
  state: Record<string, unknown>;
}

/**
 * A lease row per background job so that exactly one server copy runs it at a time (PGlite and PostgreSQL
 * alike: one conditional upsert, the database's clock decides expiry). The holder renews it on every run;
 * another copy takes it over only once it has expired or been released.
 */
export class JobLease {
  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Take or renew the lease; null when another holder's lease is still running. */
  async acquire(): Promise<HeldLease | null> {
    const row = await sql<{ state: Record<string, unknown> | string }>`
      insert into job_leases (name, holder, expires_at)
      values (${this.name}, ${this.holder}, now() + ${this.ttlMs} * interval '1 millisecond')
      on conflict (name) do update
        set holder = excluded.holder, expires_at = excluded.expires_at, updated_at = now()
        where job_leases.holder = excluded.holder or job_leases.expires_at <= now()
      returning state`
      .execute(this.db)
      .then((r) => r.rows[0]);
    if (!row) return null;
    return { state: typeof row.state === 'string' ? JSON.parse(row.state) : row.state };
  }

  /** Save the job's progress, only while still holding the lease; false when it was lost meanwhile. */
  async save(state: Record<string, unknown>): Promise<boolean> {
    const rows = await this.db
      .updateTable('job_leases')
      .set({
        state: JSON.stringify(state),
        expires_at: sql<Date>`now() + ${this.ttlMs} * interval '1 millisecond'`,
        updated_at: sql<Date>`now()`,
      })
      .where('name', '=', this.name)
      .where('holder', '=', this.holder)
      .returning('name')
      .execute();
    return rows.length > 0;
  }

  /** Give the lease up now (the state stays for the next holder). */
  async release(): Promise<void> {
    await this.db
      .updateTable('job_leases')
      .set({ expires_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('name', '=', this.name)
      .where('holder', '=', this.holder)
      .execute();
  }
}

/** A lease holder's name for this server copy: host, process and a random suffix (two jobs of one process differ). */
export function leaseHolderName(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
