// H2 数据的备份及恢复 (docs/backup.md). The module's own table is backup_runs (repository.ts); inventory.ts and
// table-dump.ts read the database's catalog and every table, as a backup must.
export { BackupError, readBackupHeader } from './backup-file.js';
export { BackupService, type BackupTrigger, backupFileName, recordRestore } from './backup-service.js';
export { BACKUP_DEPARTMENT_ID, backupConsoleRoutes } from './console-routes.js';
export { type RestoreSummary, restoreBackup } from './restore-backup.js';
export { type VerifiedBackup, verifyBackup } from './verify-backup.js';
export { type BackupSummary, writeBackup } from './write-backup.js';
