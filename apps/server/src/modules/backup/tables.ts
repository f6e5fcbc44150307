import type { ColumnType } from 'kysely';

/** Tables owned by the backup module (migrations/0073_backup_runs.sql). */
export interface BackupTables {
  backup_runs: {
    id: string;
    kind: 'backup' | 'restore';
    trigger: 'schedule' | 'console' | 'cli';
    staff_account_id: string | null;
    status: 'running' | 'succeeded' | 'failed';
    file_name: string;
    started_at: Date;
    finished_at: Date | null;
    /** bigint: read as a number (the pg type parser; PGlite gives numbers too). */
    bytes: ColumnType<number | null, number | null | undefined, number | null>;
    tables: number | null;
    row_count: ColumnType<number | null, number | null | undefined, number | null>;
    error: string | null;
    verified_at: Date | null;
    verify_result: 'ok' | 'damaged' | 'missing' | 'wrong-key' | null;
    pruned_at: Date | null;
  };
}
