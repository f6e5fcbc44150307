-- Background jobs that exactly one server copy may run at a time (the credit change poller): a lease row per
-- job. A copy takes the lease when it is free or expired (one conditional upsert, on PGlite and PostgreSQL
-- alike), renews it on every run and gives it up when it stops; a crashed holder's lease simply expires.
-- `state` is the job's progress (the poller's cursor), kept with the lease so the next holder continues.
create table job_leases (
  name text primary key check (length(name) between 1 and 100),
  holder text not null check (length(holder) between 1 and 200),
  expires_at timestamptz not null,
  state jsonb not null default '{}'::jsonb,
  updated_at timestamptz not null default now()
);
