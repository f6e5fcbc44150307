-- Backup module (H2: 数据的备份及恢复): one row per backup written (by the schedule, from the console or the CLI)
-- and per restore. The files themselves live in BACKUP_DIR; this is what the console's 数据备份 lists. Not itself
-- backed up (a backup would hold its own row as still running); a restore writes a row of its own instead.
create table backup_runs (
  id uuid primary key,
  kind text not null check (kind in ('backup', 'restore')),
  trigger text not null check (trigger in ('schedule', 'console', 'cli')),
  staff_account_id uuid references staff_accounts (id),
  status text not null check (status in ('running', 'succeeded', 'failed')),
  file_name text not null check (file_name ~ '^[A-Za-z0-9._-]{1,200}$'),
  started_at timestamptz not null,
  finished_at timestamptz,
  bytes bigint,
  tables integer,
  row_count bigint,
  error text,
  -- the last 校验 (read the whole file back, check its tag and checksums)
  verified_at timestamptz,
  verify_result text check (verify_result in ('ok', 'damaged', 'missing', 'wrong-key')),
  -- when the retention rule removed the file (BACKUP_KEEP)
  pruned_at timestamptz
);
create index backup_runs_started_idx on backup_runs (started_at desc);
