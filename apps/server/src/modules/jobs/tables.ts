import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the jobs module (migrations/0032_jobs_leases.sql). */
export interface JobTables {
  job_leases: {
    name: string;
    holder: string;
    expires_at: Date;
    state: ColumnType<Record<string, unknown>, string | undefined, string>;
    updated_at: Generated<Date>;
  };
}
