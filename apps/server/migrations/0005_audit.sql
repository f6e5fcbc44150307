-- Audit module: an append-only, hash-chained log of logins, denied access and every personal-data read or
-- service action. Each row's hash covers the previous row's hash, so removing or editing a row breaks the
-- chain; updates and deletes are refused by a trigger.
create table audit_log (
  seq bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_account_id uuid,
  actor_kind text not null check (actor_kind in ('citizen', 'agent', 'staff', 'system', 'anonymous')),
  subject_account_id uuid,
  action text not null,
  result text not null check (result in ('success', 'denied', 'failure')),
  detail jsonb not null default '{}',
  request_id text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_subject_idx on audit_log (subject_account_id, seq desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
