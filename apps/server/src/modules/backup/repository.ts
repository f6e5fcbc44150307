import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { BackupTables } from './tables.js';

export type BackupRunRow = Selectable<BackupTables['backup_runs']>;

export async function insertRun(
  db: Db,
  run: Pick<BackupRunRow, 'id' | 'kind' | 'trigger' | 'staff_account_id' | 'status' | 'file_name' | 'started_at'> &
    Partial<BackupRunRow>,
): Promise<void> {
  await db.insertInto('backup_runs').values(run).execute();
}

export async function finishRun(
  db: Db,
  id: string,
  outcome: Pick<BackupRunRow, 'status' | 'finished_at'> &
    Partial<Pick<BackupRunRow, 'bytes' | 'tables' | 'row_count' | 'error'>>,
): Promise<void> {
  await db.updateTable('backup_runs').set(outcome).where('id', '=', id).execute();
}

export async function findRun(db: Db, id: string): Promise<BackupRunRow | undefined> {
  return db.selectFrom('backup_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRuns(db: Db, limit: number): Promise<BackupRunRow[]> {
  return db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}

/** When the newest successful backup started (the schedule counts from it). */
export async function lastSuccessfulBackupAt(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('backup_runs')
    .select('started_at')
    .where('kind', '=', 'backup')
    .where('status', '=', 'succeeded')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at;
}

/** Successful backups whose file is still kept, newest first. */
export async function keptBackups(db: Db): Promise<BackupRunRow[]> {
  return db
    .selectFrom('backup_runs')
    .selectAll()
    .where('kind', '=', 'backup')
    .where('status', '=', 'succeeded')
    .where('pruned_at', 'is', null)
    .orderBy('started_at', 'desc')
    .execute();
}

export async function markPruned(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('backup_runs').set({ pruned_at: at }).where('id', '=', id).execute();
}

export async function recordVerification(
  db: Db,
  id: string,
  result: NonNullable<BackupRunRow['verify_result']>,
  at: Date,
): Promise<void> {
  await db.updateTable('backup_runs').set({ verify_result: result, verified_at: at }).where('id', '=', id).execute();
}

/** Runs that never finished: their process ended mid-way (a crash, a restart). */
export async function failAbandonedRuns(db: Db, startedBefore: Date, at: Date): Promise<number> {
  const rows = await db
    .updateTable('backup_runs')
    .set({ status: 'failed', finished_at: at, error: '备份进程中断（服务器在备份完成前停止）' })
    .where('status', '=', 'running')
    .where('started_at', '<', startedBefore)
    .returning('id')
    .execute();
  return rows.length;
}
